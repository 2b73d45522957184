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

import json
from collections import Counter
from dataclasses import dataclass
from enum import StrEnum

import sqlite_utils

from evaluation.clock import now
from evaluation.i18n import msg
from evaluation.problems import Problem
from evaluation.store import Store
from evaluation.store.erasure import bury
from evaluation.store.interviews import write_value
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


class Outcome(StrEnum):
    NEW = "new"
    KNOWN = "known"
    UPDATED = "updated"  # a newer revision from the laptop that recorded it
    CONFLICT = "conflict"
    ERASED = "erased"
    REFUSED = "refused"  # a record or an erasure sent for another laptop


class LaptopStatus(StrEnum):
    PENDING = "pending"  # seen, its bundles wait for the coordinator's confirmation
    ENROLLED = "enrolled"
    WITHDRAWN = "withdrawn"  # lost or given away: its bundles are refused


@dataclass(frozen=True)
class Laptop:
    """A laptop as the office knows it."""

    device_id: str
    public_key: str
    fingerprint: str
    first_seen: str
    status: LaptopStatus
    enrolled_at: str | None = None
    withdrawn_at: str | None = None

    @classmethod
    def of(cls, row: dict[str, object]) -> Laptop:
        enrolled_at, withdrawn_at = row["enrolled_at"], row["withdrawn_at"]
        return cls(
            device_id=str(row["device_id"]),
            public_key=str(row["public_key"]),
            fingerprint=str(row["fingerprint"]),
            first_seen=str(row["first_seen"]),
            status=LaptopStatus(str(row["status"])),
            enrolled_at=None if enrolled_at is None else str(enrolled_at),
            withdrawn_at=None if withdrawn_at is None else str(withdrawn_at),
        )


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
        rows = self.store.query(
            "SELECT * FROM laptops ORDER BY CASE status WHEN 'pending' THEN 0"
            " WHEN 'enrolled' THEN 1 ELSE 2 END, first_seen, fingerprint"
        )
        return [Laptop.of(r) for r in rows]

    def laptop(self, public_key: str) -> Laptop | None:
        rows = self.store.query("SELECT * FROM laptops WHERE public_key = ?", (public_key,))
        return Laptop.of(rows[0]) if rows else None

    def enrolled(self, device_id: str) -> Laptop | None:
        """The key this office enrolled for a device, if any."""
        rows = self.store.query(
            "SELECT * FROM laptops WHERE device_id = ? AND status = 'enrolled'", (device_id,)
        )
        return Laptop.of(rows[0]) if rows else None

    def note_pending(self, device_id: str, public_key: str) -> Laptop | None:
        """Remember a laptop seen for the first time (nothing if its key is known); None
        when another key already has its fingerprint (80 bits: made on purpose, if ever)."""
        with self.store.transaction() as db:
            db.execute(
                "INSERT OR IGNORE INTO laptops (public_key, device_id, fingerprint, first_seen,"
                " status) VALUES (?, ?, ?, ?, ?)",
                (public_key, device_id, fingerprint(public_key), now(), LaptopStatus.PENDING),
            )
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
        stamp = now()
        with self.store.transaction() as db:
            db.execute(
                "UPDATE laptops SET status = ?, enrolled_at = ? WHERE public_key = ?",
                (LaptopStatus.ENROLLED, stamp, laptop.public_key),
            )
            db.execute(
                "DELETE FROM laptops WHERE device_id = ? AND status = ?",
                (laptop.device_id, LaptopStatus.PENDING),
            )
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
        with self.store.transaction() as db:
            db.execute(
                "UPDATE laptops SET status = ?, withdrawn_at = ? WHERE public_key = ?",
                (LaptopStatus.WITHDRAWN, now(), laptop.public_key),
            )
        done = self.laptop(laptop.public_key)
        assert done is not None
        return done

    # --- bundles ---------------------------------------------------------------------

    def known_bundles(self) -> frozenset[str]:
        """The sha256 of every bundle file imported."""
        rows = self.store.query("SELECT file_sha256 FROM bundles_imported")
        return frozenset(str(r["file_sha256"]) for r in rows)

    def known_bundle(self, file_sha256: str) -> bool:
        rows = self.store.query(
            "SELECT 1 FROM bundles_imported WHERE file_sha256 = ?", (file_sha256,)
        )
        return bool(rows)

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
        office = self.store.device
        with attached(self.store, staged), self.store.transaction() as db:
            seen = _Seen.lookup(db, [r.id for r, _ in interviews])
            new: list[tuple[InterviewData, str]] = []
            replaced: list[str] = []
            conflicts = []
            for record, sha in interviews:
                recorder = record.interview["device_id"]
                held = seen.held.get(record.id)
                tomb = seen.erased.get(record.id)
                if recorder != device_id:
                    outcomes[Outcome.REFUSED] += 1  # a laptop speaks for itself only
                elif tomb is not None and tomb in {recorder, office}:
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
                    conflicts.append((record.id, sha, device_id, stamp, canonical_json(record)))
            db.conn.executemany(
                "INSERT OR IGNORE INTO sync_conflicts (record_id, record_sha256, device_id,"
                " received_at, record) VALUES (?, ?, ?, ?, ?)",
                conflicts,
            )
            for interview_id in replaced:
                db.execute("DELETE FROM interviews WHERE id = ?", (interview_id,))
                db.execute("DELETE FROM records_imported WHERE record_id = ?", (interview_id,))
            # An erasure another laptop sent before this one's interview arrived is void.
            db.execute(
                "DELETE FROM tombstones WHERE interview_id IN (SELECT value FROM json_each(?))",
                (json.dumps([r.id for r, _ in new]),),
            )
            copy_staged(db, None if len(new) == len(interviews) else [r.id for r, _ in new])
            db.execute(
                "INSERT OR REPLACE INTO records_imported (record_id, record_sha256, device_id,"
                " imported_at) SELECT value ->> 0, value ->> 1, ?, ? FROM json_each(?)",
                (device_id, stamp, json.dumps([(record.id, sha) for record, sha in new])),
            )
            for erasure, _ in taken:
                if isinstance(erasure, ErasureData):
                    outcomes[_take_erasure(db, erasure, device_id, office)] += 1
            db.execute(
                "INSERT OR IGNORE INTO bundles_imported (file_sha256, device_id, seq,"
                " content_sha256, imported_at) VALUES (?, ?, ?, ?, ?)",
                (file_sha256, device_id, seq, content_sha256, stamp),
            )
        return outcomes

    def receipts(self, device_id: str) -> list[Receipt]:
        rows = self.store.query(
            "SELECT DISTINCT seq, content_sha256 FROM bundles_imported WHERE device_id = ?"
            " ORDER BY seq",
            (device_id,),
        )
        return [Receipt(int(r["seq"]), str(r["content_sha256"])) for r in rows]

    def next_pack_number(self) -> int:
        """One more than the last pack's: laptops refuse a pack older than theirs."""
        with self.store.transaction() as db:
            row = db.execute("SELECT value FROM settings WHERE key = ?", (PACK_NUMBER,)).fetchone()
            number = (int(row[0]) if row and str(row[0]).isdigit() else 0) + 1
            write_value(db, PACK_NUMBER, str(number))
        return number

    def devices(self) -> list[str]:
        rows = self.store.query("SELECT DISTINCT device_id FROM bundles_imported ORDER BY 1")
        return [str(r["device_id"]) for r in rows]

    def erasures(self) -> list[tuple[str, str, str]]:
        """Every tombstone, for the laptops: (id, device, erased_at)."""
        rows = self.store.query("SELECT * FROM tombstones ORDER BY erased_at, interview_id")
        return [(str(r["interview_id"]), str(r["device_id"]), str(r["erased_at"])) for r in rows]


