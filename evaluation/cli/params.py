"""Parameter types shared by the commands, each naming in the reader's words what to type.

A parameter's placeholder in the help (its metavar) is the catalogue's `cli.metavar.<name>`
when there is one (« IDENTIFIANT » for `interview_id`), else the type's own word.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from evaluation.cli.texts import h, t


def named(param: click.Parameter, fallback: str | None) -> str | None:
    """The catalogue's placeholder for this parameter, else `fallback`."""
    key = f"cli.metavar.{param.name}"
    return t()(key) if t().has(key) else fallback


class Text(click.types.StringParamType):
    """Words typed on the command line (a place, an interview id): refused when they are
    not text at all (bytes of another encoding reach Python as lone surrogates, which
    SQLite and the terminal cannot take)."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        text = super().convert(value, param, ctx)
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:
            self.fail(t()("cli.not_text"), param, ctx)
        return text

    def get_metavar(self, param: click.Parameter, ctx: click.Context) -> str | None:
        return named(param, t()("cli.metavar.text"))


class Number(click.IntRange):
    """A whole number between `min` and `max`, said so in words."""

    def get_metavar(self, param: click.Parameter, ctx: click.Context) -> str | None:
        return named(param, t()("cli.metavar.number"))

    def _describe_range(self) -> str:
        if self.max is None:
            return t()("cli.range.from", min=self.min)
        return t()("cli.range", min=self.min, max=self.max)


class Location(click.Path):
    """A file or folder (`click.Path`), its placeholder named after the parameter."""

    def __init__(self, **options: Any) -> None:
        super().__init__(path_type=Path, **options)

    def get_metavar(self, param: click.Parameter, ctx: click.Context) -> str | None:
        return named(param, None)


TEXT = Text()

# A questionnaire's version number, for the commands that take one (the newest by default).
version_option = click.option(
    "--version", type=Number(1, 10**6), help=h("cli.opt.questionnaire_version")
)
