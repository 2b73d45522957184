"""`evaluation aide-memoire`: the mediator's two-page aide-mémoire, as a PDF."""

from __future__ import annotations

from pathlib import Path

import click

from evaluation.cli.context import Context
from evaluation.cli.help import Command
from evaluation.cli.texts import h


@click.command(
    "aide-memoire",
    cls=Command,
    help=h("cli.aide_memoire.help"),
    epilog=h("cli.example", example="evaluation aide-memoire --output aide-memoire.pdf --print"),
)
@click.option(
    "--output", type=click.Path(dir_okay=False, path_type=Path), help=h("cli.opt.memo_output")
)
@click.option("--print", "to_printer", is_flag=True, help=h("cli.opt.print"))
@click.pass_obj
def command(ctx: Context, output: Path | None, to_printer: bool) -> None:
    from evaluation.operations.aide_memoire import print_aide_memoire, write_aide_memoire
    from evaluation.tui.keys import aide_memoire

    path = output or ctx.folder.exports / f"aide-memoire-{ctx.lang}.pdf"
    written = write_aide_memoire(aide_memoire(ctx.t), path)
    ctx.written(written, print_aide_memoire if to_printer else None, "memo.not_printed")
