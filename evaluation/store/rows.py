"""The rows of the `interviews` and `answers` tables, defined once.

`InterviewRow` and `AnswerRow` (`evaluation.store.row_types`) name every column with its
type and size limit; the store inserts by the names below, the USB sync carries exactly
these rows (and validates untrusted ones against those types), and `InterviewRecord` /
`answer_from_row` are the one place a row becomes the app's types (`activity_from_row`
for the CRA export's).
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from evaluation.interview.answers import Answer, Status
from evaluation.interview.record import KeptStep, Profile, Stage, decode_steps
from evaluation.interview.return_code import PreviousVisit
from evaluation.machine.clock import local_day, local_time
from evaluation.structure.cra import Activity

if TYPE_CHECKING:
    from evaluation.store.row_types import InterviewRow


# The keys of `InterviewRow` and `AnswerRow`, in their order (a test keeps them equal).
INTERVIEW_COLUMNS: tuple[str, ...] = (
    "id",
    "device_id",
    "questionnaire_id",
    "questionnaire_version",
    "questionnaire_sha256",
    "lang",
    "stage",
    "position",
    "started_at",
    "updated_at",
    "finished_at",
    "consent_given",
    "consent_version",
    "consent_at",
    "first_name",
    "age_band",
    "social_status",
    "gender",
    "commune",
    "postcode",
    "place_name",
    "place_commune",
    "place_postcode",
    "place_kind",
    "mediator",
    "next_steps",
    "steps_added",
    "revision",
    "changed_at",
    "paper_form",
    "paper_date",
    "paper_minutes",
)
PAPER_COLUMNS = ("paper_form", "paper_date", "paper_minutes")


def interview_row(row: dict[str, Any]) -> InterviewRow:
    """The format's columns of a stored row; the paper ones only for a paper interview."""
    paper = row.get("paper_form") is not None
    return {  # type: ignore[return-value]
        c: row[c] for c in INTERVIEW_COLUMNS if paper or c not in PAPER_COLUMNS
    }


ANSWER_COLUMNS: tuple[str, ...] = (
    "question_id",
    "status",
    "choices",
    "text",
    "note",
    "answered_at",
)


def answer_from_row(row: Mapping[str, Any]) -> Answer:
    """An answer from its stored `status`, `choices` (JSON) and `text`."""
    text = row["text"]
    if text is None:
        return _answer(row["status"], row["choices"])
    return Answer(Status(row["status"]), _choices(row["choices"]), text)


@lru_cache(maxsize=4096)
def _answer(status: str, choices: str) -> Answer:
    """Made once per distinct pair (answers are immutable, so one object serves all):
    the same few answers come back in every interview, and scoring an office's import
    reads hundreds of thousands."""
    return Answer(Status(status), _choices(choices))


@lru_cache(maxsize=4096)
def _choices(stored: str) -> tuple[str, ...]:
    """Decoded once per distinct text, as `_answer`."""
    return tuple(json.loads(stored))


@dataclass(frozen=True)
class PaperMark:
    """An interview keyed in from a paper form: its number, its day, and how many minutes
    it took when known."""

    form: str
    day: str  # ISO date
    minutes: int | None = None

    @classmethod
    def of(cls, row: dict[str, Any]) -> PaperMark | None:
        if row.get("paper_form") is None:
            return None
        return cls(row["paper_form"], row["paper_date"], row.get("paper_minutes"))


