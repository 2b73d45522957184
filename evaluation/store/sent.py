"""A laptop's tables for the sync: the bundles it wrote, the records in each, and which
ones an office receipt acknowledged. What to send is decided in `evaluation.sync.outbox`.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from evaluation.store.interviews import Store


def acknowledged(store: Store) -> set[tuple[str, str]]:
    """(record id, record sha256) of every record in a bundle an office acknowledged."""
    rows = store.query(
        "SELECT record_id, record_sha256 FROM bundle_records JOIN bundles_sent"
        " USING (seq) WHERE acknowledged_at IS NOT NULL"
    )
    return {(str(r["record_id"]), str(r["record_sha256"])) for r in rows}


def last_seq(store: Store) -> int:
    """The number of the last bundle written (0 before any)."""
    rows = store.query("SELECT MAX(seq) AS seq FROM bundles_sent")
    return int(rows[0]["seq"] or 0)


def note_sent(
    store: Store,
    seq: int,
    file_name: str,
    file_sha256: str,
    content_sha256: str,
    at: str,
    records: Sequence[tuple[str, str]],
) -> None:
    """A bundle written and checked, with (record id, record sha256) of what it holds."""
    with store.transaction() as db:
        db.execute(
            "INSERT INTO bundles_sent (seq, file_name, file_sha256, content_sha256,"
            " written_at) VALUES (?, ?, ?, ?, ?)",
            (seq, file_name, file_sha256, content_sha256, at),
        )
        db.conn.executemany(
            "INSERT INTO bundle_records (seq, record_id, record_sha256) VALUES (?, ?, ?)",
            [(seq, record_id, sha) for record_id, sha in records],
        )


def acknowledge(store: Store, receipts: Sequence[tuple[int, str]], at: str) -> int:
    """Mark the bundles named by (seq, content sha256), if not yet; how many."""
    count = 0
    with store.transaction() as db:
        for seq, content_sha256 in receipts:
            cursor = db.execute(
                "UPDATE bundles_sent SET acknowledged_at = ? WHERE seq = ?"
                " AND content_sha256 = ? AND acknowledged_at IS NULL",
                (at, seq, content_sha256),
            )
            count += cursor.rowcount
    return count


def recorders(store: Store, ids: Sequence[str]) -> dict[str, str]:
    """Which of these interviews the database holds, with the device that recorded each."""
    rows = store.query(
        "SELECT id, device_id FROM interviews WHERE id IN (SELECT value FROM json_each(?))",
        (json.dumps(list(ids)),),
    )
    return {str(r["id"]): str(r["device_id"]) for r in rows}
