"""Interviews and their answers in the local database.

Each write is one short `BEGIN IMMEDIATE` transaction committed before the method
returns, so what the screen shows as saved is on disk. A changed answer keeps its
history. Methods are thread-safe: the app calls them from Textual workers.
"""

from __future__ import annotations

import json
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlite_utils

from evaluation.answers import Answer, Status
from evaluation.store.database import open_database
from evaluation.store.settings import Settings


def now() -> str:
    """The current time, UTC, ISO 8601 with milliseconds."""
    return datetime.now(UTC).isoformat(timespec="milliseconds")


@dataclass(frozen=True)
class Profile:
    """What the visitor chose to tell; every field may stay empty."""

    first_name: str | None = None
    age_band: str = "non_communique"
    social_status: str = "non_communique"
    gender: str = "non_communique"
    commune: str | None = None
    postcode: str | None = None


@dataclass(frozen=True)
class InterviewRecord:
    id: str
    questionnaire_id: str
    questionnaire_version: int
    questionnaire_sha256: str
    lang: str
    stage: str
    position: str | None
    started_at: str
    updated_at: str
    finished_at: str | None
    consent_given: bool | None
    profile: Profile
    place_name: str | None
    mediator: str | None
    next_steps: tuple[str, ...] | None

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> InterviewRecord:
        steps = row["next_steps"]
        consent = row["consent_given"]
        return cls(
            id=row["id"],
            questionnaire_id=row["questionnaire_id"],
            questionnaire_version=row["questionnaire_version"],
            questionnaire_sha256=row["questionnaire_sha256"],
            lang=row["lang"],
            stage=row["stage"],
            position=row["position"],
            started_at=row["started_at"],
            updated_at=row["updated_at"],
            finished_at=row["finished_at"],
            consent_given=None if consent is None else bool(consent),
            profile=Profile(
                first_name=row["first_name"],
                age_band=row["age_band"] or "non_communique",
                social_status=row["social_status"] or "non_communique",
                gender=row["gender"] or "non_communique",
                commune=row["commune"],
                postcode=row["postcode"],
            ),
            place_name=row["place_name"],
            mediator=row["mediator"],
            next_steps=None if steps is None else tuple(json.loads(steps)),
        )


def device_id(folder: Path) -> str:
    """This data folder's device id, created once (a random UUID)."""
    path = folder / "device-id"
    try:
        return path.read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        folder.mkdir(parents=True, exist_ok=True)
        new = str(uuid.uuid4())
        tmp = path.with_suffix(".tmp")
        tmp.write_text(new + "\n", encoding="utf-8")
        tmp.replace(path)
        return new


