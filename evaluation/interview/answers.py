"""What a visitor answered: one `Answer` per question id, and which questions are shown."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the store reads answers without the questionnaire's models
    from evaluation.questionnaire.model import Condition, Question, Questionnaire


class Status(StrEnum):
    """How a question ended: answered, "je ne sais pas", or skipped."""

    ANSWERED = "answered"
    DONT_KNOW = "dont_know"
    SKIPPED = "skipped"


@dataclass(frozen=True, slots=True)
class Answer:
    """One answer. `choices` holds option ids; `text` a free note (kind `note`), the
    value typed (integer, decimal, date, written as `values.py` does) or the words of
    « Autre » (`other`)."""

    status: Status
    choices: tuple[str, ...] = ()
    text: str | None = None


Answers = Mapping[str, Answer]
Test = Callable[[Answers], bool]


def holds(condition: Condition, answers: Answers) -> bool:
    """Whether `condition` is true; a question not answered makes a leaf false."""
    return as_test(condition)(answers)


def as_test(condition: Condition) -> Test:
    """`condition` as a function of the answers (scoring makes each once per version)."""
    if condition.all_ is not None:
        parts = tuple(as_test(c) for c in condition.all_)
        return lambda answers: all(part(answers) for part in parts)
    if condition.any_ is not None:
        either = tuple(as_test(c) for c in condition.any_)
        return lambda answers: any(part(answers) for part in either)
    question = condition.question or ""
    name, value = condition.test()
    if name == "answered":
        wanted = bool(value)
        return lambda answers: given(answers.get(question)) is wanted
    check = _LEAF[name](value)

    def leaf(answers: Answers) -> bool:
        answer = answers.get(question)
        return answer is not None and answer.status is Status.ANSWERED and check(answer)

    return leaf


def given(answer: Answer | None) -> bool:
    """Whether something was given: an answer ticked or typed (XPath's `${q} != ''`)."""
    return answer is not None and answer.status is Status.ANSWERED and bool(_values(answer))


def _values(answer: Answer) -> tuple[str, ...]:
    """What an answer names: its ticked answers, or the value typed (integer, date…)."""
    if answer.choices:
        return answer.choices
    return (answer.text,) if answer.text else ()


def number(answer: Answer) -> float | None:
    """The number an answer gives: the value typed, or the one answer ticked when its
    name is a number (`1` to `5` in many Kobo lists); None otherwise."""
    values = _values(answer)
    if len(values) != 1:
        return None
    try:
        return float(values[0])
    except ValueError:
        return None


def _compare(holds: Callable[[float], bool]) -> Callable[[Answer], bool]:
    def check(answer: Answer) -> bool:
        found = number(answer)
        return found is not None and holds(found)

    return check


_LEAF: dict[str, Callable[[Any], Callable[[Answer], bool]]] = {
    "any_of": lambda v: lambda a: not frozenset(v).isdisjoint(_values(a)),
    "none_of": lambda v: lambda a: frozenset(v).isdisjoint(_values(a)),
    "at_least": lambda v: _compare(lambda n: n >= v),
    "at_most": lambda v: _compare(lambda n: n <= v),
    "above": lambda v: _compare(lambda n: n > v),
    "below": lambda v: _compare(lambda n: n < v),
    "selected_at_least": lambda v: lambda a: len(a.choices) >= v,
    "selected_at_most": lambda v: lambda a: len(a.choices) <= v,
}


def visible_questions(questionnaire: Questionnaire, answers: Answers) -> list[Question]:
    """The questions to ask, in order, given the answers so far."""
    shown: dict[str, Answer] = {}
    result: list[Question] = []
    for question in questionnaire.questions:
        if question.show_if is None or holds(question.show_if, shown):
            result.append(question)
            answer = answers.get(question.id)
            if answer is not None:
                shown[question.id] = answer
    return result
