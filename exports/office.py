"""The office: its age identity, the pack for laptops, and the import of bundles.

The identity (the only key that opens bundles) is stored encrypted with a passphrase
(age's scrypt mode) in the office's data folder; it is unlocked once per import.
"""

from __future__ import annotations

import contextlib
import os
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pyrage

from evaluation.paths import DataFolder
from evaluation.store.erasure import scrub
from evaluation.store.sync import Inbox, Outcome
from evaluation.workspace import Workspace
from exports.bundle import MAX_BYTES, NAME, BundleError, unseal
from exports.office_pack import PackManifest, write_pack, write_receipts
from exports.usb import KeyFileError, KeyLayout, read_file, sha256, write_durably

IDENTITY_FILE = "office-identity.age"
RECIPIENT_FILE = "office-recipient.txt"
MIN_PASSPHRASE = 10


class OfficeError(Exception):
    """The office cannot go on; the message says what to do."""


def identity_path(folder: DataFolder) -> Path:
    return folder.root / IDENTITY_FILE


def init_office(folder: DataFolder, passphrase: str) -> str:
    """Create the office identity, protected by `passphrase`; returns its public key."""
    path = identity_path(folder)
    if path.exists():
        raise OfficeError(
            f"{path}: an office identity already exists; it is never replaced, because "
            "bundles written for it could no longer be opened"
        )
    if len(passphrase) < MIN_PASSPHRASE:
        raise OfficeError(f"the passphrase must have at least {MIN_PASSPHRASE} characters")
    identity = pyrage.x25519.Identity.generate()
    secret = pyrage.passphrase.encrypt(str(identity).encode("ascii"), passphrase)
    folder.root.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as out:
        out.write(secret)
        out.flush()
        os.fsync(out.fileno())
    recipient = str(identity.to_public())
    write_durably(folder.root / RECIPIENT_FILE, (recipient + "\n").encode("ascii"))
    return recipient


def office_recipient(folder: DataFolder) -> str:
    path = folder.root / RECIPIENT_FILE
    try:
        return path.read_text(encoding="ascii").strip()
    except OSError:
        raise OfficeError(
            f"{path}: no office identity here; create one with `evaluation office init`"
        ) from None


def unlock(folder: DataFolder, passphrase: str) -> pyrage.x25519.Identity:
    """The office identity, decrypted with `passphrase`."""
    path = identity_path(folder)
    try:
        secret = path.read_bytes()
    except OSError:
        raise OfficeError(
            f"{path}: no office identity here; create one with `evaluation office init`"
        ) from None
    try:
        text = pyrage.passphrase.decrypt(secret, passphrase).decode("ascii").strip()
    except pyrage.DecryptError:
        raise OfficeError("wrong passphrase for the office identity") from None
    return pyrage.x25519.Identity.from_str(text)


def pack(workspace: Workspace, folder: DataFolder, key: Path) -> PackManifest:
    """Put the office key, questionnaires, catalogue and all receipts on the key."""
    inbox = Inbox(workspace.store)
    catalogue = folder.catalogue.read_bytes() if folder.catalogue.exists() else None
    return write_pack(
        KeyLayout(key),
        recipient=office_recipient(folder),
        library=workspace.library,
        catalogue=catalogue,
        receipts={device: inbox.receipts(device) for device in inbox.devices()},
        erasures=inbox.erasures(),
    )


@dataclass(frozen=True)
class BundleOutcome:
    name: str
    status: str  # "imported", "known" or "refused"
    reason: str = ""
    records: Counter[Outcome] = field(default_factory=Counter)


@dataclass
class ImportReport:
    bundles: list[BundleOutcome] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(1 for b in self.bundles if b.status == status)

    def records(self) -> Counter[Outcome]:
        total: Counter[Outcome] = Counter()
        for bundle in self.bundles:
            total.update(bundle.records)
        return total


Progress = Callable[[int, int, str], None]


def import_bundles(
    workspace: Workspace,
    identity: pyrage.x25519.Identity,
    key: Path,
    progress: Progress | None = None,
) -> ImportReport:
    """Import every bundle on the key, each in one transaction; write receipts, then take
    the bundles imported or already known off the key."""
    layout = KeyLayout(key)
    inbox = Inbox(workspace.store)
    report = ImportReport()
    entries = sorted(layout.bundles.iterdir()) if layout.bundles.is_dir() else []
    entries = [p for p in entries if not p.name.endswith(".tmp")]  # an unfinished write
    devices = set()
    for done, path in enumerate(entries):
        if progress is not None:
            progress(done, len(entries), path.name)
        outcome = _import_one(inbox, identity, path)
        report.bundles.append(outcome)
        if outcome.status != "refused" and (match := NAME.match(path.name)):
            devices.add(match["device"])
    if progress is not None:
        progress(len(entries), len(entries), "")
    for device in sorted(devices):
        write_receipts(layout, device, inbox.receipts(device))
    # Now in the database with their receipts written: off the key, which may get lost.
    # Refused files stay, for a look at what went wrong.
    for outcome, path in zip(report.bundles, entries, strict=True):
        if outcome.status != "refused":
            with contextlib.suppress(OSError):
                path.unlink()
    if report.records()["erased"]:
        scrub(workspace.store)
    return report


def _import_one(inbox: Inbox, identity: pyrage.x25519.Identity, path: Path) -> BundleOutcome:
    if NAME.match(path.name) is None:
        return BundleOutcome(path.name, "refused", "unexpected file name, not a bundle")
    try:
        data = read_file(path, MAX_BYTES)
    except KeyFileError as exc:
        return BundleOutcome(path.name, "refused", str(exc).removeprefix(f"{path}: "))
    file_sha256 = sha256(data)
    if inbox.known_bundle(file_sha256):
        return BundleOutcome(path.name, "known")
    try:
        opened = unseal(data, identity, path.name)
    except BundleError as exc:
        return BundleOutcome(path.name, "refused", str(exc))
    manifest = opened.manifest
    outcomes = inbox.take(
        file_sha256, manifest.device, manifest.seq, opened.content_sha256, opened.records
    )
    return BundleOutcome(path.name, "imported", records=outcomes)
