"""The USB sync, as the mediator and the coordinator do it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pyrage

from evaluation.catalogue import MAX_BYTES as CATALOGUE_BYTES
from evaluation.catalogue import parse_catalogue
from evaluation.files import read_bounded, write_durably
from evaluation.i18n import msg
from evaluation.operations.forgetting import Forgotten, forget_acknowledged
from evaluation.paths import DataFolder
from evaluation.problems import Problem
from evaluation.store.erasure import ScrubOutcome, scrub
from evaluation.sync.laptop import LaptopSync, sync_laptop
from evaluation.sync.office import (
    ImportReport,
    Progress,
    import_bundles,
    init_office,
    office_recipient,
    pack,
    unlock,
)
from evaluation.sync.pack import PackManifest
from evaluation.workspace import Workspace


def need_key(key: Path) -> None:
    """The USB key's folder is there (checked before anything is asked or opened)."""
    if not key.is_dir():
        missing = not key.exists() and not key.is_symlink()
        raise Problem(msg("sync.no_folder" if missing else "sync.not_a_folder"), str(key))


@dataclass(frozen=True)
class Synced:
    report: LaptopSync
    cleanup: ScrubOutcome  # after erasures the office sent (and interviews forgotten)
    forgotten: Forgotten  # acknowledged long enough ago: no longer kept on this laptop


def sync(workspace: Workspace, key: Path, accept_new_office_key: bool = False) -> Synced:
    """A laptop: read the office pack on the key, leave a bundle for the office."""
    need_key(key)
    report = sync_laptop(workspace, workspace.folder, key, accept_new_office_key)
    forgotten = forget_acknowledged(workspace)
    return Synced(report, scrub(workspace.store), forgotten)


def create_office(folder: DataFolder, passphrase: str) -> str:
    """The office's key, made once; its public half (`age1…`)."""
    return init_office(folder, passphrase)


def unlock_office(folder: DataFolder, passphrase: str) -> pyrage.x25519.Identity:
    return unlock(folder, passphrase)


def import_key(
    workspace: Workspace,
    identity: pyrage.x25519.Identity,
    key: Path,
    progress: Progress | None = None,
) -> ImportReport:
    """The office: import every bundle on the key and write receipts."""
    need_key(key)
    return import_bundles(workspace, identity, key, progress)


def pack_key(workspace: Workspace, key: Path) -> PackManifest:
    """The office: questionnaires, catalogue, receipts and erasures onto the key."""
    need_key(key)
    return pack(workspace, workspace.folder, key)


@dataclass(frozen=True)
class Imported:
    report: ImportReport
    manifest: PackManifest


def import_and_pack(
    workspace: Workspace,
    identity: pyrage.x25519.Identity,
    key: Path,
    progress: Progress | None = None,
) -> Imported:
    """One pass at the office: import, then ready the same key for the laptops."""
    report = import_key(workspace, identity, key, progress)
    return Imported(report, pack_key(workspace, key))


def the_office_key(folder: DataFolder) -> str:
    return office_recipient(folder)


def keep_catalogue(workspace: Workspace, source: Path) -> int:
    """Check a data·inclusion services file and make it this data folder's catalogue (at
    the office: for the laptops too); nothing changes when it has a problem."""
    raw = read_bounded(source, CATALOGUE_BYTES)
    catalogue = parse_catalogue(raw, str(source))
    write_durably(workspace.folder.catalogue, raw)
    workspace.catalogue = catalogue
    return len(catalogue.services)
