"""Bindings whose descriptions are text keys, translated when a screen is created."""

from __future__ import annotations

import dataclasses

from textual.dom import DOMNode

from evaluation.tui.strings import tr


def translate_bindings(node: DOMNode, lang: str) -> None:
    """Replace each binding description (a key of `strings`) by its text in `lang`."""
    for key, bindings in node._bindings.key_to_bindings.items():
        node._bindings.key_to_bindings[key] = [
            dataclasses.replace(b, description=tr(lang, b.description))
            if b.description.startswith("key.")
            else b
            for b in bindings
        ]
