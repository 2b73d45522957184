"""The office's import of the bundles on a key: each in one transaction, receipts
written once everything is on disk, and the bundles taken off the key.

While one bundle is written, the next one is read, decrypted, checked, scored and
staged in a second thread (`_open`): SQLite writes without the interpreter lock, so the
two share the machine's cores.
"""

from __future__ import annotations

import contextlib
import gc
import sys
from collections import Counter, deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from enum import StrEnum
from functools import partial
from pathlib import Path

import pyrage

from evaluation.files.disk import FileProblem, os_reason, read_bounded, sha256
from evaluation.i18n import Message, msg
from evaluation.machine.clock import local_day
from evaluation.machine.progress import Progress
from evaluation.problems import Problem
from evaluation.questionnaire import Published
from evaluation.store.bulk import bulk_writes
from evaluation.store.erasure import ScrubOutcome, scrub
from evaluation.store.scores import Finder
from evaluation.store.staging import Staged
from evaluation.sync.bundle import MAX_BYTES, NAME, BundleError, Opened, unseal
from evaluation.sync.inbox import Inbox, Laptop, Outcome, stage_records
from evaluation.sync.key import KeyLayout
from evaluation.sync.keyring import OfficeKeys
from evaluation.sync.pack import write_receipts
from evaluation.sync.records import code_disagrees
from evaluation.sync.signing import fingerprint
from evaluation.workspace import Workspace

SWITCH_INTERVAL = 0.0002  # seconds, during an import (see `_interpreter_for_bulk`)


class BundleStatus(StrEnum):
    IMPORTED = "imported"
    KNOWN = "known"
    REFUSED = "refused"
    UNFINISHED = "unfinished"  # a `.tmp` left by a write cut short: not a bundle yet
    WAITING = "waiting"  # from a laptop not enrolled yet: stays on the key, untouched


@dataclass(frozen=True)
class BundleOutcome:
    name: str
    status: BundleStatus
    reason: Message | None = None
    records: Counter[Outcome] = field(default_factory=Counter)
    laptop: Laptop | None = None  # the sender, when it is waiting for enrolment


@dataclass
class ImportReport:
    bundles: list[BundleOutcome] = field(default_factory=list)
    scrubbed: ScrubOutcome | None = None
    receipts: int = 0  # laptops whose receipts were written on the key

    def count(self, status: BundleStatus) -> int:
        return sum(1 for b in self.bundles if b.status == status)

    def records(self) -> Counter[Outcome]:
        total: Counter[Outcome] = Counter()
        for bundle in self.bundles:
            total.update(bundle.records)
        return total

    def waiting(self) -> list[tuple[Laptop, int]]:
        """Laptops waiting for enrolment, with how many of their bundles wait."""
        found: dict[str, tuple[Laptop, int]] = {}
        for bundle in self.bundles:
            if bundle.laptop is not None:
                laptop, count = found.get(bundle.laptop.public_key, (bundle.laptop, 0))
                found[laptop.public_key] = (laptop, count + 1)
        return list(found.values())

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
        if self.receipts:
            lines.append(msg("office.receipts_written", count=self.receipts))
        lines += [
            msg("office.waiting", fingerprint=laptop.fingerprint, count=count)
            for laptop, count in self.waiting()
        ]
        return lines


def import_bundles(
    workspace: Workspace,
    keys: OfficeKeys,
    key: Path,
    progress: Progress | None = None,
) -> ImportReport:
    """Import every bundle on the key from an enrolled laptop, each in one transaction;
    write receipts, then take the bundles imported or already known off the key. Bundles
    of laptops not enrolled yet stay on the key, their laptops recorded as pending."""
    layout = KeyLayout(key)
    if not key.is_dir():
        raise Problem(msg("sync.no_folder"), str(key))
    inbox = Inbox(workspace.store, workspace.published_for)
    report = ImportReport()
    try:
        bundles = layout.safe(layout.bundles)
        entries = sorted(bundles.iterdir()) if bundles.is_dir() else []
    except OSError as exc:
        raise Problem(msg("file.unreadable", reason=os_reason(exc)), str(layout.bundles)) from None
    devices = set()
    taken: list[Path] = []
    opening = partial(
        _open,
        identities=keys.identities,
        known=inbox.known_bundles(),
        published_for=inbox.published_for,
        version=workspace.library.get,
    )
    # On disk when the block ends, before any receipt says so.
    with bulk_writes(workspace.store) as committed, _interpreter_for_bulk():
        for done, (path, opened) in enumerate(_ahead(entries, opening)):
            if progress is not None:
                progress(done, len(entries), path.name)
            outcome = opened if isinstance(opened, BundleOutcome) else _take(inbox, path, opened)
            if outcome.status is BundleStatus.IMPORTED:
                committed()
            report.bundles.append(outcome)
            if outcome.status in {BundleStatus.IMPORTED, BundleStatus.KNOWN}:
                taken.append(path)
                if match := NAME.match(path.name):
                    devices.add(match["device"])
    if progress is not None:
        progress(len(entries), len(entries), "")
    for device in sorted(devices):
        write_receipts(layout, device, inbox.receipts(device))
    report.receipts = len(devices)
    # Now in the database with their receipts written: off the key, which may get lost.
    # Refused files stay, for a look at what went wrong.
    for path in taken:
        with contextlib.suppress(OSError, FileProblem):
            layout.safe(path).unlink()
    if report.records()[Outcome.ERASED]:
        report.scrubbed = scrub(workspace.store)
    return report


