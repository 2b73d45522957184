"""Erasure of one person's interview, and purge after the retention period.

Both leave a tombstone (the interview id and when), which the USB sync carries both
ways. The deleted rows are then made really gone from the file: `secure_delete` zeroes
freed pages, VACUUM rebuilds the file, and a WAL checkpoint empties the log.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import sqlite_utils

from evaluation.store.database import BUSY_TIMEOUT_MS, StoreError
from evaluation.store.interviews import Store, now


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
    return gone > 0


def erase(store: Store, interview_id: str) -> None:
    """Erase one interview (raises KeyError if there is none), then scrub the file."""
    with store.transaction() as db:
        if not bury(db, interview_id, store.device, now()):
            raise KeyError(interview_id)
    scrub(store)


def apply_erasures(store: Store, erasures: list[tuple[str, str, str]]) -> list[str]:
    """Apply tombstones (id, device, erased_at) from the office to the interviews held here.

    Ids this database never held are left alone: their tombstones are the office's business.
    """
    with store.transaction() as db:
        held = {r[0] for r in db.execute("SELECT id FROM interviews").fetchall()}
        fresh = [e for e in erasures if e[0] in held]
        for interview_id, device, at in fresh:
            bury(db, interview_id, device, at)
    if fresh:
        scrub(store)
    return [interview_id for interview_id, _, _ in fresh]


def expired(store: Store, months: int, today: datetime | None = None) -> list[str]:
    """Interviews started more than `months` months (of 30.44 days) ago."""
    limit = (today or datetime.now(UTC)) - timedelta(days=round(months * 30.44))
    rows = store.query(
        "SELECT id FROM interviews WHERE started_at < ? ORDER BY started_at",
        (limit.isoformat(timespec="milliseconds"),),
    )
    return [str(r["id"]) for r in rows]


def purge(store: Store, months: int, today: datetime | None = None) -> list[str]:
    """Erase every interview older than the retention period; the ids erased."""
    ids = expired(store, months, today)
    stamp = now()
    with store.transaction() as db:
        for interview_id in ids:
            bury(db, interview_id, store.device, stamp)
    scrub(store)  # also finishes an earlier erasure that found the log busy
    return ids


def scrub(store: Store, wait_ms: int = 3000) -> None:
    """Rebuild the file without free pages and empty the write-ahead log.

    Another open window (the app beside a command) may be reading; the log is emptied
    once it is done, waiting `wait_ms` at most, else a `StoreError` says so rather than
    leave erased data in the log.
    """
    with store.lock:
        store.db.execute("VACUUM")
        store.db.execute(f"PRAGMA busy_timeout = {int(wait_ms)}")
        try:
            busy = store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
        finally:
            store.db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    if busy:
        raise StoreError(
            "erased, but another window of the app still holds the database: close it and "
            "run `evaluation purge` to finish cleaning the file"
        )


def traces(database: Path, needle: str) -> list[Path]:
    """The database files (main, WAL, shared memory) whose bytes contain `needle`."""
    pattern = needle.encode("utf-8")
    found = []
    for path in (database, Path(f"{database}-wal"), Path(f"{database}-shm")):
        if path.exists() and pattern in path.read_bytes():
            found.append(path)
    return found
