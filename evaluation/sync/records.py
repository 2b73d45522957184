"""The sync record format: a finished interview, or an erasure, as plain JSON.

A record carries the interview's row and its final answers exactly as stored
(`evaluation.store.rows`), so the office holds the same bytes as the laptop and both
compute the same content hash. The answer history (what was answered before a
correction) stays on the laptop: the office needs the final answers only, and less
personal data travels. The models refuse anything else (unknown fields, wrong types,
oversized text): a bundle is untrusted input.

A return visit's record also carries `previous`: the progress code the visitor gave and
what it says of the earlier visit (questionnaire version, month, level per competence).
Only then: the record of any other interview is the same bytes as before it existed, and
a bundle holding one says format 3 (`evaluation.sync.bundle`), which an older office
refuses in one line rather than misread.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, TypeAdapter, model_validator

from evaluation.interview.record import Stage
from evaluation.interview.return_code import CodeRefusal, PreviousVisit, Refusal, read_code
from evaluation.questionnaire import Published
from evaluation.store.row_types import AnswerRow, Ident, InterviewRow, Stamp, Uuid, Version
from evaluation.store.rows import ANSWER_COLUMNS, interview_row, previous_of

# A canonical progress code (`evaluation.interview.return_code`): Crockford base32, the check last.
Code = Annotated[
    str, StringConstraints(pattern=r"^[0-9A-HJKMNP-TV-Z]{5,29}[0-9A-HJKMNP-TV-Z*~$=U]$")
]
# A month a code can hold: January 2020 to August 2062.
Month = Annotated[str, StringConstraints(pattern=r"^20([2-5][0-9]|6[01]|62)-(0[1-9]|1[0-2])$")]


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class PreviousData(_Record):
    """The earlier visit a return visit's progress code stands for."""

    code: Code
    questionnaire_id: Ident
    questionnaire_version: Version
    month: Month
    levels: dict[Ident, Ident] = Field(max_length=200)  # competence id: level id

    @model_validator(mode="after")
    def _well_formed(self) -> PreviousData:
        # Read with no questionnaire, a well-formed code whose check holds goes as far as
        # "no questionnaire known has it": anything else is a damaged code.
        read = read_code(self.code, ())
        if not isinstance(read, CodeRefusal) or read.reason is not Refusal.UNKNOWN_QUESTIONNAIRE:
            raise ValueError("not a progress code")
        if self.month > "2062-08":
            raise ValueError("a month no code holds")
        return self

    def visit(self) -> PreviousVisit:
        """The earlier visit, as the app's type."""
        q = (self.questionnaire_id, self.questionnaire_version)
        return PreviousVisit(self.code, *q, self.month, dict(self.levels))


class InterviewData(_Record):
    type: Literal["interview"] = "interview"
    id: Uuid
    interview: InterviewRow
    answers: list[AnswerRow] = Field(max_length=1000)
    previous: PreviousData | None = None  # a return visit's earlier visit (format 3)

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
    """One line of JSON, keys sorted, so equal records give equal text; no `previous`
    but on a return visit (so that other records are as before format 3)."""
    plain = record.model_dump(mode="json")
    if plain.get("previous", True) is None:
        del plain["previous"]
    return json.dumps(plain, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def returning(record: Record) -> bool:
    """Whether this record needs format 3: a return visit's."""
    return isinstance(record, InterviewData) and record.previous is not None


def record_sha256(record: Record) -> str:
    return line_sha256(canonical_json(record))


def line_sha256(line: str | bytes) -> str:
    return hashlib.sha256(line.encode("utf-8") if isinstance(line, str) else line).hexdigest()


def interview_record(
    row: dict[str, Any],
    answers: list[dict[str, Any]],
    levels: Mapping[str, str] | None = None,
) -> InterviewData:
    """A record from database rows (columns beyond the format's are left out); `levels`:
    its rows of `previous_levels`, for a return visit."""
    previous = previous_of(row, levels or {})
    return InterviewData.model_validate(
        {
            "id": row["id"],
            "interview": interview_row(row),
            "answers": [{c: a[c] for c in ANSWER_COLUMNS} for a in answers],
            "previous": None if previous is None else _previous_data(previous),
        }
    )


def _previous_data(visit: PreviousVisit) -> dict[str, Any]:
    return {
        "code": visit.code,
        "questionnaire_id": visit.questionnaire_id,
        "questionnaire_version": visit.questionnaire_version,
        "month": visit.month,
        "levels": dict(visit.levels),
    }


def code_disagrees(record: Record, version: Callable[[str, int], Published | None]) -> bool:
    """Whether a return visit's version, month or levels are not what its code says, read
    with the version it names as `version` finds it (not known here: nothing to read it
    with). A laptop sends what it read from the code with that same version."""
    if not isinstance(record, InterviewData) or record.previous is None:
        return False
    previous = record.previous
    published = version(previous.questionnaire_id, previous.questionnaire_version)
    if published is None:
        return False
    return read_code(previous.code, (published.questionnaire,)) != previous.visit()
