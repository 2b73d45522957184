"""Reports: the activity figures of this database, filtered by period and place.

Counts only. `c` writes them as CSV and `p` as a PDF with charts into exports/; Tab
reaches the filters (dates as YYYY-MM-DD, a place), Enter applies them.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Footer, Header, Input, Label, Static

from evaluation.tui.screens.base import BaseScreen

if TYPE_CHECKING:
    from exports.report import Filters, Report

DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class ReportScreen(BaseScreen):
    BINDINGS = [
        Binding("c", "csv", "key.csv", id="report.csv"),
        Binding("p", "pdf", "key.pdf", id="report.pdf"),
        Binding("escape", "back", "key.back", id="report.back"),
    ]
    AUTO_FOCUS = "#report-screen"  # keys act at once; Tab reaches the filters

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="report-screen"):
            yield Label(self.tr("report.title"), classes="title")
            with Horizontal(id="filters"):
                yield Input(placeholder=self.tr("report.from"), id="from")
                yield Input(placeholder=self.tr("report.to"), id="to")
                yield Input(placeholder=self.tr("report.place"), id="place")
            yield Static("", id="figures")
        yield Footer()

    def on_mount(self) -> None:
        super().on_mount()
        self.action_refresh()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.action_refresh()

    def filters(self) -> Filters | None:
        from exports.report import Filters

        start, end, place = (
            self.query_one(f"#{i}", Input).value.strip() for i in ("from", "to", "place")
        )
        for value in (start, end):
            if value and not DAY.match(value):
                self.query_one("#figures", Static).update(self.tr("report.bad_date", value=value))
                return None
        return Filters(start or None, end or None, (place,) if place else ())

    def action_refresh(self) -> None:
        filters = self.filters()
        if filters is not None:
            self.build(filters, None)

    def action_csv(self) -> None:
        if (filters := self.filters()) is not None:
            self.build(filters, "csv")

    def action_pdf(self) -> None:
        if (filters := self.filters()) is not None:
            self.build(filters, "pdf")

    @work(thread=True, exclusive=True, group="report", exit_on_error=False)
    def build(self, filters: Filters, kind: str | None) -> None:

        try:
            self.write(filters, kind)
        except Exception as exc:  # a full disk, a locked file: said, never a crash
            self.app.call_from_thread(
                self.query_one("#figures", Static).update, self.tr("report.error", error=exc)
            )

    def write(self, filters: Filters, kind: str | None) -> None:
        from evaluation.store.scores import refresh_scores
        from exports.report import build_report, labels, level_order, report_csv

        workspace = self.workspace
        refresh_scores(workspace.store, workspace.published_for)
        report = build_report(workspace.store, filters)
        words = labels(workspace.library)
        written: Path | None = None
        if kind is not None:
            folder = self.evaluation.folder.exports
            folder.mkdir(parents=True, exist_ok=True)
            written = folder / f"rapport-{date.today().isoformat()}.{kind}"
            if kind == "csv":
                written.write_text(report_csv(report), encoding="utf-8")
            else:
                from exports.report_pdf import render_report

                title = workspace.store.settings().structure.name or self.tr("report.title")
                order = level_order(workspace.library)
                written.write_bytes(render_report(report, words, order, title, date.today()))
        self.app.call_from_thread(self.show, report, words, written)

    def show(self, report: Report, words: dict[str, str], written: Path | None) -> None:
        def line(title: str, counts: list[tuple[str, int]], limit: int = 8) -> str:
            shown = ", ".join(f"{words.get(k, k) or '—'} {n}" for k, n in counts[:limit])
            return f"[b]{title}[/b] : {shown or '—'}"

        levels = [
            f"  {words.get(c, c)} : "
            + ", ".join(f"{words.get(lv, lv) or '—'} {n}" for lv, n in sorted(counts.items()))
            for c, counts in sorted(report.levels.items())
        ]
        text = [
            self.tr("report.total", count=report.interviews, minutes=round(report.minutes)),
            line(self.tr("report.by_place"), report.by_place),
            line(self.tr("report.by_week"), report.by_week[-6:]),
            line(self.tr("report.autonomie"), report.autonomie),
            f"[b]{self.tr('report.levels')}[/b]",
            *levels,
            line(self.tr("report.proposed"), report.proposed, 5),
            line(self.tr("report.ages"), report.age_bands),
        ]
        if written is not None:
            text.append(self.tr("report.written", path=written))
        self.query_one("#figures", Static).update("\n".join(text))

    def action_back(self) -> None:
        self.dismiss()
