"""One question per screen: digits choose, Enter confirms, ← goes back, 0 = don't know."""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Footer, Header, Input, Label, Static

from evaluation.answers import Answer, Status
from evaluation.flow import Flow
from evaluation.questionnaire.model import MultipleChoice, Note, Question, Task
from evaluation.session import Session
from evaluation.tui.screens.base import SessionScreen
from evaluation.tui.screens.note import NoteScreen

DIGITS = "123456789"


class QuestionScreen(SessionScreen):
    AUTO_FOCUS = None  # digits must reach the screen; only a note question focuses its input
    BINDINGS = [
        *(
            Binding(d, f"choose({i})", "key.choose", show=False, id=f"question.choose_{d}")
            for i, d in enumerate(DIGITS)
        ),
        Binding("enter", "confirm", "key.confirm", id="question.confirm"),
        Binding("0", "dont_know", "key.dont_know", key_display="0", id="question.dont_know"),
        Binding("p", "skip", "key.skip", id="question.skip"),
        Binding("n", "note", "key.note", id="question.note"),
        Binding("backspace,left,up", "back", "key.back", key_display="←", id="question.back"),
        Binding("escape", "pause", "key.pause", id="question.pause"),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__(session)
        position = session.flow().resume_at(session.record.position)
        assert position is not None
        self.question_id = position
        self.picked: list[str] = []
        self.saving = False

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="question-box"):
            yield Label("", id="progress")
            yield Static("", id="instruction", classes="mediator")
            yield Static("", id="text", classes="question")
            yield Static("", id="options")
            yield Input(id="note-answer", max_length=2000)
            yield Static("", id="hint", classes="hint")
            yield Static("", id="status", classes="hint")
        yield Footer()

    def on_mount(self) -> None:
        super().on_mount()
        self.show(self.question_id)

    @property
    def question(self) -> Question:
        assert self.session.published is not None
        return self.session.published.questionnaire.question_index[self.question_id]

    def show(self, question_id: str) -> None:
        """Draw `question_id` with its current answer preselected."""
        self.question_id = question_id
        q, lang = self.question, self.session.lang
        previous = self.session.answers.get(question_id)
        self.picked = list(previous.choices) if previous is not None else []
        n, m = self.session.flow().progress(question_id)
        assert self.session.published is not None
        section = self.session.published.questionnaire.section_of[question_id].title.get(lang)
        self.query_one("#progress", Label).update(
            self.tr("question.progress", n=n, m=m, section=section)
        )
        instruction = self.query_one("#instruction", Static)
        instruction.display = isinstance(q, Task)
        if isinstance(q, Task):
            instruction.update(f"{self.tr('question.for_mediator')} : {q.instruction.get(lang)}")
            text = f"{self.tr('question.say')} : « {q.text.get(lang)} »"
        else:
            text = q.text.get(lang)
        self.query_one("#text", Static).update(text)
        note_input = self.query_one("#note-answer", Input)
        note_input.display = isinstance(q, Note)
        note_input.disabled = not isinstance(q, Note)
        if isinstance(q, Note):
            note_input.value = (previous.text or "") if previous else ""
            note_input.focus()
            hint = "question.note_hint"
        else:
            self.set_focus(None)
            hint = (
                "question.multiple_hint"
                if isinstance(q, MultipleChoice)
                else "question.single_hint"
            )
        self.query_one("#hint", Static).update(self.tr(hint))
        self.draw_options()

    def draw_options(self) -> None:
        lang, multiple = self.session.lang, isinstance(self.question, MultipleChoice)
        lines = []
        for digit, option in zip(DIGITS, self.question.choices(), strict=False):
            chosen = option.id in self.picked
            mark = ("[x]" if chosen else "[ ]") if multiple else ("▶" if chosen else " ")
            lines.append(f"{mark} {digit}. {option.label.get(lang)}")
        lines.append(f"  0. {self.tr('question.dont_know')}")
        self.query_one("#options", Static).update("\n".join(lines))

    def action_choose(self, index: int) -> None:
        options = self.question.choices()
        if index >= len(options):
            return
        option_id = options[index].id
        if isinstance(self.question, MultipleChoice):
            if option_id in self.picked:
                self.picked.remove(option_id)
            else:
                self.picked.append(option_id)
        else:
            self.picked = [option_id]
        self.draw_options()

    def action_confirm(self) -> None:
        q = self.question
        if isinstance(q, Note):
            self.answer(Answer(Status.ANSWERED, text=self.query_one("#note-answer", Input).value))
        elif isinstance(q, MultipleChoice) or self.picked:
            order = [o.id for o in q.choices()]
            self.answer(Answer(Status.ANSWERED, tuple(sorted(self.picked, key=order.index))))
        else:
            self.query_one("#status", Static).update(self.tr("question.choose_first"))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_confirm()

    def action_dont_know(self) -> None:
        self.answer(Answer(Status.DONT_KNOW))

    def action_skip(self) -> None:
        self.answer(Answer(Status.SKIPPED))

    def answer(self, answer: Answer) -> None:
        if self.saving:
            return
        self.saving = True
        answers = {**self.session.answers, self.question_id: answer}
        assert self.session.published is not None
        next_id = Flow(self.session.published.questionnaire, answers).after(self.question_id)
        self.save(self.question_id, answer, next_id)

    @work(thread=True, group="db")
    def save(self, question_id: str, answer: Answer, next_id: str | None) -> None:
        stage_after = "questions" if next_id is not None else "results"
        store = self.session.workspace.store
        try:
            store.save_answer(self.session.id, question_id, answer, next_id)
            if next_id is None:
                store.set_position(self.session.id, None, stage_after)
        except Exception as exc:
            self.app.call_from_thread(self.failed, str(exc))
            return
        self.app.call_from_thread(self.saved, question_id, answer, next_id)

    def failed(self, error: str) -> None:
        self.saving = False
        self.notify(self.tr("error.store", error=error), severity="error", timeout=15)

    def saved(self, question_id: str, answer: Answer, next_id: str | None) -> None:
        """The answer is on disk: only now does the screen move on."""
        self.saving = False
        self.session.answers[question_id] = answer
        n, _ = self.session.flow().progress(question_id)
        self.query_one("#status", Static).update(f"✓ {self.tr('question.saved')} ({n})")
        if next_id is None:
            from evaluation.tui.screens.results import ResultsScreen

            self.dismiss()
            self.app.push_screen(ResultsScreen(self.session))
        else:
            self.show(next_id)

    def action_back(self) -> None:
        previous = self.session.flow().before(self.question_id)
        if previous is not None and not self.saving:
            self.move(previous)
            self.show(previous)

    @work(thread=True, group="db")
    def move(self, question_id: str) -> None:
        self.session.workspace.store.set_position(self.session.id, question_id, "questions")

    def action_note(self) -> None:
        current = self.session.notes.get(self.question_id, "")
        self.app.push_screen(NoteScreen(current), self.note_written)

    def note_written(self, note: str | None) -> None:
        if note is not None:
            self.session.notes[self.question_id] = note
            self.store_note(self.question_id, note)

    @work(thread=True, group="db")
    def store_note(self, question_id: str, note: str) -> None:
        self.session.workspace.store.save_note(self.session.id, question_id, note)
