"""`evaluation export cra`: the interviews as activities of La Coop's CRA."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import click

from evaluation.cli.context import Context
from evaluation.cli.dates import day, period
from evaluation.cli.help import Group
from evaluation.cli.texts import h


@click.group(
    cls=Group,
    name="export",
    help=h("cli.export.help"),
    epilog=h(
        "cli.example",
        example="evaluation export cra --from 2026-01-01 --to 2026-03-31 --output cra.csv",
    ),
)
def group() -> None:
    pass


@group.command(
    "cra",
    help=h("cli.export.cra.help"),
    epilog=h("cli.example", example="evaluation export cra --from 2026-01-01 --output cra.xlsx"),
)
@click.option(
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help=h("cli.opt.cra_output"),
)
@period
@click.pass_obj
def cra(ctx: Context, output: Path, start: datetime | None, end: datetime | None) -> None:
    from evaluation.operations.reports import export_cra

    done = export_cra(ctx.open(), output, day(start), day(end), ctx.progress("cra.progress"))
    ctx.say("cra.written", count=done.rows, path=output)
    if done.unscored:
        ctx.warn("cra.unscored", count=done.unscored)
