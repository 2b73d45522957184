"""Moving through an interview: which question comes next, before, and how far along.

Pure functions of the questionnaire and the answers so far, so show-if is applied
again as answers change and a resumed interview lands on the right question.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from evaluation.interview.answers import Answers, visible_questions
from evaluation.questionnaire.model import Question, Questionnaire


@dataclass(frozen=True)
class Flow:
    questionnaire: Questionnaire
    answers: Answers
    # Questions passed over for a returning visitor (already « Autonome » there): not
    # shown, not counted, not asked again.
    passed: frozenset[str] = field(default_factory=frozenset)

    def visible(self) -> list[Question]:
        shown = visible_questions(self.questionnaire, self.answers)
        return [q for q in shown if q.id not in self.passed] if self.passed else shown

    def _ids(self) -> list[str]:
        return [q.id for q in self.visible()]

    def after(self, question_id: str) -> str | None:
        """The next shown question after `question_id`, None at the end."""
        ids = self._ids()
        if question_id not in ids:
            return self.first_open()
        index = ids.index(question_id)
        return ids[index + 1] if index + 1 < len(ids) else None

    def before(self, question_id: str | None) -> str | None:
        """The shown question before `question_id` (the last one when at the end)."""
        ids = self._ids()
        if question_id is None:
            return ids[-1] if ids else None
        if question_id not in ids:
            return None
        index = ids.index(question_id)
        return ids[index - 1] if index > 0 else None

    def first_open(self) -> str | None:
        """The first shown question with no answer yet."""
        return next((q.id for q in self.visible() if q.id not in self.answers), None)

    def resume_at(self, position: str | None) -> str | None:
        """Where a paused or crashed interview starts again."""
        ids = self._ids()
        if position in ids:
            return position
        return self.first_open()

    def left(self, question_id: str) -> int:
        """How many shown questions come after `question_id`."""
        ids = self._ids()
        return len(ids) - ids.index(question_id) - 1 if question_id in ids else 0
