"""Load one questionnaire file: strict YAML, then the models, then the cross-references.

Every problem becomes one readable line `FILE:LINE: FIELD.PATH: message`, the message
in the reader's language.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from evaluation.files.disk import read_bounded
from evaluation.files.safe_yaml import MAX_BYTES, Document, Path_, YamlRefused, read_yaml
from evaluation.french_text import controls_in
from evaluation.i18n import Message, msg
from evaluation.problems import Located, Problem, excerpt
from evaluation.questionnaire.model import (
    IDENT_PATTERN,
    QUESTION_KINDS,
    QUESTIONNAIRE_ID_PATTERN,
    Questionnaire,
)
from evaluation.questionnaire.recordings import Source, checked, declared, folder_source, no_source
from evaluation.questionnaire.references import Issue, find_issues

MAX_REPORTED = 20


class DefinitionError(Problem):
    """A questionnaire file was refused; one located line per problem."""


@dataclass(frozen=True)
class Loaded:
    """A valid questionnaire with the canonical sha256 of its content (its recordings'
    bytes included), and those bytes by file name."""

    questionnaire: Questionnaire
    sha256: str
    recordings: dict[str, bytes] = field(default_factory=dict)


def canonical_hash(questionnaire: Questionnaire, recordings: dict[str, bytes] | None = None) -> str:
    """sha256 of the content: formatting, comments and key order do not change it.

    A field added to the format later is left out while it holds its default, so the
    hash of every version published before it stays what it was. The recordings'
    bytes count too (through their sha256), only in a version that declares some.
    """
    data: object = questionnaire.model_dump(mode="json", by_alias=True)
    if recordings:
        files = {name: hashlib.sha256(raw).hexdigest() for name, raw in recordings.items()}
        data = {"content": data, "recordings": files}
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def load_file(path: Path, shown_as: str | None = None) -> Loaded:
    """Read and validate the questionnaire at `path`; errors name it as `shown_as`."""
    name = shown_as or display_path(path)
    try:
        raw = read_bounded(path, MAX_BYTES)
    except Problem as exc:
        raise DefinitionError(exc.message, name) from None
    return load_bytes(raw, name, folder_source(path.parent))


def load_bytes(raw: bytes, name: str, recordings: Source = no_source) -> Loaded:
    """Validate questionnaire text; `name` is used in error lines. The recordings it
    declares are read through `recordings`, by their name relative to its folder."""
    try:
        doc = read_yaml(raw)
    except YamlRefused as exc:
        raise DefinitionError(exc.message, f"{name}:{exc.line}" if exc.line else name) from None
    if not isinstance(doc.data, dict):
        raise DefinitionError(msg("q.not_mapping"), f"{name}:1")
    questionnaire, issues = validate(doc.data)
    if questionnaire is None:
        problems = [
            _located(name, doc, issue.path, issue.message, issue.line_path) for issue in issues
        ]
        raise DefinitionError.many(first(name, problems))
    files = _recordings(name, doc, recordings)
    return Loaded(questionnaire, canonical_hash(questionnaire, files), files)


def _recordings(name: str, doc: Document, source: Source) -> dict[str, bytes]:
    """The bytes of every recording the questionnaire names, each checked once."""
    files: dict[str, bytes] = {}
    problems: list[Located] = []
    for item in declared(doc.data):
        if item.file in files:
            continue
        try:
            files[item.file] = checked(item.file, source(item.file))
        except Problem as exc:
            problems.append(_located(name, doc, item.path, exc.message))
    if problems:
        raise DefinitionError.many(first(name, problems))
    return files


def validate(data: dict[str, Any]) -> tuple[Questionnaire | None, list[Issue]]:
    """The questionnaire in plain data, or every problem with the path where it stands."""
    hidden = [
        Issue(path, msg("text.control_character", code=code)) for path, code in controls_in(data)
    ]
    if hidden:  # a text that would give orders to a terminal, not words to a person
        return None, hidden
    try:
        questionnaire = Questionnaire.model_validate(data)
    except ValidationError as exc:
        return None, [_pydantic_issue(err) for err in _root_causes(exc.errors())]
    issues = find_issues(questionnaire)
    return (None, issues) if issues else (questionnaire, [])


def display_path(path: Path) -> str:
    """`path` relative to the working folder when it lies below it."""
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except (ValueError, OSError):
        return str(path)


def format_path(path: Path_) -> str:
    """('sections', 0, 'questions', 3, 'id') -> 'sections[0].questions[3].id'."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def first(name: str, problems: list[Located]) -> list[Located]:
    if len(problems) > MAX_REPORTED:
        more = Located(name, msg("q.more", count=len(problems) - MAX_REPORTED))
        return [*problems[:MAX_REPORTED], more]
    return problems


