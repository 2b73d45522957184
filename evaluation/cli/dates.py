"""Date options shared by the commands that cover a period (local days)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any, TypeVar

import click

from evaluation.cli.texts import h

F = TypeVar("F", bound=Callable[..., Any])


def period(command: F) -> F:
    """`--from` and `--to`: the first and last local days, YYYY-MM-DD, both included."""
    to = click.option("--to", "end", type=click.DateTime(["%Y-%m-%d"]), help=h("cli.opt.to"))
    since = click.option(
        "--from", "start", type=click.DateTime(["%Y-%m-%d"]), help=h("cli.opt.from")
    )
    return since(to(command))


def day(value: datetime | None) -> date | None:
    return value.date() if value is not None else None