class Store:
    """The interviews of one database file."""

    def __init__(self, db: sqlite_utils.Database, device: str) -> None:
        self.db = db
        self.device = device
        self.lock = threading.Lock()

    @classmethod
    def open(cls, path: Path, device: str) -> Store:
        return cls(open_database(path), device)

    def close(self) -> None:
        self.db.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite_utils.Database]:
        """One `BEGIN IMMEDIATE` transaction: committed on exit, rolled back on error."""
        with self.lock:
            self.db.execute("BEGIN IMMEDIATE")
            try:
                yield self.db
            except BaseException:
                self.db.execute("ROLLBACK")
                raise
            self.db.execute("COMMIT")

    def query(self, sql: str, params: tuple[Any, ...] = ()) -> list[dict[str, Any]]:
        """Rows as dicts."""
        with self.lock:
            cursor = self.db.execute(sql, params)
            names = [d[0] for d in cursor.description]
            return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]

    # --- settings --------------------------------------------------------------------

    def settings(self) -> Settings:
        rows = self.query("SELECT value FROM settings WHERE key = 'settings'")
        return Settings.model_validate_json(rows[0]["value"]) if rows else Settings()

    def save_settings(self, settings: Settings) -> None:
        with self.transaction() as db:
            db.execute(
                "INSERT INTO settings (key, value) VALUES ('settings', ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (settings.model_dump_json(),),
            )

    # --- interviews ------------------------------------------------------------------

    def start(self, questionnaire_id: str, version: int, sha256: str, lang: str) -> str:
        """Create an interview pinned to one questionnaire version; returns its UUID."""
        settings = self.settings()
        interview_id = str(uuid.uuid4())
        stamp = now()
        with self.transaction() as db:
            db.execute(
                "INSERT INTO interviews (id, device_id, questionnaire_id, questionnaire_version,"
                " questionnaire_sha256, lang, stage, started_at, updated_at, place_name,"
                " place_commune, place_postcode, place_kind, mediator)"
                " VALUES (?, ?, ?, ?, ?, ?, 'consent', ?, ?, ?, ?, ?, ?, ?)",
                (
                    interview_id,
                    self.device,
                    questionnaire_id,
                    version,
                    sha256,
                    lang,
                    stamp,
                    stamp,
                    settings.place.name or None,
                    settings.place.commune or None,
                    settings.place.postcode or None,
                    settings.place.kind,
                    settings.mediator or None,
                ),
            )
        return interview_id

    def _update(self, interview_id: str, **columns: Any) -> None:
        columns["updated_at"] = now()
        assignments = ", ".join(f"{name} = ?" for name in columns)
        with self.transaction() as db:
            cursor = db.execute(
                f"UPDATE interviews SET {assignments} WHERE id = ?",
                (*columns.values(), interview_id),
            )
            if cursor.rowcount != 1:
                raise KeyError(interview_id)

    def record_consent(self, interview_id: str, given: bool, text_version: str) -> None:
        """Store the visitor's choice with the consent text's version and the time."""
        self._update(
            interview_id,
            consent_given=int(given),
            consent_version=text_version,
            consent_at=now(),
            stage="profile" if given else "questions",
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
            stage="questions",
        )

    def save_answer(
        self, interview_id: str, question_id: str, answer: Answer, next_position: str | None
    ) -> None:
        """Commit one answer (and its history) and where the interview goes next."""
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
                "UPDATE interviews SET position = ?, updated_at = ? WHERE id = ?",
                (next_position, stamp, interview_id),
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

    def set_position(self, interview_id: str, question_id: str | None, stage: str) -> None:
        self._update(interview_id, position=question_id, stage=stage)

    def finish(self, interview_id: str, next_steps: list[str]) -> None:
        """Close the interview with the next steps the mediator kept."""
        self._update(
            interview_id,
            stage="finished",
            finished_at=now(),
            next_steps=json.dumps(next_steps),
        )

    def get(self, interview_id: str) -> InterviewRecord:
        rows = self.query("SELECT * FROM interviews WHERE id = ?", (interview_id,))
        if not rows:
            raise KeyError(interview_id)
        return InterviewRecord.from_row(rows[0])

    def answers(self, interview_id: str) -> dict[str, Answer]:
        rows = self.query(
            "SELECT question_id, status, choices, text FROM answers WHERE interview_id = ?",
            (interview_id,),
        )
        return {
            r["question_id"]: Answer(
                Status(r["status"]), tuple(json.loads(r["choices"])), r["text"]
            )
            for r in rows
        }

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
        return [
            Answer(Status(r["status"]), tuple(json.loads(r["choices"])), r["text"]) for r in rows
        ]

    def interviews(
        self, unfinished: bool | None = None, day: str | None = None
    ) -> list[InterviewRecord]:
        """Interviews, newest first; `day` is an ISO date prefix of the start time (UTC)."""
        where, params = ["1 = 1"], []
        if unfinished is not None:
            where.append("stage != 'finished'" if unfinished else "stage = 'finished'")
        if day is not None:
            where.append("started_at LIKE ?")
            params.append(day + "%")
        rows = self.query(
            f"SELECT * FROM interviews WHERE {' AND '.join(where)} ORDER BY started_at DESC",
            tuple(params),
        )
        return [InterviewRecord.from_row(r) for r in rows]
