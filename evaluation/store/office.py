"""The office's tables: the laptops it knows, the bundles and records it took in, the
conflicts it keeps aside. The rules that decide what a bundle's record becomes live in
`evaluation.sync.inbox`; here are only the statements, each returning typed rows.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

import sqlite_utils

from evaluation.store.interviews import Store, read_number, write_value

_AMONG = "IN (SELECT value FROM json_each(?))"


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
    def of(cls, row: dict[str, Any]) -> Laptop:
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


@dataclass(frozen=True)
class Seen:
    """What the office database already holds of some interview ids."""

    erased: dict[str, str]  # id: device that erased it
    imported: dict[str, str]  # id: record sha256
    held: dict[str, tuple[str, int]]  # id: (recording device, revision)


@dataclass(frozen=True)
class Conflict:
    """A record kept aside: it differs from what the office holds under its id."""

    record_id: str
    record_sha256: str
    device_id: str
    received_at: str
    record: str  # its canonical JSON


# --- laptops -------------------------------------------------------------------------


def laptops(store: Store) -> list[Laptop]:
    """Every laptop seen: pending ones first, then enrolled, then withdrawn; each by when
    it was first seen."""
    rows = store.query(
        "SELECT * FROM laptops ORDER BY CASE status WHEN 'pending' THEN 0"
        " WHEN 'enrolled' THEN 1 ELSE 2 END, first_seen, fingerprint"
    )
    return [Laptop.of(r) for r in rows]


def laptop(store: Store, public_key: str) -> Laptop | None:
    rows = store.query("SELECT * FROM laptops WHERE public_key = ?", (public_key,))
    return Laptop.of(rows[0]) if rows else None


def enrolled(store: Store, device_id: str) -> Laptop | None:
    """The key this office enrolled for a device, if any."""
    rows = store.query(
        "SELECT * FROM laptops WHERE device_id = ? AND status = ?",
        (device_id, LaptopStatus.ENROLLED),
    )
    return Laptop.of(rows[0]) if rows else None


def add_pending(store: Store, device_id: str, public_key: str, fingerprint: str, at: str) -> None:
    """Remember a laptop seen for the first time; nothing if its key is known."""
    with store.transaction() as db:
        db.execute(
            "INSERT OR IGNORE INTO laptops (public_key, device_id, fingerprint, first_seen,"
            " status) VALUES (?, ?, ?, ?, ?)",
            (public_key, device_id, fingerprint, at, LaptopStatus.PENDING),
        )


def set_enrolled(store: Store, chosen: Laptop, at: str) -> None:
    """Enrol this key; the other keys waiting under its device are dropped."""
    with store.transaction() as db:
        db.execute(
            "UPDATE laptops SET status = ?, enrolled_at = ? WHERE public_key = ?",
            (LaptopStatus.ENROLLED, at, chosen.public_key),
        )
        db.execute(
            "DELETE FROM laptops WHERE device_id = ? AND status = ?",
            (chosen.device_id, LaptopStatus.PENDING),
        )


def set_withdrawn(store: Store, public_key: str, at: str) -> None:
    with store.transaction() as db:
        db.execute(
            "UPDATE laptops SET status = ?, withdrawn_at = ? WHERE public_key = ?",
            (LaptopStatus.WITHDRAWN, at, public_key),
        )


# --- bundles taken in ----------------------------------------------------------------


def known_bundles(store: Store) -> frozenset[str]:
    """The sha256 of every bundle file imported."""
    rows = store.query("SELECT file_sha256 FROM bundles_imported")
    return frozenset(str(r["file_sha256"]) for r in rows)


def known_bundle(store: Store, file_sha256: str) -> bool:
    return bool(store.query("SELECT 1 FROM bundles_imported WHERE file_sha256 = ?", (file_sha256,)))


def imported_bundles(store: Store, device_id: str) -> list[tuple[int, str]]:
    """(seq, content sha256) of each bundle taken in from a device, by number."""
    rows = store.query(
        "SELECT DISTINCT seq, content_sha256 FROM bundles_imported WHERE device_id = ?"
        " ORDER BY seq",
        (device_id,),
    )
    return [(int(r["seq"]), str(r["content_sha256"])) for r in rows]


def devices(store: Store) -> list[str]:
    """Every device a bundle came from."""
    rows = store.query("SELECT DISTINCT device_id FROM bundles_imported ORDER BY 1")
    return [str(r["device_id"]) for r in rows]


def next_number(store: Store, key: str) -> int:
    """One more than the counter kept under `key` in the settings table, kept at once."""
    with store.transaction() as db:
        number = read_number(db, key) + 1
        write_value(db, key, str(number))
    return number


# --- inside `Inbox.take`'s transaction -------------------------------------------------


def seen(db: sqlite_utils.Database, ids: Sequence[str]) -> Seen:
    """What the database holds of these ids, looked up once."""
    wanted = (json.dumps(list(ids)),)
    erased = db.execute(
        f"SELECT interview_id, device_id FROM tombstones WHERE interview_id {_AMONG}", wanted
    )
    imported = db.execute(
        f"SELECT record_id, record_sha256 FROM records_imported WHERE record_id {_AMONG}", wanted
    )
    held = db.execute(f"SELECT id, device_id, revision FROM interviews WHERE id {_AMONG}", wanted)
    return Seen(
        erased=dict(erased.fetchall()),
        imported=dict(imported.fetchall()),
        held={r[0]: (r[1], r[2]) for r in held},
    )


def keep_conflicts(db: sqlite_utils.Database, conflicts: Sequence[Conflict]) -> None:
    db.conn.executemany(
        "INSERT OR IGNORE INTO sync_conflicts (record_id, record_sha256, device_id,"
        " received_at, record) VALUES (?, ?, ?, ?, ?)",
        [(c.record_id, c.record_sha256, c.device_id, c.received_at, c.record) for c in conflicts],
    )


def drop_replaced(db: sqlite_utils.Database, ids: Sequence[str]) -> None:
    """Older revisions about to be replaced by newer ones from the same laptop."""
    for interview_id in ids:
        db.execute("DELETE FROM interviews WHERE id = ?", (interview_id,))
        db.execute("DELETE FROM records_imported WHERE record_id = ?", (interview_id,))


def void_tombstones(db: sqlite_utils.Database, ids: Sequence[str]) -> None:
    """Tombstones of these ids are void (another laptop's erasure, before its record)."""
    db.execute(f"DELETE FROM tombstones WHERE interview_id {_AMONG}", (json.dumps(list(ids)),))


def note_imported(
    db: sqlite_utils.Database, device_id: str, at: str, records: Sequence[tuple[str, str]]
) -> None:
    """(record id, record sha256) taken in from a device."""
    db.execute(
        "INSERT OR REPLACE INTO records_imported (record_id, record_sha256, device_id,"
        " imported_at) SELECT value ->> 0, value ->> 1, ?, ? FROM json_each(?)",
        (device_id, at, json.dumps([list(r) for r in records])),
    )


def note_bundle(
    db: sqlite_utils.Database,
    file_sha256: str,
    device_id: str,
    seq: int,
    content_sha256: str,
    at: str,
) -> None:
    db.execute(
        "INSERT OR IGNORE INTO bundles_imported (file_sha256, device_id, seq,"
        " content_sha256, imported_at) VALUES (?, ?, ?, ?, ?)",
        (file_sha256, device_id, seq, content_sha256, at),
    )


def erasure_state(db: sqlite_utils.Database, interview_id: str) -> tuple[bool, str | None]:
    """Whether the id has a tombstone here, and the device that recorded it if held."""
    tomb = db.execute("SELECT 1 FROM tombstones WHERE interview_id = ?", (interview_id,))
    held = db.execute("SELECT device_id FROM interviews WHERE id = ?", (interview_id,))
    recorder = held.fetchone()
    return tomb.fetchone() is not None, None if recorder is None else str(recorder[0])
