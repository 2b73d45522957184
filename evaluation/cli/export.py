"""`evaluation export cra`: the interviews as activities of La Coop's CRA."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from evaluation.cli.context import Context, UserError
from evaluation.cli.sessions import open_store_workspace

period = [
    click.option(
        "--from", "start", type=click.DateTime(["%Y-%m-%d"]), help="First day (YYYY-MM-DD)."
    ),
    click.option("--to", "end", type=click.DateTime(["%Y-%m-%d"]), help="Last day (YYYY-MM-DD)."),
]


def iso(day: date | None) -> str | None:
    return day.strftime("%Y-%m-%d") if day is not None else None


@click.group("export")
def group() -> None:
    """Exports for other tools."""


@group.command("cra", epilog="Example: evaluation export cra --from 2026-01-01 --output cra.csv")
@click.option(
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="The CSV file to write.",
)
@period[0]
@period[1]
@click.pass_obj
def cra(ctx: Context, output: Path, start: date | None, end: date | None) -> None:
    """One CSV row per finished interview, in the fields and values of the CRA.

    type, date, duree (real duration in minutes), typeLieu, the place's postcode and
    commune, autonomie, materiel, thematiques, orienteVersStructure,
    structureDeRedirection, and the visitor's genre, trancheAge, statutSocial, commune
    when given (anonyme otherwise).
    """
    from evaluation.store.scores import refresh_scores
    from exports.cra import cra_csv, cra_rows

    workspace = open_store_workspace(ctx)
    refresh_scores(workspace.store, workspace.published_for)
    rows = cra_rows(workspace.store, iso(start), iso(end))
    try:
        output.write_text(cra_csv(rows), encoding="utf-8")
    except OSError as exc:
        raise UserError(f"{output}: cannot write ({exc.strerror})") from None
    click.echo(f"{len(rows)} activities written to {output}")
    unscored = workspace.store.query(
        "SELECT COUNT(*) AS n FROM interviews i LEFT JOIN scores s ON s.interview_id = i.id"
        " WHERE i.stage = 'finished' AND s.interview_id IS NULL"
    )[0]["n"]
    if unscored:
        click.echo(
            f"{unscored} finished interview(s) left out: their questionnaire version is not"
            " installed here (see `evaluation questionnaires list`)",
            err=True,
        )
