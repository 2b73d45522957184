"""The rows of the `interviews` and `answers` tables, defined once.

`InterviewRow` and `AnswerRow` name every column with its type and size limit; the
store inserts by these names, the USB sync carries exactly these rows (and validates
untrusted ones against them), and `InterviewRecord` / `answer_from_row` are the one
place a row becomes the app's types (`activity_from_row` for the CRA export's).
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from typing import Annotated, Any, Literal, NotRequired

from pydantic import (
    AfterValidator,
    ConfigDict,
    Field,
    StringConstraints,
    TypeAdapter,
    ValidationError,
    with_config,
)
from typing_extensions import TypedDict

from evaluation.interview.answers import Answer, Status
from evaluation.interview.record import KeptStep, Profile, Stage, decode_steps
from evaluation.interview.return_code import PreviousVisit
from evaluation.machine.clock import local_day, local_time
from evaluation.structure.cra import (
    GENRE_VALUES,
    STATUT_SOCIAL_VALUES,
    TRANCHE_AGE_VALUES,
    TYPE_LIEU_VALUES,
    Activity,
)


def _moment(text: str) -> str:
    """A stored time: ISO 8601 with its offset, as `evaluation.machine.clock.now` writes it."""
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise ValueError("not an ISO 8601 time") from None
    if moment.tzinfo is None:
        raise ValueError("a time without its offset")
    return text


def _day(text: str) -> str:
    try:
        date.fromisoformat(text)
    except ValueError:
        raise ValueError("not an ISO 8601 day") from None
    return text


_TEXTS = TypeAdapter(
    list[Annotated[str, StringConstraints(max_length=500)]], config=ConfigDict(strict=True)
)


def _text_list(text: str) -> str:
    """A JSON column (option ids, services added, kept steps): a list of short texts."""
    try:
        _TEXTS.validate_json(text)
    except ValidationError:
        raise ValueError("not a JSON list of texts") from None
    return text


def _one_of(values: tuple[str, ...]) -> Callable[[str], str]:
    def check(text: str) -> str:
        if text not in values:
            raise ValueError("not a value of its list")
        return text

    return check


# The types below check untrusted rows (a bundle) so that nothing stored can break a
# later read: times are times, numbers are in range, values are from their lists.
Uuid = Annotated[
    str,
    StringConstraints(pattern=r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"),
]
Sha256 = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]
Short = Annotated[str, StringConstraints(max_length=2000)]
Stamp = Annotated[str, StringConstraints(max_length=40), AfterValidator(_moment)]  # a time
Day = Annotated[str, StringConstraints(max_length=10), AfterValidator(_day)]
Long = Annotated[str, StringConstraints(max_length=20_000)]
Texts = Annotated[str, StringConstraints(max_length=20_000), AfterValidator(_text_list)]
Ident = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_-]{0,63}$")]
Lang = Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}$")]
Version = Annotated[int, Field(ge=1, le=9999)]  # as a pack's file names can carry
Revision = Annotated[int, Field(ge=0, le=1_000_000)]
Flag = Annotated[int, Field(ge=0, le=1)]
Minutes = Annotated[int, Field(ge=0, le=24 * 60)]
StageText = Annotated[str, AfterValidator(_one_of(tuple(Stage)))]
AgeBand = Annotated[str, AfterValidator(_one_of(TRANCHE_AGE_VALUES))]
SocialStatus = Annotated[str, AfterValidator(_one_of(STATUT_SOCIAL_VALUES))]
Gender = Annotated[str, AfterValidator(_one_of(GENRE_VALUES))]
PlaceKind = Annotated[str, AfterValidator(_one_of(TYPE_LIEU_VALUES))]
StatusText = Literal["answered", "dont_know", "skipped"]


@with_config(ConfigDict(extra="forbid", strict=True))
class InterviewRow(TypedDict):
    """One row of `interviews`, as stored."""

    id: Uuid
    device_id: Uuid
    questionnaire_id: Ident
    questionnaire_version: Version
    questionnaire_sha256: Sha256
    lang: Lang
    stage: StageText
    position: Short | None
    started_at: Stamp
    updated_at: Stamp
    finished_at: Stamp | None
    consent_given: Flag | None
    consent_version: Short | None
    consent_at: Stamp | None
    first_name: Short | None
    age_band: AgeBand | None
    social_status: SocialStatus | None
    gender: Gender | None
    commune: Short | None
    postcode: Short | None
    place_name: Short | None
    place_commune: Short | None
    place_postcode: Short | None
    place_kind: PlaceKind | None
    mediator: Short | None
    next_steps: Texts | None  # JSON list of KeptStep.encode(); NULL until chosen
    steps_added: Texts | None  # JSON list of service ids added from the catalogue
    revision: Revision  # 0 when finished; one more each time a finished interview is changed
    changed_at: Stamp | None  # when it was last changed after being finished
    # Keyed in from a paper form (migration m007): present only then, so the rows (and
    # the sync records' hashes) of interviews done on screen stay as they were.
    paper_form: NotRequired[Short]  # the number printed on the form
    paper_date: NotRequired[Day]  # the date written on it (ISO day)
    paper_minutes: NotRequired[Minutes | None]  # how long it took, when the mediator typed it


@with_config(ConfigDict(extra="forbid", strict=True))
class AnswerRow(TypedDict):
    """One row of `answers` (after its interview id): a plain dict, as there are many."""

    question_id: Short
    status: StatusText
    choices: Texts  # a JSON list of option ids, as stored
    text: Long | None
    note: Long | None
    answered_at: Stamp


INTERVIEW_COLUMNS: tuple[str, ...] = tuple(InterviewRow.__annotations__)
PAPER_COLUMNS = ("paper_form", "paper_date", "paper_minutes")


def interview_row(row: dict[str, Any]) -> InterviewRow:
    """The format's columns of a stored row; the paper ones only for a paper interview."""
    paper = row.get("paper_form") is not None
    return {  # type: ignore[return-value]
        c: row[c] for c in INTERVIEW_COLUMNS if paper or c not in PAPER_COLUMNS
    }


ANSWER_COLUMNS: tuple[str, ...] = tuple(AnswerRow.__annotations__)


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
