"""Values typed for integer, decimal and date questions: read as a French mediator
types them, kept in one written form, refused in one line when they are not one; the
paper form keyed back refuses them the same way."""

from __future__ import annotations

import pytest

from evaluation.interview.answers import Answer, Status
from evaluation.interview.paper_keying import Keying
from evaluation.interview.values import ValueRefused, shown, stored
from evaluation.questionnaire import load_file
from evaluation.questionnaire.model import ValueKind
from tests.conftest import EN, FIXTURES, FR

HOUSEHOLD = FIXTURES / "questionnaires" / "household" / "1.yaml"


@pytest.mark.parametrize(
    ("kind", "typed", "kept"),
    [
        (ValueKind.INTEGER, "4", "4"),
        (ValueKind.INTEGER, " 007 ", "7"),
        (ValueKind.INTEGER, "-2", "-2"),
        (ValueKind.DECIMAL, "2,5", "2.5"),
        (ValueKind.DECIMAL, "2.50", "2.5"),
        (ValueKind.DECIMAL, "3", "3"),
        (ValueKind.DECIMAL, "-0,0", "0"),
        (ValueKind.DATE, "07/12/2026", "2026-12-07"),
        (ValueKind.DATE, "7.2.2026", "2026-02-07"),
        (ValueKind.DATE, "2026-12-07", "2026-12-07"),
    ],
)
def test_a_value_is_kept_in_its_written_form(kind: ValueKind, typed: str, kept: str) -> None:
    assert stored(kind, typed) == kept


@pytest.mark.parametrize(
    ("kind", "typed", "french", "english"),
    [
        (
            ValueKind.INTEGER,
            "4,5",
            "« 4,5 » n'est pas un nombre entier : tapez des chiffres, ex. 42",
            "« 4,5 » is not a whole number: type digits, e.g. 42",
        ),
        (
            ValueKind.DECIMAL,
            "2,5,1",
            "« 2,5,1 » n'est pas un nombre : tapez des chiffres, avec une virgule s'il le faut, "
            "ex. 2,5",
            "« 2,5,1 » is not a number: type digits, with a point if needed, e.g. 2.5",
        ),
        (
            ValueKind.DATE,
            "31/02/2026",
            "« 31/02/2026 » n'est pas une date : tapez jour/mois/année, ex. 07/12/2026",
            "« 31/02/2026 » is not a date: type day/month/year, e.g. 07/12/2026",
        ),
        (
            ValueKind.INTEGER,
            "9" * 40,
            "« 99999999999999999999 » n'est pas un nombre entier : tapez des chiffres, ex. 42",
            "« 99999999999999999999 » is not a whole number: type digits, e.g. 42",
        ),
    ],
)
def test_a_wrong_value_is_refused_in_one_line(
    kind: ValueKind, typed: str, french: str, english: str
) -> None:
    with pytest.raises(ValueRefused) as caught:
        stored(kind, typed)
    assert FR.message(caught.value.message) == french
    assert EN.message(caught.value.message) == english


def test_a_value_is_shown_as_each_language_writes_it() -> None:
    assert shown(ValueKind.DATE, "2026-12-07", "fr") == "07/12/2026"
    assert shown(ValueKind.DATE, "2026-12-07", "en") == "2026-12-07"
    assert shown(ValueKind.DECIMAL, "2.5", "fr") == "2,5"
    assert shown(ValueKind.INTEGER, "12", "fr") == "12"


def test_a_paper_form_keys_values_and_refuses_a_wrong_one_on_its_line() -> None:
    keying = Keying(load_file(HOUSEHOLD).questionnaire)
    for key in ["2", "4", "enter", *"2,5", "enter", *"1/13/2020", "enter"]:
        keying.press(key, key if len(key) == 1 else None)
    current = keying.current()
    assert current is not None and current.key == "ArrivalDate"  # stays, as typed
    assert keying.problem is not None
    assert FR.message(keying.problem).startswith("« 1/13/2020 » n'est pas une date")
    for _ in "1/13/2020":
        keying.press("backspace")
    for key in [*"1/12/2020", "enter"]:
        keying.press(key, key if len(key) == 1 else None)
    assert keying.problem is None
    assert keying.answers["HouseholdSize"] == Answer(Status.ANSWERED, text="4")
    assert keying.answers["MonthlyData"] == Answer(Status.ANSWERED, text="2.5")
    assert keying.answers["ArrivalDate"] == Answer(Status.ANSWERED, text="2020-12-01")


def test_sessions_show_says_a_value_and_the_words_of_other() -> None:
    from evaluation.cli.sessions import _answer_words

    q = load_file(HOUSEHOLD).questionnaire
    arrival = q.question_index["ArrivalDate"]
    assert _answer_words(FR, arrival, Answer(Status.ANSWERED, text="2020-09-01")) == "01/09/2020"
    data = q.question_index["MonthlyData"]
    assert _answer_words(FR, data, Answer(Status.ANSWERED, text="2.5")) == "2,5"
    device = q.question_index["MainDevice"]
    given = Answer(Status.ANSWERED, ("other",), "Une tablette")
    assert _answer_words(FR, device, given) == "Autre : Une tablette"
    assert _answer_words(EN, device, given) == "Other: Une tablette"
    assert _answer_words(FR, device, Answer(Status.ANSWERED, ("Phone",))) == "Un téléphone"
