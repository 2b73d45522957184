"""`evaluation office init|catalogue|pack|import|laptops|enrol|rotate`: the coordinator's
side of the USB sync."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from evaluation.cli.context import Context
from evaluation.cli.help import Group
from evaluation.cli.params import TEXT, Location
from evaluation.cli.show import echo
from evaluation.cli.texts import h
from evaluation.i18n import msg

ENV_PASSPHRASE = "EVALUATION_OFFICE_PASSPHRASE"
MAX_PASSPHRASE_FILE = 4096

passphrase_file = click.option(
    "--passphrase-file",
    type=click.Path(dir_okay=False, path_type=Path),
    help=h("cli.opt.passphrase_file", env=ENV_PASSPHRASE),
)
key_argument = click.argument("key", type=Location())


def read_passphrase(ctx: Context, path: Path | None, confirm: bool = False) -> str:
    """From a file, the environment, or the terminal; never from the command line."""
    if path is not None:
        from evaluation.files.disk import read_text

        return read_text(path, MAX_PASSPHRASE_FILE).rstrip("\r\n")
    if env := os.environ.get(ENV_PASSPHRASE):
        return _utf8(env, f"${ENV_PASSPHRASE}")
    if not sys.stdin.isatty():  # piped in by a script: one line, nothing to hide or confirm
        try:
            line = sys.stdin.readline(MAX_PASSPHRASE_FILE).rstrip("\r\n")
        except UnicodeDecodeError:
            line = "\udcff"  # said below as any text that is not UTF-8
        if not line:
            from evaluation.problems import Problem

            raise Problem(msg("office.no_passphrase", env=ENV_PASSPHRASE))
        return _utf8(line, ctx.t("office.passphrase_stdin"))
    value: str = click.prompt(
        ctx.t("office.passphrase_prompt"),
        hide_input=True,
        confirmation_prompt=confirm,
        err=True,
        prompt_suffix=" ",
    )
    return _utf8(value, ctx.t("office.passphrase_terminal"))


def _utf8(passphrase: str, where: str) -> str:
    """The passphrase, refused when its bytes are not UTF-8 text (Python keeps such bytes
    as lone surrogates, which no key derivation can take)."""
    try:
        passphrase.encode("utf-8")
    except UnicodeEncodeError:
        from evaluation.problems import Problem

        raise Problem(msg("office.passphrase_not_utf8"), where) from None
    return passphrase


@click.group(
    cls=Group,
    name="office",
    help=h("cli.office.help"),
    epilog=h("cli.example", example="evaluation office laptops"),
)
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

    office = create_office(ctx.folder, read_passphrase(ctx, passphrase_file, confirm=True))
    ctx.say("office.fingerprint_is", fingerprint=office.fingerprint)
    ctx.say("office.key_is", recipient=office.recipient)


@group.command(
    "pack",
    help=h("cli.office.pack.help"),
    epilog=h("cli.example", example="evaluation office pack /media/coordination/CLE-USB"),
)
@key_argument
@passphrase_file
@click.pass_obj
def pack(ctx: Context, key: Path, passphrase_file: Path | None) -> None:
    from evaluation.operations.sync import need_key, pack_key, unlock_office
    from evaluation.sync.signing import fingerprint

    need_key(key)  # before asking the passphrase for nothing
    workspace = ctx.open()
    keys = unlock_office(ctx.folder, read_passphrase(ctx, passphrase_file))
    manifest = pack_key(workspace, keys, key)
    ctx.say("office.packed_cli", path=key, count=len(manifest.files))
    ctx.say("office.fingerprint_is", fingerprint=fingerprint(manifest.office_signing_key))
    ctx.say("office.key_is", recipient=manifest.office_recipient)
    if not ctx.folder.catalogue.exists():
        ctx.say("office.no_catalogue")


@group.command(
    "catalogue",
    help=h("cli.office.catalogue.help"),
    epilog=h("cli.example", example="evaluation office catalogue services-territoire.json"),
)
@click.argument("source", type=Location())
@click.pass_obj
def catalogue(ctx: Context, source: Path) -> None:
    from evaluation.operations.sync import keep_catalogue

    kept = keep_catalogue(ctx.open(), source)
    for line in kept.refused:
        echo(line.sentence(ctx.t), err=True)
    if kept.refused_count:
        ctx.warn("office.catalogue_refused", count=kept.refused_count)
    read = "office.places_read" if kept.places else "office.services_read"
    ctx.say(read, count=kept.loaded)
    ctx.say("office.catalogue_kept", count=kept.total, path=ctx.folder.catalogue)


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
    from evaluation.sync.importing import BundleStatus

    need_key(key)  # before asking the passphrase for nothing
    workspace = ctx.open()
    keys = unlock_office(ctx.folder, read_passphrase(ctx, passphrase_file))
    report = import_key(workspace, keys, key, ctx.progress("office.progress"))
    for line in report.said():
        echo(ctx.t.message(line))
    if report.waiting():
        ctx.say("office.waiting_cli")
    if report.count(BundleStatus.REFUSED):
        raise SystemExit(1)


@group.command(
    "laptops",
    help=h("cli.office.laptops.help"),
    epilog=h("cli.example", example="evaluation office laptops"),
)
@click.pass_obj
def laptops(ctx: Context) -> None:
    from evaluation.operations.sync import laptops as seen

    found = seen(ctx.open())
    if not found:
        ctx.say("office.no_laptops")
        return
    rows = [ctx.t("office.laptops_header").split("|")]
    rows += [
        [
            ctx.t(f"office.laptop.{laptop.status}"),
            laptop.fingerprint,
            laptop.device_id,
            *(_day(ctx, at) for at in (laptop.first_seen, laptop.enrolled_at, laptop.withdrawn_at)),
        ]
        for laptop in found
    ]
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for row in rows:  # columns as wide as their longest cell, in every language
        echo("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())


def _day(ctx: Context, stored: str | None) -> str:
    from evaluation.i18n.dates import short_date
    from evaluation.machine.clock import local_day

    return short_date(local_day(stored), ctx.t.lang) if stored else ""


@group.command(
    "enrol",
    help=h("cli.office.enrol.help"),
    epilog=h("cli.example", example="evaluation office enrol K7QF-3M2A-XW2A-4HTR"),
)
@click.argument("fingerprint", type=TEXT)
@click.pass_obj
def enrol(ctx: Context, fingerprint: str) -> None:
    from evaluation.operations.sync import enrol_laptop

    laptop = enrol_laptop(ctx.open(), fingerprint)
    ctx.say("office.enrolled_cli", fingerprint=laptop.fingerprint, device=laptop.device_id)


@group.command(
    "withdraw",
    help=h("cli.office.withdraw.help"),
    epilog=h("cli.example", example="evaluation office withdraw K7QF-3M2A-XW2A-4HTR"),
)
@click.argument("fingerprint", type=TEXT)
@click.pass_obj
def withdraw(ctx: Context, fingerprint: str) -> None:
    from evaluation.operations.sync import withdraw_laptop

    laptop = withdraw_laptop(ctx.open(), fingerprint)
    ctx.say("office.withdrawn_cli", fingerprint=laptop.fingerprint, device=laptop.device_id)


@group.command(
    "rotate",
    help=h("cli.office.rotate.help"),
    epilog=h("cli.example", example="evaluation office rotate --passphrase-file ~/phrase.txt"),
)
@passphrase_file
@click.pass_obj
def rotate(ctx: Context, passphrase_file: Path | None) -> None:
    from evaluation.operations.sync import rotate_office

    rotated = rotate_office(ctx.folder, read_passphrase(ctx, passphrase_file))
    ctx.say("office.rotated", old=rotated.before.fingerprint, new=rotated.after.fingerprint)
    ctx.say("office.key_is", recipient=rotated.after.recipient)