@dataclass(frozen=True)
class InterviewRecord:
    """An interview as the app uses it: typed stage, profile and kept steps."""

    id: str
    device_id: str
    questionnaire_id: str
    questionnaire_version: int
    questionnaire_sha256: str
    lang: str
    stage: Stage
    position: str | None
    started_at: str
    updated_at: str
    finished_at: str | None
    consent_given: bool | None
    profile: Profile
    place_name: str | None
    place_commune: str | None
    place_postcode: str | None
    place_kind: str | None
    mediator: str | None
    next_steps: tuple[KeptStep, ...] | None
    steps_added: tuple[str, ...]
    revision: int
    changed_at: str | None
    paper: PaperMark | None = None
    previous: PreviousVisit | None = None  # a returning visitor's earlier visit, from its code

    @classmethod
    def from_row(
        cls, row: dict[str, Any], levels: Mapping[str, str] | None = None
    ) -> InterviewRecord:
        """The record of a stored row; `levels` are its rows of `previous_levels` (read
        only when the row has a `return_code`)."""
        consent = row["consent_given"]
        return cls(
            id=row["id"],
            device_id=row["device_id"],
            questionnaire_id=row["questionnaire_id"],
            questionnaire_version=row["questionnaire_version"],
            questionnaire_sha256=row["questionnaire_sha256"],
            lang=row["lang"],
            stage=Stage(row["stage"]),
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
            place_commune=row["place_commune"],
            place_postcode=row["place_postcode"],
            place_kind=row["place_kind"],
            mediator=row["mediator"],
            next_steps=decode_steps(row["next_steps"]),
            steps_added=tuple(json.loads(row["steps_added"] or "[]")),
            revision=row["revision"],
            changed_at=row["changed_at"],
            paper=PaperMark.of(row),
            previous=previous_of(row, levels or {}),
        )

    def minutes(self) -> int | None:
        """How long it took, in whole minutes (at least 1); a paper form's only when the
        mediator typed it, else unknown."""
        if self.paper is not None:
            return self.paper.minutes
        if self.finished_at is None:
            return None
        started = datetime.fromisoformat(self.started_at)
        finished = datetime.fromisoformat(self.finished_at)
        return max(1, math.ceil((finished - started).total_seconds() / 60))


def previous_of(row: Mapping[str, Any], levels: Mapping[str, str]) -> PreviousVisit | None:
    """The earlier visit a stored row's `return_code` (migration m012) stands for."""
    code = row.get("return_code")
    if code is None:
        return None
    return PreviousVisit(
        code=code,
        questionnaire_id=row["previous_questionnaire"],
        questionnaire_version=row["previous_version"],
        month=row["previous_month"],
        levels=dict(levels),
    )


PREVIOUS_COLUMNS = ("return_code", "previous_questionnaire", "previous_version", "previous_month")


def previous_columns(visit: PreviousVisit | None) -> tuple[str | int | None, ...]:
    """The `PREVIOUS_COLUMNS` of an interview's row for its earlier visit (None: a first
    visit); its levels go in `previous_levels`."""
    if visit is None:
        return (None,) * len(PREVIOUS_COLUMNS)
    return (visit.code, visit.questionnaire_id, visit.questionnaire_version, visit.month)


STORED_COLUMNS = (*INTERVIEW_COLUMNS, *PREVIOUS_COLUMNS)  # an `interviews` row as written


def stored_values(row: InterviewRow, visit: PreviousVisit | None) -> tuple[Any, ...]:
    """The `STORED_COLUMNS` values of a finished interview and its earlier visit."""
    return (*(row.get(c) for c in INTERVIEW_COLUMNS), *previous_columns(visit))


def previous_level_rows(earlier: Mapping[str, PreviousVisit]) -> list[tuple[str, str, str]]:
    """The rows of `previous_levels` for these earlier visits (by interview id)."""
    return [
        (interview_id, competence, level)
        for interview_id, visit in earlier.items()
        for competence, level in sorted(visit.levels.items())
    ]


def activity_from_row(row: dict[str, Any]) -> Activity:
    """The CRA activity of a finished interview's row joined with its cached score
    (`autonomie`, `materiel`, `thematiques`, `structure`); the visitor's fields only
    with their consent."""
    record = InterviewRecord.from_row(row)
    visitor = record.profile if record.consent_given else Profile()
    finished = record.finished_at or record.updated_at
    changed = record.updated_at != finished
    return Activity(
        id=record.id,
        day=local_day(record.started_at),
        recorded=local_time(finished),
        modified=local_time(record.updated_at) if changed else None,
        minutes=record.minutes(),
        type_lieu=record.place_kind or "autre",
        place_name=record.place_name or "",
        place_postcode=record.place_postcode or "",
        place_commune=record.place_commune or "",
        autonomie=row["autonomie"],
        materiel=tuple(json.loads(row["materiel"])),
        thematiques=tuple(json.loads(row["thematiques"])),
        referred=any(s.service_id for s in record.next_steps or ()) or row["structure"] is not None,
        structure=row["structure"],
        genre=visitor.gender,
        tranche_age=visitor.age_band,
        statut_social=visitor.social_status,
        commune=visitor.commune or "",
        postcode=visitor.postcode or "",
        anonymous=not visitor.first_name,
        first=row.get("return_code") is None,
    )
