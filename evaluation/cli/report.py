"""`evaluation report`: activity figures for funders, as text, CSV or PDF."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import click

from evaluation.cli.context import Context
from evaluation.cli.dates import day, period
from evaluation.cli.help import Command
from evaluation.cli.params import TEXT
from evaluation.cli.texts import h


@click.command(
    "report",
    cls=Command,
    help=h("cli.report.help"),
    epilog=h(
        "cli.example",
        example="evaluation report --from 2026-01-01 --to 2026-06-30 --output rapport.pdf",
    ),
)
@period
@click.option("--place", "places", type=TEXT, multiple=True, help=h("cli.opt.place"))
@click.option("--mediator", "mediators", type=TEXT, multiple=True, help=h("cli.opt.mediator"))
@click.option(
    "--output", type=click.Path(dir_okay=False, path_type=Path), help=h("cli.opt.report_output")
)
@click.pass_obj
def command(
    ctx: Context,
    start: datetime | None,
    end: datetime | None,
    places: tuple[str, ...],
    mediators: tuple[str, ...],
    output: Path | None,
) -> None:
    from evaluation.operations.reports import kind_of, labels, report, write_report
    from evaluation.structure.figures import Filters

    if output is not None:
        kind_of(output)  # a wrong suffix is said before any work
    workspace = ctx.open()
    filters = Filters(day(start), day(end), places, mediators)
    if output is not None:
        figures = write_report(workspace, filters, output, ctx.t)
        ctx.say("report.written_cli", path=output, count=figures.interviews)
        return
    figures = report(workspace, filters)
    words = labels(workspace.library, ctx.t)
    ctx.say("report.total", count=figures.interviews, minutes=round(figures.minutes))
    if figures.unscored:
        ctx.say("report.unscored", count=figures.unscored)
    for key, counts in (
        ("report.by_place", figures.by_place),
        ("report.autonomie", figures.autonomie),
        ("report.proposed", figures.proposed[:5]),
    ):
        shown = ", ".join(f"{words.get(k, k) or '—'} {n}" for k, n in counts) or "—"
        ctx.say("report.line", title=ctx.t(key), values=shown)
    activity = tuple(done.said() for done in figures.mediators)
    ctx.say("report.line", title=ctx.t("report.by_mediator"), values=activity or "—")
    ctx.say("report.returns", count=figures.returns, total=figures.interviews)
