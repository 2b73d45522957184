"""Many commits in a row (the office import): not each synced, checkpointed in the
background while the writing goes on, all on disk at the end."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from evaluation.store.bulk import bulk_writes
from evaluation.store.database import StoreError
from tests.store.test_staging import filled
from tests.sync.helpers import Place


def test_bulk_commits_end_synced_and_with_full_sync_again(tmp_path: Path) -> None:
    place = Place.open(tmp_path / "office")
    store = place.workspace.store
    with bulk_writes(store):
        assert store.db.execute("PRAGMA synchronous").fetchone()[0] == 1  # NORMAL
        filled(place.workspace, 5)
    assert store.db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    wal = Path(f"{store.path}-wal")
    assert not wal.exists() or wal.stat().st_size == 0  # checkpointed into the file
    assert store.count() == 5


def test_a_reader_holding_an_old_snapshot_means_not_known_synced(tmp_path: Path) -> None:
    """The checkpoint at the end cannot finish while another connection reads an older
    state: the block says so (the office then writes no receipt), and commits wait for
    the disk again."""
    place = Place.open(tmp_path / "office")
    store = place.workspace.store
    store.db.execute("PRAGMA busy_timeout = 50")
    reader = sqlite3.connect(store.path, isolation_level=None)
    try:
        with pytest.raises(StoreError) as caught, bulk_writes(store):
            reader.execute("BEGIN")
            reader.execute("SELECT COUNT(*) FROM interviews").fetchone()
            filled(place.workspace, 3)
        assert caught.value.message.key == "store.locked"
    finally:
        reader.close()
    assert store.db.execute("PRAGMA synchronous").fetchone()[0] == 2
    assert store.count() == 3  # committed; only the receipts wait


def test_what_is_committed_is_copied_into_the_file_while_the_block_goes_on(
    tmp_path: Path,
) -> None:
    place = Place.open(tmp_path / "office")
    store = place.workspace.store
    with bulk_writes(store) as committed:
        assert store.db.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == 0
        before = store.path.stat().st_size
        filled(place.workspace, 40)  # in the WAL only: SQLite's own checkpoints are off
        assert store.path.stat().st_size == before
        committed().result()
        assert store.path.stat().st_size > before  # copied by the background checkpoint
    assert store.db.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == 1000
