"""The one door from the command line to the terminal: every line made printable.

Texts from outside (a file name on a key, a place name from a bundle, a value quoted in
an error) may hold escape sequences that a terminal would obey (retitle the window, clear
the screen, rewrite a line). Each line is written out through `printable`; the line
breaks between lines are the app's own.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from evaluation.french_text import printable_json, printable_lines

if TYPE_CHECKING:
    pass


def echo(text: str = "", *, err: bool = False, nl: bool = True, again: bool = False) -> None:
    """Show `text` (on stderr with `err`); `again` rewrites the current line in place."""
    import click  # here: `evaluation` alone starts the app without it

    shown = printable_lines(text)
    click.echo(f"\r{shown}" if again else shown, nl=nl, err=err)


def echo_json(data: object) -> None:
    """`data` as indented JSON, its texts kept as they are but never obeyed."""
    import click

    click.echo(printable_json(json.dumps(data, ensure_ascii=False, indent=2)))
