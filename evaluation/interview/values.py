"""Values typed for a question of kind integer, decimal or date: read as a French
mediator types them (`2,5`, `07/12/2026`) and kept in one written form (`2.5`,
`2026-12-07`), which conditions compare and exports carry."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal, InvalidOperation

from evaluation.i18n import Message, msg
from evaluation.questionnaire.model import ValueKind

MAX_DIGITS = 15  # an age, a count, an amount: never a number nobody could say
_INTEGER = re.compile(r"^-?[0-9]+$")
_DECIMAL = re.compile(r"^-?[0-9]+(?:[.,][0-9]+)?$")
_DAY_FIRST = re.compile(r"^([0-9]{1,2})[/.-]([0-9]{1,2})[/.-]([0-9]{4})$")
_ISO = re.compile(r"^([0-9]{4})-([0-9]{2})-([0-9]{2})$")
# What each kind lets through while typing: the screen refuses any other character.
ALLOWED = {
    ValueKind.INTEGER: r"-?[0-9]*",
    ValueKind.DECIMAL: r"-?[0-9]*[.,]?[0-9]*",
    ValueKind.DATE: r"[0-9/.-]*",
}


# What is said of a value refused, by kind.
_REFUSED = {
    ValueKind.INTEGER: "value.bad_integer",
    ValueKind.DECIMAL: "value.bad_decimal",
    ValueKind.DATE: "value.bad_date",
}


class ValueRefused(Exception):
    """What was typed is not a value of its kind; `message` says what to type."""

    def __init__(self, message: Message) -> None:
        super().__init__(message.key)
        self.message = message


def stored(kind: ValueKind, typed: str) -> str:
    """The value typed, in its written form; `ValueRefused` when it is not one."""
    text = typed.strip()
    if len(text) > MAX_DIGITS + 2:
        raise ValueRefused(msg(_REFUSED[kind], value=text[:20]))
    if kind is ValueKind.INTEGER and _INTEGER.match(text):
        return str(int(text))
    if kind is ValueKind.DECIMAL and _DECIMAL.match(text):
        try:
            number = Decimal(text.replace(",", "."))
        except InvalidOperation:  # the pattern above lets none through; kept for safety
            raise ValueRefused(msg(_REFUSED[kind], value=text)) from None
        written = format(number.normalize(), "f")
        return "0" if written in {"-0", "0"} else written
    if kind is ValueKind.DATE:
        found = _day(text)
        if found is not None:
            return found.isoformat()
    raise ValueRefused(msg(_REFUSED[kind], value=text))


def _day(text: str) -> date | None:
    match = _DAY_FIRST.match(text)
    if match:
        day, month, year = (int(g) for g in match.groups())
    else:
        match = _ISO.match(text)
        if not match:
            return None
        year, month, day = (int(g) for g in match.groups())
    try:
        return date(year, month, day)
    except ValueError:  # 31/02: no such day
        return None


def shown(kind: ValueKind, value: str, lang: str) -> str:
    """A stored value as a person reads it: `07/12/2026`, `2,5` in French."""
    if kind is ValueKind.DATE:
        try:
            day = date.fromisoformat(value)
        except ValueError:
            return value
        return day.strftime("%d/%m/%Y") if lang == "fr" else day.isoformat()
    if kind is ValueKind.DECIMAL and lang == "fr":
        return value.replace(".", ",")
    return value
