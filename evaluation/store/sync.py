"""The database side of the USB sync: a laptop's outbox and an office's inbox.

A laptop sends every record (finished interview or erasure) whose exact content no
receipt has acknowledged yet. The office takes each record once: the same id with the
same content again changes nothing, with other content it is kept aside as a conflict,
and an erased id never comes back.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from operator import attrgetter, itemgetter
from typing import Literal

import sqlite_utils

from evaluation.store.erasure import bury
from evaluation.store.interviews import Store, now
from evaluation.store.records import (
    ANSWER_COLUMNS,
    INTERVIEW_COLUMNS,
    ErasureData,
    InterviewData,
    canonical_json,
    interview_record,
    line_sha256,
)

Record = InterviewData | ErasureData
# A record as an office receives it, with the sha256 of its line in the bundle. The
# laptop writes each record as its canonical JSON, so this is `record_sha256(record)`;
# a line written otherwise only makes a later copy of that record a conflict, never a
# silent duplicate.
Received = tuple[Record, str]


@dataclass(frozen=True)
class Outgoing:
    """A record a laptop sends, serialized once: its canonical JSON and that line's hash."""

    record: Record
    line: str
    sha256: str

    @classmethod
    def of(cls, record: Record) -> Outgoing:
        line = canonical_json(record)
        return cls(record, line, line_sha256(line))


Outcome = Literal["new", "known", "conflict", "erased"]


def records(store: Store) -> list[Record]:
    """Every finished interview and every erasure in the database, as sync records."""
    rows = store.query("SELECT * FROM interviews WHERE stage = 'finished' ORDER BY started_at")
    answers = _by_interview(store, "SELECT * FROM answers ORDER BY question_id")
    found: list[Record] = [interview_record(row, answers.get(row["id"], [])) for row in rows]
    found.extend(
        ErasureData(id=t["interview_id"], device_id=t["device_id"], erased_at=t["erased_at"])
        for t in store.query("SELECT * FROM tombstones ORDER BY erased_at")
    )
    return found


def _by_interview(store: Store, sql: str) -> dict[str, list[dict[str, object]]]:
    grouped: dict[str, list[dict[str, object]]] = {}
    for row in store.query(sql):
        grouped.setdefault(str(row["interview_id"]), []).append(row)
    return grouped


@dataclass(frozen=True)
class Receipt:
    """The office's word that one bundle arrived: its number and content hash."""

    seq: int
    content_sha256: str


class Outbox:
    """A laptop's side: the office key, what to send, what the office acknowledged."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def office_recipient(self) -> str | None:
        rows = self.store.query("SELECT value FROM settings WHERE key = 'office_recipient'")
        return str(rows[0]["value"]) if rows else None

    def enrol(self, recipient: str) -> None:
        """Remember the office's public key (first use, or a change the mediator confirmed)."""
        with self.store.transaction() as db:
            db.execute(
                "INSERT INTO settings (key, value) VALUES ('office_recipient', ?)"
                " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (recipient,),
            )

    def pending(self) -> list[Outgoing]:
        """Records whose exact content no receipt has acknowledged."""
        acknowledged = {
            (r["record_id"], r["record_sha256"])
            for r in self.store.query(
                "SELECT record_id, record_sha256 FROM bundle_records JOIN bundles_sent"
                " USING (seq) WHERE acknowledged_at IS NOT NULL"
            )
        }
        outgoing = (Outgoing.of(r) for r in records(self.store))
        return [o for o in outgoing if (o.record.id, o.sha256) not in acknowledged]

    def last_seq(self) -> int:
        rows = self.store.query("SELECT MAX(seq) AS seq FROM bundles_sent")
        return int(rows[0]["seq"] or 0)

    def sent(
        self,
        seq: int,
        file_name: str,
        file_sha256: str,
        content_sha256: str,
        sent_records: list[Outgoing],
    ) -> None:
        """Remember a bundle once it is written and checked on the key."""
        with self.store.transaction() as db:
            db.execute(
                "INSERT INTO bundles_sent (seq, file_name, file_sha256, content_sha256,"
                " written_at) VALUES (?, ?, ?, ?, ?)",
                (seq, file_name, file_sha256, content_sha256, now()),
            )
            db.conn.executemany(
                "INSERT INTO bundle_records (seq, record_id, record_sha256) VALUES (?, ?, ?)",
                [(seq, o.record.id, o.sha256) for o in sent_records],
            )

    def acknowledge(self, receipts: list[Receipt]) -> int:
        """Mark the bundles these receipts name (number and content both match)."""
        stamp = now()
        count = 0
        with self.store.transaction() as db:
            for receipt in receipts:
                cursor = db.execute(
                    "UPDATE bundles_sent SET acknowledged_at = ? WHERE seq = ?"
                    " AND content_sha256 = ? AND acknowledged_at IS NULL",
                    (stamp, receipt.seq, receipt.content_sha256),
                )
                count += cursor.rowcount
        return count


