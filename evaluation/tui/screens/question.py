"""One question per screen: digits or arrows choose, Enter saves, ← goes back.

Every answer is committed before the screen says so and moves on. A practical task
shows the mediator's instruction apart from what is said to the visitor. The question
and its answers are in the visitor's language (`session.lang`), the rest in the app's;
`v` turns the screen toward the visitor and back: the visitor's view is its own widget,
given only the question's `VisitorPart`.
"""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Header, Input, OptionList, Static

from evaluation.french_text import after_colon, quotable
from evaluation.i18n.dates import month_year
from evaluation.interview.answers import Answer, Status
from evaluation.interview.values import ALLOWED, MAX_DIGITS, ValueRefused, shown, stored
from evaluation.machine.keyboard import AZERTY_DIGITS
from evaluation.operations.interviews import (
    Answered,
    answer,
    back_to_profile,
    move_to,
    nothing_answered,
    save_note,
)
from evaluation.operations.return_visit import Proposal, Spared, proposal, spare
from evaluation.operations.speech import reading, reads_by_itself
from evaluation.questionnaire.model import (
    OTHER,
    Info,
    ListChoice,
    MediatorPart,
    MultipleChoice,
    Note,
    Question,
    Task,
    Value,
    ValueKind,
    Zero,
)
from evaluation.questionnaire.visitor import for_visitor, word
from evaluation.session import Saved, Session
from evaluation.tui.dialogs.confirm import ConfirmDialog
from evaluation.tui.dialogs.note import NoteDialog
from evaluation.tui.messages import Paused, StageDone
from evaluation.tui.screen import BaseScreen, HelpEntry, footer
from evaluation.tui.ui import Ui
from evaluation.tui.voice import Voice
from evaluation.tui.widgets.choice_list import DONT_KNOW, Choice, ChoiceList
from evaluation.tui.widgets.typed_field import TypedField
from evaluation.tui.widgets.visitor_question import VisitorQuestion
from evaluation.tui.workers import run_blocking

DIGITS = "123456789"
# What `0` is called in the footer, and what is said once it is saved, per kind of zero.
ZERO_KEYS = {Zero.DONT_KNOW: "key.dont_know", Zero.NOT_OBSERVED: "key.not_observed"}
SAVED_ZERO_KEYS = {
    Zero.DONT_KNOW: "question.saved_dont_know",
    Zero.NOT_OBSERVED: "question.saved_not_observed",
}
NOTE_LENGTH = 2000
# Kinds answered by typing in the field, not by ticking.
TYPED = (Note, Value)
# The keys a hint names, by binding id: made from the footer's own bindings.
LIST_KEYS = ("question.dont_know", "question.skip", "question.note")
HINT_KEYS = {
    "question.info_hint": ("question.back", "question.pause"),
    "question.note_hint": ("typed_field.back", "question.pause"),
    "question.value_hint": ("typed_field.back", "question.pause"),
    "question.date_hint": ("typed_field.back", "question.pause"),
}


