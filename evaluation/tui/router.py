"""Which screen comes next: the home menu's destinations and one interview's stages.

The app hands every routing message to a `Router` once the data is open. It lives apart
from the app because it reaches the operations and, through them, pydantic and
sqlite-utils: the app imports it after the home screen is drawn. What the home screen
does not show is imported when first needed: an interview's operations and screens
(questionnaire models, scoring), and the screens of the menu entries that need PDF or
encryption libraries (paper forms, sync, settings), so the home screen is usable
without them (`tests/test_architecture.py` keeps that list).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.app import App
from textual.screen import Screen

from evaluation.interview.record import Stage
from evaluation.operations.home import HomeView, confirm_place, home_view
from evaluation.operations.opening import Opened, open_data
from evaluation.store.erasure import Scrub
from evaluation.tui.dialogs.confirm import ConfirmDialog
from evaluation.tui.messages import Destination
from evaluation.tui.screens.home import HomeScreen
from evaluation.tui.theme import theme_name
from evaluation.tui.ui import Ui
from evaluation.tui.workers import run_blocking
from evaluation.workspace import Workspace

if TYPE_CHECKING:
    from evaluation.operations.paper import Header as PaperHeader
    from evaluation.session import Saved, Session


class Router:
    """Pushes the next screen of `app` and runs the operation behind each step."""

    def __init__(self, app: App[Any], ui: Ui, home: HomeScreen, workspace: Workspace) -> None:
        self.app = app
        self.ui = ui
        self.home = home
        self.workspace = workspace
        self.first_run_done = False

    @classmethod
    def open(cls, app: App[Any], ui: Ui, home: HomeScreen, db_path: Path) -> tuple[Router, Opened]:
        """Open the data (blocking: run it in a worker) and a router over it."""
        opened = open_data(ui.folder, db_path)
        return cls(app, ui, home, opened.workspace), opened

    def t(self, key: str, **values: Any) -> str:
        return str(self.ui.t(key, **values))

    def _run(self, job: Any, done: Any, **options: Any) -> None:
        run_blocking(self.app, self.ui, job, done, **options)

    # --- the data just opened -----------------------------------------------------------

    def opened(self, opened: Opened) -> None:
        """Say what opening did on its own (forgetting, a finished clean-up); show home."""
        forgotten = opened.forgotten
        for said in forgotten.said():
            self.app.notify(self.ui.t.message(said))
        if opened.cleanup.status is Scrub.DONE and not forgotten.interviews:
            self.app.notify(self.t("erase.cleanup_finished"))
        elif opened.cleanup.status in {Scrub.BUSY, Scrub.FAILED}:
            self.app.notify(self.t("erase.cleanup_pending"), severity="warning")
        # Usable from the database alone; then the questionnaires and the catalogue are
        # read and checked, and home says if a file was refused.
        workspace = self.workspace
        self._run(lambda: home_view(workspace, files=False), self._first_home)

    def _first_home(self, view: HomeView) -> None:
        self._home_ready(view)
        self.refresh_home()

    def refresh_home(self) -> None:
        self._run(lambda: home_view(self.workspace), self._home_ready)

    def _home_ready(self, view: HomeView) -> None:
        self.app.theme = theme_name(view.high_contrast)
        self.home.show(view)
        if not view.place.name and not self.first_run_done and self.app.screen is self.home:
            self.first_run_done = True
            self.show_settings(first_run=True)

    # --- where the home menu and the palette lead ---------------------------------------

    def navigate(self, destination: Destination) -> None:
        workspace = self.workspace
        if destination is Destination.NEW:
            self.new_interview()
        elif destination is Destination.RESUME:
            from evaluation.operations.interviews import unfinished

            self._run(lambda: unfinished(workspace), self._resume)
        elif destination in {Destination.TODAY, Destination.FIND}:
            from evaluation.tui.screens.interviews import InterviewsScreen

            which = "today" if destination is Destination.TODAY else "all"
            self.app.push_screen(InterviewsScreen(self.ui, workspace, which))
        elif destination is Destination.SYNC:
            # Encryption (cryptography, pyrage) is loaded when the sync is first chosen.
            from evaluation.sync.office import is_office
            from evaluation.tui.screens.office import OfficeImportScreen
            from evaluation.tui.screens.sync import SyncScreen

            screen = OfficeImportScreen if is_office(workspace.folder) else SyncScreen
            self.app.push_screen(screen(self.ui, workspace))
        elif destination is Destination.SETTINGS:
            self.show_settings()
        elif destination is Destination.REPORT:
            from evaluation.tui.screens.report import ReportScreen

            self.app.push_screen(ReportScreen(self.ui, workspace))
        elif destination is Destination.PAPER:
            from evaluation.tui.screens.paper_start import PaperStartScreen  # reportlab

            self.app.push_screen(PaperStartScreen(self.ui, workspace))

    def paper_saved(self, origin: Screen[Any], session: Session, header: PaperHeader) -> None:
        """Say the form is stored, with its level; the next form of the stack comes."""
        from evaluation.operations.paper import overall
        from evaluation.tui.screens.paper_start import PaperStartScreen

        level = overall(session, self.ui.t.lang) or self.t("paper.no_level")
        self.app.notify(self.t("paper.saved", form=header.form, level=level))
        self.close(origin)
        self.app.push_screen(PaperStartScreen(self.ui, self.workspace, after=header))

    def key_in_paper(self, origin: Screen[Any], header: PaperHeader) -> None:
        """The top of a paper form is read: key in its lines."""
        from evaluation.tui.screens.paper_entry import PaperEntryScreen

        self.close(origin)
        self.app.push_screen(PaperEntryScreen(self.ui, self.workspace, header))

    def show_settings(self, first_run: bool = False) -> None:
        from evaluation.operations.settings import SettingsView, load
        from evaluation.tui.screens.settings import SettingsScreen  # the sync's keys

        def loaded(view: SettingsView) -> None:
            self.app.push_screen(SettingsScreen(self.ui, workspace, view, first_run))

        workspace = self.workspace
        self._run(lambda: load(workspace), loaded)

    def new_interview(self) -> None:
        """Start one; on the first interview of a new day, the place is confirmed first."""
        workspace = self.workspace

        def checked(view: HomeView) -> None:
            if not view.place.name:
                self.show_settings(first_run=True)
            elif view.place_confirmed_today:
                self._begin()
            else:
                place = f"{view.place.name} ({view.place.commune})".replace(" ()", "")
                question = self.t("home.confirm_place", place=place)
                self.app.push_screen(ConfirmDialog(self.ui, question), answered)

        def answered(same_place: bool | None) -> None:
            if same_place:
                self._run(lambda: confirm_place(workspace), lambda _: self._begin())
            else:
                self.show_settings()

        self._run(lambda: home_view(workspace, files=False), checked)  # the place alone

    def _begin(self) -> None:
        # The previous visitor's toasts (a sheet's path…) do not cover the next one's screen.
        self.app.clear_notifications()
        from evaluation.operations.interviews import start

        workspace = self.workspace
        lang = self.ui.t.lang
        self._run(lambda: start(workspace, lang), self.show_session, exclusive=True)

    def _resume(self, listed: list[Any]) -> None:
        if not listed:
            self.app.notify(self.t("home.nothing_to_resume"))
        elif len(listed) == 1:
            self.open_interview(listed[0].record.id)
        else:
            from evaluation.tui.screens.interviews import InterviewsScreen

            self.app.push_screen(InterviewsScreen(self.ui, self.workspace, "unfinished"))

    # --- one interview ------------------------------------------------------------------

    def open_interview(self, interview_id: str) -> None:
        from evaluation.operations.interviews import load

        workspace = self.workspace
        self._run(lambda: load(workspace, interview_id), self.show_session)

    def show_session(self, session: Session) -> None:
        """The screen for where the interview stands (a finished one: read-only)."""
        # The mediator's menus keep the app's language; the visitor's language
        # (`session.lang`) is the questions' and the sheet's.
        # Each screen imported as it is first shown: the results' (scoring, the catalogue's
        # next steps) not before the end of the questions.
        stage = session.record.stage
        ui = self.ui
        if stage is Stage.CONSENT:
            from evaluation.tui.screens.consent import ConsentScreen

            self.app.push_screen(ConsentScreen(ui, session))
        elif stage is Stage.PROFILE:
            from evaluation.tui.screens.profile import ProfileScreen

            self.app.push_screen(ProfileScreen(ui, session))
        elif stage is Stage.QUESTIONS and (at := session.flow().resume_at(session.record.position)):
            from evaluation.tui.screens.question import QuestionScreen

            self.app.push_screen(QuestionScreen(ui, session, at))
        else:
            from evaluation.tui.screens.results import ResultsScreen

            self.app.push_screen(ResultsScreen(ui, session))

    def paused(self, origin: Screen[Any], session: Session) -> None:
        """Leave the interview; one with no answer yet is discarded, so it is asked first."""
        from evaluation.operations.interviews import Left, leave, nothing_answered

        def left(how: Left) -> None:
            if how is Left.DISCARDED:
                self.app.notify(self.t("home.discarded"))
            elif how is Left.FINISHED:
                self.app.notify(self.t("results.finished"))
            self.refresh_home()

        def answered(yes: bool | None) -> None:
            if yes:
                self.close(origin)
                self._run(lambda: leave(session), left)

        if not nothing_answered(session):
            answered(True)
        elif not isinstance(self.app.screen, ConfirmDialog):
            question = self.t("home.discard_confirm")
            self.app.push_screen(ConfirmDialog(self.ui, question), answered)

    def finished(self) -> None:
        self.app.notify(self.t("results.finished"))
        self.refresh_home()

    def back_to_questions(self, origin: Screen[Any], session: Session) -> None:
        from evaluation.tui.screens.question import QuestionScreen

        last = session.flow().before(None)
        if last is not None:
            self.close(origin)
            self.app.push_screen(QuestionScreen(self.ui, session, last))

    def change_finished(self, origin: Screen[Any], session: Session) -> None:
        from evaluation.operations.interviews import reopen

        def answered(yes: bool | None) -> None:
            if yes:
                self._run(lambda: reopen(session), reopened)

        def reopened(saved: Saved) -> None:
            self.close(origin)
            self.show_session(session.apply(saved))

        self.app.push_screen(ConfirmDialog(self.ui, self.t("results.change_confirm")), answered)

    def close(self, screen: Screen[Any]) -> None:
        """Close `screen` (and any dialog above it); never the home screen."""
        app = self.app
        if screen is self.home or screen not in app.screen_stack:
            return
        while app.screen is not screen:
            app.pop_screen()
        app.pop_screen()
