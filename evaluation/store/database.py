"""Open the SQLite file durably: WAL, synchronous=FULL, waiting for other instances."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import sqlite_utils

from evaluation.store.migrations import MIGRATIONS

BUSY_TIMEOUT_MS = 15_000


class StoreError(Exception):
    """The database cannot be used; the message says what and where."""


def open_database(path: Path) -> sqlite_utils.Database:
    """Open (or create) the database at `path`, upgraded to the latest schema.

    Durability settings are applied and read back on every open; a database that
    refuses them is not used.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(str(path), check_same_thread=False, timeout=BUSY_TIMEOUT_MS / 1000)
        db = sqlite_utils.Database(conn)
        db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA synchronous = FULL")
        db.execute("PRAGMA foreign_keys = ON")
        db.execute("PRAGMA secure_delete = ON")  # freed pages are zeroed: erasure is real
        _check_pragmas(db, path)
        MIGRATIONS.apply(db)
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"{path}: cannot open the database ({exc})") from None
    except OSError as exc:
        raise StoreError(f"{path}: cannot create the database folder ({exc.strerror})") from None
    return db


def _check_pragmas(db: sqlite_utils.Database, path: Path) -> None:
    mode = db.execute("PRAGMA journal_mode").fetchone()[0]
    sync = db.execute("PRAGMA synchronous").fetchone()[0]
    if mode != "wal" or sync != 2:
        raise StoreError(
            f"{path}: the database refused durable settings (journal_mode={mode}, "
            f"synchronous={sync}); is it on a network or read-only drive?"
        )
