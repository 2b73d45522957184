"""Erasure of one person's interview, purge after the retention period, and forgetting
what the office acknowledged long enough ago.

Erasure and purge leave a tombstone (the interview id and when), which the USB sync
carries both ways; forgetting leaves none (the office keeps its copy). The deleted rows
are then made really gone from the file: `secure_delete` zeroes freed pages, VACUUM
rebuilds the file, and a WAL checkpoint empties the log. A mark written with the
deletion says a clean-up is owed until one succeeds, so an erasure cut short (another
window reading, a full disk) is finished at the next start.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from pathlib import Path
from typing import Any

import sqlite_utils

from evaluation.interview.record import Stage
from evaluation.machine.clock import now, stamp
from evaluation.store.database import BUSY_TIMEOUT_MS, StoreError
from evaluation.store.interviews import Store, write_value

PENDING = "scrub_pending"
DAYS_PER_MONTH = 30.44


def bury(db: sqlite_utils.Database, interview_id: str, device: str, at: str) -> bool:
    """Delete one interview and what hangs on it; leave its tombstone. False if unknown."""
    gone = db.execute("DELETE FROM interviews WHERE id = ?", (interview_id,)).rowcount
    for sql in (
        "DELETE FROM records_imported WHERE record_id = ?",
        "DELETE FROM sync_conflicts WHERE record_id = ?",
    ):
        gone += db.execute(sql, (interview_id,)).rowcount
    db.execute(
        "INSERT OR IGNORE INTO tombstones (interview_id, device_id, erased_at) VALUES (?, ?, ?)",
        (interview_id, device, at),
    )
    write_value(db, PENDING, "1")
    return gone > 0


@dataclass(frozen=True)
class Held:
    """A finished interview held here, as stored: its row and its answers (by question)."""

    row: dict[str, Any]
    answers: list[dict[str, Any]]
    levels: dict[str, str] = field(default_factory=dict)  # a return visit's earlier ones


def acknowledged_before(store: Store, before: str) -> dict[str, set[str]]:
    """Finished interviews held here that an office receipt acknowledged before `before`
    (a stored time), with the record hashes of the contents it acknowledged."""
    rows = store.query(
        "SELECT DISTINCT r.record_id, r.record_sha256 FROM bundle_records r"
        " JOIN bundles_sent b ON b.seq = r.seq JOIN interviews i ON i.id = r.record_id"
        " WHERE i.stage = ? AND b.acknowledged_at IS NOT NULL AND b.acknowledged_at < ?",
        (Stage.FINISHED, before),
    )
    found: dict[str, set[str]] = {}
    for row in rows:
        found.setdefault(str(row["record_id"]), set()).add(str(row["record_sha256"]))
    return found


def held(store: Store, ids: list[str] | None = None) -> list[Held]:
    """These finished interviews (None: every one) as stored, by when they started, answers
    in question order (as the sync reads them, so that their record hash can be compared
    with what the office acknowledged)."""
    among = "" if ids is None else " AND id IN (SELECT value FROM json_each(?))"
    found = {
        str(row["id"]): Held(row, [])
        for row in store.query(
            f"SELECT * FROM interviews WHERE stage = ?{among} ORDER BY started_at",
            (Stage.FINISHED,) if ids is None else (Stage.FINISHED, json.dumps(ids)),
        )
    }
    if ids is None:
        answers = store.query(
            "SELECT a.* FROM answers a JOIN interviews i ON i.id = a.interview_id"
            " WHERE i.stage = ? ORDER BY a.question_id",
            (Stage.FINISHED,),
        )
    else:
        answers = store.query(
            "SELECT * FROM answers WHERE interview_id IN (SELECT value FROM json_each(?))"
            " ORDER BY question_id",
            (json.dumps(list(found)),),
        )
    for answer in answers:
        found[str(answer["interview_id"])].answers.append(answer)
    for level in store.query(
        "SELECT * FROM previous_levels WHERE interview_id IN (SELECT value FROM json_each(?))",
        (json.dumps(list(found)),),
    ):
        found[str(level["interview_id"])].levels[level["competence"]] = level["level"]
    return list(found.values())


@dataclass(frozen=True)
class Tombstone:
    """What is left of an erased interview: its id, the device that erased it, when."""

    interview_id: str
    device_id: str
    erased_at: str


def tombstones(store: Store) -> list[Tombstone]:
    """Every tombstone, oldest first."""
    rows = store.query("SELECT * FROM tombstones ORDER BY erased_at, interview_id")
    return [
        Tombstone(str(r["interview_id"]), str(r["device_id"]), str(r["erased_at"])) for r in rows
    ]


def forget(store: Store, unchanged_since: dict[str, str]) -> list[str]:
    """Delete interviews held here WITHOUT a tombstone: copies the office keeps, which must
    not be erased there. Each only if still finished and not changed since its
    `updated_at` given here; the ids deleted. `scrub` must follow (the mark says so)."""
    gone = []
    with store.transaction() as db:
        for interview_id, updated_at in unchanged_since.items():
            cursor = db.execute(
                "DELETE FROM interviews WHERE id = ? AND stage = ? AND updated_at = ?",
                (interview_id, Stage.FINISHED, updated_at),
            )
            if cursor.rowcount:
                gone.append(interview_id)
        if gone:
            write_value(db, PENDING, "1")
    return gone


def erase(store: Store, interview_id: str) -> None:
    """Erase one interview's rows (KeyError if there is none); `scrub` must follow."""
    with store.transaction() as db:
        if not bury(db, interview_id, store.device, now()):
            raise KeyError(interview_id)


