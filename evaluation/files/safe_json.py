"""Read JSON from a person or a USB key without letting it cost unbounded time.

The standard library's parser, with two limits on top: a number longer than any count
or coordinate is refused before `int()` sees it, and nesting deeper than the
interpreter's recursion limit is refused instead of raising `RecursionError`.
"""

from __future__ import annotations

import json
from typing import Any

from evaluation.i18n import Message, msg

MAX_DIGITS = 30
# The parser's complaints, in words; anything else keeps its own text.
_PROBLEMS = {
    "Expecting value": "json.problem.value",
    "Expecting property name enclosed in double quotes": "json.problem.name",
    "Expecting ',' delimiter": "json.problem.comma",
    "Expecting ':' delimiter": "json.problem.colon",
    "Unterminated string starting at": "json.problem.string",
    "Extra data": "json.problem.extra",
    "Invalid control character at": "json.problem.control",
}


class JsonRefused(Exception):
    def __init__(self, line: int, message: Message) -> None:
        super().__init__(message.key)
        self.line = line
        self.message = message


def _bounded_int(text: str) -> int:
    if len(text) > MAX_DIGITS:
        raise ValueError("number too long")
    return int(text)


def _bounded_float(text: str) -> float:
    if len(text) > MAX_DIGITS:
        raise ValueError("number too long")
    return float(text)


def read_json(raw: bytes) -> Any:
    """Plain data from UTF-8 JSON; `JsonRefused` names the line and the reason."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise JsonRefused(line, msg("json.not_utf8")) from None
    try:
        return json.loads(text, parse_int=_bounded_int, parse_float=_bounded_float)
    except json.JSONDecodeError as exc:
        key = _PROBLEMS.get(exc.msg)
        problem = msg(key) if key else msg("json.problem.other", text=exc.msg)
        raise JsonRefused(exc.lineno, msg("json.invalid", problem=problem)) from None
    except RecursionError:
        raise JsonRefused(0, msg("json.too_deep")) from None
    except ValueError:
        raise JsonRefused(0, msg("json.number_too_long", count=MAX_DIGITS)) from None
