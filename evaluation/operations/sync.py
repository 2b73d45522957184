"""The USB sync, as the mediator and the coordinator do it."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from evaluation.files.disk import read_bounded, write_durably
from evaluation.i18n import msg
from evaluation.machine.paths import DataFolder
from evaluation.machine.progress import Progress
from evaluation.offers.catalogue import MAX_BYTES as CATALOGUE_BYTES
from evaluation.offers.catalogue import Catalogue, parse_catalogue
from evaluation.offers.mediation_places import SOURCE as PLACES
from evaluation.operations.forgetting import Forgotten, forget_acknowledged
from evaluation.problems import Located, Problem
from evaluation.store.erasure import ScrubOutcome, scrub
from evaluation.sync.importing import ImportReport, import_bundles
from evaluation.sync.inbox import Inbox, Laptop
from evaluation.sync.keyring import OfficeKeys
from evaluation.sync.laptop import LaptopSync, OfficeSeen, office_to_confirm, sync_laptop
from evaluation.sync.office import init_office, pack, rotate, unlock
from evaluation.sync.pack import PackManifest
from evaluation.sync.signing import fingerprint
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


def first_office(workspace: Workspace, key: Path) -> OfficeSeen | None:
    """A laptop's first sync: the office keys on the key, to show the mediator before
    anything is enrolled (None when an office is enrolled already). Both faces ask
    whether its fingerprint is the coordinator's, then pass it to `sync`."""
    need_key(key)
    return office_to_confirm(workspace, key)


def sync(workspace: Workspace, key: Path, office_fingerprint: str | None = None) -> Synced:
    """A laptop: read the office pack on the key, leave a signed bundle for the office.
    `office_fingerprint`: the office's fingerprint as the coordinator gave it and the
    mediator confirmed (`first_office`), at first use or when the office's keys changed;
    any other key is refused."""
    need_key(key)
    report = sync_laptop(workspace, workspace.folder, key, office_fingerprint)
    forgotten = forget_acknowledged(workspace)
    return Synced(report, scrub(workspace.store), forgotten)


@dataclass(frozen=True)
class OfficeShown:
    """The office's public keys, as a coordinator reads them out to mediators."""

    fingerprint: str  # of its signing key: what laptops show in Réglages
    recipient: str  # its age recipient (`age1…`)

    @classmethod
    def of(cls, keys: OfficeKeys) -> OfficeShown:
        return cls(fingerprint(keys.signing), keys.recipient)


def create_office(folder: DataFolder, passphrase: str) -> OfficeShown:
    """The office's keys, made once; what to tell the laptops."""
    return OfficeShown.of(init_office(folder, passphrase))


def unlock_office(folder: DataFolder, passphrase: str) -> OfficeKeys:
    return unlock(folder, passphrase)


def import_key(
    workspace: Workspace,
    keys: OfficeKeys,
    key: Path,
    progress: Progress | None = None,
) -> ImportReport:
    """The office: import every bundle of an enrolled laptop on the key, write receipts."""
    need_key(key)
    return import_bundles(workspace, keys, key, progress)


def pack_key(workspace: Workspace, keys: OfficeKeys, key: Path) -> PackManifest:
    """The office: questionnaires, catalogue, receipts and erasures onto the key, signed."""
    need_key(key)
    return pack(workspace, workspace.folder, key, keys)


@dataclass(frozen=True)
class Imported:
    report: ImportReport
    manifest: PackManifest
    enrolled: tuple[Laptop, ...] = ()  # laptops confirmed in this pass

    @property
    def office(self) -> str:
        """The office fingerprint the pack carries."""
        return fingerprint(self.manifest.office_signing_key)


def import_and_pack(
    workspace: Workspace,
    keys: OfficeKeys,
    key: Path,
    progress: Progress | None = None,
    enrol: tuple[str, ...] = (),
) -> Imported:
    """One pass at the office: confirm the laptops whose fingerprints the coordinator
    compared (if any), import, then ready the same key for the laptops."""
    need_key(key)
    inbox = Inbox(workspace.store)
    enrolled = tuple(inbox.enrol(typed) for typed in enrol)
    report = import_key(workspace, keys, key, progress)
    return Imported(report, pack_key(workspace, keys, key), enrolled)


def laptops(workspace: Workspace) -> list[Laptop]:
    """The office: every laptop seen, waiting for confirmation or enrolled."""
    return Inbox(workspace.store).laptops()


def enrol_laptop(workspace: Workspace, typed: str) -> Laptop:
    """The office: confirm a waiting laptop by its fingerprint, after comparing it with
    the one the laptop's Réglages show; its bundles are imported next time."""
    return Inbox(workspace.store).enrol(typed)


def withdraw_laptop(workspace: Workspace, typed: str) -> Laptop:
    """The office: refuse from now on the bundles of a laptop lost, stolen or given away;
    what it sent before stays."""
    return Inbox(workspace.store).withdraw(typed)


@dataclass(frozen=True)
class Rotated:
    before: OfficeShown
    after: OfficeShown


def rotate_office(folder: DataFolder, passphrase: str) -> Rotated:
    """The office: new keys, endorsed by the old signing key; old bundles still open."""
    before, after = rotate(folder, passphrase)
    return Rotated(OfficeShown.of(before), OfficeShown.of(after))


@dataclass(frozen=True)
class KeptCatalogue:
    """What `keep_catalogue` kept: the services of the file read (`places`: it was the
    map of mediation places), those left out with why, and the catalogue now in use."""

    loaded: int
    places: bool
    refused: tuple[Located, ...]
    refused_count: int
    total: int


def keep_catalogue(workspace: Workspace, source: Path) -> KeptCatalogue:
    """Read a data·inclusion export (JSON or CSV) or a département's mediation-places
    file (CSV) and make it part of this data folder's catalogue (at the office: for the
    laptops too). A file of one kind replaces the services of that kind and keeps the
    other's. Records refused are left out and named; nothing changes when none loads."""
    read = parse_catalogue(read_bounded(source, CATALOGUE_BYTES), str(source))
    places = bool(read.services) and all(s.source == PLACES for s in read.services)
    kept = () if workspace.catalogue.sample else workspace.catalogue.services
    ids = {s.id for s in read.services}
    others = tuple(s for s in kept if (s.source == PLACES) != places and s.id not in ids)
    merged = Catalogue(read.services + others)
    raw = json.dumps({"services": merged.records()}, ensure_ascii=False, indent=1).encode()
    write_durably(workspace.folder.catalogue, raw)
    workspace.catalogue = merged
    return KeptCatalogue(
        len(read.services), places, read.refused, read.refused_count, len(merged.services)
    )