class QuestionScreen(BaseScreen):
    IN_INTERVIEW = True
    BINDINGS = [
        *(
            Binding(d, f"choose({i + 1})", "key.choose", show=False, id=f"question.choose_{d}")
            for i, d in enumerate(DIGITS)
        ),
        # In the footer's order: what a 60-column terminal must still show comes first.
        Binding("enter", "confirm", "key.save_answer", id="question.confirm"),
        Binding("left,backspace,up", "back", "key.back", key_display="←", id="question.back"),
        Binding("escape", "pause", "key.pause", id="question.pause"),
        Binding("f1", "app.help", "key.help", id="question.help"),
        # The visitor may ask for it: in the footer even at 60 columns.
        Binding(
            "l",
            "read_aloud",
            "key.read_aloud",
            tooltip="help.read_aloud",
            id="question.read_aloud",
        ),
        Binding("0", "choose(0)", "key.dont_know", key_display="0", id="question.dont_know"),
        Binding("p", "skip", "key.skip", id="question.skip"),
        Binding("n", "note", "key.note", id="question.note"),
        Binding("v", "visitor_view", "key.visitor_view", id="question.visitor_view"),
    ]
    HELP_EXTRA = (("up,down", "help.move_in_list"), ("space", "help.tick"))

    def __init__(self, ui: Ui, session: Session, question_id: str) -> None:
        super().__init__(ui)
        self.session = session
        self.question_id = question_id
        self.saving = False
        self.visitor_view = False  # turned toward the visitor: `v` (action_visitor_view)
        self.voice = Voice(self, ui, self.tell_visitor)
        self.reads_by_itself = False
        # Ticked and not saved yet, kept while the view turns (a task's grading is not
        # in the visitor's view).
        self.kept: list[str] = []

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="question-box"):
            yield Static("", id="progress", markup=False)
            yield Static("", id="instruction", classes="mediator", markup=False)
            yield Static("", id="text", classes="question", markup=False)
            with Vertical(id="answers"):
                yield ChoiceList(id="choices")
                # A note, a value (digits only for a number), the words of « Autre ».
                yield TypedField(id="note-answer", max_length=NOTE_LENGTH)
            yield Static("", id="note-shown", classes="hint", markup=False)
            yield Static("", id="hint", classes="hint", markup=False)
            yield Static("", id="status", classes="status", markup=False)
        yield VisitorQuestion(id="visitor")
        yield footer()

    def on_mount(self) -> None:
        super().on_mount()
        self.show(self.question_id)
        run_blocking(self, self.ui, lambda: reads_by_itself(self.session), self.read_by_itself)
        run_blocking(self, self.ui, lambda: proposal(self.session, self.t.lang), self.propose)

    def propose(self, offer: Proposal | None) -> None:
        """A returning visitor: offer to pass the questions of what they already did
        alone; `n` keeps them all."""
        if offer is None:
            return
        question = self.t(
            "question.spare",
            month=month_year(offer.month, self.t.lang),
            names=", ".join(offer.competences),
            count=offer.questions,
            level=offer.level,
        )

        def answered(yes: bool | None) -> None:
            if yes:
                at = self.question_id
                run_blocking(self, self.ui, lambda: spare(self.session, at), self.spared)

        self.app.push_screen(ConfirmDialog(self.ui, question), answered)

    def spared(self, spared: Spared) -> None:
        self.session.apply(spared.saved)
        self.show(spared.at or self.question_id)

    def read_by_itself(self, on: bool) -> None:
        self.reads_by_itself = on
        if on:
            self.read_aloud(asked=False)

    def action_read_aloud(self) -> None:
        self.read_aloud(asked=True)

    def tell_visitor(self, key: str) -> None:
        """The visitor's fixed words `key`, in their language, in their view."""
        self.query_one(VisitorQuestion).say(word(self.session.lang, key))

    def read_aloud(self, asked: bool) -> None:
        """Say what the visitor reads of the question; again from the start if it is
        saying it. A question with nothing for the visitor says so when asked."""
        self.voice.say(reading(self.session, self.question_id), asked)

    def on_screen_suspend(self) -> None:
        self.voice.stop()

    def on_unmount(self) -> None:
        self.voice.stop()

    def help_entries(self) -> list[HelpEntry]:
        """F1 on a question answered in words lists no key of the answer lists; on a
        task, `0` is « Pas pu l'observer »."""
        entries = super().help_entries()
        if isinstance(self.question, Task):
            zero = self.t(ZERO_KEYS[Zero.DONT_KNOW]), self.t(ZERO_KEYS[Zero.NOT_OBSERVED])
            return [(keys, zero[1] if text == zero[0] else text) for keys, text in entries]
        if not isinstance(self.question, (*TYPED, Info)):
            return entries
        lists = {
            self.t(k) for k in ("key.choose", "key.dont_know", *dict(self.HELP_EXTRA).values())
        }
        return [entry for entry in entries if entry[1] not in lists]

    @property
    def question(self) -> Question:
        assert self.session.published is not None
        return self.session.published.questionnaire.question_index[self.question_id]

    def progress_text(self) -> str:
        assert self.session.published is not None
        q = self.session.published.questionnaire
        section = q.section_of[self.question_id]
        shown = [x.id for x in self.session.flow().visible() if q.section_of[x.id] is section]
        said = self.t(
            "question.progress",
            section=q.sections.index(section) + 1,
            sections=len(q.sections),
            title=for_visitor(section.title, self.session.lang),
            n=shown.index(self.question_id) + 1 if self.question_id in shown else 1,
            m=len(shown),
        )
        if self.session.record.previous is None:
            return said
        # A returning visitor's interview is shorter: say how much of it is left.
        return said + self.t("question.left", count=self.session.flow().left(self.question_id))

    def saved_ticks(self, question_id: str) -> list[str]:
        previous = self.session.answers.get(question_id)
        picked = [DONT_KNOW] if previous and previous.status is Status.DONT_KNOW else []
        return picked + (list(previous.choices) if previous else [])

    def show(self, question_id: str, picked: list[str] | None = None) -> None:
        """Draw `question_id` with `picked` ticked (by default its saved answer), toward
        the visitor or the mediator."""
        self.kept = self.saved_ticks(question_id) if picked is None else picked
        self.question_id = question_id
        self.describe_zero()
        self.describe_leaving(nothing_answered(self.session))
        if self.visitor_view:
            self.show_to_visitor()
        else:
            self.show_to_mediator()
        self.voice.stop()
        if self.reads_by_itself and not self.voice.failed:
            self.read_aloud(asked=False)

    def show_to_visitor(self) -> None:
        """The visitor's view is given the question's visitor part, nothing else."""
        view = self.query_one(VisitorQuestion)
        view.show(self.question.for_the_visitor(), self.session.lang, self.kept)
        choices = view.choices
        self.set_focus(choices)  # none on a task or a note: the screen's keys answer
        if choices is not None:
            # Once laid out, the chosen line is scrolled into the list's view.
            self.call_after_refresh(choices.scroll_to_highlight)

    def show_to_mediator(self) -> None:
        """The question as the mediator reads it: what is said to the visitor in the
        visitor's language, what is the mediator's own (a task's instruction and
        grading, a note's question) in the app's."""
        q, lang = self.question, self.session.lang
        own = q.for_the_mediator() or MediatorPart(q.id)
        self.query_one("#progress", Static).update(self.progress_text())
        instruction = self.query_one("#instruction", Static)
        instruction.display = isinstance(q, Task)
        text = for_visitor(q.text, lang) if own.note is None else own.note.get(self.t.lang)
        if isinstance(q, Task):
            # The instruction is the mediator's: in the app's language, not the visitor's.
            said = after_colon(q.instruction.get(self.t.lang))
            instruction.update(self.t("question.for_mediator", text=said))
            text = self.t("question.say", text=quotable(text, self.t.lang))
        self.query_one("#text", Static).update(text)
        previous = self.session.answers.get(self.question_id)
        choices = self.query_one("#choices", ChoiceList)
        field = self.query_one("#note-answer", Input)
        choices.display = not isinstance(q, (*TYPED, Info))
        other = OTHER in self.kept and previous is not None and previous.text is not None
        field.display = isinstance(q, TYPED) or other
        self.set_field(q)
        field.value = (previous.text or "") if previous and (isinstance(q, TYPED) or other) else ""
        if isinstance(q, Value) and field.value:
            field.value = shown(q.value_kind, field.value, self.t.lang)
        if isinstance(q, TYPED):
            field.focus()
            hint = "question.note_hint"
            if isinstance(q, Value):
                date = q.value_kind is ValueKind.DATE
                hint = "question.date_hint" if date else "question.value_hint"
        elif isinstance(q, Info):
            self.set_focus(None)  # Enter is the screen's: it moves on
            hint = "question.info_hint"
        else:
            graded = {o.id for o in own.grading}
            choices.set_choices(
                [
                    Choice(
                        o.id,
                        o.label.get(self.t.lang) if o.id in graded else for_visitor(o.label, lang),
                        getattr(o, "exclusive", False),
                    )
                    for o in q.choices()
                ],
                multiple=isinstance(q, MultipleChoice),
                dont_know=self.zero_word(q.ZERO),
                picked=self.kept,
            )
            choices.focus()
            multiple = isinstance(q, MultipleChoice)
            hint = "question.multiple_hint" if multiple else "question.single_hint"
            hint = "question.task_hint" if isinstance(q, Task) else hint
        keys = self.keys_hint(*HINT_KEYS.get(hint, LIST_KEYS))
        self.query_one("#hint", Static).update(self.t(hint, keys=keys))
        self.show_note()
        self.query_one("#question-box", VerticalScroll).scroll_home(animate=False)

    def set_field(self, q: Question) -> None:
        """The field lets through what the question takes: digits for a number."""
        field = self.query_one("#note-answer", Input)
        if isinstance(q, Value):
            field.restrict = ALLOWED[q.value_kind]
            field.max_length = MAX_DIGITS + 2
        else:
            field.restrict = None
            field.max_length = NOTE_LENGTH

    def zero_word(self, zero: Zero | None) -> str | None:
        """The line `0` ticks: the visitor's « Je ne sais pas », in their language, or
        the mediator's « Pas pu l'observer » on a task, in the app's."""
        if zero is Zero.NOT_OBSERVED:
            return self.t("question.not_observed")
        return word(self.session.lang, "question.dont_know") if zero is not None else None

    def describe_zero(self) -> None:
        """The footer names the `0` of this question's kind (`key_description`)."""
        self.refresh_bindings()

    def key_description(self, binding: Binding) -> str:
        if binding.id == "question.dont_know":
            zero = self.question.ZERO
            return self.t(ZERO_KEYS[zero] if zero is not None else ZERO_KEYS[Zero.DONT_KNOW])
        return super().key_description(binding)

    def show_note(self) -> None:
        note = self.session.notes.get(self.question_id)
        self.query_one("#note-shown", Static).update(
            self.t("question.has_note", note=note) if note else ""
        )

    def choices_shown(self) -> ChoiceList | None:
        """The answer list of the view shown (None: the question has none there)."""
        if self.visitor_view:
            return self.query_one(VisitorQuestion).choices
        choices = self.query_one("#choices", ChoiceList)
        return choices if choices.display else None

    def on_key(self, event: events.Key) -> None:
        """A digit typed without Shift on an AZERTY keyboard chooses as the digit does
        (a note being typed has the focus and keeps its characters)."""
        digit = AZERTY_DIGITS.get(event.character or "")
        if digit is not None:
            event.stop()
            event.prevent_default()
            self.action_choose(int(digit))

    def action_choose(self, digit: int) -> None:
        choices = self.choices_shown()
        if choices is not None and not self.saving:
            choices.choose_digit(digit)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter on a line: for one answer, that line is the answer; then save."""
        event.stop()
        choices = self.choices_shown()
        picked = event.option.id
        if choices and not choices.multiple and picked and choices.answer != [picked]:
            choices.choose(picked)
        self.action_confirm()

    def action_confirm(self) -> None:
        q = self.question
        if isinstance(q, Info):  # read to the visitor, in either view: Enter moves on
            self.save(Answer(Status.ANSWERED), "question.seen")
            return
        if self.visitor_view and self.choices_shown() is None:
            return  # a task is graded, a note written, facing the mediator
        if isinstance(q, TYPED):
            self.confirm_typed(q)
            return
        choices = self.choices_shown()
        picked = choices.answer if choices is not None else []
        if OTHER in picked and isinstance(q, ListChoice) and q.other:
            self.confirm_other(picked)
        elif picked == [DONT_KNOW]:
            self.save(Answer(Status.DONT_KNOW), SAVED_ZERO_KEYS[q.ZERO or Zero.DONT_KNOW])
        elif picked:
            self.save(Answer(Status.ANSWERED, tuple(picked)), "question.saved")
        else:
            keys = self.keys_hint("question.dont_know", "question.skip")
            self.query_one("#status", Static).update(self.t("question.choose_first", keys=keys))

    def confirm_typed(self, q: Note | Value) -> None:
        """A note as written; a value read as its kind, or refused in one line."""
        text = self.query_one("#note-answer", Input).value.strip()
        if not text:
            self.save(Answer(Status.SKIPPED), "question.skipped")
            return
        if isinstance(q, Value):
            try:
                text = stored(q.value_kind, text)
            except ValueRefused as refused:
                self.query_one("#status", Static).update(self.t.message(refused.message))
                return
        self.save(Answer(Status.ANSWERED, text=text), "question.saved")

    def confirm_other(self, picked: list[str]) -> None:
        """« Autre » ticked: its words are asked for, then saved with it."""
        if self.visitor_view:  # the words are typed facing the mediator
            self.action_visitor_view()
        field = self.query_one("#note-answer", Input)
        if not field.display:
            field.display = True
            field.focus()
            keys = self.keys_hint(*HINT_KEYS["question.note_hint"])
            self.query_one("#hint", Static).update(self.t("question.other_hint", keys=keys))
            return
        words = field.value.strip()
        if not words:
            field.focus()
            self.query_one("#status", Static).update(self.t("question.other_first"))
            return
        self.save(Answer(Status.ANSWERED, tuple(picked), text=words), "question.saved")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_confirm()

    def action_skip(self) -> None:
        self.save(Answer(Status.SKIPPED), "question.skipped")

    def save(self, given: Answer, said: str) -> None:
        if self.saving:
            return
        self.saving = True
        asked = self.question_id

        def failed(text: str) -> None:
            self.saving = False
            self.query_one("#status", Static).update(self.t("error.not_saved", problem=text))

        run_blocking(
            self,
            self.ui,
            lambda: answer(self.session, asked, given),
            lambda answered: self.saved(answered, said),
            failed=failed,
        )

    def saved(self, answered: Answered, said: str) -> None:
        """The answer is on disk: only now does the screen say so and move on."""
        self.session.apply(answered.saved)
        next_id = answered.next_id
        self.saving = False
        self.query_one("#status", Static).update(self.t(said))
        if next_id is None:
            self.post_message(StageDone(self, self.session))
        else:
            self.show(next_id)

    def action_back(self) -> None:
        """The previous question; from the first one, the profile (to correct the first
        name), or a word saying there is nothing before when consent was refused."""
        if self.saving:
            return
        previous = self.session.flow().before(self.question_id)
        if previous is None:
            run_blocking(self, self.ui, lambda: back_to_profile(self.session), self.at_first)
            return
        self.show(previous)
        self.query_one("#status", Static).update("")
        run_blocking(self, self.ui, lambda: move_to(self.session, previous), self.session.apply)

    def at_first(self, to_profile: Saved | None) -> None:
        if to_profile is not None:
            self.session.apply(to_profile)
            self.post_message(StageDone(self, self.session))
        else:
            self.query_one("#status", Static).update(self.t("question.first"))

    def action_note(self) -> None:
        if self.visitor_view:  # a note is the mediator's: the screen turns back to them first
            self.action_visitor_view()
        current = self.session.notes.get(self.question_id, "")
        self.app.push_screen(
            NoteDialog(self.ui, self.question.text.get(self.session.lang), current),
            self.note_written,
        )

    def note_written(self, note: str | None) -> None:
        if note is None:
            return
        asked = self.question_id
        run_blocking(
            self,
            self.ui,
            lambda: save_note(self.session, asked, note),
            self.note_saved,
        )

    def note_saved(self, saved: Saved) -> None:
        self.session.apply(saved)
        self.show_note()  # what is ticked and not saved yet stays ticked

    def action_pause(self) -> None:
        self.post_message(Paused(self, self.session))

    def action_visitor_view(self) -> None:
        """Turn the screen toward the visitor (only the question and its answers, spaced,
        high contrast), or back toward the mediator; what is ticked stays ticked."""
        before = self.choices_shown()
        if before is not None:
            self.kept = list(before.picked)
        field = self.query_one("#note-answer", Input)
        typed = field.value
        self.visitor_view = not self.visitor_view
        self.set_class(self.visitor_view, "-visitor")
        self.show(self.question_id, self.kept)
        after = self.choices_shown()
        if before is not None and after is not None and before.highlighted is not None:
            after.highlighted = before.highlighted
        field.value = typed
