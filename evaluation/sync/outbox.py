"""A laptop's side of the sync in its database: what to send, what the office
acknowledged, and the office's keys it trusts (the age recipient it encrypts to and the
signing key its packs must carry).

A laptop sends every record (finished interview or erasure) whose exact content no
receipt has acknowledged yet, and keeps it until one does.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass

from evaluation.clock import now
from evaluation.interview import Stage
from evaluation.store import Store
from evaluation.store.erasure import bury
from evaluation.store.interviews import write_value
from evaluation.sync.records import (
    ErasureData,
    Record,
    canonical_json,
    interview_record,
    line_sha256,
)

OFFICE_RECIPIENT = "office_recipient"
OFFICE_SIGNING_KEY = "office_signing_key"
SEQ_RESERVED = "bundle_seq_reserved"
PACK_NUMBER = "office_pack_number"  # the newest pack applied, under the enrolled key


@dataclass(frozen=True)
class EnrolledOffice:
    """The office keys a laptop trusts. `signing_key` is None on a laptop that enrolled
    the office before packs were signed: it learns it from the next pack for the same
    recipient."""

    recipient: str
    signing_key: str | None


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


@dataclass(frozen=True)
class Receipt:
    """The office's word that one bundle arrived: its number and content hash."""

    seq: int
    content_sha256: str


def records(store: Store) -> list[Record]:
    """Every finished interview and every erasure in the database, as sync records."""
    rows = store.query(
        "SELECT * FROM interviews WHERE stage = ? ORDER BY started_at", (Stage.FINISHED,)
    )
    answers: dict[str, list[dict[str, object]]] = {}
    for row in store.query(
        "SELECT a.* FROM answers a JOIN interviews i ON i.id = a.interview_id"
        " WHERE i.stage = ? ORDER BY a.question_id",
        (Stage.FINISHED,),
    ):
        answers.setdefault(str(row["interview_id"]), []).append(row)
    levels: dict[str, dict[str, str]] = {}  # a return visit's earlier levels
    for row in store.query(
        "SELECT p.* FROM previous_levels p JOIN interviews i ON i.id = p.interview_id"
        " WHERE i.stage = ?",
        (Stage.FINISHED,),
    ):
        levels.setdefault(str(row["interview_id"]), {})[row["competence"]] = row["level"]
    found: list[Record] = [
        interview_record(row, answers.get(row["id"], []), levels.get(row["id"])) for row in rows
    ]
    found.extend(
        ErasureData(id=t["interview_id"], device_id=t["device_id"], erased_at=t["erased_at"])
        for t in store.query("SELECT * FROM tombstones ORDER BY erased_at")
    )
    return found


class Outbox:
    """A laptop's side: the office key, what to send, what the office acknowledged."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def office_recipient(self) -> str | None:
        return self.store.value(OFFICE_RECIPIENT)

    def office(self) -> EnrolledOffice | None:
        recipient = self.store.value(OFFICE_RECIPIENT)
        if recipient is None:
            return None
        return EnrolledOffice(recipient, self.store.value(OFFICE_SIGNING_KEY))

    def enrol(self, recipient: str, signing_key: str) -> None:
        """Remember the office's public keys together (on first use, or a change whose
        fingerprint the mediator confirmed); packs are numbered anew under a new key."""
        changed = self.store.value(OFFICE_SIGNING_KEY) != signing_key
        with self.store.transaction() as db:
            if changed:
                write_value(db, PACK_NUMBER, None)
            write_value(db, OFFICE_RECIPIENT, recipient)
            write_value(db, OFFICE_SIGNING_KEY, signing_key)

    def pack_number(self) -> int:
        """The number of the newest office pack applied here (0 before any)."""
        number = self.store.value(PACK_NUMBER)
        return int(number) if number and number.isdigit() else 0

    def applied_pack(self, number: int) -> None:
        if number > self.pack_number():
            self.store.set_value(PACK_NUMBER, str(number))

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

    def reserve_seq(self) -> int:
        """The next bundle's number, from this database alone (never from the files on a
        key, which anyone may plant), kept before the file is written: a bundle written
        but not recorded (the laptop stopped in between) never has its number reused."""
        reserved = self.store.value(SEQ_RESERVED)
        seq = max(self.last_seq(), int(reserved) if reserved and reserved.isdigit() else 0) + 1
        self.store.set_value(SEQ_RESERVED, str(seq))
        return seq

    def sent(
        self,
        seq: int,
        file_name: str,
        file_sha256: str,
        content_sha256: str,
        sent_records: Iterable[Outgoing],
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

    def held(self, ids: list[str]) -> dict[str, str]:
        """Which of these interviews this database holds, with the device that recorded
        each."""
        rows = self.store.query(
            "SELECT id, device_id FROM interviews WHERE id IN (SELECT value FROM json_each(?))",
            (json.dumps(ids),),
        )
        return {str(r["id"]): str(r["device_id"]) for r in rows}

    def bury(self, erasures: list[tuple[str, str, str]]) -> None:
        """Apply the office's erasures (id, device, erased_at) in one transaction."""
        if not erasures:
            return
        with self.store.transaction() as db:
            for interview_id, device, at in erasures:
                bury(db, interview_id, device, at)