def expired(store: Store, months: int, today: datetime | None = None) -> list[str]:
    """Interviews started more than `months` months (of 30.44 days) ago."""
    limit = (today or datetime.now(UTC)) - timedelta(days=round(months * DAYS_PER_MONTH))
    rows = store.query(
        "SELECT id FROM interviews WHERE started_at < ? ORDER BY started_at", (stamp(limit),)
    )
    return [str(r["id"]) for r in rows]


def erase_many(store: Store, ids: list[str]) -> None:
    """Erase these interviews in one transaction (a purge)."""
    at = now()
    with store.transaction() as db:
        for interview_id in ids:
            bury(db, interview_id, store.device, at)


class Scrub(StrEnum):
    """How the clean-up after a deletion ended."""

    DONE = "done"
    NOTHING = "nothing"  # no clean-up was owed
    BUSY = "busy"  # another window of the app holds the log: finished at the next start
    FAILED = "failed"  # the disk refused (full, read-only): finished at the next start


@dataclass(frozen=True)
class ScrubOutcome:
    status: Scrub
    problem: StoreError | None = None


def pending(store: Store) -> bool:
    return store.value(PENDING) is not None


def scrub(store: Store, wait_ms: int = 3000, force: bool = False) -> ScrubOutcome:
    """Rebuild the file without free pages and empty the write-ahead log, if owed.

    Another window (the app beside a command) may be reading: the log is emptied once
    it is done, waiting `wait_ms` at most; otherwise the mark stays and says so.
    """
    if not force and not pending(store):
        return ScrubOutcome(Scrub.NOTHING)
    try:
        with store.connection() as db:
            db.execute("VACUUM")
            db.execute(f"PRAGMA busy_timeout = {int(wait_ms)}")
            try:
                busy = db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
            finally:
                db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        if busy:
            return ScrubOutcome(Scrub.BUSY)
        store.set_value(PENDING, None)
        # Clearing the mark wrote to the log again: empty it once more (nothing erased in it).
        with store.connection() as db:
            db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    except StoreError as exc:
        return ScrubOutcome(Scrub.FAILED, exc)
    return ScrubOutcome(Scrub.DONE)


def traces(database: Path, needle: str) -> list[Path]:
    """The database files (main, WAL, shared memory) whose bytes contain `needle`."""
    pattern = needle.encode("utf-8")
    found = []
    for path in (database, Path(f"{database}-wal"), Path(f"{database}-shm")):
        if path.exists() and pattern in path.read_bytes():
            found.append(path)
    return found
