"""Key in a paper form, first step: the top of the form (version, number, date, place,
mediator, duration), today's values offered. F2 prints blank numbered forms.

Enter in a field goes to the next one; in the last one, or with Ctrl+S, the header is
checked: a version not installed is refused with the version the form needs, and a form
already keyed in (same number, same date) is asked about before a second copy is made.
"""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Header as TitleBar
from textual.widgets import Input, Label, Static

from evaluation.i18n.dates import long_date
from evaluation.machine.clock import local_day
from evaluation.operations.paper import (
    Checked,
    Header,
    HeaderDefaults,
    Printed,
    check_header,
    following,
    header_defaults,
    print_forms,
)
from evaluation.tui.dialogs.confirm import ConfirmDialog
from evaluation.tui.form import FormScreen
from evaluation.tui.messages import Closed, PaperHeaderRead
from evaluation.tui.screen import footer
from evaluation.tui.ui import Ui
from evaluation.tui.workers import run_blocking
from evaluation.workspace import Workspace

FIELDS = {
    "version": "paper.field.version",
    "form": "paper.field.form",
    "day": "paper.field.day",
    "place": "paper.field.place",
    "mediator": "paper.field.mediator",
    "minutes": "paper.field.minutes",
}
BLANK_FORMS = 10  # printed at once from the app (the command takes --count)


class PaperStartScreen(FormScreen):
    BINDINGS = [
        Binding("ctrl+s", "check", "key.continue", id="paper.continue"),
        Binding(
            "f2",
            "print_forms",
            "key.paper_print",
            key_display="F2",
            tooltip="help.paper_print",
            id="paper.print",
        ),
        Binding("escape", "leave", "key.back", id="paper.back"),
    ]
    HELP_EXTRA = (("tab", "help.next_field"), ("enter", "help.paper_next_field"))

    def __init__(self, ui: Ui, workspace: Workspace, after: Header | None = None) -> None:
        """`after`: the form just keyed in; the next one of the stack keeps its top."""
        super().__init__(ui)
        self.workspace = workspace
        self.after = after

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with VerticalScroll(id="form", can_focus=False):
            yield Label(self.t("paper.start.title"), classes="title", markup=False)
            for name, label in FIELDS.items():
                yield Label(self.t(label), markup=False)
                yield Input(id=f"paper-{name}", max_length=200)
            yield Static("", id="problem", classes="warning", markup=False)
            # Below the fields: at 50x16 the title and the form number come first.
            yield Static(self.t("paper.start.intro"), classes="hint", markup=False)
            yield Static(self.t("paper.start.keys"), classes="hint", markup=False)
        yield footer()

    def on_mount(self) -> None:
        super().on_mount()
        self.open_at(self.field("form"))
        run_blocking(self, self.ui, lambda: header_defaults(self.workspace), self._defaults)

    def _defaults(self, defaults: HeaderDefaults) -> None:
        values = {
            "version": defaults.version,
            "day": defaults.day.strftime("%d/%m/%Y"),
            "place": defaults.place,
            "mediator": defaults.mediator,
        }
        if (last := self.after) is not None:
            values = {
                "version": last.version,
                "day": last.day.strftime("%d/%m/%Y"),
                "place": last.place or "",
                "mediator": last.mediator or "",
                "form": following(last.form),  # check it against the form in hand
            }
        for name, value in values.items():
            self.field(name).value = value
        if self.focused is self.field("form"):
            self.field("form").select_all()  # a number typed replaces the one offered
        self.field("form").placeholder = self.t("paper.form_placeholder", prefix=defaults.prefix)
        self.query_one("#problem", Static).update(
            self.t("paper.start.check_sha", sha=defaults.sha_prefix)
        )

    def field(self, name: str) -> Input:
        return self.query_one(f"#paper-{name}", Input)

    def field_done(self, field: Input) -> None:
        if field is self.field("minutes"):
            self.action_check()
        else:
            self.focus_next()

    def action_check(self) -> None:
        typed = {name: self.field(name).value for name in FIELDS}
        run_blocking(
            self,
            self.ui,
            lambda: check_header(self.workspace, **typed),
            self._checked,
            failed=self.refused,
            exclusive=True,
        )

    def refused(self, problem: str) -> None:
        """Why the top was not taken, scrolled into view: at 60×20 it sits below the fold."""
        shown = self.query_one("#problem", Static)
        shown.update(problem)
        shown.scroll_visible(animate=False)

    def _checked(self, checked: Checked) -> None:
        if not checked.twins:
            self.post_message(PaperHeaderRead(self, checked.header))
            return
        first = checked.twins[0]
        question = self.t(
            "paper.twin",
            form=checked.header.form,
            day=long_date(checked.header.day, self.t.lang),
            entered=long_date(local_day(first.updated_at), self.t.lang),
            count=len(checked.twins),
        )

        def answered(again: bool | None) -> None:
            if again:
                self.post_message(PaperHeaderRead(self, checked.header))

        self.app.push_screen(ConfirmDialog(self.ui, question), answered)

    def action_print_forms(self) -> None:
        lang = self.t.lang
        self.notify(self.t("paper.printing", count=BLANK_FORMS))
        run_blocking(
            self,
            self.ui,
            lambda: print_forms(self.workspace, lang, BLANK_FORMS),
            self._printed,
            exclusive=True,
        )

    def _printed(self, outcome: tuple[Printed, Any]) -> None:
        printed, problem = outcome
        numbers = printed.numbers
        said = self.t("paper.printed", count=len(numbers), first=numbers[0], last=numbers[-1])
        if problem is not None:
            said += "\n" + self.t(
                "paper.not_printed", problem=self.t.message(problem), path=printed.path
            )
        self.notify(said)

    def action_leave(self) -> None:
        self.post_message(Closed(self))
