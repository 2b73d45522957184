"""Interviews and their answers in the local database.

Each write is one short `BEGIN IMMEDIATE` transaction committed before the method
returns, so what the screen shows as saved is on disk. A changed answer keeps its
history. Methods are thread-safe: the app calls them from Textual workers. Every SQLite
error leaves through `transaction` or `query` as a `StoreError` in words.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
import threading
import uuid
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from operator import itemgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeAlias

import sqlite_utils

from evaluation.interview.answers import Answer
from evaluation.interview.record import KeptStep, Profile, Stage, encode_steps
from evaluation.interview.return_code import PreviousVisit
from evaluation.machine.clock import now
from evaluation.store.database import StoreError, explain, open_database
from evaluation.store.rows import (
    ANSWER_COLUMNS,
    PREVIOUS_COLUMNS,
    STORED_COLUMNS,
    InterviewRecord,
    answer_from_row,
    interview_row,
    previous_columns,
    previous_level_rows,
    stored_values,
)
from evaluation.structure.settings import Settings, parse_settings

if TYPE_CHECKING:
    from evaluation.store.row_types import AnswerRow, InterviewRow

# In these words, with the value written in (not bound), so that SQLite reads the
# partial index `interviews_unfinished` (migration m011) instead of every interview.
UNFINISHED = f"stage != '{Stage.FINISHED.value}'"

# The connection inside `Store.transaction`, as the store's functions that join the
# caller's transaction take it (the floors above never use it themselves).
Transaction: TypeAlias = sqlite_utils.Database


class Store:
    """The interviews of one database file."""

    def __init__(self, db: sqlite_utils.Database, device: str, path: Path) -> None:
        self.db = db
        self.device = device
        self.path = path
        self.lock = threading.Lock()

    @classmethod
    def open(cls, path: Path, device: str) -> Store:
        return cls(open_database(path), device, path)

    def close(self) -> None:
        self.db.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite_utils.Database]:
        """One `BEGIN IMMEDIATE` transaction: committed on exit, rolled back on error."""
        with self.lock:
            try:
                self.db.execute("BEGIN IMMEDIATE")
            except sqlite3.Error as exc:
                raise explain(exc, self.path) from None
            try:
                yield self.db
                self.db.execute("COMMIT")
            except BaseException as exc:
                if self.db.conn.in_transaction:
                    with contextlib.suppress(sqlite3.Error):  # the first error says more
                        self.db.execute("ROLLBACK")
                if isinstance(exc, sqlite3.Error):
                    raise explain(exc, self.path) from None
                raise

    @contextmanager
    def connection(self) -> Iterator[sqlite_utils.Database]:
        """The connection, for statements outside a transaction (VACUUM, grouped reads)."""
        with self.lock:
            try:
                yield self.db
            except sqlite3.Error as exc:
                raise explain(exc, self.path) from None

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        """Rows as dicts."""
        with self.connection() as db:
            cursor = db.execute(sql, tuple(params))
            names = [d[0] for d in cursor.description]
            return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    # --- settings --------------------------------------------------------------------

    def settings(self) -> Settings:
        """The settings; a part that does not read back (an older or damaged value) is
        replaced by its default rather than stop the app."""
        rows = self.query("SELECT value FROM settings WHERE key = 'settings'")
        return parse_settings(rows[0]["value"]) if rows else Settings()

    def save_settings(self, settings: Settings) -> None:
        self.set_value("settings", settings.stored())

    def value(self, key: str) -> str | None:
        """A value of the `settings` table (the office key, a pending clean-up...)."""
        rows = self.query("SELECT value FROM settings WHERE key = ?", (key,))
        return str(rows[0]["value"]) if rows else None

    def set_value(self, key: str, value: str | None) -> None:
        with self.transaction() as db:
            write_value(db, key, value)

    # --- interviews ------------------------------------------------------------------

    def start(self, questionnaire_id: str, version: int, sha256: str, lang: str) -> str:
        """Create an interview pinned to one questionnaire version; returns its UUID."""
        settings = self.settings()
        interview_id = str(uuid.uuid4())
        stamp = now()
        values = {
            "id": interview_id,
            "device_id": self.device,
            "questionnaire_id": questionnaire_id,
            "questionnaire_version": version,
            "questionnaire_sha256": sha256,
            "lang": lang,
            "stage": Stage.CONSENT,
            "started_at": stamp,
            "updated_at": stamp,
            "place_name": settings.place.name or None,
            "place_commune": settings.place.commune or None,
            "place_postcode": settings.place.postcode or None,
            "place_kind": settings.place.kind,
            "mediator": settings.mediator or None,
        }
        with self.transaction() as db:
            db.execute(
                f"INSERT INTO interviews ({', '.join(values)})"
                f" VALUES ({', '.join('?' * len(values))})",
                tuple(values.values()),
            )
        return interview_id

    def _update(self, interview_id: str, **columns: Any) -> None:
        with self.transaction() as db:
            _update_in(db, interview_id, **columns)

    def set_lang(self, interview_id: str, lang: str) -> None:
        """The visitor's language: the questionnaire's texts and the sheet are in it."""
        self._update(interview_id, lang=lang)

    def mark_paper(
        self,
        interview_id: str,
        form: str,
        day: str,
        minutes: int | None,
        *,
        started_at: str,
        place_name: str | None,
        mediator: str | None,
    ) -> None:
        """Mark a new interview as keyed in from a paper form: its number, its day (the
        start time is set on that day) and, when typed, how long it took."""
        self._update(
            interview_id,
            paper_form=form,
            paper_date=day,
            paper_minutes=minutes,
            started_at=started_at,
            place_name=place_name,
            mediator=mediator,
        )

    def paper_twins(self, form: str, day: str) -> list[InterviewRecord]:
        """Interviews keyed in from the paper form of this number and day."""
        rows = self.query(
            "SELECT * FROM interviews WHERE paper_form = ? AND paper_date = ?", (form, day)
        )
        return self.records(rows)

    def records(self, rows: Sequence[dict[str, Any]]) -> list[InterviewRecord]:
        """The records of `SELECT *` rows of `interviews`, with the earlier visit's levels
        of those that have a return code (read at once)."""
        returning = [r["id"] for r in rows if r.get("return_code") is not None]
        levels: dict[str, dict[str, str]] = {}
        if returning:
            for r in self.query(
                "SELECT interview_id, competence, level FROM previous_levels"
                " WHERE interview_id IN (SELECT value FROM json_each(?))",
                (json.dumps(returning),),
            ):
                levels.setdefault(r["interview_id"], {})[r["competence"]] = r["level"]
        return [InterviewRecord.from_row(r, levels.get(r["id"])) for r in rows]

    def set_previous(self, interview_id: str, previous: PreviousVisit | None) -> None:
        """Keep (or with None, forget) the earlier visit a typed progress code stands for:
        the code, its questionnaire version, its month and its levels."""
        with self.transaction() as db:
            _update_in(
                db,
                interview_id,
                **dict(zip(PREVIOUS_COLUMNS, previous_columns(previous), strict=True)),
            )
            db.execute("DELETE FROM previous_levels WHERE interview_id = ?", (interview_id,))
            _insert_previous_levels(db, {interview_id: previous} if previous else {})

    def record_consent(self, interview_id: str, given: bool, text_version: str) -> None:
        """Store the visitor's choice with the consent text's version and the time."""
        self._update(
            interview_id,
            consent_given=int(given),
            consent_version=text_version,
            consent_at=now(),
            stage=Stage.PROFILE if given else Stage.QUESTIONS,
        )

    def save_profile(self, interview_id: str, profile: Profile) -> None:
        """Store the profile; with no consent, nothing identifying is kept."""
        record = self.get(interview_id)
        first_name = profile.first_name if record.consent_given else None
        self._update(
            interview_id,
            first_name=(first_name or "").strip() or None,
            age_band=profile.age_band,
            social_status=profile.social_status,
            gender=profile.gender,
            commune=profile.commune or None,
            postcode=profile.postcode or None,
            stage=Stage.QUESTIONS,
        )

    def save_answer(
        self,
        interview_id: str,
        question_id: str,
        answer: Answer,
        next_position: str | None,
        stage: Stage | None = None,
    ) -> None:
        """Commit one answer (and its history) and where the interview goes next: the
        next question, or with the last answer, the `stage` it reaches."""
        stamp = now()
        values = (
            interview_id,
            question_id,
            answer.status.value,
            json.dumps(list(answer.choices)),
            answer.text,
            None,
            stamp,
        )
        with self.transaction() as db:
            db.execute(
                "INSERT INTO answer_history (interview_id, question_id, status, choices, text,"
                " note, answered_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                values,
            )
            db.execute(
                "INSERT INTO answers (interview_id, question_id, status, choices, text, note,"
                " answered_at) VALUES (?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (interview_id, question_id) DO UPDATE SET status = excluded.status,"
                " choices = excluded.choices, text = excluded.text,"
                " answered_at = excluded.answered_at",
                values,
            )
            db.execute(
                "UPDATE interviews SET position = ?, stage = COALESCE(?, stage), updated_at = ?"
                " WHERE id = ?",
                (next_position, stage, stamp, interview_id),
            )

    def save_note(self, interview_id: str, question_id: str, note: str) -> None:
        """The mediator's note on one question (kept beside the answer)."""
        with self.transaction() as db:
            cursor = db.execute(
                "UPDATE answers SET note = ? WHERE interview_id = ? AND question_id = ?",
                (note or None, interview_id, question_id),
            )
            if cursor.rowcount == 0:
                db.execute(
                    "INSERT INTO answers (interview_id, question_id, status, choices, note,"
                    " answered_at) VALUES (?, ?, 'skipped', '[]', ?, ?)",
                    (interview_id, question_id, note or None, now()),
                )

    def set_position(self, interview_id: str, question_id: str | None, stage: Stage) -> None:
        self._update(interview_id, position=question_id, stage=stage)

    def keep_steps(
        self, interview_id: str, steps: Sequence[KeptStep], added: Sequence[str]
    ) -> None:
        """The next steps kept on screen and the services added from the catalogue, as
        soon as the mediator changes them."""
        self._update(
            interview_id, next_steps=encode_steps(list(steps)), steps_added=json.dumps(list(added))
        )

    def finish(self, interview_id: str, steps: Sequence[KeptStep]) -> None:
        """Close the interview with the kept next steps; the first finishing time stays
        (`evaluation.store.scores.finish_scored` stores its scores in the same go)."""
        with self.transaction() as db:
            close(db, interview_id, encode_steps(list(steps)))

    def reopen(self, interview_id: str) -> None:
        """Open a finished interview for a change: a new revision, the change time kept."""
        stamp = now()
        with self.transaction() as db:
            cursor = db.execute(
                "UPDATE interviews SET stage = ?, revision = revision + 1, changed_at = ?,"
                " updated_at = ? WHERE id = ? AND stage = ?",
                (Stage.RESULTS, stamp, stamp, interview_id, Stage.FINISHED),
            )
            if cursor.rowcount != 1:
                raise KeyError(interview_id)

    def discard(self, interview_id: str) -> bool:
        """Delete an unfinished interview that has no answer yet; False if it has one."""
        with self.transaction() as db:
            answered = db.execute(
                "SELECT 1 FROM answers WHERE interview_id = ? LIMIT 1", (interview_id,)
            ).fetchone()
            if answered:
                return False
            cursor = db.execute(
                "DELETE FROM interviews WHERE id = ? AND stage != ?",
                (interview_id, Stage.FINISHED),
            )
            return cursor.rowcount == 1

    def get(self, interview_id: str) -> InterviewRecord:
        rows = self.query("SELECT * FROM interviews WHERE id = ?", (interview_id,))
        if not rows:
            raise KeyError(interview_id)
        return self.records(rows)[0]

    def answers(self, interview_id: str) -> dict[str, Answer]:
        rows = self.query(
            "SELECT question_id, status, choices, text FROM answers WHERE interview_id = ?",
            (interview_id,),
        )
        return {r["question_id"]: answer_from_row(r) for r in rows}

    def answers_of(self, ids: Sequence[str]) -> dict[str, dict[str, Answer]]:
        """The answers of many interviews at once, by interview."""
        found: dict[str, dict[str, Answer]] = {}
        rows = self.query(
            "SELECT interview_id, question_id, status, choices, text FROM answers"
            " WHERE interview_id IN (SELECT value FROM json_each(?))",
            (json.dumps(list(ids)),),
        )
        for r in rows:
            found.setdefault(r["interview_id"], {})[r["question_id"]] = answer_from_row(r)
        return found

    def notes(self, interview_id: str) -> dict[str, str]:
        rows = self.query(
            "SELECT question_id, note FROM answers WHERE interview_id = ? AND note IS NOT NULL",
            (interview_id,),
        )
        return {r["question_id"]: r["note"] for r in rows}

    def history(self, interview_id: str, question_id: str) -> list[Answer]:
        """Every answer given to one question, oldest first."""
        rows = self.query(
            "SELECT status, choices, text FROM answer_history"
            " WHERE interview_id = ? AND question_id = ? ORDER BY id",
            (interview_id, question_id),
        )
        return [answer_from_row(r) for r in rows]

    def interviews(
        self,
        unfinished: bool | None = None,
        between: tuple[str, str] | None = None,
    ) -> list[InterviewRecord]:
        """Interviews, newest first; `between` bounds the start time (stored times)."""
        where: list[str] = ["1 = 1"]
        params: list[str] = []
        if unfinished:
            where.append(UNFINISHED)
        elif unfinished is not None:
            where.append("stage = ?")
            params.append(Stage.FINISHED)
        if between is not None:
            where.append("started_at >= ? AND started_at < ?")
            params.extend(between)
        rows = self.query(
            f"SELECT * FROM interviews WHERE {' AND '.join(where)} ORDER BY started_at DESC",
            params,
        )
        return self.records(rows)

    def unfinished_count(self) -> int:
        """How many interviews are not finished (the home screen's figure), from the
        index of those alone: it does not grow with the finished ones."""
        return int(self.query(f"SELECT COUNT(*) AS n FROM interviews WHERE {UNFINISHED}")[0]["n"])

    def count(self) -> int:
        """How many interviews the database holds."""
        return int(self.query("SELECT COUNT(*) AS n FROM interviews")[0]["n"])

    def answered_counts(self, ids: Sequence[str]) -> dict[str, int]:
        """How many questions each interview has an answer for."""
        rows = self.query(
            "SELECT interview_id, COUNT(*) AS n FROM answers"
            " WHERE interview_id IN (SELECT value FROM json_each(?)) GROUP BY interview_id",
            (json.dumps(list(ids)),),
        )
        return {r["interview_id"]: int(r["n"]) for r in rows}

    def insert_finished(
        self,
        db: sqlite_utils.Database,
        rows: Sequence[tuple[InterviewRow, Sequence[AnswerRow]]],
        previous: Mapping[str, PreviousVisit] | None = None,
        history: bool = False,
    ) -> None:
        """Insert whole finished interviews inside the caller's transaction (demo data):
        the same columns, in batches; `previous`: the earlier visit of the return visits,
        by interview id; with `history`, each answer's history too, as the app saves it."""
        columns = itemgetter(*ANSWER_COLUMNS)
        earlier = previous or {}
        names = STORED_COLUMNS
        db.conn.executemany(
            f"INSERT INTO interviews ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})",
            [stored_values(row, earlier.get(row["id"])) for row, _ in rows],
        )
        _insert_previous_levels(db, earlier)
        db.conn.executemany(
            f"INSERT INTO answers (interview_id, {', '.join(ANSWER_COLUMNS)})"
            f" VALUES (?, {', '.join('?' * len(ANSWER_COLUMNS))})",
            [(row["id"], *columns(a)) for row, answers in rows for a in answers],
        )
        if history:
            db.conn.executemany(
                "INSERT INTO answer_history (interview_id, question_id, status, choices, text,"
                " answered_at) VALUES (?, ?, ?, ?, ?, ?)",
                [
                    (
                        row["id"],
                        a["question_id"],
                        a["status"],
                        a["choices"],
                        a["text"],
                        a["answered_at"],
                    )
                    for row, answers in rows
                    for a in answers
                ],
            )


