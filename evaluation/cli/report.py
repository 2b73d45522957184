"""`evaluation report`: activity figures for funders, as text, CSV or PDF."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from evaluation.cli.context import Context, UserError
from evaluation.cli.export import iso, period
from evaluation.cli.sessions import open_store_workspace


@click.command(
    "report",
    epilog="Example: evaluation report --from 2026-01-01 --to 2026-06-30 --output rapport.pdf",
)
@period[0]
@period[1]
@click.option("--place", "places", multiple=True, help="Only this place (repeatable).")
@click.option("--mediator", "mediators", multiple=True, help="Only this mediator (repeatable).")
@click.option(
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write FILE.pdf (with charts) or FILE.csv; without it, a summary is printed.",
)
@click.pass_obj
def command(
    ctx: Context,
    start: date | None,
    end: date | None,
    places: tuple[str, ...],
    mediators: tuple[str, ...],
    output: Path | None,
) -> None:
    """Interviews by day, week and place, levels per competence, next steps most often
    proposed, CRA autonomie, age bands and communes: counts only, never one person."""
    from evaluation.store.scores import refresh_scores
    from exports.report import Filters, build_report, labels, level_order, report_csv

    if output is not None and output.suffix.lower() not in {".pdf", ".csv"}:
        raise UserError(f"{output}: the report is written as .pdf or .csv")
    workspace = open_store_workspace(ctx)
    refresh_scores(workspace.store, workspace.published_for)
    report = build_report(workspace.store, Filters(iso(start), iso(end), places, mediators))
    words = labels(workspace.library)
    if output is None:
        click.echo(f"interviews: {report.interviews} (mean {report.minutes:.0f} min)")
        if report.unscored:
            click.echo(f"without levels (questionnaire version not installed): {report.unscored}")
        for title, counts in (("by place", report.by_place), ("autonomie", report.autonomie),
                              ("next steps proposed", report.proposed[:5])):  # fmt: skip
            click.echo(f"{title}: " + ", ".join(f"{words.get(k, k) or '—'} {n}" for k, n in counts))
        return
    if output.suffix.lower() == ".csv":
        data = report_csv(report).encode("utf-8")
    else:
        from exports.report_pdf import render_report

        title = workspace.store.settings().structure.name or "Diagnostics numériques"
        data = render_report(report, words, level_order(workspace.library), title, date.today())
    try:
        output.write_bytes(data)
    except OSError as exc:
        raise UserError(f"{output}: cannot write ({exc.strerror})") from None
    click.echo(f"report written to {output} ({report.interviews} interviews)")
