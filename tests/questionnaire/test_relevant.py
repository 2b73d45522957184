"""`relevant` expressions: each form of the subset read into a show-if, written back the
same, and everything else refused in words (never evaluated)."""

from __future__ import annotations

from typing import Any

import pytest

from evaluation.questionnaire.model import Condition
from evaluation.questionnaire.xlsform.relevant import ExpressionRefused, parse, write
from tests.conftest import EN, FR


def read(source: str) -> dict[str, Any]:
    return parse(source).model_dump(mode="json", by_alias=True, exclude_none=True)


@pytest.mark.parametrize(
    ("source", "condition"),
    [
        ("selected(${devices}, 'smartphone')", {"question": "devices", "any_of": ["smartphone"]}),
        ("${internet} = 'box'", {"question": "internet", "any_of": ["box"]}),
        ('${internet} = "box"', {"question": "internet", "any_of": ["box"]}),
        ("${internet} != 'none'", {"question": "internet", "none_of": ["none"]}),
        ("not(selected(${d}, 'a'))", {"question": "d", "none_of": ["a"]}),
        ("not(${d} != 'a')", {"question": "d", "any_of": ["a"]}),
        (
            "selected(${d}, 'a') or selected(${d}, 'b')",
            {"question": "d", "any_of": ["a", "b"]},
        ),
        (
            "not(selected(${d}, 'a') or selected(${d}, 'b'))",
            {"question": "d", "none_of": ["a", "b"]},
        ),
        (
            "selected(${d}, 'a') and ${e} = 'yes'",
            {"all": [{"question": "d", "any_of": ["a"]}, {"question": "e", "any_of": ["yes"]}]},
        ),
        (
            "(${d} = 'a' or ${e} = 'yes') and not(${f} = 'x')",
            {
                "all": [
                    {
                        "any": [
                            {"question": "d", "any_of": ["a"]},
                            {"question": "e", "any_of": ["yes"]},
                        ]
                    },
                    {"question": "f", "none_of": ["x"]},
                ]
            },
        ),
        (
            "not(${d} = 'a' and ${e} = 'yes')",
            {"any": [{"question": "d", "none_of": ["a"]}, {"question": "e", "none_of": ["yes"]}]},
        ),
        ("  ( ( ${d}='a' ) )  ", {"question": "d", "any_of": ["a"]}),
        # as real forms write them: a number, Excel's curly quotes, upper-case words
        ("${q} = 1", {"question": "q", "any_of": ["1"]}),
        ("selected(${q}, 2)", {"question": "q", "any_of": ["2"]}),
        ("selected(${d}, ‘a’)", {"question": "d", "any_of": ["a"]}),
        ("${d} != “a”", {"question": "d", "none_of": ["a"]}),
        (
            "NOT(${d} = 'a') AND ${e} = 'b' Or ${f} = 'c'",
            {
                "any": [
                    {
                        "all": [
                            {"question": "d", "none_of": ["a"]},
                            {"question": "e", "any_of": ["b"]},
                        ]
                    },
                    {"question": "f", "any_of": ["c"]},
                ]
            },
        ),
    ],
)
def test_each_form_of_the_subset_becomes_a_structured_show_if(
    source: str, condition: dict[str, Any]
) -> None:
    assert read(source) == condition


@pytest.mark.parametrize(
    "condition",
    [
        {"question": "d", "any_of": ["a"]},
        {"question": "d", "any_of": ["a", "b", "c"]},
        {"question": "d", "none_of": ["a"]},
        {"question": "d", "none_of": ["a", "b"]},
        {"all": [{"question": "d", "any_of": ["a", "b"]}, {"question": "e", "none_of": ["x"]}]},
        {
            "any": [
                {"all": [{"question": "d", "any_of": ["a"]}, {"question": "e", "any_of": ["y"]}]},
                {"question": "f", "none_of": ["x", "z"]},
                {"any": [{"question": "g", "any_of": ["a"]}, {"question": "h", "any_of": ["b"]}]},
            ]
        },
    ],
)
def test_a_written_show_if_reads_back_the_same(condition: dict[str, Any]) -> None:
    written = write(Condition.model_validate(condition))
    assert read(written) == condition


@pytest.mark.parametrize(
    ("source", "french", "english"),
    [
        (
            "string-length(${d}) > 1",
            "fonction « string-length » non prise en charge : seules selected(), "
            "count-selected() et not() le sont, avec =, !=, >=, <=, >, <, and, or et des "
            "parenthèses",
            "function « string-length » not supported: only selected(), count-selected() and "
            "not() are, with =, !=, >=, <=, >, <, and, or and brackets",
        ),
        (
            "${age} + 1 = 18",
            "condition incomplète : comparez ${age} à une réponse, ex. ${age} = 'oui' ou "
            "selected(${age}, 'oui')",
            "incomplete condition: compare ${age} with an answer, e.g. ${age} = 'yes' or "
            "selected(${age}, 'yes')",
        ),
        (
            "selected(${d}, 'a') and",
            "condition inachevée : il manque selected(${…}, '…') à la fin",
            "unfinished condition: selected(${…}, '…') is missing at the end",
        ),
        (
            "${d} = 'a' ${e} = 'b'",
            "condition illisible : « e » trouvé là où il faut and / or",
            "unreadable condition: « e » found where and / or is needed",
        ),
        (
            "${d} = ${e}",
            "condition illisible : « e » trouvé là où il faut '…'",
            "unreadable condition: « e » found where '…' is needed",
        ),
        (
            "__import__('os')",
            "fonction « __import__ » non prise en charge : seules selected(), count-selected() "
            "et not() le sont, avec =, !=, >=, <=, >, <, and, or et des parenthèses",
            "function « __import__ » not supported: only selected(), count-selected() and not() "
            "are, with =, !=, >=, <=, >, <, and, or and brackets",
        ),
    ],
)
def test_anything_outside_the_subset_is_refused_in_words(
    source: str, french: str, english: str
) -> None:
    with pytest.raises(ExpressionRefused) as caught:
        parse(source)
    assert FR.message(caught.value.message) == french
    assert EN.message(caught.value.message) == english


def test_a_deeply_nested_expression_is_refused_not_a_crash() -> None:
    with pytest.raises(ExpressionRefused) as caught:
        parse("(" * 2000 + "${d} = 'a'" + ")" * 2000)
    assert FR.message(caught.value.message) == (
        "condition trop imbriquée : au plus 20 niveaux de parenthèses"
    )