def write_value(db: sqlite_utils.Database, key: str, value: str | None) -> None:
    """Set (or with None, remove) one value of the `settings` table, in a transaction."""
    if value is None:
        db.execute("DELETE FROM settings WHERE key = ?", (key,))
    else:
        db.execute(
            "INSERT INTO settings (key, value) VALUES (?, ?)"
            " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (key, value),
        )


def close(db: sqlite_utils.Database, interview_id: str, next_steps: str | None) -> str:
    """Finish an interview inside the caller's transaction (KeyError if there is none);
    the time written as its `updated_at`."""
    stamp = now()
    cursor = db.execute(
        "UPDATE interviews SET stage = ?, next_steps = ?, updated_at = ?,"
        " finished_at = COALESCE(finished_at, ?) WHERE id = ?",
        (Stage.FINISHED, next_steps, stamp, stamp, interview_id),
    )
    if cursor.rowcount != 1:
        raise KeyError(interview_id)
    return stamp


def read_number(db: sqlite_utils.Database, key: str) -> int:
    """A counter of the `settings` table, inside the caller's transaction (0 if unset)."""
    row = db.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
    return int(row[0]) if row and str(row[0]).isdigit() else 0


def row_of(record: dict[str, Any]) -> InterviewRow:
    """The interview columns of a `SELECT *` row (columns of later migrations included)."""
    return interview_row(record)


__all__ = ["Store", "StoreError", "Transaction", "read_number", "row_of", "write_value"]


def _update_in(db: Transaction, interview_id: str, **columns: Any) -> None:
    """Set `columns` of one interview inside the caller's transaction (KeyError: none)."""
    columns["updated_at"] = now()
    assignments = ", ".join(f"{name} = ?" for name in columns)
    cursor = db.execute(
        f"UPDATE interviews SET {assignments} WHERE id = ?", (*columns.values(), interview_id)
    )
    if cursor.rowcount != 1:
        raise KeyError(interview_id)


def _insert_previous_levels(db: Transaction, earlier: Mapping[str, PreviousVisit]) -> None:
    """The levels of these earlier visits (by interview id), in `previous_levels`."""
    db.conn.executemany(
        "INSERT INTO previous_levels (interview_id, competence, level) VALUES (?, ?, ?)",
        previous_level_rows(earlier),
    )
