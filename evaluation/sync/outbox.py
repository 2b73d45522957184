"""A laptop's side of the sync in its database: what to send, what the office
acknowledged, and the office's keys it trusts (the age recipient it encrypts to and the
signing key its packs must carry).

A laptop sends every record (finished interview or erasure) whose exact content no
receipt has acknowledged yet, and keeps it until one does.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from evaluation.machine.clock import now
from evaluation.store import Store, sent
from evaluation.store.erasure import bury, held, tombstones
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
    found: list[Record] = [interview_record(h.row, h.answers, h.levels) for h in held(store)]
    found.extend(
        ErasureData(id=t.interview_id, device_id=t.device_id, erased_at=t.erased_at)
        for t in tombstones(store)
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
        acknowledged = sent.acknowledged(self.store)
        outgoing = (Outgoing.of(r) for r in records(self.store))
        return [o for o in outgoing if (o.record.id, o.sha256) not in acknowledged]

    def last_seq(self) -> int:
        return sent.last_seq(self.store)

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
        written = [(o.record.id, o.sha256) for o in sent_records]
        sent.note_sent(self.store, seq, file_name, file_sha256, content_sha256, now(), written)

    def acknowledge(self, receipts: list[Receipt]) -> int:
        """Mark the bundles these receipts name (number and content both match)."""
        named = [(r.seq, r.content_sha256) for r in receipts]
        return sent.acknowledge(self.store, named, now())

    def held(self, ids: list[str]) -> dict[str, str]:
        """Which of these interviews this database holds, with the device that recorded
        each."""
        return sent.recorders(self.store, ids)

    def bury(self, erasures: list[tuple[str, str, str]]) -> None:
        """Apply the office's erasures (id, device, erased_at) in one transaction."""
        if not erasures:
            return
        with self.store.transaction() as db:
            for interview_id, device, at in erasures:
                bury(db, interview_id, device, at)
