"""The question turned toward the visitor: their words and their answers, nothing more.

It is given a question's `VisitorPart` only, never the question: a task's instruction
and grading and the mediator's note cannot reach it. A task shows what it asks the
visitor to do; a note shows that the mediator is writing. Its one list fills the height
left and scrolls to the line chosen, so at 50×16 the chosen line stays on screen.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from evaluation.questionnaire.model import VisitorPart
from evaluation.questionnaire.visitor import for_visitor, word
from evaluation.tui.widgets.choice_list import Choice, ChoiceList


class VisitorQuestion(Vertical):
    def compose(self) -> ComposeResult:
        yield Static("", id="visitor-text", classes="question", markup=False)
        # What is said to the visitor about the screen itself (reading aloud failed): one
        # short line in the gap under the question, never a toast over their answers.
        yield Static("", id="visitor-said", markup=False)
        yield ChoiceList(id="visitor-choices")
        yield Static("", id="visitor-wait", markup=False)

    def show(self, part: VisitorPart | None, lang: str, picked: Sequence[str]) -> None:
        """Draw `part` in the visitor's language `lang`, `picked` ticked (None: the
        question holds nothing for the visitor)."""
        text = self.query_one("#visitor-text", Static)
        choices = self.query_one("#visitor-choices", ChoiceList)
        wait = self.query_one("#visitor-wait", Static)
        self.say("")
        text.display = part is not None
        wait.display = part is None
        choices.display = part is not None and bool(part.choices)
        if part is None:
            wait.update(word(lang, "question.mediator_writes"))
            choices.set_choices([], multiple=False, dont_know=None)
            return
        text.update(for_visitor(part.text, lang))
        choices.set_choices(
            [Choice(c.id, for_visitor(c.label, lang), c.exclusive) for c in part.choices],
            multiple=part.multiple,
            dont_know=word(lang, "question.dont_know") if part.dont_know else None,
            picked=picked,
            spaced=True,
        )

    def say(self, text: str) -> None:
        """`text` under the answers (empty: nothing)."""
        said = self.query_one("#visitor-said", Static)
        said.update(text)
        said.display = bool(text)
        self.set_class(bool(text), "-said")

    @property
    def choices(self) -> ChoiceList | None:
        """The visitor's answer list, when the question has answers for them."""
        found = self.query_one("#visitor-choices", ChoiceList)
        return found if found.display else None
