"""The progress code printed on a skills sheet and typed at the visitor's next visit.

It carries the questionnaire family, its version, the month and the level of each
competence, and nothing about who the person is. The characters are Crockford's base32
(digits and capitals without I, L, O, U: nothing that reads like another; `O` is read as
`0`, `I` and `L` as `1`; case, spaces and hyphens do not count), followed by Crockford's
check symbol, the whole value modulo 37 (one of the 32 characters or `* ! $ = U`).
Crockford writes `~` where this code writes `!`: `~` is a dead key (AltGr + é) on a
French AZERTY keyboard and hard to say on the phone, `!` is one key there and is said
« point d'exclamation ». A `~` typed from a sheet printed before still reads as `!`.

Why modulo 37: 37 is a prime greater than 32, so it divides neither a character's
change `d·32^k` (0 < |d| < 32), nor a swap of two different neighbours
`(a - b)·31·32^k`: every single changed character and every swapped pair changes the
remainder, and the code is refused. A swap of the last character with the check
symbol is caught too (the remainder moves by `2(c - p)`, never a multiple of 37).

The value, most significant character first, is
`levels × 2^26 + month × 2^17 + version × 2^10 + family`:
`family` is 10 bits of the SHA-256 of the questionnaire id, `version` the version modulo
128, `month` the months since January 2020 (9 bits, until 2062), and `levels` the
competences in the version's order, each a digit in base `len(levels) + 1` (0 is « not
assessed », `i + 1` the version's `i`-th level), the first competence the lowest digit.
All the codes of one version have the same length (8 characters and the check for 6
competences of 4 levels), printed in groups of four: `K7M2-9QX4-T`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the store reads `PreviousVisit` at opening: no questionnaire model then
    from evaluation.questionnaire.model import Questionnaire

DIGITS = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
# Each one key on AZERTY without AltGr (`*`, `!`, `$`, `=`), as on QWERTY with Shift.
CHECKS = DIGITS + "*!$=U"
_VALUE = {c: i for i, c in enumerate(DIGITS)} | {"O": 0, "I": 1, "L": 1}
_OLD_CHECKS = {"~": CHECKS.index("!")}  # printed on sheets before the change
_CHECK = {c: i for i, c in enumerate(CHECKS)} | {"O": 0, "I": 1, "L": 1} | _OLD_CHECKS
_IGNORED = frozenset(" -\u00a0\u202f\t")

FAMILY_BITS = 10
VERSION_BITS = 7
MONTH_BITS = 9
HEADER_BITS = FAMILY_BITS + VERSION_BITS + MONTH_BITS
FIRST_YEAR = 2020
GROUP = 4
SHORTEST, LONGEST = 6, 30  # characters with the check; outside, not a code at all


class Refusal(StrEnum):
    """Why a typed code is not read."""

    EMPTY = "empty"
    BAD_CHARACTER = "bad_character"  # a character that no code holds
    WRONG_LENGTH = "wrong_length"  # too short or too long for any code, or for its version
    WRONG_CHECK = "wrong_check"  # a character changed, missing or two swapped
    UNKNOWN_QUESTIONNAIRE = "unknown_questionnaire"  # no questionnaire known here has it
    UNKNOWN_VERSION = "unknown_version"  # the questionnaire is known, not this version
    DAMAGED = "damaged"  # the check holds but the levels or the month do not read


@dataclass(frozen=True)
class CodeRefusal:
    """A typed code refused, with the character concerned (1-based position) if one is."""

    reason: Refusal
    character: str = ""
    position: int = 0
    questionnaire_id: str = ""  # for UNKNOWN_VERSION: the family that was found
    version: int = 0


@dataclass(frozen=True)
class PreviousVisit:
    """What a code says of an earlier visit: its questionnaire version, its month and its
    levels (competence id → level id; a competence not assessed is absent)."""

    code: str  # canonical: capitals, no separator, check included
    questionnaire_id: str
    questionnaire_version: int
    month: str  # 'YYYY-MM'
    levels: Mapping[str, str] = field(default_factory=dict)


def family(questionnaire_id: str) -> int:
    """The 10 bits that stand for a questionnaire family in a code."""
    digest = hashlib.sha256(questionnaire_id.encode("utf-8")).digest()
    return int.from_bytes(digest[:2], "big") & ((1 << FAMILY_BITS) - 1)


def _month_index(month: str) -> int:
    year, number = (int(part) for part in month.split("-"))
    index = (year - FIRST_YEAR) * 12 + number - 1
    if not 1 <= number <= 12 or not 0 <= index < 1 << MONTH_BITS:
        raise ValueError(f"month out of the code's range: {month}")
    return index


def _month_text(index: int) -> str:
    return f"{FIRST_YEAR + index // 12:04d}-{index % 12 + 1:02d}"


def _radix(questionnaire: Questionnaire) -> int:
    return len(questionnaire.levels) + 1


def _span(questionnaire: Questionnaire) -> int:
    """How many different level vectors the version has."""
    return int(_radix(questionnaire) ** len(questionnaire.competences))


def payload_length(questionnaire: Questionnaire) -> int:
    """How many characters (before the check) every code of this version has."""
    largest = (_span(questionnaire) << HEADER_BITS) - 1
    return max(1, -(-largest.bit_length() // 5))


def _digits(value: int, length: int) -> str:
    out = []
    for _ in range(length):
        value, digit = divmod(value, 32)
        out.append(DIGITS[digit])
    return "".join(reversed(out))


def make_code(questionnaire: Questionnaire, month: str, levels: Mapping[str, str | None]) -> str:
    """The canonical code (no separator) of these levels in `month` ('YYYY-MM'); a
    competence absent from `levels` or at None is « not assessed »."""
    rank = questionnaire.level_rank
    number = 0
    for competence in reversed(questionnaire.competences):
        level = levels.get(competence.id)
        number = number * _radix(questionnaire) + (0 if level is None else rank[level] + 1)
    header = (
        (_month_index(month) << (FAMILY_BITS + VERSION_BITS))
        | ((questionnaire.version % (1 << VERSION_BITS)) << FAMILY_BITS)
        | family(questionnaire.id)
    )
    value = (number << HEADER_BITS) | header
    return _digits(value, payload_length(questionnaire)) + CHECKS[value % 37]


def printed(code: str) -> str:
    """A canonical code in groups of four, as printed and read aloud: `K7M2-9QX4-T`."""
    return "-".join(code[i : i + GROUP] for i in range(0, len(code), GROUP))


def canonical(text: str) -> str | CodeRefusal:
    """The typed text as a canonical code (capitals, read-alike letters as digits, no
    separator), or why it cannot be one."""
    kept = [(n, c) for n, c in enumerate(text.upper(), start=1) if c not in _IGNORED]
    if not kept:
        return CodeRefusal(Refusal.EMPTY)
    out = []
    for index, (position, char) in enumerate(kept):
        table = _CHECK if index == len(kept) - 1 else _VALUE
        if char not in table:
            return CodeRefusal(Refusal.BAD_CHARACTER, char, position)
        out.append(CHECKS[table[char]])
    if not SHORTEST <= len(out) <= LONGEST:
        return CodeRefusal(Refusal.WRONG_LENGTH)
    return "".join(out)


def read_code(text: str, known: Iterable[Questionnaire]) -> PreviousVisit | CodeRefusal:
    """The earlier visit a typed code stands for, read with the questionnaire versions
    known here, or why it is refused."""
    code = canonical(text)
    if isinstance(code, CodeRefusal):
        return code
    value = 0
    for char in code[:-1]:
        value = value * 32 + _VALUE[char]
    if CHECKS[value % 37] != code[-1]:
        return CodeRefusal(Refusal.WRONG_CHECK)
    header, number = value & ((1 << HEADER_BITS) - 1), value >> HEADER_BITS
    family_bits = header & ((1 << FAMILY_BITS) - 1)
    version_bits = (header >> FAMILY_BITS) & ((1 << VERSION_BITS) - 1)
    month_index = header >> (FAMILY_BITS + VERSION_BITS)
    of_family = [q for q in known if family(q.id) == family_bits]
    if not of_family:
        return CodeRefusal(Refusal.UNKNOWN_QUESTIONNAIRE)
    matching = [q for q in of_family if q.version % (1 << VERSION_BITS) == version_bits]
    if not matching:
        newest = max(of_family, key=lambda q: q.version)
        return CodeRefusal(
            Refusal.UNKNOWN_VERSION, questionnaire_id=newest.id, version=version_bits
        )
    # Two families sharing 10 bits, or 128 versions apart: the newest known reads it.
    questionnaire = max(matching, key=lambda q: (q.version, q.id))
    if len(code) - 1 != payload_length(questionnaire):
        return CodeRefusal(Refusal.WRONG_LENGTH)
    if number >= _span(questionnaire):
        return CodeRefusal(Refusal.DAMAGED)
    levels: dict[str, str] = {}
    for competence in questionnaire.competences:
        number, digit = divmod(number, _radix(questionnaire))
        if digit:
            levels[competence.id] = questionnaire.levels[digit - 1].id
    return PreviousVisit(
        code, questionnaire.id, questionnaire.version, _month_text(month_index), levels
    )
