"""Reports: the activity figures of this database, filtered by period and place.

Counts only. `c` writes them as CSV and `p` as a PDF with charts into exports/; Tab
reaches the filters (dates as YYYY-MM-DD, a place), Enter applies them.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Header, Input, Label, Static

from evaluation.french_text import printable_lines
from evaluation.machine.clock import typed_day
from evaluation.operations.reports import Kind, report, report_in_exports, words
from evaluation.structure.figures import Figures, Filters
from evaluation.tui.messages import Closed
from evaluation.tui.screen import BaseScreen, footer
from evaluation.tui.ui import Ui
from evaluation.tui.widgets.figures_view import FiguresView
from evaluation.tui.workers import run_blocking
from evaluation.workspace import Workspace


class ReportScreen(BaseScreen):
    BINDINGS = [
        Binding("c", "write('csv')", "key.csv", id="report.csv"),
        Binding("p", "write('pdf')", "key.pdf", id="report.pdf"),
        Binding("escape", "back", "key.back", id="report.back"),
    ]
    HELP_EXTRA = (("tab", "help.report_filters"), ("enter", "help.report_apply"))
    AUTO_FOCUS = "#report-screen"  # keys act at once; Tab reaches the filters

    def __init__(self, ui: Ui, workspace: Workspace) -> None:
        super().__init__(ui)
        self.workspace = workspace

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="report-screen", can_focus=False):
            yield Label(self.t("report.title"), classes="title", markup=False)
            with Horizontal(id="filters"):
                for field_id, key in (("from", "report.from"), ("to", "report.to")):
                    with Vertical(classes="filter"):
                        yield Label(self.t(key), markup=False)
                        yield Input(placeholder=self.t("report.date_hint"), id=field_id)
                with Vertical(classes="filter"):
                    yield Label(self.t("report.place"), markup=False)
                    yield Input(placeholder=self.t("report.all_places"), id="place")
            yield Static("", id="report-status", classes="hint", markup=False)
            yield FiguresView(id="figures")
        yield footer()

    def on_mount(self) -> None:
        super().on_mount()
        self.refresh_figures()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.refresh_figures()

    def filters(self) -> Filters | None:
        start, end, place = (
            self.query_one(f"#{i}", Input).value.strip() for i in ("from", "to", "place")
        )
        days: list[date | None] = []
        for value in (start, end):
            try:
                days.append(typed_day(value) if value else None)
            except ValueError:
                self.status(self.t("report.bad_date", value=value))
                return None
        return Filters(days[0], days[1], (place,) if place else ())

    def status(self, text: str) -> None:
        """Say it where it is seen: the line sits above the figures, scrolled back to."""
        self.query_one("#report-status", Static).update(printable_lines(text))
        if text:
            self.query_one("#report-screen", VerticalScroll).scroll_home(animate=False)

    def refresh_figures(self) -> None:
        filters = self.filters()
        if filters is None:
            return
        self.status(self.t("report.counting"))
        run_blocking(
            self,
            self.ui,
            lambda: report(self.workspace, filters),
            self.show,
            failed=lambda text: self.status(self.t("report.error", error=text)),
            group="report",
            exclusive=True,
        )

    def show(self, figures: Figures) -> None:
        self.status("")
        self.query_one("#figures", FiguresView).show(
            figures, words(self.workspace.library, self.t), self.t
        )

    def action_write(self, kind: str) -> None:
        filters = self.filters()
        if filters is None:
            return
        run_blocking(
            self,
            self.ui,
            lambda: report_in_exports(self.workspace, filters, Kind(kind), self.t),
            self.written,
            failed=lambda text: self.status(self.t("report.error", error=text)),
            group="report",
            exclusive=True,
        )

    def written(self, path: Path) -> None:
        self.status(self.t("report.written", path=path))

    def action_back(self) -> None:
        self.post_message(Closed(self))
