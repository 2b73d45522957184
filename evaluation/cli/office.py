"""`evaluation office init|catalogue|pack|import`: the coordinator's side of the USB sync."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from evaluation.cli.context import Context
from evaluation.cli.texts import h
from evaluation.i18n import msg

ENV_PASSPHRASE = "EVALUATION_OFFICE_PASSPHRASE"
MAX_PASSPHRASE_FILE = 4096

passphrase_file = click.option(
    "--passphrase-file",
    type=click.Path(dir_okay=False, path_type=Path),
    help=h("cli.opt.passphrase_file", env=ENV_PASSPHRASE),
)
key_argument = click.argument("key", type=click.Path(path_type=Path))


def read_passphrase(ctx: Context, path: Path | None, confirm: bool = False) -> str:
    """From a file, the environment, or the terminal; never from the command line."""
    if path is not None:
        from evaluation.files import read_text

        return read_text(path, MAX_PASSPHRASE_FILE).rstrip("\r\n")
    if env := os.environ.get(ENV_PASSPHRASE):
        return env
    if not sys.stdin.isatty():  # piped in by a script: one line, nothing to hide or confirm
        line = sys.stdin.readline(MAX_PASSPHRASE_FILE).rstrip("\r\n")
        if not line:
            from evaluation.problems import Problem

            raise Problem(msg("office.no_passphrase", env=ENV_PASSPHRASE))
        return line
    value: str = click.prompt(
        ctx.t("office.passphrase_prompt"),
        hide_input=True,
        confirmation_prompt=confirm,
        err=True,
        prompt_suffix=" ",
    )
    return value


@click.group("office", help=h("cli.office.help"))
def group() -> None:
    pass


@group.command(
    "init",
    help=h("cli.office.init.help"),
    epilog=h("cli.example", example="evaluation office init --passphrase-file ~/phrase.txt"),
)
@passphrase_file
@click.pass_obj
def init(ctx: Context, passphrase_file: Path | None) -> None:
    from evaluation.operations.sync import create_office

    click.echo(create_office(ctx.folder, read_passphrase(ctx, passphrase_file, confirm=True)))


@group.command(
    "pack",
    help=h("cli.office.pack.help"),
    epilog=h("cli.example", example="evaluation office pack /media/coordination/CLE-USB"),
)
@key_argument
@click.pass_obj
def pack(ctx: Context, key: Path) -> None:
    from evaluation.operations.sync import pack_key

    workspace = ctx.open()
    manifest = pack_key(workspace, key)
    ctx.say("office.packed_cli", path=key, count=len(manifest.files))
    ctx.say("office.key_is", recipient=manifest.office_recipient)
    if not ctx.folder.catalogue.exists():
        ctx.say("office.no_catalogue")


@group.command(
    "catalogue",
    help=h("cli.office.catalogue.help"),
    epilog=h("cli.example", example="evaluation office catalogue services-territoire.json"),
)
@click.argument("source", type=click.Path(path_type=Path))
@click.pass_obj
def catalogue(ctx: Context, source: Path) -> None:
    from evaluation.operations.sync import keep_catalogue

    count = keep_catalogue(ctx.open(), source)
    ctx.say("office.catalogue_kept", count=count, path=ctx.folder.catalogue)


@group.command(
    "import",
    help=h("cli.office.import.help"),
    epilog=h("cli.example", example="evaluation office import /media/coordination/CLE-USB"),
)
@key_argument
@passphrase_file
@click.pass_obj
def import_(ctx: Context, key: Path, passphrase_file: Path | None) -> None:
    from evaluation.operations.sync import import_key, need_key, unlock_office
    from evaluation.sync.office import BundleStatus

    need_key(key)  # before asking the passphrase for nothing
    workspace = ctx.open()
    identity = unlock_office(ctx.folder, read_passphrase(ctx, passphrase_file))
    report = import_key(workspace, identity, key)
    for line in report.said():
        click.echo(ctx.t.message(line))
    if report.count(BundleStatus.REFUSED):
        raise SystemExit(1)