def stage_records(taken: list[Received], published_for: Finder | None) -> Staged:
    """A bundle's interviews, their answers and scores, staged for `Inbox.take`; touches
    no store, so the office prepares the next bundle in another thread."""
    records = [r for r, _ in taken if isinstance(r, InterviewData)]
    rows = [(r.interview, r.answers) for r in records]
    previous = {r.id: r.previous.visit() for r in records if r.previous is not None}
    scores = [] if published_for is None else score_rows(published_for, rows)
    return stage(rows, scores, previous)


@dataclass(frozen=True)
class _Seen:
    """What the office database already holds of some interview ids."""

    erased: dict[str, str]  # id: device that erased it
    imported: dict[str, str]  # id: record sha256
    held: dict[str, tuple[str, int]]  # id: (recording device, revision)

    @classmethod
    def lookup(cls, db: sqlite_utils.Database, ids: list[str]) -> _Seen:
        wanted = (json.dumps(ids),)
        among = "IN (SELECT value FROM json_each(?))"
        erased = db.execute(
            f"SELECT interview_id, device_id FROM tombstones WHERE interview_id {among}", wanted
        )
        imported = db.execute(
            f"SELECT record_id, record_sha256 FROM records_imported WHERE record_id {among}", wanted
        )
        held = db.execute(
            f"SELECT id, device_id, revision FROM interviews WHERE id {among}", wanted
        )
        return cls(
            erased=dict(erased.fetchall()),
            imported=dict(imported.fetchall()),
            held={r[0]: (r[1], r[2]) for r in held},
        )


def _take_erasure(
    db: sqlite_utils.Database, record: ErasureData, sender: str, office: str
) -> Outcome:
    if db.execute("SELECT 1 FROM tombstones WHERE interview_id = ?", (record.id,)).fetchone():
        return Outcome.KNOWN
    held = db.execute("SELECT device_id FROM interviews WHERE id = ?", (record.id,)).fetchone()
    recorder = record.device_id if held is None else held[0]
    if sender not in {recorder, office}:
        return Outcome.REFUSED  # only the laptop that recorded an interview erases it
    bury(db, record.id, sender, record.erased_at)
    return Outcome.ERASED  # a tombstone for data never here is an erasure, not a new one
