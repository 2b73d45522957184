"""Home: start, resume, today's interviews, find, sync, settings, reports."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from evaluation.tui.screens.base import BaseScreen

if TYPE_CHECKING:
    from evaluation.store import Settings

MENU = ("new", "resume", "today", "find", "sync", "settings", "report")


class HomeScreen(BaseScreen):
    BINDINGS = [
        Binding("1", "new", "home.new", show=False, id="home.new"),
        Binding("2", "resume", "home.resume", show=False, id="home.resume"),
        Binding("3", "today", "home.today", show=False, id="home.today"),
        Binding("4", "find", "home.find", show=False, id="home.find"),
        Binding("5", "sync", "home.sync", show=False, id="home.sync"),
        Binding("6", "settings", "home.settings", show=False, id="home.settings"),
        Binding("7", "report", "home.report", show=False, id="home.report"),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(self.tr("home.no_place"), id="place")
        yield OptionList(
            *(
                Option(f"{n}  {self.tr('home.' + item)}", id=item)
                for n, item in enumerate(MENU, start=1)
            ),
            id="menu",
        )
        yield Static("", id="problems")
        yield Footer()

    def on_mount(self) -> None:
        super().on_mount()
        self.on_screen_resume()

    def on_screen_resume(self) -> None:
        if self.evaluation.workspace is not None:
            self.refresh_place()

    @work(thread=True, exclusive=True, group="home")
    def refresh_place(self) -> None:
        settings = self.workspace.store.settings()
        self.app.call_from_thread(self.show_place, settings, self.workspace.problems)

    def show_place(self, settings: Settings, problems: list[str]) -> None:
        """Show the place of the day; on first run, ask for it."""
        place = settings.place
        label = self.tr("home.place", place=f"{place.name} ({place.commune})")
        self.query_one("#place", Static).update(label if place.name else self.tr("home.no_place"))
        if problems:
            self.query_one("#problems", Static).update(
                self.tr("home.problems", count=len(problems))
            )
        if not place.name and self.app.screen is self:
            self.action_settings()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.run_worker(self.run_action(str(event.option.id)))

    def _ready(self) -> bool:
        """Whether the workspace is open; if not yet, say so rather than ignore the key."""
        if self.evaluation.workspace is None:
            self.notify(self.tr("home.opening"), timeout=2)
            return False
        return True

    def action_new(self) -> None:
        if self._ready():
            self.start_interview()

    @work(thread=True, exclusive=True, group="db")
    def start_interview(self) -> None:
        from evaluation.workspace import DEFAULT_QUESTIONNAIRE

        published = self.workspace.library.latest(DEFAULT_QUESTIONNAIRE)
        if published is None:
            self.app.call_from_thread(self.notify, "diagnostic-base ?", severity="error")
            return
        q = published.questionnaire
        interview_id = self.workspace.store.start(
            q.id, q.version, published.sha256, self.evaluation.language
        )
        self.app.call_from_thread(self.open_interview, interview_id)

    def open_interview(self, interview_id: str) -> None:
        from evaluation.tui.screens.interview import open_interview

        open_interview(self.evaluation, interview_id)

    def action_resume(self) -> None:
        if self._ready():
            self.find_unfinished()

    @work(thread=True, exclusive=True, group="db")
    def find_unfinished(self) -> None:
        unfinished = self.workspace.store.interviews(unfinished=True)
        self.app.call_from_thread(self.resume, [r.id for r in unfinished])

    def resume(self, unfinished: list[str]) -> None:
        if not unfinished:
            self.notify(self.tr("home.nothing_to_resume"))
        elif len(unfinished) == 1:
            self.open_interview(unfinished[0])
        else:
            self._list("unfinished")

    def action_today(self) -> None:
        self._list("today")

    def action_find(self) -> None:
        self._list("all")

    def _list(self, which: str) -> None:
        if self._ready():
            from evaluation.tui.screens.interviews import InterviewsScreen

            day = date.today().isoformat() if which == "today" else None
            self.app.push_screen(InterviewsScreen(which, day))

    def action_sync(self) -> None:
        """The office's import screen where an office key lives, the laptop's sync elsewhere."""
        if self._ready():
            from evaluation.tui.screens.sync import OfficeImportScreen, SyncScreen
            from exports.office import identity_path

            office = identity_path(self.evaluation.folder).exists()
            self.app.push_screen(OfficeImportScreen() if office else SyncScreen())

    def action_report(self) -> None:
        if self._ready():
            from evaluation.tui.screens.report import ReportScreen

            self.app.push_screen(ReportScreen())

    def action_settings(self) -> None:
        if self._ready():
            from evaluation.tui.screens.settings import SettingsScreen

            self.app.push_screen(SettingsScreen())
