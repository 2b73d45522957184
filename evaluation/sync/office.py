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
from enum import StrEnum
from pathlib import Path

import pyrage

from evaluation.files import (
    FileProblem,
    os_reason,
    read_bounded,
    read_text,
    sha256,
    write_durably,
)
from evaluation.i18n import Message, msg
from evaluation.paths import DataFolder
from evaluation.problems import Problem
from evaluation.store.erasure import ScrubOutcome, scrub
from evaluation.sync.bundle import MAX_BYTES, NAME, BundleError, unseal
from evaluation.sync.inbox import Inbox, Outcome
from evaluation.sync.key import KeyLayout
from evaluation.sync.pack import PackManifest, office_files, write_pack, write_receipts
from evaluation.workspace import Workspace

IDENTITY_FILE = "office-identity.age"
RECIPIENT_FILE = "office-recipient.txt"
MIN_PASSPHRASE = 10
MAX_IDENTITY = 64 * 1024


class OfficeError(Problem):
    """The office cannot go on; the message says what to do."""


def identity_path(folder: DataFolder) -> Path:
    return folder.root / IDENTITY_FILE


def is_office(folder: DataFolder) -> bool:
    return identity_path(folder).exists()


def init_office(folder: DataFolder, passphrase: str) -> str:
    """Create the office identity, protected by `passphrase`; returns its public key."""
    path = identity_path(folder)
    if path.exists():
        raise OfficeError(msg("office.identity_exists"), str(path))
    if len(passphrase) < MIN_PASSPHRASE:
        raise OfficeError(msg("office.short_passphrase", count=MIN_PASSPHRASE))
    identity = pyrage.x25519.Identity.generate()
    secret = pyrage.passphrase.encrypt(str(identity).encode("ascii"), passphrase)
    try:
        folder.root.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as out:
            out.write(secret)
            out.flush()
            os.fsync(out.fileno())
    except OSError as exc:
        raise FileProblem(msg("file.cannot_write", reason=os_reason(exc)), str(path)) from None
    recipient = str(identity.to_public())
    write_durably(folder.root / RECIPIENT_FILE, (recipient + "\n").encode("ascii"))
    return recipient


def office_recipient(folder: DataFolder) -> str:
    path = folder.root / RECIPIENT_FILE
    if not path.exists():
        raise OfficeError(msg("office.no_identity"), str(path))
    return read_text(path, 1024).strip()


def unlock(folder: DataFolder, passphrase: str) -> pyrage.x25519.Identity:
    """The office identity, decrypted with `passphrase`."""
    path = identity_path(folder)
    if not path.exists():
        raise OfficeError(msg("office.no_identity"), str(path))
    secret = read_bounded(path, MAX_IDENTITY)
    try:
        text = pyrage.passphrase.decrypt(secret, passphrase).decode("ascii").strip()
        return pyrage.x25519.Identity.from_str(text)
    except (pyrage.DecryptError, UnicodeDecodeError, pyrage.IdentityError):
        raise OfficeError(msg("office.wrong_passphrase")) from None


def pack(workspace: Workspace, folder: DataFolder, key: Path) -> PackManifest:
    """Put the office key, questionnaires, catalogue, erasures and all receipts on the key."""
    inbox = Inbox(workspace.store)
    catalogue = folder.catalogue.read_bytes() if folder.catalogue.exists() else None
    questionnaires = [
        (p.questionnaire.id, p.questionnaire.version, p.path) for p in workspace.library.all()
    ]
    return write_pack(
        KeyLayout(key),
        recipient=office_recipient(folder),
        files=office_files(questionnaires, catalogue),
        receipts={device: inbox.receipts(device) for device in inbox.devices()},
        erasures=inbox.erasures(),
    )


class BundleStatus(StrEnum):
    IMPORTED = "imported"
    KNOWN = "known"
    REFUSED = "refused"
    UNFINISHED = "unfinished"  # a `.tmp` left by a write cut short: not a bundle yet


@dataclass(frozen=True)
class BundleOutcome:
    name: str
    status: BundleStatus
    reason: Message | None = None
    records: Counter[Outcome] = field(default_factory=Counter)


