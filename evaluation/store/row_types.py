"""The types of the `interviews` and `answers` rows, with every column's limits: the
store inserts rows of these shapes, and the USB sync validates untrusted rows against
them (pydantic), so that nothing stored can break a later read.

Apart from `evaluation.store.rows` so that reading the store (the home screen, at every
opening) does not load the validation library; `rows` names the same columns, which a
test keeps equal.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Annotated, Literal, NotRequired

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

from evaluation.interview.record import Stage
from evaluation.structure.cra import (
    GENRE_VALUES,
    STATUT_SOCIAL_VALUES,
    TRANCHE_AGE_VALUES,
    TYPE_LIEU_VALUES,
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
