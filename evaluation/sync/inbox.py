"""The office's side of the sync in its database: the laptops it knows, take records in
once, keep conflicts aside, write receipts.

A laptop is known by its signing key. Seen for the first time, it is recorded as
pending and none of its bundles is applied until the coordinator confirms its
fingerprint (enrolment); a bundle for an enrolled device signed by another key is
refused (`evaluation.sync.importing`). So the sender of every record is authenticated,
which is what the erasure rule below relies on.

The same id with the same content again changes nothing. A newer revision of an
interview from the laptop that recorded it replaces the older one; any other difference
is a conflict, kept aside and reported. An erasure counts only from the laptop that
recorded the interview or from the office itself; an erased id never comes back.
"""

from __future__ import annotations

from collections import Counter
from enum import StrEnum

from evaluation.i18n import msg
from evaluation.machine.clock import now
from evaluation.problems import Problem
from evaluation.store import Store, office
from evaluation.store.erasure import bury, tombstones
from evaluation.store.interviews import Transaction
from evaluation.store.office import Conflict, Laptop, LaptopStatus
from evaluation.store.scores import Finder, score_rows
from evaluation.store.staging import Staged, attached, copy_staged, stage
from evaluation.sync.outbox import Receipt
from evaluation.sync.records import ErasureData, InterviewData, Record, canonical_json
from evaluation.sync.signing import fingerprint, same_fingerprint

# A record as an office receives it, with the sha256 of its line in the bundle. The
# laptop writes each record as its canonical JSON, so this is `record_sha256(record)`;
# a line written otherwise only makes a later copy of that record a conflict, never a
# silent duplicate.
Received = tuple[Record, str]
PACK_NUMBER = "pack_number"  # the last pack's number (settings table)

__all__ = ["Inbox", "Laptop", "LaptopStatus", "Outcome", "Received", "stage_records"]


class Outcome(StrEnum):
    NEW = "new"
    KNOWN = "known"
    UPDATED = "updated"  # a newer revision from the laptop that recorded it
    CONFLICT = "conflict"
    ERASED = "erased"
    REFUSED = "refused"  # a record or an erasure sent for another laptop


