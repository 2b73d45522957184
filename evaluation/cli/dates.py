"""Date options shared by the commands that cover a period (local days)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time
from typing import Any, TypeVar

import click

from evaluation.cli.texts import h, t
from evaluation.machine.clock import typed_day

F = TypeVar("F", bound=Callable[..., Any])


class Day(click.ParamType):  # type: ignore[type-arg]
    """A local day, typed as the TUI's report takes it (`typed_day`: JJ/MM/AAAA or
    AAAA-MM-JJ), one parser for both faces."""

    name = "day"

    def convert(
        self, value: Any, param: click.Parameter | None, ctx: click.Context | None
    ) -> datetime:
        if isinstance(value, datetime):
            return value
        try:
            return datetime.combine(typed_day(str(value).strip()), time())
        except ValueError:
            self.fail(t()("report.bad_date", value=value), param, ctx)

    def get_metavar(self, param: click.Parameter, ctx: click.Context) -> str:
        return t()("cli.metavar.day")


def period(command: F) -> F:
    """`--from` and `--to`: the first and last local days, both included."""
    to = click.option("--to", "end", type=Day(), help=h("cli.opt.to"))
    since = click.option("--from", "start", type=Day(), help=h("cli.opt.from"))
    return since(to(command))


def day(value: datetime | None) -> date | None:
    return value.date() if value is not None else None
