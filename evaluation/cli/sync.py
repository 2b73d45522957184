"""`evaluation sync KEY`: exchange with the office through a USB key."""

from __future__ import annotations

from pathlib import Path

import click

from evaluation.cli.context import Context
from evaluation.cli.texts import h


@click.command(
    "sync",
    help=h("cli.sync.help"),
    epilog=h("cli.example", example="evaluation sync /media/mediateur/CLE-USB"),
)
@click.argument("key", type=click.Path(path_type=Path))
@click.option("--accept-new-office-key", is_flag=True, help=h("cli.opt.accept_new_office_key"))
@click.pass_obj
def command(ctx: Context, key: Path, accept_new_office_key: bool) -> None:
    from evaluation.operations.sync import sync
    from evaluation.sync.laptop import OfficeKeyChanged

    try:
        synced = sync(ctx.open(), key, accept_new_office_key)
    except OfficeKeyChanged as exc:
        ctx.warn("sync.key_changed_cli", enrolled=exc.enrolled, offered=exc.offered)
        raise SystemExit(1) from None
    ctx.tell_forgotten(synced.forgotten)
    for line in synced.report.said():
        click.echo(ctx.t.message(line))
    if synced.report.bundle is not None:
        ctx.say("sync.bundle_file", path=synced.report.bundle)
    for problem in synced.report.problems:
        click.echo(ctx.t("sync.problem", problem=problem.render(ctx.t)), err=True)
    click.echo(ctx.t.message(synced.report.finished()))
    if synced.report.problems or synced.report.unsent:
        raise SystemExit(1)