def _located(
    name: str, doc: Document, path: Path_, message: Message, line_path: Path_ | None = None
) -> Located:
    line = doc.line_of(line_path or path)
    return Located(f"{name}:{line}", message, format_path(path))


def _pydantic_issue(err: Any) -> Issue:
    path = _clean_loc(tuple(err["loc"]))
    if err["type"] == "union_tag_invalid":
        path = (*path, "kind")
    return Issue(path, _message(err))


def _root_causes(errors: list[Any]) -> list[Any]:
    """Drop a list's "too short" error when it comes from items that failed inside it."""
    locs = [tuple(e["loc"]) for e in errors]
    return [
        err
        for err, loc in zip(errors, locs, strict=True)
        if err["type"] != "too_short"
        or not any(len(other) > len(loc) and other[: len(loc)] == loc for other in locs)
    ]


def _clean_loc(loc: Path_) -> Path_:
    """Drop the tags pydantic inserts for discriminated unions and dict keys."""
    out: list[str | int] = []
    for i, part in enumerate(loc):
        after_question = i >= 2 and loc[i - 2] == "questions" and isinstance(loc[i - 1], int)
        if (after_question and part in QUESTION_KINDS) or part == "[key]":
            continue
        out.append(part)
    return tuple(out)


_KINDS = ", ".join(QUESTION_KINDS)
# pydantic's error kinds, in words (their own texts are English only).
_FIXED = {
    "missing": "q.missing",
    "extra_forbidden": "q.unknown_key",
    "string_type": "q.must_be_text",
    "int_type": "q.must_be_whole",
    "int_parsing": "q.must_be_whole",
    "int_from_float": "q.must_be_whole",
    "bool_type": "q.must_be_bool",
    "bool_parsing": "q.must_be_bool",
    "dict_type": "q.must_be_mapping",
    "model_type": "q.must_be_mapping",
    "model_attributes_type": "q.must_be_mapping",
    "tuple_type": "q.must_be_list",
    "list_type": "q.must_be_list",
}


def _message(err: Any) -> Message:
    kind = err["type"]
    given = err.get("input")
    ctx = err.get("ctx", {})
    if kind in _FIXED:
        return msg(_FIXED[kind])
    if kind == "union_tag_not_found":
        return msg("q.missing_kind", kinds=_KINDS)
    if kind == "union_tag_invalid":
        return msg("q.unknown_kind", kind=excerpt(ctx.get("tag")), kinds=_KINDS)
    if kind == "string_pattern_mismatch":
        if ctx.get("pattern") == IDENT_PATTERN:
            return msg("q.bad_id", value=excerpt(given))
        if ctx.get("pattern") == QUESTIONNAIRE_ID_PATTERN:
            return msg("q.bad_questionnaire_id", value=excerpt(given))
        return msg("q.bad_form", value=excerpt(given))
    if kind == "string_too_short":
        return msg("q.text_too_short", count=ctx.get("min_length", 1))
    if kind == "string_too_long":
        return msg("q.text_too_long", count=ctx.get("max_length", 0))
    if kind == "too_short":
        return msg("q.list_too_short", count=ctx.get("min_length", 1))
    if kind == "too_long":
        return msg("q.list_too_long", count=ctx.get("max_length", 0))
    if kind in {"greater_than_equal", "greater_than"}:
        return msg("q.at_least", value=ctx.get("ge", ctx.get("gt")))
    if kind in {"less_than_equal", "less_than"}:
        return msg("q.at_most", value=ctx.get("le", ctx.get("lt")))
    if kind == "literal_error":
        return msg("q.one_of", expected=str(ctx.get("expected", "")))
    if kind.startswith("q."):  # raised by the format's own checks (PydanticCustomError)
        return Message(kind, dict(ctx))
    return msg("q.invalid_value", detail=str(err.get("msg", kind)))
