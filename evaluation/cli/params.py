"""Parameter types shared by the commands."""

from __future__ import annotations

from typing import Any

import click

from evaluation.cli.texts import h, t


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


TEXT = Text()

# A questionnaire's version number, for the commands that take one (the newest by default).
version_option = click.option(
    "--version", type=click.IntRange(1, 10**6), help=h("cli.opt.questionnaire_version")
)