class Inbox:
    """The office's side: take bundles in once, keep conflicts aside, write receipts."""

    def __init__(self, store: Store) -> None:
        self.store = store

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
    ) -> Counter[Outcome]:
        """Import one bundle's records in a single transaction; the outcome of each.

        A bundle names each id once (unseal checks), so what the database held before
        the bundle decides each record's fate: looked up once, inserted in batches.
        """
        outcomes: Counter[Outcome] = Counter()
        stamp = now()
        interviews = [(r, sha) for r, sha in taken if isinstance(r, InterviewData)]
        with self.store.transaction() as db:
            seen = _Seen.lookup(db, [r.id for r, _ in interviews])
            new: list[tuple[InterviewData, str]] = []
            conflicts = []
            for record, sha in interviews:
                if record.id in seen.erased:
                    outcomes["known"] += 1  # erased here before: it stays erased
                elif seen.imported.get(record.id) == sha:
                    outcomes["known"] += 1
                elif record.id in seen.imported or record.id in seen.present:
                    outcomes["conflict"] += 1
                    conflicts.append((record.id, sha, device_id, stamp, canonical_json(record)))
                else:
                    outcomes["new"] += 1
                    new.append((record, sha))
            db.conn.executemany(
                "INSERT OR IGNORE INTO sync_conflicts (record_id, record_sha256, device_id,"
                " received_at, record) VALUES (?, ?, ?, ?, ?)",
                conflicts,
            )
            _insert(db, new, device_id, stamp)
            for erasure, _ in taken:
                if isinstance(erasure, ErasureData):
                    outcomes[_take_erasure(db, erasure)] += 1
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

    def devices(self) -> list[str]:
        rows = self.store.query("SELECT DISTINCT device_id FROM bundles_imported ORDER BY 1")
        return [str(r["device_id"]) for r in rows]

    def erasures(self) -> list[tuple[str, str, str]]:
        """Every tombstone, for the laptops: (id, device, erased_at)."""
        rows = self.store.query("SELECT * FROM tombstones ORDER BY erased_at, interview_id")
        return [(str(r["interview_id"]), str(r["device_id"]), str(r["erased_at"])) for r in rows]


@dataclass(frozen=True)
class _Seen:
    """What the office database already holds of some interview ids."""

    erased: set[str]
    imported: dict[str, str]  # id: record sha256
    present: set[str]

    @classmethod
    def lookup(cls, db: sqlite_utils.Database, ids: list[str]) -> _Seen:
        wanted = (json.dumps(ids),)
        among = "IN (SELECT value FROM json_each(?))"
        erased = db.execute(
            f"SELECT interview_id FROM tombstones WHERE interview_id {among}", wanted
        )
        imported = db.execute(
            f"SELECT record_id, record_sha256 FROM records_imported WHERE record_id {among}", wanted
        )
        present = db.execute(f"SELECT id FROM interviews WHERE id {among}", wanted)
        return cls(
            erased={r[0] for r in erased}, imported=dict(imported), present={r[0] for r in present}
        )


_interview_values = attrgetter(*INTERVIEW_COLUMNS)
_answer_values = itemgetter(*ANSWER_COLUMNS)


def _insert(
    db: sqlite_utils.Database, new: list[tuple[InterviewData, str]], device_id: str, stamp: str
) -> None:
    db.conn.executemany(
        f"INSERT INTO interviews ({', '.join(INTERVIEW_COLUMNS)})"
        f" VALUES ({', '.join('?' * len(INTERVIEW_COLUMNS))})",
        [_interview_values(record.interview) for record, _ in new],
    )
    db.conn.executemany(
        f"INSERT INTO answers (interview_id, {', '.join(ANSWER_COLUMNS)})"
        f" VALUES (?, {', '.join('?' * len(ANSWER_COLUMNS))})",
        [(record.id, *_answer_values(row)) for record, _ in new for row in record.answers],
    )
    db.conn.executemany(
        "INSERT INTO records_imported (record_id, record_sha256, device_id, imported_at)"
        " VALUES (?, ?, ?, ?)",
        [(record.id, sha, device_id, stamp) for record, sha in new],
    )


def _take_erasure(db: sqlite_utils.Database, record: ErasureData) -> Outcome:
    if db.execute("SELECT 1 FROM tombstones WHERE interview_id = ?", (record.id,)).fetchone():
        return "known"
    deleted = bury(db, record.id, record.device_id, record.erased_at)
    return "erased" if deleted else "new"  # "new": a tombstone for data never received
