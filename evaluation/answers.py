"""What a visitor answered: one `Answer` per question id, and which questions are shown."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

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


def holds(condition: Condition, answers: Answers) -> bool:
    """Whether `condition` is true; a question not answered makes a leaf false."""
    if condition.all_ is not None:
        return all(holds(c, answers) for c in condition.all_)
    if condition.any_ is not None:
        return any(holds(c, answers) for c in condition.any_)
    answer = answers.get(condition.question or "")
    if answer is None or answer.status is not Status.ANSWERED:
        return False
    if condition.any_of is not None:
        return any(choice in condition.any_of for choice in answer.choices)
    return not any(choice in (condition.none_of or ()) for choice in answer.choices)


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
