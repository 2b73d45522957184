"""`evaluation sync KEY`: exchange with the office through a USB key."""

from __future__ import annotations

from pathlib import Path

import click

from evaluation.cli.context import Context
from evaluation.cli.help import Command
from evaluation.cli.params import TEXT, Location
from evaluation.cli.show import echo
from evaluation.cli.texts import h


@click.command(
    "sync",
    cls=Command,
    help=h("cli.sync.help"),
    epilog=h("cli.example", example="evaluation sync /media/mediateur/CLE-USB"),
)
@click.argument("key", type=Location())
@click.option("--office-fingerprint", type=TEXT, help=h("cli.opt.office_fingerprint"))
@click.pass_obj
def command(ctx: Context, key: Path, office_fingerprint: str | None) -> None:
    from evaluation.operations.sync import first_office, sync

    workspace = ctx.open()
    first = first_office(workspace, key) if office_fingerprint is None else None
    if first is not None:  # nothing enrolled before the mediator compares
        if not ctx.confirm("sync.first_office_cli", fingerprint=first.fingerprint):
            ctx.warn("sync.first_refused")
            raise SystemExit(1)
        office_fingerprint = first.fingerprint
    synced = sync(workspace, key, office_fingerprint)
    ctx.tell_forgotten(synced.forgotten)
    report = synced.report
    for line in report.said():
        echo(ctx.t.message(line))
    if report.bundle is not None:
        ctx.say("sync.bundle_file", path=report.bundle)
    if report.key_changed is not None:
        changed = report.key_changed
        ctx.warn("sync.key_changed_cli", enrolled=changed.enrolled, offered=changed.offered)
    for problem in report.problems:
        echo(ctx.t("sync.problem", problem=problem.render(ctx.t)), err=True)
    echo(ctx.t.message(report.finished()))
    if report.problems or report.unsent or report.key_changed:
        raise SystemExit(1)
