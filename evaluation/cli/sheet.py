"""`evaluation sheet ID`: write (and print) the visitor's skills sheet."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from evaluation.cli.context import Context, UserError
from evaluation.cli.sessions import find_interview, open_store_workspace


@click.command("sheet", epilog="Example: evaluation sheet 3f2c --output fiche.pdf --print")
@click.argument("interview_id")
@click.option(
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Where to write the PDF (default: exports/ in the data folder).",
)
@click.option("--print", "to_printer", is_flag=True, help="Send it to the default printer (lp).")
@click.pass_obj
def command(ctx: Context, interview_id: str, output: Path | None, to_printer: bool) -> None:
    """Write the skills sheet (fiche de compétences) of one interview as PDF."""
    from evaluation.session import Session
    from exports.sheet import print_pdf, render_sheet, sheet_content, write_sheet

    workspace = open_store_workspace(ctx)
    session = Session.load(workspace, find_interview(workspace, interview_id))
    if session.published is None:
        raise UserError(session.missing_message())
    structure = workspace.store.settings().structure
    try:
        if output is None:
            path = write_sheet(session, structure, ctx.folder.exports)
        else:
            day = date.fromisoformat(session.record.started_at[:10])
            output.parent.mkdir(parents=True, exist_ok=True)
            output.write_bytes(render_sheet(sheet_content(session, structure, day)))
            path = output
    except OSError as exc:
        raise UserError(f"cannot write the sheet ({exc.strerror}: {exc.filename})") from None
    click.echo(str(path))
    if to_printer:
        problem = print_pdf(path)
        if problem is not None:
            raise UserError(f"{problem}; the sheet is at {path}")
