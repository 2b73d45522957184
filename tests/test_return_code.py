"""The progress code: every level vector comes back from its code, and every single
changed character or swapped pair of neighbours is refused (Crockford's mod-37 check)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from evaluation.interview.return_code import (
    CHECKS,
    CodeRefusal,
    PreviousVisit,
    Refusal,
    canonical,
    make_code,
    payload_length,
    printed,
    read_code,
)
from evaluation.questionnaire import load_file
from evaluation.questionnaire.model import Questionnaire

SHIPPED = Path(__file__).parents[1] / "questionnaires" / "diagnostic-base"
V1 = load_file(SHIPPED / "1.yaml").questionnaire
V2 = load_file(SHIPPED / "2.yaml").questionnaire
KNOWN = (V1, V2)
# Every character a person may type: the code's own, their read-alikes, others.
TYPED = CHECKS + "OIL#é-"


def months() -> st.SearchStrategy[str]:
    # Every month the code holds: 9 bits from January 2020, so until August 2062.
    return st.integers(0, 511).map(lambda i: f"{2020 + i // 12:04d}-{i % 12 + 1:02d}")


def vectors(questionnaire: Questionnaire) -> st.SearchStrategy[dict[str, str | None]]:
    levels = [None, *(level.id for level in questionnaire.levels)]
    return st.fixed_dictionaries({c.id: st.sampled_from(levels) for c in questionnaire.competences})


@st.composite
def codes(draw: st.DrawFn) -> tuple[Questionnaire, str, dict[str, str | None], str]:
    questionnaire = draw(st.sampled_from(KNOWN))
    month, levels = draw(months()), draw(vectors(questionnaire))
    return questionnaire, month, levels, make_code(questionnaire, month, levels)


@given(codes())
def test_every_level_vector_round_trips(
    case: tuple[Questionnaire, str, dict[str, str | None], str],
) -> None:
    questionnaire, month, levels, code = case
    read = read_code(printed(code).lower(), KNOWN)
    assert read == PreviousVisit(
        code,
        questionnaire.id,
        questionnaire.version,
        month,
        {k: v for k, v in levels.items() if v is not None},
    )


@given(codes(), st.data())
def test_every_single_changed_character_is_refused(
    case: tuple[Questionnaire, str, dict[str, str | None], str], data: st.DataObject
) -> None:
    code = case[3]
    at = data.draw(st.integers(0, len(code) - 1))
    char = data.draw(st.sampled_from(TYPED))
    changed = code[:at] + char + code[at + 1 :]
    if canonical(changed) == code:  # « O » for « 0 », « l » for « 1 »: the same code
        return
    assert isinstance(read_code(changed, KNOWN), CodeRefusal)


@given(codes(), st.data())
def test_every_swap_of_two_neighbours_is_refused(
    case: tuple[Questionnaire, str, dict[str, str | None], str], data: st.DataObject
) -> None:
    code = case[3]
    at = data.draw(st.integers(0, len(code) - 2))
    swapped = code[:at] + code[at + 1] + code[at] + code[at + 2 :]
    if swapped == code:
        return
    assert isinstance(read_code(swapped, KNOWN), CodeRefusal)


def test_every_change_and_swap_of_one_code_exhaustively() -> None:
    """The same two properties over every position and every character, not a sample."""
    code = make_code(V2, "2026-12", {"device": "debutant", "safety": "autonome"})
    for at in range(len(code)):
        for char in TYPED:
            changed = code[:at] + char + code[at + 1 :]
            if canonical(changed) != code:
                assert isinstance(read_code(changed, KNOWN), CodeRefusal), changed
        if at + 1 < len(code) and code[at] != code[at + 1]:
            swapped = code[:at] + code[at + 1] + code[at] + code[at + 2 :]
            assert isinstance(read_code(swapped, KNOWN), CodeRefusal), swapped


def test_the_code_is_short_and_printed_in_groups() -> None:
    assert payload_length(V1) == payload_length(V2) == 8
    code = make_code(V1, "2026-12", {})
    assert len(code) == 9
    shown = printed(code)
    assert shown.count("-") == 2 and shown.replace("-", "") == code
    assert [len(part) for part in shown.split("-")] == [4, 4, 1]


def test_read_alike_letters_spaces_and_case_do_not_count() -> None:
    code = make_code(V1, "2025-03", {"device": "autonome"})
    sloppy = " ".join(code).lower().replace("0", "o").replace("1", "l")
    assert read_code(sloppy, KNOWN) == read_code(code, KNOWN)


@pytest.mark.parametrize(
    ("typed", "reason", "character", "position"),
    [
        ("", Refusal.EMPTY, "", 0),
        (" - ", Refusal.EMPTY, "", 0),
        ("K7M2-9#X4-T", Refusal.BAD_CHARACTER, "#", 7),
        ("K7U2-9QX4-T", Refusal.BAD_CHARACTER, "U", 3),
        ("K7M2", Refusal.WRONG_LENGTH, "", 0),
    ],
)
def test_a_code_that_cannot_be_one_says_why(
    typed: str, reason: Refusal, character: str, position: int
) -> None:
    assert read_code(typed, KNOWN) == CodeRefusal(reason, character, position)


def test_a_version_not_known_here_is_named() -> None:
    code = make_code(V2, "2026-12", {"device": "autonome"})
    refused = read_code(code, (V1,))
    assert refused == CodeRefusal(Refusal.UNKNOWN_VERSION, questionnaire_id=V1.id, version=2)
    assert read_code(code, ()) == CodeRefusal(Refusal.UNKNOWN_QUESTIONNAIRE)


def test_a_code_one_character_longer_with_a_valid_check_is_refused() -> None:
    code = make_code(V1, "2026-12", {"device": "autonome"})
    longer = "1" + code[:-1]  # one more leading character, with its own right check
    value = 0
    for char in longer:
        value = value * 32 + CHECKS.index(char)
    refused = read_code(longer + CHECKS[value % 37], KNOWN)
    assert isinstance(refused, CodeRefusal)
    assert refused.reason in {Refusal.WRONG_LENGTH, Refusal.DAMAGED}


# What a French AZERTY keyboard types with one key, no Shift nor AltGr, besides letters
# and digits (which it types with Shift: the digits row gives « & é " ' ( - è _ ç à ) = »).
AZERTY_ONE_KEY = set("&\"'(-_)=^$*ù,;:!<")


def test_every_check_symbol_is_one_key_on_a_french_keyboard() -> None:
    """A visitor dictates the code on the phone and a mediator types it on AZERTY:
    no dead key (`~` is AltGr + é, then a space), no AltGr."""
    symbols = {c for c in CHECKS if not c.isalnum()}
    assert symbols <= AZERTY_ONE_KEY, symbols - AZERTY_ONE_KEY


@given(codes())
def test_a_code_printed_with_the_old_tilde_still_reads(
    case: tuple[Questionnaire, str, dict[str, str | None], str],
) -> None:
    code = case[3]
    if code[-1] != "!":
        return
    old = printed(code[:-1] + "~")  # as sheets printed it before
    assert read_code(old, KNOWN) == read_code(code, KNOWN)
    assert not isinstance(read_code(old, KNOWN), CodeRefusal)


def test_the_old_tilde_reads_for_a_known_code() -> None:
    month, levels = "2026-12", {"device": "debutant"}
    for day in range(1, 400):  # find a month and levels whose check is the old `~`
        month = f"{2020 + day // 12}-{day % 12 + 1:02d}"
        if make_code(V2, month, levels)[-1] == "!":
            break
    code = make_code(V2, month, levels)
    assert code[-1] == "!"
    read = read_code(code[:-1] + "~", KNOWN)
    assert isinstance(read, PreviousVisit) and read.month == month
