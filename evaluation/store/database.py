"""Open the SQLite file durably (WAL, synchronous=FULL), and only if it is ours.

The file is marked with `PRAGMA application_id`; a file holding another application's
tables, or no database at all, is refused before anything is written to it. Every
SQLite error becomes a `StoreError` that says, in words, what happened to which file
and what to do.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import stat
from pathlib import Path

import sqlite_utils

from evaluation.files.disk import os_reason
from evaluation.i18n import msg
from evaluation.problems import Problem
from evaluation.store.migrations import MIGRATIONS

BUSY_TIMEOUT_MS = 15_000
# Less free space than this is a full disk: SQLite needs a few pages to start.
FULL_BELOW = 64 * 1024
APPLICATION_ID = 0x45564131  # "EVA1": this app's databases, whatever their schema version
SQLITE_MAGIC = b"SQLite format 3\x00"
HEADER_SIZE = 100  # the application id is bytes 68 to 71 of it, big-endian


class StoreError(Problem):
    """The database cannot be used; the message says what, where and what to do."""


def explain(exc: sqlite3.Error, path: Path) -> StoreError:
    """An SQLite error as a problem a person can act on.

    SQLite reports a folder it cannot write, or a disk too full to make the shared
    memory file, as a failure to open or a disk error; the folder itself then tells the
    real reason.
    """
    name = getattr(exc, "sqlite_errorname", "") or ""
    text = str(exc).lower()
    if name.startswith("SQLITE_BUSY") or name.startswith("SQLITE_LOCKED") or "locked" in text:
        key = "store.locked"
    elif name.startswith("SQLITE_READONLY") or "readonly" in text:
        key = "store.read_only"
    elif name.startswith("SQLITE_FULL") or "disk is full" in text:
        key = "store.full"
    elif (
        name.startswith(("SQLITE_CANTOPEN", "SQLITE_IOERR"))
        or "unable to open" in text
        or "disk i/o" in text
    ) and (state := _folder_state(path)):
        key = state
    elif name in {"SQLITE_NOTADB"} or "not a database" in text:
        key = "store.not_a_database"
    elif name.startswith("SQLITE_CORRUPT") or "malformed" in text:
        key = "store.corrupt"
    elif name.startswith("SQLITE_CANTOPEN") or "unable to open" in text:
        key = "store.cannot_open"
    elif name.startswith("SQLITE_IOERR") or "disk i/o" in text:
        key = "store.io"
    else:
        return StoreError(msg("store.other", name=name or type(exc).__name__), str(path))
    return StoreError(msg(key), str(path))


def _folder_state(path: Path) -> str | None:
    """`store.read_only` or `store.full` when the database's folder is so, else None."""
    try:
        info = os.statvfs(path.parent)
    except OSError:
        return None
    if info.f_flag & os.ST_RDONLY:
        return "store.read_only"
    if info.f_bavail * info.f_frsize < FULL_BELOW:
        return "store.full"
    if os.geteuid() != 0 and not os.access(path.parent, os.W_OK):
        return "store.read_only"
    return None


def open_database(path: Path) -> sqlite_utils.Database:
    """Open (or create) this app's database at `path`, upgraded to the latest schema.

    Durability settings are applied and read back on every open; a database that
    refuses them is not used.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError as exc:
        raise StoreError(msg("store.no_folder", reason=os_reason(exc)), str(path)) from None
    try:
        mode = path.stat().st_mode
    except OSError:
        mode = None  # a new database, or one SQLite will explain it cannot open
    if mode is not None and stat.S_ISDIR(mode):
        raise StoreError(msg("store.is_folder"), str(path))
    if mode is not None and not stat.S_ISREG(mode):
        raise StoreError(msg("store.not_regular"), str(path))
    conn: sqlite3.Connection | None = None
    try:
        if mode is not None:
            _check_ours(path)
        _keep_private(path)
        conn = sqlite3.connect(str(path), check_same_thread=False, timeout=BUSY_TIMEOUT_MS / 1000)
        db = sqlite_utils.Database(conn)
        db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA synchronous = FULL")
        db.execute("PRAGMA foreign_keys = ON")
        db.execute("PRAGMA secure_delete = ON")  # freed pages are zeroed: erasure is real
        _check_pragmas(db, path)
        MIGRATIONS.apply(db)
        if db.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
            db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    except sqlite3.Error as exc:
        if conn is not None:
            conn.close()
        raise explain(exc, path) from None
    except StoreError:
        if conn is not None:
            conn.close()
        raise
    return db


def _keep_private(path: Path) -> None:
    """The database and its log for their owner only (0600): made so when new (SQLite
    gives `-wal` and `-shm` the database's mode), and tightened when an older version
    left them readable by every account."""
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except FileExistsError:
        for name in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
            with contextlib.suppress(OSError):  # absent, or not ours to change: SQLite says
                if name.stat().st_mode & 0o077 and name.stat().st_uid == os.geteuid():
                    name.chmod(0o600)
    except OSError:
        pass  # SQLite will say why it cannot create it


def _check_ours(path: Path) -> None:
    """Refuse, untouched, a file that is neither this app's database nor an empty one.

    The header is read first, as bytes: a file marked by another application is refused
    without SQLite opening it. An unmarked one is read through a read-only connection,
    which sees a log not yet merged (`-wal`) and never merges nor deletes it, as the last
    read-write connection to close would.
    """
    try:
        with path.open("rb") as file:
            header = file.read(HEADER_SIZE)
    except OSError:
        return  # SQLite will say why it cannot open it
    if len(header) < HEADER_SIZE or not header.startswith(SQLITE_MAGIC):
        return  # empty (a new database), or not a database: SQLite will say so
    application = int.from_bytes(header[68:72], "big")
    if application == APPLICATION_ID:
        return
    if application != 0:
        raise StoreError(msg("store.not_ours"), str(path))
    uri = f"{path.absolute().as_uri()}?mode=ro"
    conn = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        _refuse_foreign(conn, path)
    finally:
        conn.close()


def _refuse_foreign(conn: sqlite3.Connection, path: Path) -> None:
    """Refuse a database holding anything (a table, a view, a trigger…) but this app's."""
    if conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID:
        return
    kinds = dict(
        conn.execute("SELECT name, type FROM sqlite_master WHERE substr(name, 1, 7) != 'sqlite_'")
    )
    if not kinds:
        return  # empty: made ours
    if kinds.get("_sqlite_migrations") != "table":
        raise StoreError(msg("store.not_ours"), str(path))
    sets = {r[0] for r in conn.execute("SELECT DISTINCT migration_set FROM _sqlite_migrations")}
    if sets != {MIGRATIONS.name}:
        raise StoreError(msg("store.not_ours"), str(path))


def _check_pragmas(db: sqlite_utils.Database, path: Path) -> None:
    mode = db.execute("PRAGMA journal_mode").fetchone()[0]
    sync = db.execute("PRAGMA synchronous").fetchone()[0]
    if mode != "wal" or sync != 2:
        raise StoreError(msg("store.not_durable", mode=mode, sync=sync), str(path))
