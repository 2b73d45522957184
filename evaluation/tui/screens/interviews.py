"""Interviews: today's, the unfinished ones, or a search over all of them."""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Footer, Header, Input, Label

from evaluation.store import InterviewRecord
from evaluation.tui.screens.base import BaseScreen


class InterviewsScreen(BaseScreen):
    BINDINGS = [Binding("escape", "close", "key.back", id="interviews.back")]

    def __init__(self, which: str, day: str | None) -> None:
        super().__init__()
        self.which = which
        self.day = day
        self.records: list[InterviewRecord] = []

    def compose(self) -> ComposeResult:
        title = {"today": "list.today", "unfinished": "list.unfinished"}.get(
            self.which, "list.title"
        )
        yield Header()
        yield Label(self.tr(title), classes="title")
        yield Input(placeholder=self.tr("list.search"), id="search")
        yield DataTable(id="table", cursor_type="row")
        yield Footer()

    def on_mount(self) -> None:
        super().on_mount()
        table = self.query_one("#table", DataTable)
        table.add_columns(*self.tr("list.columns").split("|"))
        self.load()
        if self.which != "all":
            self.query_one("#search", Input).display = False
            table.focus()
        else:
            self.query_one("#search", Input).focus()

    @work(thread=True, exclusive=True, group="db")
    def load(self) -> None:
        unfinished = True if self.which == "unfinished" else None
        records = self.workspace.store.interviews(unfinished=unfinished, day=self.day)
        self.app.call_from_thread(self.fill, records)

    def fill(self, records: list[InterviewRecord], needle: str = "") -> None:
        self.records = records
        table = self.query_one("#table", DataTable)
        table.clear()
        needle = needle.lower()
        for n, r in enumerate(records, start=1):
            who = r.profile.first_name or self.tr("list.anonymous")
            row = (str(n), r.started_at[:16].replace("T", " "), r.place_name or "—", who)
            if needle and not any(needle in cell.lower() for cell in row):
                continue
            table.add_row(*row, self.tr(f"stage.{r.stage}"), key=r.id)
        if table.row_count == 0:
            table.add_row("", self.tr("list.empty"), "", "", "")

    def on_input_changed(self, event: Input.Changed) -> None:
        self.fill(self.records, event.value)

    def on_input_submitted(self) -> None:
        self.query_one("#table", DataTable).focus()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        if event.row_key.value:
            from evaluation.tui.screens.interview import open_interview

            self.dismiss()
            open_interview(self.evaluation, event.row_key.value)

    def action_close(self) -> None:
        self.dismiss()
