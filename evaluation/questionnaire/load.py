"""Load one questionnaire file: strict YAML, then the models, then the cross-references.

Every problem becomes one readable line `FILE:LINE: FIELD.PATH: message`.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from evaluation.questionnaire.model import QUESTION_KINDS, Questionnaire
from evaluation.questionnaire.references import find_issues
from evaluation.safe_yaml import Document, Path_, YamlRefused, read_yaml

MAX_REPORTED = 20


class DefinitionError(Exception):
    """A questionnaire file was refused; `problems` holds one line per problem."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class Loaded:
    """A valid questionnaire with the canonical sha256 of its content."""

    questionnaire: Questionnaire
    sha256: str


def canonical_hash(questionnaire: Questionnaire) -> str:
    """sha256 of the content: formatting, comments and key order do not change it."""
    data = questionnaire.model_dump(mode="json", by_alias=True)
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def load_file(path: Path, shown_as: str | None = None) -> Loaded:
    """Read and validate the questionnaire at `path`; errors name it as `shown_as`."""
    name = shown_as or display_path(path)
    try:
        size = path.stat().st_size
        if size > 1024 * 1024:
            raise DefinitionError([f"{name}: file is larger than 1 MiB ({size} bytes)"])
        raw = path.read_bytes()
    except OSError as exc:
        raise DefinitionError([f"{name}: cannot read file ({exc.strerror})"]) from None
    return load_bytes(raw, name)


def load_bytes(raw: bytes, name: str) -> Loaded:
    """Validate questionnaire text; `name` is used in error lines."""
    try:
        doc = read_yaml(raw)
    except YamlRefused as exc:
        where = f"{name}:{exc.line}" if exc.line else name
        raise DefinitionError([f"{where}: {exc.message}"]) from None
    if not isinstance(doc.data, dict):
        raise DefinitionError([f"{name}:1: the file must be a mapping of keys to values"])
    try:
        questionnaire = Questionnaire.model_validate(doc.data)
    except ValidationError as exc:
        problems = [_pydantic_line(name, doc, err) for err in _root_causes(exc.errors())]
        raise DefinitionError(_first(problems)) from None
    issues = find_issues(questionnaire)
    if issues:
        problems = [
            _line(name, doc, issue.path, issue.message, issue.line_path) for issue in issues
        ]
        raise DefinitionError(_first(problems))
    return Loaded(questionnaire, canonical_hash(questionnaire))


def display_path(path: Path) -> str:
    """`path` relative to the working folder when it lies below it."""
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def format_path(path: Path_) -> str:
    """('sections', 0, 'questions', 3, 'id') -> 'sections[0].questions[3].id'."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _first(problems: list[str]) -> list[str]:
    if len(problems) > MAX_REPORTED:
        return [*problems[:MAX_REPORTED], f"... and {len(problems) - MAX_REPORTED} more"]
    return problems


def _line(
    name: str, doc: Document, path: Path_, message: str, line_path: Path_ | None = None
) -> str:
    line = doc.line_of(line_path or path)
    field = format_path(path)
    return f"{name}:{line}: {field}: {message}" if field else f"{name}:{line}: {message}"


def _pydantic_line(name: str, doc: Document, err: Any) -> str:
    path = _clean_loc(tuple(err["loc"]))
    if err["type"] == "union_tag_invalid":
        path = (*path, "kind")
    return _line(name, doc, path, _message(err))


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
_IDENT_PATTERN = r"^[a-z0-9][a-z0-9_-]*$"


def _message(err: Any) -> str:
    kind = err["type"]
    given = err.get("input")
    fixed = {
        "missing": "required field is missing",
        "extra_forbidden": "unknown key",
        "union_tag_not_found": f"missing 'kind' (one of {_KINDS})",
        "union_tag_invalid": f"unknown kind '{err.get('ctx', {}).get('tag')}' (one of {_KINDS})",
        "string_type": "must be text",
        "int_type": "must be a whole number",
        "int_parsing": "must be a whole number",
        "int_from_float": "must be a whole number",
        "dict_type": "must be a mapping of keys to values",
        "tuple_type": "must be a list",
        "model_type": "must be a mapping of keys to values",
        "model_attributes_type": "must be a mapping of keys to values",
    }
    if kind in fixed:
        return fixed[kind]
    if kind == "string_pattern_mismatch" and err["ctx"]["pattern"] == _IDENT_PATTERN:
        return f"'{given}' is not a valid id (lowercase letters, digits, '-' and '_')"
    msg = str(err["msg"]).removeprefix("Value error, ").replace("Input should be", "must be")
    for prefix in ("List should", "Tuple should", "String should", "Dictionary should"):
        msg = msg.replace(prefix, "must")
    return msg[:1].lower() + msg[1:]
