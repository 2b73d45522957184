"""What a visitor answered: one `Answer` per question id, and which questions are shown."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the store reads answers without the questionnaire's models
    from evaluation.questionnaire.model import Condition, Question, Questionnaire


class Status(StrEnum):
    """How a question ended: answered, "je ne sais pas", or skipped."""

    ANSWERED = "answered"
    DONT_KNOW = "dont_know"
    SKIPPED = "skipped"


@dataclass(frozen=True, slots=True)
class Answer:
    """One answer. `choices` holds option ids; `text` a free note (kind `note`)."""

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
    wanted = frozenset(condition.any_of or ())
    unwanted = frozenset(condition.none_of or ())
    if condition.any_of is not None:

        def leaf(answers: Answers) -> bool:
            answer = answers.get(question)
            return (
                answer is not None
                and answer.status is Status.ANSWERED
                and not wanted.isdisjoint(answer.choices)
            )

    else:

        def leaf(answers: Answers) -> bool:
            answer = answers.get(question)
            return (
                answer is not None
                and answer.status is Status.ANSWERED
                and unwanted.isdisjoint(answer.choices)
            )

    return leaf


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


def visible_answers(questionnaire: Questionnaire, answers: Answers) -> dict[str, Answer]:
    """The answers of questions shown given the earlier answers; hidden ones are dropped."""
    return {
        q.id: answers[q.id] for q in visible_questions(questionnaire, answers) if q.id in answers
    }
