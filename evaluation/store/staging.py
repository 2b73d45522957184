"""Finished interviews staged for a bulk copy into the store.

The office imports tens of thousands of rows per bundle. Written one row at a time,
each row is its own statement (with the summaries' triggers, its own statement
journal) and takes the interpreter lock back between rows; so another thread prepares
the rows of the next bundle in a private in-memory SQLite database (`stage`, no file:
the rows are personal data), and the store copies them in one `INSERT … SELECT` per
table (`copy_staged`), much as SQLite copies a table into another.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Mapping, Sequence
from contextlib import closing, contextmanager
from dataclasses import dataclass
from itertools import chain
from operator import itemgetter
from typing import TYPE_CHECKING

import sqlite_utils

from evaluation.interview.return_code import PreviousVisit
from evaluation.store.interviews import Store
from evaluation.store.rows import ANSWER_COLUMNS, STORED_COLUMNS, previous_level_rows, stored_values

if TYPE_CHECKING:
    from evaluation.store.row_types import AnswerRow, InterviewRow

SCHEMA = "staged"
MAX_PARAMETERS = 999  # per statement: SQLite's limit before 3.32
# The columns of `scores`, in the order `evaluation.store.scores.score_rows` gives them.
SCORE_COLUMNS = (
    "interview_id",
    "scored_for",
    "level_id",
    "autonomie",
    "levels",
    "materiel",
    "thematiques",
    "proposed",
    "structure",
)
_TABLES = {
    "interviews": STORED_COLUMNS,
    "answers": ("interview_id", *ANSWER_COLUMNS),
    "scores": SCORE_COLUMNS,
    "previous_levels": ("interview_id", "competence", "level"),  # after their interviews
}


@dataclass(frozen=True)
class Staged:
    """Interviews with their answers and scores, as an in-memory database's image."""

    image: bytes


def stage(
    interviews: Sequence[tuple[InterviewRow, Sequence[AnswerRow]]],
    scores: Sequence[tuple[object, ...]],
    previous: Mapping[str, PreviousVisit] | None = None,
) -> Staged:
    """Stage whole finished interviews, their scores (rows of `SCORE_COLUMNS`) and the
    earlier visit of the return visits (by interview id); runs in any thread, touching
    no store."""
    answer = itemgetter(*ANSWER_COLUMNS)
    earlier = previous or {}
    rows = {
        "interviews": [stored_values(row, earlier.get(row["id"])) for row, _ in interviews],
        "answers": [(row["id"], *answer(a)) for row, answers in interviews for a in answers],
        "scores": scores,
        "previous_levels": previous_level_rows(earlier),
    }
    with closing(sqlite3.connect(":memory:")) as conn:
        conn.execute("PRAGMA journal_mode = OFF")  # nothing to roll back: it is thrown away
        for table, columns in _TABLES.items():
            conn.execute(f"CREATE TABLE {table} ({', '.join(columns)})")
            _insert(conn, table, len(columns), rows[table])
        conn.commit()
        return Staged(conn.serialize())


def _insert(
    conn: sqlite3.Connection, table: str, width: int, rows: Sequence[tuple[object, ...]]
) -> None:
    """Insert `rows` many per statement: a third faster than one per statement, most of
    whose time is the statement's own round trip from Python."""
    per = max(1, MAX_PARAMETERS // width)
    one = f"({', '.join('?' * width)})"
    full = len(rows) - len(rows) % per
    if full:
        many = f"INSERT INTO {table} VALUES {', '.join([one] * per)}"
        for start in range(0, full, per):
            conn.execute(many, list(chain.from_iterable(rows[start : start + per])))
    conn.executemany(f"INSERT INTO {table} VALUES {one}", rows[full:])


@contextmanager
def attached(store: Store, staged: Staged) -> Iterator[None]:
    """`staged` attached to the store's connection (as `SCHEMA`) for the duration, for
    `copy_staged`; entered before the transaction (SQLite loads an image into a schema no
    transaction holds)."""
    with store.connection() as db:
        db.execute(f"ATTACH ':memory:' AS {SCHEMA}")
        try:
            db.conn.deserialize(staged.image, name=SCHEMA)
        except BaseException:
            db.execute(f"DETACH {SCHEMA}")
            raise
    try:
        yield
    finally:
        with store.connection() as db:
            db.execute(f"DETACH {SCHEMA}")


def copy_staged(db: sqlite_utils.Database, ids: Sequence[str] | None = None) -> None:
    """Copy the attached image's interviews, their answers and scores, into the store,
    in the caller's transaction, one statement per table: those of `ids`, or all."""
    chosen = () if ids is None else (json.dumps(list(ids)),)
    for table, columns in _TABLES.items():
        key = "id" if table == "interviews" else "interview_id"
        names = ", ".join(columns)
        among = "" if ids is None else f" WHERE {key} IN (SELECT value FROM json_each(?))"
        db.execute(
            f"INSERT INTO main.{table} ({names}) SELECT {names} FROM {SCHEMA}.{table}{among}",
            chosen,
        )
