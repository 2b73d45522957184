"""`evaluation sheet ID`: write (and print) the visitor's skills sheet."""

from __future__ import annotations

from pathlib import Path

import click

from evaluation.cli.context import Context
from evaluation.cli.help import Command
from evaluation.cli.params import TEXT
from evaluation.cli.texts import h


@click.command(
    "sheet",
    cls=Command,
    help=h("cli.sheet.help"),
    epilog=h("cli.example", example="evaluation sheet 3f2c --large --output fiche.pdf --print"),
)
@click.argument("interview_id", type=TEXT)
@click.option(
    "--output", type=click.Path(dir_okay=False, path_type=Path), help=h("cli.opt.sheet_output")
)
@click.option("--print", "to_printer", is_flag=True, help=h("cli.opt.print"))
@click.option("--large", is_flag=True, help=h("cli.opt.large"))
@click.pass_obj
def command(
    ctx: Context, interview_id: str, output: Path | None, to_printer: bool, large: bool
) -> None:
    from evaluation.operations.interviews import find, load
    from evaluation.operations.sheets import print_sheet, write_sheet

    workspace = ctx.open()
    session = load(workspace, find(workspace, interview_id))
    path = write_sheet(session, output, large=large)
    ctx.written(path, print_sheet if to_printer else None, "sheet.not_printed")
