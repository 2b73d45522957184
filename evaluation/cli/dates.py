"""Date options shared by the commands that cover a period (local days)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any, TypeVar

import click

from evaluation.cli.texts import h, t

F = TypeVar("F", bound=Callable[..., Any])


class Day(click.DateTime):
    """A local day, typed YYYY-MM-DD and shown as the reader writes it (« AAAA-MM-JJ »)."""

    def __init__(self) -> None:
        super().__init__(["%Y-%m-%d"])

    def get_metavar(self, param: click.Parameter, ctx: click.Context) -> str:
        return t()("cli.metavar.day")


def period(command: F) -> F:
    """`--from` and `--to`: the first and last local days, YYYY-MM-DD, both included."""
    to = click.option("--to", "end", type=Day(), help=h("cli.opt.to"))
    since = click.option("--from", "start", type=Day(), help=h("cli.opt.from"))
    return since(to(command))


def day(value: datetime | None) -> date | None:
    return value.date() if value is not None else None
