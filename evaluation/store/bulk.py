"""Many transactions in a row (the office's import of a key): commits that do not each
wait for the disk, checkpoints in the background, and everything synced at the end.

Within `bulk_writes`, `synchronous` is NORMAL: a power cut may lose the last commits,
whole (the WAL never keeps half of one), so nothing outside the database may count on
them before the block ends (the office writes receipts after). SQLite's own checkpoints,
which would copy each commit into the file and sync it on the writer's time, are off;
instead a second connection, in a background thread, copies what is committed (`PASSIVE`:
never in the writer's way) while the next transactions are written. At the end a last
checkpoint syncs the WAL and copies the rest; `synchronous` is FULL again either way.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import closing, contextmanager

from evaluation.i18n import msg
from evaluation.store.database import StoreError
from evaluation.store.interviews import Store

DEFAULT_AUTOCHECKPOINT = 1000  # pages: SQLite's own


@contextmanager
def bulk_writes(store: Store) -> Iterator[Callable[[], Future[None]]]:
    """The block's commits made durable at its end; yields `committed`, to call after
    each commit so that a background checkpoint copies it (it returns that checkpoint,
    done after those asked for before)."""
    checkpointer = sqlite3.connect(store.path, check_same_thread=False, isolation_level=None)
    with (
        closing(checkpointer),
        ThreadPoolExecutor(max_workers=1, thread_name_prefix="checkpoint") as background,
    ):
        last: list[Future[None]] = []

        def committed() -> Future[None]:
            last[:] = [background.submit(_checkpoint, checkpointer)]
            return last[0]

        with store.connection() as db:
            db.execute("PRAGMA synchronous = NORMAL")
            db.execute("PRAGMA wal_autocheckpoint = 0")
        try:
            yield committed
            for checkpoint in last:  # one thread: the last asked for runs last
                checkpoint.result()
            with store.connection() as db:
                busy = db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()[0]
            if busy:  # another connection kept reading: not everything is known synced
                raise StoreError(msg("store.locked"), str(store.path))
        finally:
            with store.connection() as db:
                db.execute("PRAGMA synchronous = FULL")
                db.execute(f"PRAGMA wal_autocheckpoint = {DEFAULT_AUTOCHECKPOINT}")


def _checkpoint(connection: sqlite3.Connection) -> None:
    # A passive checkpoint that fails (a full disk, say) leaves the frames in the WAL,
    # where the last checkpoint, on the writer's connection, meets the same problem and
    # reports it.
    with contextlib.suppress(sqlite3.Error):
        connection.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