@dataclass
class ImportReport:
    bundles: list[BundleOutcome] = field(default_factory=list)
    scrubbed: ScrubOutcome | None = None

    def count(self, status: BundleStatus) -> int:
        return sum(1 for b in self.bundles if b.status == status)

    def records(self) -> Counter[Outcome]:
        total: Counter[Outcome] = Counter()
        for bundle in self.bundles:
            total.update(bundle.records)
        return total

    def said(self) -> list[Message]:
        """One line per file on the key, then the totals."""
        lines = []
        for bundle in self.bundles:
            detail = [
                msg(f"office.records.{kind}", count=n) for kind, n in sorted(bundle.records.items())
            ]
            lines.append(
                msg(
                    "office.bundle",
                    status=msg(f"office.status.{bundle.status}"),
                    name=bundle.name,
                    reason=msg("office.reason", reason=bundle.reason) if bundle.reason else "",
                    detail=msg("office.detail", items=tuple(detail)) if detail else "",
                )
            )
        records = self.records()
        lines.append(
            msg(
                "office.summary",
                imported=msg("office.bundles_imported", count=self.count(BundleStatus.IMPORTED)),
                known=self.count(BundleStatus.KNOWN),
                refused=self.count(BundleStatus.REFUSED),
                interviews=msg("office.interviews_new", count=records[Outcome.NEW]),
                already=records[Outcome.KNOWN],
                updated=records[Outcome.UPDATED],
                conflicts=records[Outcome.CONFLICT],
                erased=records[Outcome.ERASED],
            )
        )
        return lines


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
    if not key.is_dir():
        raise Problem(msg("sync.no_folder"), str(key))
    inbox = Inbox(workspace.store)
    report = ImportReport()
    try:
        entries = sorted(layout.bundles.iterdir()) if layout.bundles.is_dir() else []
    except OSError as exc:
        raise Problem(msg("file.unreadable", reason=os_reason(exc)), str(layout.bundles)) from None
    devices = set()
    taken: list[Path] = []
    for done, path in enumerate(entries):
        if progress is not None:
            progress(done, len(entries), path.name)
        if path.name.endswith(".tmp"):
            unfinished = BundleOutcome(path.name, BundleStatus.UNFINISHED, msg("bundle.unfinished"))
            report.bundles.append(unfinished)
            continue
        outcome = _import_one(inbox, identity, path)
        report.bundles.append(outcome)
        if outcome.status in {BundleStatus.IMPORTED, BundleStatus.KNOWN}:
            taken.append(path)
            if match := NAME.match(path.name):
                devices.add(match["device"])
    if progress is not None:
        progress(len(entries), len(entries), "")
    for device in sorted(devices):
        write_receipts(layout, device, inbox.receipts(device))
    # Now in the database with their receipts written: off the key, which may get lost.
    # Refused files stay, for a look at what went wrong.
    for path in taken:
        with contextlib.suppress(OSError):
            path.unlink()
    if report.records()[Outcome.ERASED]:
        report.scrubbed = scrub(workspace.store)
    return report


def _import_one(inbox: Inbox, identity: pyrage.x25519.Identity, path: Path) -> BundleOutcome:
    if NAME.match(path.name) is None:
        return BundleOutcome(path.name, BundleStatus.REFUSED, msg("bundle.bad_name"))
    try:
        data = read_bounded(path, MAX_BYTES, links=False)
    except FileProblem as exc:
        return BundleOutcome(path.name, BundleStatus.REFUSED, exc.message)
    file_sha256 = sha256(data)
    if inbox.known_bundle(file_sha256):
        return BundleOutcome(path.name, BundleStatus.KNOWN)
    try:
        opened = unseal(data, [identity], path.name)
    except BundleError as exc:
        return BundleOutcome(path.name, BundleStatus.REFUSED, exc.message)
    manifest = opened.manifest
    outcomes = inbox.take(
        file_sha256, manifest.device, manifest.seq, opened.content_sha256, opened.records
    )
    return BundleOutcome(path.name, BundleStatus.IMPORTED, records=outcomes)
