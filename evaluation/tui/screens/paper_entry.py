"""Key in a paper form, second step: one line per item, the ticked digits typed.

A digit picks the option printed beside the ticked box (0: « je ne sais pas » or « non
communiqué »); a line of one answer moves on by itself, others with Enter; ↑ goes back.
Questions that do not apply disappear as on screen. After the last line the mediator
checks the lines and Enter stores the interview, which opens on its results.
"""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Header, Static

from evaluation.interview.answers import Answer, Status
from evaluation.interview.paper_keying import (
    AGE,
    COMMUNE,
    CONSENT,
    FIRST_NAME,
    GENDER,
    STATUS,
    UNKNOWN,
    Keying,
    Kind,
    Line,
)
from evaluation.operations.paper import Header as PaperHeader
from evaluation.operations.paper import enter
from evaluation.questionnaire.model import Task
from evaluation.session import Session
from evaluation.tui.dialogs.confirm import ConfirmDialog
from evaluation.tui.messages import Closed, PaperSaved
from evaluation.tui.screen import BaseScreen, footer
from evaluation.tui.ui import Ui
from evaluation.tui.widgets.paper_lines import PaperLines, Row
from evaluation.tui.workers import run_blocking
from evaluation.workspace import Workspace

PREFIX = {AGE: "age", STATUS: "status", GENDER: "gender"}
LABELS = {
    CONSENT: "paper.line.consent",
    FIRST_NAME: "profile.first_name",
    AGE: "profile.age_band",
    STATUS: "profile.social_status",
    GENDER: "profile.gender",
    COMMUNE: "profile.commune",
}
KEYS = {"enter", "backspace", "up", "down"}


class PaperEntryScreen(BaseScreen):
    BINDINGS = [Binding("escape", "leave", "key.paper_leave", id="paper_entry.leave")]
    HELP_EXTRA = (
        *((str(digit), "help.paper_digits") for digit in range(10)),  # shown as « 0 … 9 »
        ("enter", "help.paper_enter"),
        ("up,down", "help.paper_move"),
    )

    def __init__(self, ui: Ui, workspace: Workspace, header: PaperHeader) -> None:
        super().__init__(ui)
        self.workspace = workspace
        self.header = header
        self.keying = Keying(header.published.questionnaire)
        self.saving = False

    def compose(self) -> ComposeResult:
        yield Header()
        q, sha = self.header.published.questionnaire, self.header.published.sha256
        yield Static(
            self.t(
                "paper.entry.title", form=self.header.form, id=q.id, version=q.version, sha=sha[:12]
            ),
            id="paper-title",
            markup=False,
        )
        with VerticalScroll(id="paper-lines-box", can_focus=False):
            yield PaperLines(id="paper-lines")
        yield Static("", id="paper-detail", markup=False)
        yield footer()

    def on_mount(self) -> None:
        super().on_mount()
        self.redraw()

    # --- keys ---------------------------------------------------------------------------

    def on_key(self, event: events.Key) -> None:
        if self.saving or not (event.key in KEYS or event.is_printable):
            return
        event.stop()
        event.prevent_default()
        if self.keying.done and event.key == "enter":
            self.save()
            return
        self.keying.press(event.key, event.character)
        self.redraw()

    def save(self) -> None:
        self.saving = True
        lang = self.t.lang
        run_blocking(
            self,
            self.ui,
            lambda: enter(self.workspace, self.header, self.keying, lang),
            self._saved,
            failed=self._failed,
            exclusive=True,
        )

    def _saved(self, session: Session) -> None:
        self.post_message(PaperSaved(self, session, self.header))

    def _failed(self, text: str) -> None:
        self.saving = False
        self.query_one("#paper-detail", Static).update(text)

    def action_leave(self) -> None:
        def answered(yes: bool | None) -> None:
            if yes:
                self.post_message(Closed(self))

        self.app.push_screen(ConfirmDialog(self.ui, self.t("paper.leave_confirm")), answered)

    # --- drawing --------------------------------------------------------------------------

    def redraw(self) -> None:
        keying = self.keying
        lines = keying.lines()
        rows = [
            Row(self._label(line), self._value(line, n == keying.at))
            for n, line in enumerate(lines)
        ]
        rows.append(Row(self.t("paper.entry.end"), ""))
        drawn = self.query_one("#paper-lines", PaperLines)
        drawn.show(rows, keying.at)
        box = self.query_one("#paper-lines-box", VerticalScroll)
        box.scroll_to(y=max(0, drawn.current_y - box.size.height // 2), animate=False)
        detail = self._detail(keying.current())
        if keying.problem is not None:  # a value refused: said above what the line holds
            detail = f"{self.t.message(keying.problem)}\n{detail}"
        self.query_one("#paper-detail", Static).update(detail)

    def _label(self, line: Line) -> str:
        if line.question is not None:
            return f"{line.number}. {line.question.text.get(self.lang)}"
        return self.t(LABELS[line.key])

    @property
    def lang(self) -> str:
        return self.t.lang

    def _option(self, line: Line, digit: int) -> str:
        """The words of option `digit` of `line` (0: its « don't know »)."""
        if line.key == CONSENT:
            return self.t("key.yes" if digit == 1 else "key.no")
        if line.key in PREFIX:
            value = line.options[digit - 1] if digit else UNKNOWN
            return self.t("not_communicated" if value == UNKNOWN else f"{PREFIX[line.key]}.{value}")
        assert line.question is not None
        if digit == 0:
            unknown = (
                "question.not_observed" if isinstance(line.question, Task) else "question.dont_know"
            )
            return self.t(unknown)
        return line.question.choices()[digit - 1].label.get(self.lang)

    def _value(self, line: Line, current: bool) -> str:
        keying = self.keying
        if line.kind is Kind.TEXT:
            text = keying.typed if current else self._text_of(line)
            return text + ("▏" if current else "")
        if line.key == CONSENT:
            return "" if keying.consent is None else self._picked(line, 1 if keying.consent else 2)
        if line.key in PREFIX:
            value = getattr(keying.profile, line.key)
            return self._picked(line, line.options.index(value) + 1 if value in line.options else 0)
        if current and line.kind is Kind.SEVERAL:
            return self._several(line, keying.ticked)
        answer = keying.answers.get(line.key)
        return self._answer(line, answer)

    def _text_of(self, line: Line) -> str:
        if line.key == COMMUNE:
            return self.keying.profile.postcode or self.keying.profile.commune or ""
        if line.key == FIRST_NAME:
            return self.keying.profile.first_name or ""
        answer = self.keying.answers.get(line.key)
        return (answer.text or "") if answer else ""

    def _answer(self, line: Line, answer: Answer | None) -> str:
        if answer is None:
            return ""
        if answer.status is Status.DONT_KNOW:
            return self._picked(line, 0)
        return self._several(line, list(answer.choices))

    def _several(self, line: Line, ticked: list[str]) -> str:
        return " · ".join(self._picked(line, line.options.index(o) + 1) for o in ticked)

    def _picked(self, line: Line, digit: int) -> str:
        return f"{digit} {self._option(line, digit)}"

    def _detail(self, line: Line | None) -> str:
        if line is None:
            return self.t("paper.entry.check")
        if line.kind is Kind.TEXT:
            return self.t("paper.entry.text_hint")
        digits = range(1, len(line.options) + 1)
        options = "  ".join(self._picked(line, d) for d in digits)
        if line.key != CONSENT:
            options += "  " + self._picked(line, 0)
        hint = "paper.entry.several_hint" if line.kind is Kind.SEVERAL else "paper.entry.one_hint"
        return f"{options}\n{self.t(hint)}"
