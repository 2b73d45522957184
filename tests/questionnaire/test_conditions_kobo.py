"""The conditions coordinators write in Kobo and ODK forms (`!= ''`, a bare `${flag}`,
`>=`, `<=`, `count-selected(…)`), read into the structured show-if, tested on answers as
ODK would, and written back so that pyxform and our reader agree."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from evaluation.interview.answers import Answer, Status, holds, visible_questions
from evaluation.questionnaire import load_file
from evaluation.questionnaire.model import Condition
from evaluation.questionnaire.xlsform.relevant import parse, write
from tests.conftest import FIXTURES, FR

HOUSEHOLD = FIXTURES / "questionnaires" / "household" / "1.yaml"


def read(source: str) -> dict[str, Any]:
    return parse(source).model_dump(mode="json", by_alias=True, exclude_none=True)


@pytest.mark.parametrize(
    ("source", "condition"),
    [
        ("${Phone} != ''", {"question": "Phone", "answered": True}),
        ('${Phone} != ""', {"question": "Phone", "answered": True}),
        ("${Phone} = ''", {"question": "Phone", "answered": False}),
        ("${HasPhone}", {"question": "HasPhone", "answered": True}),
        ("not(${HasPhone})", {"question": "HasPhone", "answered": False}),
        ("${age} >= 18", {"question": "age", "at_least": 18}),
        ("${age} <= 65", {"question": "age", "at_most": 65}),
        ("${age} > 17", {"question": "age", "above": 17}),
        ("${data} < 0.5", {"question": "data", "below": 0.5}),
        ("not(${age} >= 18)", {"question": "age", "below": 18}),
        ("count-selected(${apps}) >= 2", {"question": "apps", "selected_at_least": 2}),
        ("count-selected(${apps}) > 2", {"question": "apps", "selected_at_least": 3}),
        ("count-selected(${apps}) < 2", {"question": "apps", "selected_at_most": 1}),
        ("not(count-selected(${apps}) <= 1)", {"question": "apps", "selected_at_least": 2}),
        (
            "${HasPhone} AND ${age} >= 18 or selected(${apps}, ‘mail’)",
            {
                "any": [
                    {
                        "all": [
                            {"question": "HasPhone", "answered": True},
                            {"question": "age", "at_least": 18},
                        ]
                    },
                    {"question": "apps", "any_of": ["mail"]},
                ]
            },
        ),
        (
            "(${flag}) and not(selected(${apps}, 'sms'))",
            {
                "all": [
                    {"question": "flag", "answered": True},
                    {"question": "apps", "none_of": ["sms"]},
                ]
            },
        ),
    ],
)
def test_each_form_coordinators_write_is_read_and_written_back(
    source: str, condition: dict[str, Any]
) -> None:
    assert read(source) == condition
    assert read(write(Condition.model_validate(condition))) == condition


@pytest.mark.parametrize(
    ("source", "french"),
    [
        (
            "${age} >= 'adulte'",
            "condition illisible : ${age} se compare avec >=, <=, > ou < à un nombre, ex. "
            "${age} >= 18",
        ),
        (
            "count-selected(${apps}) >= 1.5",
            "condition illisible : count-selected(${apps}) se compare à un nombre entier, ex. "
            "count-selected(${apps}) >= 2",
        ),
        (
            "${age} + 1 > 3",
            "condition incomplète : comparez ${age} à une réponse, ex. "
            "${age} = 'oui' ou selected(${age}, 'oui')",
        ),
    ],
)
def test_a_comparison_outside_the_subset_is_refused_in_words(source: str, french: str) -> None:
    from evaluation.questionnaire.xlsform.relevant import ExpressionRefused

    with pytest.raises(ExpressionRefused) as caught:
        parse(source)
    assert FR.message(caught.value.message) == french


def answered(*choices: str, text: str | None = None) -> Answer:
    return Answer(Status.ANSWERED, choices, text)


@pytest.mark.parametrize(
    ("source", "answers", "expected"),
    [
        ("${q} != ''", {"q": answered("a")}, True),
        ("${q} != ''", {"q": answered(text="12")}, True),
        ("${q} != ''", {"q": Answer(Status.SKIPPED)}, False),
        ("${q} != ''", {"q": Answer(Status.DONT_KNOW)}, False),
        ("${q} = ''", {}, True),  # not asked, or passed: nothing given
        ("${q} = ''", {"q": Answer(Status.SKIPPED)}, True),
        ("${q} = ''", {"q": answered(text="3")}, False),
        ("${q}", {"q": answered("no")}, True),  # XPath: a value given is true
        ("${age} >= 18", {"age": answered(text="18")}, True),
        ("${age} >= 18", {"age": answered(text="17")}, False),
        ("${age} >= 18", {"age": Answer(Status.SKIPPED)}, False),
        ("${age} < 18", {"age": answered(text="9")}, True),
        ("${data} <= 2.5", {"data": answered(text="2.5")}, True),
        ("${data} > 2.5", {"data": answered(text="2.5")}, False),
        ("${score} >= 3", {"score": answered("4")}, True),  # a list named 1 to 5
        ("${score} >= 3", {"score": answered("2")}, False),
        ("${age} = 18", {"age": answered(text="18")}, True),
        ("count-selected(${apps}) >= 2", {"apps": answered("a", "b")}, True),
        ("count-selected(${apps}) >= 2", {"apps": answered("a")}, False),
        ("count-selected(${apps}) <= 1", {"apps": answered("a")}, True),
    ],
)
def test_conditions_hold_as_in_odk(source: str, answers: dict[str, Answer], expected: bool) -> None:
    assert holds(parse(source), answers) is expected


def test_the_household_form_shows_what_its_conditions_say() -> None:
    q = load_file(HOUSEHOLD).questionnaire

    def shown(answers: dict[str, Answer]) -> list[str]:
        return [x.id for x in visible_questions(q, answers)]

    nobody = shown({"HouseholdSize": answered(text="0")})
    assert "ArrivalDate" not in nobody and "Uses" not in nobody and "Children" not in nobody
    assert "Remark" in nobody  # no arrival date given
    family = shown(
        {
            "HouseholdSize": answered(text="4"),
            "MonthlyData": answered(text="3"),
            "ArrivalDate": answered(text="2020-09-01"),
            "MainDevice": answered("other", text="Une tablette"),
            "Uses": answered("Calls", "Mail"),
        }
    )
    assert {"ArrivalDate", "Uses", "Busy", "Children"} <= set(family)
    assert "Remark" not in family
    crowded = shown({"HouseholdSize": answered(text="13")})
    assert "Children" not in crowded


@pytest.mark.parametrize(
    ("show_if", "french"),
    [
        (
            "{question: MainDevice, at_least: 2}",
            "les réponses de « MainDevice » ne sont pas des nombres : testez-les avec = ou "
            "selected(), pas avec >= ou <=",
        ),
        (
            "{question: MainDevice, selected_at_least: 2}",
            "count-selected compte les réponses cochées d'une question à choix multiples : "
            "« MainDevice » n'en est pas une",
        ),
        (
            "{question: ArrivalDate, at_least: 2020}",
            "la valeur de « ArrivalDate » ne se teste pas ainsi : un nombre se compare à un "
            "nombre (=, !=, >=, <=, >, <), une date seulement à '' (donnée ou non)",
        ),
        (
            "{question: HouseholdSize, any_of: [deux]}",
            "la valeur de « HouseholdSize » ne se teste pas ainsi : un nombre se compare à un "
            "nombre (=, !=, >=, <=, >, <), une date seulement à '' (donnée ou non)",
        ),
    ],
)
def test_a_test_the_question_cannot_answer_is_refused_at_its_line(
    show_if: str, french: str, tmp_path: Path
) -> None:
    from evaluation.questionnaire import DefinitionError

    text = HOUSEHOLD.read_text(encoding="utf-8")
    broken = text.replace("show_if: {question: MainDevice, answered: true}", f"show_if: {show_if}")
    assert broken != text
    (tmp_path / "household").mkdir()
    (tmp_path / "household" / "1.yaml").write_text(broken, encoding="utf-8")
    with pytest.raises(DefinitionError) as caught:
        load_file(tmp_path / "household" / "1.yaml", "h.yaml")
    [line] = caught.value.lines(FR)
    assert line.endswith(french), line
