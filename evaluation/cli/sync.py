"""`evaluation sync DIR`: exchange with the office through a USB key."""

from __future__ import annotations

from pathlib import Path

import click

from evaluation.cli.context import Context, UserError
from evaluation.cli.sessions import open_store_workspace


@click.command(
    "sync",
    epilog="Example: evaluation sync /media/mediateur/CLE-USB",
)
@click.argument("key", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option(
    "--accept-new-office-key",
    is_flag=True,
    help="The office changed its key: trust the one on this USB key from now on.",
)
@click.pass_obj
def command(ctx: Context, key: Path, accept_new_office_key: bool) -> None:
    """Read the office pack on the USB key at KEY, then leave a new encrypted bundle.

    Installs new questionnaire versions and the catalogue, applies the office's receipts,
    and writes every interview not yet acknowledged, encrypted to the office's key.
    """
    from evaluation.store import StoreError
    from exports.laptop_sync import OfficeKeyChanged, sync_laptop
    from exports.usb import KeyFileError

    workspace = open_store_workspace(ctx)
    try:
        report = sync_laptop(workspace, ctx.folder, key, accept_new_office_key)
    except OfficeKeyChanged as exc:
        raise UserError(
            f"{exc}; if the office really changed its key, run again with --accept-new-office-key"
        ) from None
    except (KeyFileError, StoreError, OSError) as exc:
        raise UserError(str(exc)) from None
    if report.enrolled:
        click.echo(f"office key enrolled: {report.enrolled}")
    for name in report.installed:
        click.echo(f"questionnaire installed: {name}")
    if report.catalogue is not None:
        click.echo(f"catalogue updated: {report.catalogue} services")
    click.echo(f"bundles acknowledged by the office: {report.acknowledged}")
    if report.bundle is not None:
        click.echo(f"bundle written: {report.bundle} ({report.sent} records)")
    else:
        click.echo("nothing new to send")
    for problem in report.problems:
        click.echo(f"problem: {problem}", err=True)
    if report.problems:
        raise SystemExit(1)