@contextlib.contextmanager
def _interpreter_for_bulk() -> Iterator[None]:
    """The interpreter set for the import's two threads, then as it was.

    The cycle collector is paused: a bundle makes hundreds of thousands of dicts, none
    in a cycle, which it would walk again and again (a tenth of the import); reference
    counting still frees them. And the writing thread, which takes the interpreter back
    after each of its statements, gets it within 0.2 ms instead of up to 5 ms while the
    other thread runs Python: those waits were a sixth of the import.
    """
    was_enabled, interval = gc.isenabled(), sys.getswitchinterval()
    gc.disable()
    sys.setswitchinterval(SWITCH_INTERVAL)
    try:
        yield
    finally:
        sys.setswitchinterval(interval)
        if was_enabled:
            gc.enable()


def _ahead(
    paths: list[Path], open_one: Callable[[Path], _Opened | BundleOutcome]
) -> Iterator[tuple[Path, _Opened | BundleOutcome]]:
    """Each path with what `open_one` made of it; the next path is opened meanwhile, in
    a second thread."""
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="bundle") as worker:
        pending: deque[tuple[Path, Future[_Opened | BundleOutcome]]] = deque()
        for path in paths:
            pending.append((path, worker.submit(open_one, path)))
            if len(pending) > 1:
                done, opened = pending.popleft()
                yield done, opened.result()
        for done, opened in pending:
            yield done, opened.result()


@dataclass(frozen=True)
class _Opened:
    """A bundle read, decrypted and checked, its interviews scored and staged."""

    file_sha256: str
    bundle: Opened
    staged: Staged


def _open(
    path: Path,
    *,
    identities: tuple[pyrage.x25519.Identity, ...],
    known: frozenset[str],
    published_for: Finder | None,
    version: Callable[[str, int], Published | None],
) -> _Opened | BundleOutcome:
    """What can be done of a bundle without the database (in the second thread); an
    outcome when that already decides it. `known`: the bundles imported before;
    `version`: the questionnaire versions installed here, to read progress codes with."""
    if path.name.endswith(".tmp"):
        return BundleOutcome(path.name, BundleStatus.UNFINISHED, msg("bundle.unfinished"))
    if NAME.match(path.name) is None:
        return BundleOutcome(path.name, BundleStatus.REFUSED, msg("bundle.bad_name"))
    try:
        data = read_bounded(path, MAX_BYTES, links=False)
    except FileProblem as exc:
        return BundleOutcome(path.name, BundleStatus.REFUSED, exc.message)
    file_sha256 = sha256(data)
    if file_sha256 in known:
        return BundleOutcome(path.name, BundleStatus.KNOWN)
    try:
        opened = unseal(data, identities, path.name)  # every identity: rotated ones too
        if any(code_disagrees(record, version) for record, _ in opened.records):
            raise BundleError(msg("bundle.not_format", detail="interview.previous"))
        staged = stage_records(opened.records, published_for)
    except BundleError as exc:
        return BundleOutcome(path.name, BundleStatus.REFUSED, exc.message)
    except (OverflowError, ValueError, TypeError):
        return BundleOutcome(path.name, BundleStatus.REFUSED, msg("bundle.not_stored"))
    return _Opened(file_sha256, opened, staged)


def _take(inbox: Inbox, path: Path, opened: _Opened) -> BundleOutcome:
    """Import an opened bundle, if its sender is the laptop enrolled for its device; a
    value the checks let through that Python or SQLite still cannot take refuses this
    bundle alone (its transaction rolled back), never the import."""
    try:
        return _take_checked(inbox, path, opened)
    except (OverflowError, ValueError, TypeError):
        return BundleOutcome(path.name, BundleStatus.REFUSED, msg("bundle.not_stored"))


def _take_checked(inbox: Inbox, path: Path, opened: _Opened) -> BundleOutcome:
    if inbox.known_bundle(opened.file_sha256):  # the same file twice on the key
        return BundleOutcome(path.name, BundleStatus.KNOWN)
    manifest = opened.bundle.manifest
    refused = _sender_refused(inbox, manifest.device, manifest.signing_key)
    if refused is not None:
        return BundleOutcome(path.name, BundleStatus.REFUSED, refused)
    if inbox.enrolled(manifest.device) is None:
        laptop = inbox.note_pending(manifest.device, manifest.signing_key)
        if laptop is None:
            return BundleOutcome(path.name, BundleStatus.REFUSED, msg("bundle.key_of_another"))
        reason = msg("office.not_enrolled", fingerprint=laptop.fingerprint)
        return BundleOutcome(path.name, BundleStatus.WAITING, reason, laptop=laptop)
    outcomes = inbox.take(
        opened.file_sha256,
        manifest.device,
        manifest.seq,
        opened.bundle.content_sha256,
        opened.bundle.records,
        opened.staged,
    )
    return BundleOutcome(path.name, BundleStatus.IMPORTED, records=outcomes)


def _sender_refused(inbox: Inbox, device: str, signing_key: str) -> Message | None:
    """Why a bundle signed by `signing_key` in `device`'s name is refused, if it is."""
    if device == inbox.store.device:
        return msg("bundle.from_office")  # only the office itself speaks for the office
    known = inbox.laptop(signing_key)
    if known is not None and known.device_id != device:
        return msg("bundle.key_of_another")
    if known is not None and known.withdrawn_at is not None:
        return msg("bundle.withdrawn", day=local_day(known.withdrawn_at))
    enrolled = inbox.enrolled(device)
    if enrolled is not None and enrolled.public_key != signing_key:
        return msg(
            "bundle.other_signer", signer=fingerprint(signing_key), enrolled=enrolled.fingerprint
        )
    return None
