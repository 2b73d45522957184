"""The sync record format: a finished interview, or an erasure, as plain JSON.

A record carries the interview's row and its final answers exactly as stored, so the
office holds the same bytes as the laptop and both compute the same content hash. The
answer history (what was answered before a correction) stays on the laptop: the office
needs the final answers only, and less personal data travels. The models refuse anything
else (unknown fields, wrong types, oversized text): a bundle is untrusted input.
"""

from __future__ import annotations

import hashlib
import json
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    TypeAdapter,
    model_validator,
    with_config,
)
from typing_extensions import TypedDict

Uuid = Annotated[
    str,
    StringConstraints(pattern=r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"),
]
Sha256 = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]
Short = Annotated[str, StringConstraints(max_length=2000)]
Stamp = Annotated[str, StringConstraints(max_length=40)]  # an ISO 8601 time
Text = Annotated[str, StringConstraints(max_length=20_000)]
Status = Literal["answered", "dont_know", "skipped"]


class _Row(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class InterviewRow(_Row):
    id: Uuid
    device_id: Uuid
    questionnaire_id: Short
    questionnaire_version: int
    questionnaire_sha256: Sha256
    lang: Short
    stage: Literal["finished"]
    position: Short | None
    started_at: Short
    updated_at: Short
    finished_at: Short
    consent_given: int | None
    consent_version: Short | None
    consent_at: Short | None
    first_name: Short | None
    age_band: Short | None
    social_status: Short | None
    gender: Short | None
    commune: Short | None
    postcode: Short | None
    place_name: Short | None
    place_commune: Short | None
    place_postcode: Short | None
    place_kind: Short | None
    mediator: Short | None
    next_steps: Text | None


@with_config(ConfigDict(extra="forbid", strict=True))
class AnswerRow(TypedDict):
    """One row of `answers`; a plain dict, as there are many of them (validated about
    twice as fast as a model)."""

    question_id: Short
    status: Status
    choices: Text  # a JSON list, as stored
    text: Text | None
    note: Text | None
    answered_at: Short


class InterviewData(_Row):
    type: Literal["interview"] = "interview"
    id: Uuid
    interview: InterviewRow
    answers: list[AnswerRow] = Field(max_length=1000)

    @model_validator(mode="after")
    def _consistent(self) -> InterviewData:
        if self.interview.id != self.id:
            raise ValueError("the interview row belongs to another id")
        if len({a["question_id"] for a in self.answers}) != len(self.answers):
            raise ValueError("a question is answered twice")
        return self


class ErasureData(_Row):
    type: Literal["erasure"] = "erasure"
    id: Uuid
    device_id: Uuid
    erased_at: Stamp


SyncRecord = Annotated[InterviewData | ErasureData, Field(discriminator="type")]
RECORD = TypeAdapter[InterviewData | ErasureData](SyncRecord)

INTERVIEW_COLUMNS = tuple(InterviewRow.model_fields)
ANSWER_COLUMNS = tuple(AnswerRow.__annotations__)


def canonical_json(record: InterviewData | ErasureData) -> str:
    """One line of JSON, keys sorted, so equal records give equal text."""
    return json.dumps(
        record.model_dump(mode="json"), sort_keys=True, separators=(",", ":"), ensure_ascii=False
    )


def record_sha256(record: InterviewData | ErasureData) -> str:
    return line_sha256(canonical_json(record))


def line_sha256(line: str) -> str:
    return hashlib.sha256(line.encode("utf-8")).hexdigest()


def interview_record(row: dict[str, Any], answers: list[dict[str, Any]]) -> InterviewData:
    """A record from database rows (columns beyond the format's are left out)."""
    return InterviewData.model_validate(
        {
            "id": row["id"],
            "interview": {c: row[c] for c in INTERVIEW_COLUMNS},
            "answers": [{c: a[c] for c in ANSWER_COLUMNS} for a in answers],
        }
    )
