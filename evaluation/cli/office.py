"""`evaluation office init|pack|import`: the coordinator's side of the USB sync."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import click

from evaluation.cli.context import Context, UserError
from evaluation.cli.sessions import open_store_workspace

ENV_PASSPHRASE = "EVALUATION_OFFICE_PASSPHRASE"

passphrase_file = click.option(
    "--passphrase-file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help=f"Read the passphrase from this file (else ${ENV_PASSPHRASE}, else it is asked).",
)
key_argument = click.argument("key", type=click.Path(file_okay=False, path_type=Path))


def read_passphrase(path: Path | None, confirm: bool = False) -> str:
    """From a file, the environment, or the terminal; never from the command line."""
    if path is not None:
        return path.read_text(encoding="utf-8").rstrip("\r\n")
    if env := os.environ.get(ENV_PASSPHRASE):
        return env
    value: str = click.prompt(
        "Office passphrase", hide_input=True, confirmation_prompt=confirm, err=True
    )
    return value


def office_errors() -> Any:
    """What a command turns into one clear line: the office, the key, the disk, SQLite."""
    from evaluation.store import StoreError
    from exports.office import OfficeError
    from exports.usb import KeyFileError

    return (OfficeError, KeyFileError, StoreError, OSError)


@click.group("office")
def group() -> None:
    """The office: its key, the pack for laptops, the import of their bundles."""


@group.command("init", epilog="Example: evaluation office init --passphrase-file ~/phrase.txt")
@passphrase_file
@click.pass_obj
def init(ctx: Context, passphrase_file: Path | None) -> None:
    """Create the office's age key (X25519), protected by a passphrase.

    Prints the public key that laptops encrypt to. The secret key never leaves this
    data folder: keep a backup of the folder and of the passphrase.
    """
    from exports.office import init_office

    try:
        recipient = init_office(ctx.folder, read_passphrase(passphrase_file, confirm=True))
    except office_errors() as exc:
        raise UserError(str(exc)) from None
    click.echo(recipient)


@group.command("pack", epilog="Example: evaluation office pack /media/coordination/CLE-USB")
@key_argument
@click.pass_obj
def pack(ctx: Context, key: Path) -> None:
    """Put on the USB key at KEY what laptops need from the office.

    The office's public key, every questionnaire version, the catalogue of local offers
    (catalogue.json in the data folder) and receipts for the bundles already imported.
    """
    from exports.office import pack as write_pack

    workspace = open_store_workspace(ctx)
    try:
        manifest = write_pack(workspace, ctx.folder, key)
    except office_errors() as exc:
        raise UserError(str(exc)) from None
    click.echo(f"office pack written to {key}: {len(manifest.files)} files")
    click.echo(f"office key (laptops show it in Réglages): {manifest.office_recipient}")
    if not ctx.folder.catalogue.exists():
        click.echo("no catalogue yet: laptops keep theirs (see `evaluation office catalogue`)")


@group.command("catalogue", epilog="Example: evaluation office catalogue services-territoire.json")
@click.argument("source", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.pass_obj
def catalogue(ctx: Context, source: Path) -> None:
    """Check a catalogue of local offers (data·inclusion services, JSON) and keep it.

    It becomes catalogue.json in the data folder; `office pack` then carries it to the
    laptops. Nothing is replaced when the file has a problem.
    """
    from evaluation.catalogue import CatalogueError, parse_catalogue
    from exports.usb import write_durably

    raw = source.read_bytes()
    try:
        services = parse_catalogue(raw, str(source)).services
    except CatalogueError as exc:
        raise UserError("\n".join(exc.problems)) from None
    try:
        write_durably(ctx.folder.catalogue, raw)
    except office_errors() as exc:
        raise UserError(str(exc)) from None
    click.echo(f"catalogue kept: {len(services)} services ({ctx.folder.catalogue})")


@group.command("import", epilog="Example: evaluation office import /media/coordination/CLE-USB")
@key_argument
@passphrase_file
@click.pass_obj
def import_(ctx: Context, key: Path, passphrase_file: Path | None) -> None:
    """Import every bundle on the USB key at KEY into this database, then write receipts.

    Each bundle is one transaction; a bundle or record seen before changes nothing; a
    known interview with other content is kept aside as a conflict.
    """
    from exports.office import import_bundles, unlock

    workspace = open_store_workspace(ctx)
    try:
        identity = unlock(ctx.folder, read_passphrase(passphrase_file))
        report = import_bundles(workspace, identity, key)
    except office_errors() as exc:
        raise UserError(str(exc)) from None
    for bundle in report.bundles:
        detail = ", ".join(f"{n} {kind}" for kind, n in sorted(bundle.records.items()))
        reason = f": {bundle.reason}" if bundle.reason else ""
        click.echo(f"{bundle.status:8} {bundle.name}{reason}{f' ({detail})' if detail else ''}")
    records = report.records()
    click.echo(
        f"bundles: {report.count('imported')} imported, {report.count('known')} already known,"
        f" {report.count('refused')} refused; interviews: {records['new']} new,"
        f" {records['known']} already known, {records['conflict']} conflicts,"
        f" {records['erased']} erased"
    )
    if report.count("refused"):
        raise SystemExit(1)
