"""`evaluation demo`: a database of synthetic interviews, to show reports or measure them."""

from __future__ import annotations

from pathlib import Path

import click

from evaluation.cli.context import Context
from evaluation.cli.help import Command
from evaluation.cli.params import Number
from evaluation.cli.texts import h


@click.command(
    "demo",
    cls=Command,
    help=h("cli.demo.help"),
    epilog=h("cli.example", example="evaluation demo --db /tmp/demo.sqlite3 --interviews 2000"),
)
@click.option(
    "--db",
    "path",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help=h("cli.opt.demo_db"),
)
@click.option(
    "--interviews",
    type=Number(min=1, max=1_000_000),
    default=500,
    show_default=True,
    help=h("cli.opt.interviews"),
)
@click.option("--seed", type=Number(min=0), default=2026, show_default=True, help=h("cli.opt.seed"))
@click.pass_obj
def command(ctx: Context, path: Path, interviews: int, seed: int) -> None:
    from evaluation.operations.demo import fill_demo

    added = fill_demo(ctx.folder, path, interviews, seed, ctx.progress("demo.progress"))
    ctx.say("demo.added", count=added, path=path)
