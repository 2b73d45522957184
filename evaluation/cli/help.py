"""How every command's help is written: in the reader's language, click's layout kept.

Every group and command of `evaluation` is one of these classes (the groups hand them
down to the commands they declare), so a help page is produced one way: headings with
the language's own colon (« Options : »), each command's description in full (click cuts
it with « ... »), and the parameter types of `params.py`, which name what to type in
the reader's words (« FICHIER », « AAAA-MM-JJ ») instead of click's `TEXT` or
`INTEGER RANGE`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

import click

from evaluation.cli.texts import t
from evaluation.french_text import typeset

_EXTRAS = re.compile(r"(?<=[^\s]); ")


class Formatter(click.HelpFormatter):
    """Click's layout with the language's punctuation, set before lines are wrapped (click
    wraps at plain spaces only, so a no-break space holds)."""

    def write_heading(self, heading: str) -> None:
        self.write(f"{'':>{self.current_indent}}{t()('cli.heading', heading=heading)}\n")

    def write_dl(
        self, rows: Iterable[tuple[str, str]], col_max: int = 30, col_spacing: int = 2
    ) -> None:
        # click joins an option's extras (default, range) with "; ", its own punctuation
        separator = t()("cli.extras_separator")
        set_rows = [(first, _set(_EXTRAS.sub(separator, second))) for first, second in rows]
        super().write_dl(set_rows, col_max, col_spacing)

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, _set(args), prefix)

    def write_text(self, text: str) -> None:
        super().write_text(_set(text))


def _set(text: str) -> str:
    return typeset(text, t().lang)


class Context(click.Context):
    formatter_class = Formatter


def short_help(command: click.Command) -> str:
    """The first sentence of the help, whole: the command list wraps it."""
    if command.short_help:
        return command.short_help
    first = " ".join((command.help or "").split()).split(". ")[0]
    return first.removesuffix(".")


class Command(click.Command):
    context_class = Context

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("options_metavar", t()("cli.usage.options"))
        super().__init__(*args, **kwargs)

    def get_short_help_str(self, limit: int = 45) -> str:
        return short_help(self)


class Group(click.Group):
    context_class = Context
    command_class = Command
    group_class = type  # a group declared inside a group is of the same class

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("options_metavar", t()("cli.usage.options"))
        optional = kwargs.get("invoke_without_command", False)
        kwargs.setdefault(
            "subcommand_metavar",
            t()("cli.usage.command_optional" if optional else "cli.usage.command"),
        )
        super().__init__(*args, **kwargs)

    def get_short_help_str(self, limit: int = 45) -> str:
        return short_help(self)
