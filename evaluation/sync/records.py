"""The sync record format: a finished interview, or an erasure, as plain JSON.

A record carries the interview's row and its final answers exactly as stored
(`evaluation.store.rows`), so the office holds the same bytes as the laptop and both
compute the same content hash. The answer history (what was answered before a
correction) stays on the laptop: the office needs the final answers only, and less
personal data travels. The models refuse anything else (unknown fields, wrong types,
oversized text): a bundle is untrusted input.
"""

from __future__ import annotations

import hashlib
import json
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, model_validator

from evaluation.interview import Stage
from evaluation.store.rows import (
    ANSWER_COLUMNS,
    AnswerRow,
    InterviewRow,
    Stamp,
    Uuid,
    interview_row,
)


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class InterviewData(_Record):
    type: Literal["interview"] = "interview"
    id: Uuid
    interview: InterviewRow
    answers: list[AnswerRow] = Field(max_length=1000)

    @model_validator(mode="after")
    def _consistent(self) -> InterviewData:
        if self.interview["id"] != self.id:
            raise ValueError("the interview row belongs to another id")
        if self.interview["stage"] != Stage.FINISHED:
            raise ValueError("only finished interviews travel")
        if len({a["question_id"] for a in self.answers}) != len(self.answers):
            raise ValueError("a question is answered twice")
        return self


class ErasureData(_Record):
    type: Literal["erasure"] = "erasure"
    id: Uuid
    device_id: Uuid
    erased_at: Stamp


Record = InterviewData | ErasureData
SyncRecord = Annotated[Record, Field(discriminator="type")]
RECORD = TypeAdapter[Record](SyncRecord)


def canonical_json(record: Record) -> str:
    """One line of JSON, keys sorted, so equal records give equal text."""
    return json.dumps(
        record.model_dump(mode="json"), sort_keys=True, separators=(",", ":"), ensure_ascii=False
    )


def record_sha256(record: Record) -> str:
    return line_sha256(canonical_json(record))


def line_sha256(line: str | bytes) -> str:
    return hashlib.sha256(line.encode("utf-8") if isinstance(line, str) else line).hexdigest()


def interview_record(row: dict[str, Any], answers: list[dict[str, Any]]) -> InterviewData:
    """A record from database rows (columns beyond the format's are left out)."""
    return InterviewData.model_validate(
        {
            "id": row["id"],
            "interview": interview_row(row),
            "answers": [{c: a[c] for c in ANSWER_COLUMNS} for a in answers],
        }
    )
