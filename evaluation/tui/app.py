"""The Textual application: it opens the data in a worker and routes between screens.

Screens post messages (`evaluation.tui.messages`); only the app decides which screen
comes next, so no screen imports another. Every blocking step runs through
`run_blocking`, whose failures are shown in words.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from textual import on
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from evaluation.i18n import msg, translator
from evaluation.interview import Stage
from evaluation.operations.home import HomeView, confirm_place, home_view
from evaluation.operations.interviews import leave, load, reopen, start, unfinished
from evaluation.operations.opening import Opened, open_data
from evaluation.paths import DataFolder
from evaluation.session import Session
from evaluation.store.erasure import Scrub
from evaluation.sync.office import is_office
from evaluation.tui.dialogs.confirm import ConfirmDialog
from evaluation.tui.dialogs.help import HelpDialog
from evaluation.tui.messages import (
    BackToQuestions,
    ChangeFinished,
    Closed,
    Destination,
    Finished,
    Navigate,
    OpenInterview,
    Paused,
    StageDone,
)
from evaluation.tui.screen import key_name, translate_bindings
from evaluation.tui.screens.consent import ConsentScreen
from evaluation.tui.screens.home import HomeScreen
from evaluation.tui.screens.interviews import InterviewsScreen
from evaluation.tui.screens.office import OfficeImportScreen
from evaluation.tui.screens.profile import ProfileScreen
from evaluation.tui.screens.question import QuestionScreen
from evaluation.tui.screens.report import ReportScreen
from evaluation.tui.screens.results import ResultsScreen
from evaluation.tui.screens.settings import SettingsScreen
from evaluation.tui.screens.sync import SyncScreen
from evaluation.tui.ui import Ui
from evaluation.tui.widgets.palette import Palette
from evaluation.tui.workers import run_blocking
from evaluation.workspace import Workspace

INTERVIEW_SCREENS = (ConsentScreen, ProfileScreen, QuestionScreen, ResultsScreen)


class EvaluationApp(App[None]):
    CSS_PATH = "app.tcss"
    BINDINGS = [
        Binding("f1", "help", "key.help", id="app.help"),
        Binding("ctrl+q", "leave_app", "key.quit", show=False, id="app.quit", priority=True),
    ]

    def __init__(self, folder: DataFolder, db_path: Path, lang: str = "fr") -> None:
        super().__init__()
        self.ui = Ui(translator(lang), folder)
        self.db_path = db_path
        self.workspace: Workspace | None = None
        self.home = HomeScreen(self.ui)
        self.first_run_done = False
        translate_bindings(self, self.ui.t)

    @property
    def t(self) -> Any:
        return self.ui.t

    # --- start ------------------------------------------------------------------------

    def on_mount(self) -> None:
        self.title = self.t("app.title")
        self.push_screen(self.home)
        # After the first paint: its imports (pydantic, sqlite-utils) would slow the draw.
        self.call_after_refresh(self.open_data)

    def open_data(self) -> None:
        run_blocking(
            self,
            self.ui,
            lambda: open_data(self.ui.folder, self.db_path),
            self.ready,
            failed=self.home.show_problem,
        )

    def ready(self, opened: Opened) -> None:
        self.workspace = opened.workspace
        forgotten = opened.forgotten
        if forgotten.interviews:
            days = msg("forget.days", count=forgotten.days)
            self.notify(self.t("forget.done", count=len(forgotten.interviews), days=days))
        if opened.cleanup.status is Scrub.DONE and not forgotten.interviews:
            self.notify(self.t("erase.cleanup_finished"))
        elif opened.cleanup.status in {Scrub.BUSY, Scrub.FAILED}:
            self.notify(self.t("erase.cleanup_pending"), severity="warning", timeout=15)
        self.refresh_home()

    def refresh_home(self) -> None:
        if self.workspace is None:
            return
        workspace = self.workspace
        run_blocking(self, self.ui, lambda: home_view(workspace), self.home_ready)

    def home_ready(self, view: HomeView) -> None:
        self.home.show(view)
        if not view.place.name and not self.first_run_done and self.screen is self.home:
            self.first_run_done = True
            self.show_settings(first_run=True)

    def _need_workspace(self) -> Workspace | None:
        if self.workspace is None:
            self.notify(self.t("home.opening"), timeout=3)
        return self.workspace

    # --- where the home menu and the palette lead ---------------------------------------

    @on(Navigate)
    def navigate(self, message: Navigate) -> None:
        workspace = self._need_workspace()
        if workspace is None:
            return
        destination = message.destination
        if destination is Destination.NEW:
            self.new_interview(workspace)
        elif destination is Destination.RESUME:
            run_blocking(self, self.ui, lambda: unfinished(workspace), self.resume)
        elif destination in {Destination.TODAY, Destination.FIND}:
            which = "today" if destination is Destination.TODAY else "all"
            self.push_screen(InterviewsScreen(self.ui, workspace, which))
        elif destination is Destination.SYNC:
            office = is_office(workspace.folder)
            screen = OfficeImportScreen if office else SyncScreen
            self.push_screen(screen(self.ui, workspace))
        elif destination is Destination.SETTINGS:
            self.show_settings()
        elif destination is Destination.REPORT:
            self.push_screen(ReportScreen(self.ui, workspace))

    def show_settings(self, first_run: bool = False) -> None:
        if self.workspace is not None:
            self.push_screen(SettingsScreen(self.ui, self.workspace, first_run))

    def new_interview(self, workspace: Workspace) -> None:
        """Start one; on the first interview of a new day, the place is confirmed first."""

        def checked(view: HomeView) -> None:
            if not view.place.name:
                self.show_settings(first_run=True)
            elif view.place_confirmed_today:
                self.begin(workspace)
            else:
                place = f"{view.place.name} ({view.place.commune})".replace(" ()", "")
                question = self.t("home.confirm_place", place=place)
                self.push_screen(ConfirmDialog(self.ui, question), answered)

        def answered(same_place: bool | None) -> None:
            if same_place:
                run_blocking(
                    self, self.ui, lambda: confirm_place(workspace), lambda _: self.begin(workspace)
                )
            else:
                self.show_settings()

        run_blocking(self, self.ui, lambda: home_view(workspace), checked)

    def begin(self, workspace: Workspace) -> None:
        run_blocking(
            self,
            self.ui,
            lambda: start(workspace, self.ui.t.lang),
            self.show_session,
            exclusive=True,
        )

    def resume(self, listed: list[Any]) -> None:
        if not listed:
            self.notify(self.t("home.nothing_to_resume"))
        elif len(listed) == 1:
            self.open_interview(listed[0].record.id)
        elif self.workspace is not None:
            self.push_screen(InterviewsScreen(self.ui, self.workspace, "unfinished"))

    # --- one interview ------------------------------------------------------------------

    @on(OpenInterview)
    def on_open(self, message: OpenInterview) -> None:
        self.close(message.origin)
        self.open_interview(message.interview_id)

    def open_interview(self, interview_id: str) -> None:
        workspace = self._need_workspace()
        if workspace is not None:
            run_blocking(self, self.ui, lambda: load(workspace, interview_id), self.show_session)

    def ui_for(self, session: Session) -> Ui:
        """An interview speaks the language it was started in, on every screen of it, even
        when it is resumed from a session in another language: one language on screen."""
        if session.lang == self.ui.t.lang:
            return self.ui
        return Ui(translator(session.lang), self.ui.folder)

    def show_session(self, session: Session) -> None:
        """The screen for where the interview stands (a finished one: read-only)."""
        stage = session.record.stage
        ui = self.ui_for(session)
        if stage is Stage.CONSENT:
            self.push_screen(ConsentScreen(ui, session))
        elif stage is Stage.PROFILE:
            self.push_screen(ProfileScreen(ui, session))
        elif stage is Stage.QUESTIONS and (at := session.flow().resume_at(session.record.position)):
            self.push_screen(QuestionScreen(ui, session, at))
        else:
            self.push_screen(ResultsScreen(ui, session))

    @on(StageDone)
    def stage_done(self, message: StageDone) -> None:
        self.close(message.origin)
        self.show_session(message.session)

    @on(Paused)
    def paused(self, message: Paused) -> None:
        self.close(message.origin)
        session = message.session

        def left(discarded: bool) -> None:
            if discarded:
                self.notify(self.t("home.discarded"))
            self.refresh_home()

        run_blocking(self, self.ui, lambda: leave(session), left)

    @on(Finished)
    def finished(self, message: Finished) -> None:
        self.close(message.origin)
        self.notify(self.t("results.finished"))
        self.refresh_home()

    @on(BackToQuestions)
    def back_to_questions(self, message: BackToQuestions) -> None:
        last = message.session.flow().before(None)
        if last is not None:
            self.close(message.origin)
            self.push_screen(QuestionScreen(self.ui_for(message.session), message.session, last))

    @on(ChangeFinished)
    def change_finished(self, message: ChangeFinished) -> None:
        session = message.session

        def answered(yes: bool | None) -> None:
            if yes:
                run_blocking(self, self.ui, lambda: reopen(session), lambda _: reopened())

        def reopened() -> None:
            self.close(message.origin)
            self.show_session(session)

        self.push_screen(ConfirmDialog(self.ui, self.t("results.change_confirm")), answered)

    @on(Closed)
    def closed(self, message: Closed) -> None:
        self.close(message.origin)
        self.refresh_home()

    def close(self, screen: Screen[Any]) -> None:
        """Close `screen` (and any dialog above it); never the home screen."""
        if screen is self.home or screen not in self.screen_stack:
            return
        while self.screen is not screen:
            self.pop_screen()
        self.pop_screen()

    # --- keys of every screen -----------------------------------------------------------

    def action_help(self) -> None:
        screen = self.screen
        if isinstance(screen, HelpDialog):
            return
        entries = screen.help_entries() if hasattr(screen, "help_entries") else []
        shown = {text for _, text in entries}
        entries += [
            entry
            for entry in (
                (key_name("f1", self.t), self.t("key.help")),
                ("Ctrl+P", self.t("help.palette")),
                ("Ctrl+Q", self.t("key.quit")),
            )
            if entry[1] not in shown
        ]
        self.push_screen(HelpDialog(self.ui, entries))

    def action_leave_app(self) -> None:
        """Quit; during an interview, say first that everything is saved."""
        if not any(isinstance(s, INTERVIEW_SCREENS) for s in self.screen_stack):
            self.exit()
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.exit()

        if not isinstance(self.screen, ConfirmDialog):
            self.push_screen(ConfirmDialog(self.ui, self.t("app.quit_interview")), answered)

    def action_help_quit(self) -> None:
        """Ctrl+C: Textual's own reminder, in the reader's words."""
        self.notify(self.t("app.how_to_quit"), title=self.t("app.quit_title"))

    def action_command_palette(self) -> None:
        if not isinstance(self.screen, Palette):
            self.push_screen(Palette(self.ui.t))

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """The app's own actions, in the reader's words (Textual's are left out)."""
        for destination in Destination:
            yield SystemCommand(
                self.t(f"home.{destination.value}"),
                self.t(f"palette.{destination.value}"),
                lambda d=destination: self.post_message(Navigate(d)),
            )
        yield SystemCommand(self.t("key.help"), self.t("help.title"), self.action_help)
        yield SystemCommand(self.t("key.quit"), self.t("palette.quit"), self.action_leave_app)

    def get_key_display(self, binding: Binding) -> str:
        if binding.key_display:
            return binding.key_display
        name = key_name(binding.key, self.t)
        return name if name != binding.key else super().get_key_display(binding)


__all__ = ["EvaluationApp"]
