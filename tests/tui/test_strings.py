"""French and English interface texts cover the same keys with the same placeholders."""

from __future__ import annotations

import string

from evaluation.tui.strings import EN, FR


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_english_has_every_french_text_with_the_same_placeholders() -> None:
    assert set(EN) == set(FR)
    for key, french in FR.items():
        assert fields(EN[key]) == fields(french), key