class Inbox:
    """The office's side: its laptops, take bundles in once, keep conflicts aside, write
    receipts."""

    def __init__(self, store: Store, published_for: Finder | None = None) -> None:
        self.store = store
        self.published_for = published_for  # to score what is taken in, in the same pass

    # --- laptops ---------------------------------------------------------------------

    def laptops(self) -> list[Laptop]:
        """Every laptop seen: pending ones first, then enrolled, then withdrawn; each by
        when it was first seen."""
        return office.laptops(self.store)

    def laptop(self, public_key: str) -> Laptop | None:
        return office.laptop(self.store, public_key)

    def enrolled(self, device_id: str) -> Laptop | None:
        """The key this office enrolled for a device, if any."""
        return office.enrolled(self.store, device_id)

    def note_pending(self, device_id: str, public_key: str) -> Laptop | None:
        """Remember a laptop seen for the first time (nothing if its key is known); None
        when another key already has its fingerprint (80 bits: made on purpose, if ever)."""
        office.add_pending(self.store, device_id, public_key, fingerprint(public_key), now())
        return self.laptop(public_key)

    def enrol(self, typed: str) -> Laptop:
        """Confirm the pending laptop with this fingerprint (as the coordinator typed it);
        other keys waiting under the same device are dropped (they were not its key)."""
        pending = [
            laptop
            for laptop in self.laptops()
            if laptop.status is LaptopStatus.PENDING and same_fingerprint(typed, laptop.fingerprint)
        ]
        if not pending:
            seen = [lap for lap in self.laptops() if same_fingerprint(typed, lap.fingerprint)]
            if not seen:
                raise Problem(msg("office.enrol_unknown", fingerprint=typed.strip()))
            withdrawn = seen[0].status is LaptopStatus.WITHDRAWN
            key = "office.enrol_withdrawn" if withdrawn else "office.enrol_already"
            raise Problem(msg(key, fingerprint=seen[0].fingerprint))
        (laptop,) = pending
        if self.enrolled(laptop.device_id) is not None:
            raise Problem(msg("office.enrol_taken", fingerprint=laptop.fingerprint))
        office.set_enrolled(self.store, laptop, now())
        done = self.laptop(laptop.public_key)
        assert done is not None
        return done

    def withdraw(self, typed: str) -> Laptop:
        """Stop taking bundles signed by the laptop with this fingerprint (lost, stolen,
        given away). What it sent before stays; the same computer can be enrolled again
        only under a new key (its `device-key.pem` deleted, a new one made)."""
        seen = [lap for lap in self.laptops() if same_fingerprint(typed, lap.fingerprint)]
        if not seen:
            raise Problem(msg("office.withdraw_unknown", fingerprint=typed.strip()))
        (laptop,) = seen
        if laptop.status is LaptopStatus.WITHDRAWN:
            raise Problem(msg("office.withdraw_already", fingerprint=laptop.fingerprint))
        office.set_withdrawn(self.store, laptop.public_key, now())
        done = self.laptop(laptop.public_key)
        assert done is not None
        return done

    # --- bundles ---------------------------------------------------------------------

    def known_bundles(self) -> frozenset[str]:
        """The sha256 of every bundle file imported."""
        return office.known_bundles(self.store)

    def known_bundle(self, file_sha256: str) -> bool:
        return office.known_bundle(self.store, file_sha256)

    def take(
        self,
        file_sha256: str,
        device_id: str,
        seq: int,
        content_sha256: str,
        taken: list[Received],
        staged: Staged,
    ) -> Counter[Outcome]:
        """Import one bundle's records in a single transaction; the outcome of each.

        A bundle names each id once (unseal checks), so what the database held before
        the bundle decides each record's fate: looked up once; the new interviews are
        copied from `staged` (`stage_records`) in one statement per table.
        """
        outcomes: Counter[Outcome] = Counter()
        stamp = now()
        interviews = [(r, sha) for r, sha in taken if isinstance(r, InterviewData)]
        here = self.store.device
        with attached(self.store, staged), self.store.transaction() as db:
            seen = office.seen(db, [r.id for r, _ in interviews])
            new: list[tuple[InterviewData, str]] = []
            replaced: list[str] = []
            conflicts: list[Conflict] = []
            for record, sha in interviews:
                recorder = record.interview["device_id"]
                held = seen.held.get(record.id)
                tomb = seen.erased.get(record.id)
                if recorder != device_id:
                    outcomes[Outcome.REFUSED] += 1  # a laptop speaks for itself only
                elif tomb is not None and tomb in {recorder, here}:
                    outcomes[Outcome.KNOWN] += 1  # erased here before: it stays erased
                elif seen.imported.get(record.id) == sha:
                    outcomes[Outcome.KNOWN] += 1
                elif held is None:
                    outcomes[Outcome.NEW] += 1
                    new.append((record, sha))
                elif held[0] == recorder == device_id and record.interview["revision"] > held[1]:
                    outcomes[Outcome.UPDATED] += 1
                    replaced.append(record.id)
                    new.append((record, sha))
                else:
                    outcomes[Outcome.CONFLICT] += 1
                    conflicts.append(
                        Conflict(record.id, sha, device_id, stamp, canonical_json(record))
                    )
            office.keep_conflicts(db, conflicts)
            office.drop_replaced(db, replaced)
            # An erasure another laptop sent before this one's interview arrived is void.
            office.void_tombstones(db, [r.id for r, _ in new])
            copy_staged(db, None if len(new) == len(interviews) else [r.id for r, _ in new])
            office.note_imported(db, device_id, stamp, [(record.id, sha) for record, sha in new])
            for erasure, _ in taken:
                if isinstance(erasure, ErasureData):
                    outcomes[_take_erasure(db, erasure, device_id, here)] += 1
            office.note_bundle(db, file_sha256, device_id, seq, content_sha256, stamp)
        return outcomes

    def receipts(self, device_id: str) -> list[Receipt]:
        return [Receipt(*r) for r in office.imported_bundles(self.store, device_id)]

    def next_pack_number(self) -> int:
        """One more than the last pack's: laptops refuse a pack older than theirs."""
        return office.next_number(self.store, PACK_NUMBER)

    def devices(self) -> list[str]:
        return office.devices(self.store)

    def erasures(self) -> list[tuple[str, str, str]]:
        """Every tombstone, for the laptops: (id, device, erased_at)."""
        return [(t.interview_id, t.device_id, t.erased_at) for t in tombstones(self.store)]


def stage_records(taken: list[Received], published_for: Finder | None) -> Staged:
    """A bundle's interviews, their answers and scores, staged for `Inbox.take`; touches
    no store, so the office prepares the next bundle in another thread."""
    records = [r for r, _ in taken if isinstance(r, InterviewData)]
    rows = [(r.interview, r.answers) for r in records]
    previous = {r.id: r.previous.visit() for r in records if r.previous is not None}
    scores = [] if published_for is None else score_rows(published_for, rows)
    return stage(rows, scores, previous)


def _take_erasure(db: Transaction, record: ErasureData, sender: str, here: str) -> Outcome:
    tombstoned, held_by = office.erasure_state(db, record.id)
    if tombstoned:
        return Outcome.KNOWN
    recorder = record.device_id if held_by is None else held_by
    if sender not in {recorder, here}:
        return Outcome.REFUSED  # only the laptop that recorded an interview erases it
    bury(db, record.id, sender, record.erased_at)
    return Outcome.ERASED  # a tombstone for data never here is an erasure, not a new one
