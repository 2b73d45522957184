"""Interviews: today's, the unfinished ones (with how old each is), or a search.

Enter opens one: a finished interview read-only, an unfinished one where it stopped.
`s` discards an unfinished interview that has no answer yet (after confirmation).
"""

from __future__ import annotations

from datetime import datetime

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Header, Input, Label

from evaluation.french_text import folded, printable
from evaluation.i18n import Translator
from evaluation.interview.record import Stage
from evaluation.operations.interviews import Listed, discard, listing
from evaluation.store import InterviewRecord
from evaluation.tui.dialogs.confirm import ConfirmDialog
from evaluation.tui.messages import Closed, OpenInterview
from evaluation.tui.screen import BaseScreen, footer
from evaluation.tui.ui import Ui
from evaluation.tui.workers import run_blocking
from evaluation.workspace import Workspace


def age(started: datetime, now: datetime, t: Translator) -> str:
    """How long ago an interview started, in words: "il y a 3 h"."""
    minutes = int((now - started).total_seconds() // 60)
    if minutes < 1:
        return t("ago.now")
    if minutes < 60:
        return t("ago.minutes", count=max(minutes, 0))
    if minutes < 24 * 60:
        return t("ago.hours", count=minutes // 60)
    return t("ago.days", count=minutes // (24 * 60))


def who(record: InterviewRecord, t: Translator) -> str:
    """The person in words: a first name, a paper form's number, « (anonyme) » only when
    consent was refused, « (sans prénom) » when none was given."""
    if record.paper is not None:
        return t("list.paper", form=record.paper.form)
    if record.profile.first_name:
        return record.profile.first_name
    return t("list.anonymous") if record.consent_given is False else t("list.no_first_name")


class InterviewsScreen(BaseScreen):
    BINDINGS = [
        Binding("s", "discard", "key.discard", id="interviews.discard"),
        Binding("escape", "close", "key.back", id="interviews.back"),
    ]
    HELP_EXTRA = (("up,down", "help.move_in_list"), ("enter", "help.open_interview"))

    def __init__(self, ui: Ui, workspace: Workspace, which: str) -> None:
        super().__init__(ui)
        self.workspace = workspace
        self.which = which
        self.listed: list[Listed] = []

    def compose(self) -> ComposeResult:
        title = {"today": "list.today", "unfinished": "list.unfinished"}.get(
            self.which, "list.title"
        )
        yield Header()
        yield Label(self.t(title), classes="title", markup=False)
        yield Input(placeholder=self.t("list.search"), id="search")
        yield DataTable(id="table", cursor_type="row")
        yield Label("", id="list-hint", classes="hint", markup=False)
        yield footer()

    def on_mount(self) -> None:
        super().on_mount()
        table = self.query_one("#table", DataTable)
        table.add_columns(*self.t("list.columns").split("|"))
        self.load()
        if self.which != "all":
            self.query_one("#search", Input).display = False
            table.focus()
        else:
            self.query_one("#search", Input).focus()

    def load(self) -> None:
        run_blocking(self, self.ui, lambda: listing(self.workspace, self.which), self.fill)

    def fill(self, listed: list[Listed], needle: str = "") -> None:
        self.listed = listed
        table = self.query_one("#table", DataTable)
        table.clear()
        needle = folded(needle.strip())
        now = datetime.now().astimezone()
        for item in listed:
            r = item.record
            person = who(r, self.t)
            stage = self.t(f"stage.{r.stage}")
            if r.stage is Stage.FINISHED and r.revision:
                stage = self.t("stage.finished_changed")
            # One date style per list: how old for the unfinished ones, else day and time.
            when = (
                age(item.started, now, self.t)
                if self.which == "unfinished"
                else f"{item.started:%d/%m %H:%M}"
            )
            # Who and where they stand first: at 50 columns the place is the one cut.
            row = (when, person, stage, str(item.answered), r.place_name or "—")
            days = (f"{item.started:%Y-%m-%d}", f"{item.started:%d/%m/%Y}")
            if needle and not any(needle in folded(cell) for cell in (*row, *days)):
                continue
            table.add_row(*(Text(printable(cell)) for cell in row), key=r.id)
        if table.row_count == 0:
            table.add_row(Text(self.t("list.empty")), "", "", "", "")
        self.query_one("#list-hint", Label).update(
            self.t("list.hint_unfinished") if self.which == "unfinished" else ""
        )

    def on_input_changed(self, event: Input.Changed) -> None:
        self.fill(self.listed, event.value)

    def on_input_submitted(self) -> None:
        self.query_one("#table", DataTable).focus()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        if event.row_key.value:
            self.post_message(OpenInterview(self, event.row_key.value))

    def current(self) -> Listed | None:
        table = self.query_one("#table", DataTable)
        if table.row_count == 0:
            return None
        key = table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value
        return next((item for item in self.listed if item.record.id == key), None)

    def action_discard(self) -> None:
        item = self.current()
        if item is None:
            return
        if item.record.stage is Stage.FINISHED or item.answered:
            self.notify(self.t("list.cannot_discard"), severity="warning")
            return

        def answered(yes: bool | None) -> None:
            if yes:
                run_blocking(
                    self,
                    self.ui,
                    lambda: discard(self.workspace, item.record.id),
                    lambda _: self.load(),
                )

        self.app.push_screen(ConfirmDialog(self.ui, self.t("list.discard_confirm")), answered)

    def action_close(self) -> None:
        self.post_message(Closed(self))
