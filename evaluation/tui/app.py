"""The Textual application: it opens the data in a worker and routes between screens.

Screens post messages (`evaluation.tui.messages`); only the app, through its router
(`evaluation.tui.router`), decides which screen comes next, so no screen imports another.
Every blocking step runs through `run_blocking`, whose failures are shown in words.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import on
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.worker import Worker

from evaluation.i18n import translator
from evaluation.machine.paths import DataFolder
from evaluation.tui.dialogs.confirm import ConfirmDialog
from evaluation.tui.dialogs.help import HelpDialog
from evaluation.tui.footer import toasts_above_footer
from evaluation.tui.messages import (
    BackToQuestions,
    ChangeFinished,
    Closed,
    Destination,
    Finished,
    Navigate,
    OpenInterview,
    PaperHeaderRead,
    PaperSaved,
    Paused,
    StageDone,
)
from evaluation.tui.screen import BaseScreen, key_name, shown_key
from evaluation.tui.screens.home import HomeScreen
from evaluation.tui.theme import CONSOLE, HIGH_CONTRAST, console_terminal, use_console_glyphs
from evaluation.tui.ui import Ui
from evaluation.tui.widgets.palette import Palette
from evaluation.tui.workers import outcome, run_blocking

if TYPE_CHECKING:
    from evaluation.operations.opening import Opened
    from evaluation.tui.router import Router
    from evaluation.workspace import Workspace


# How long a toast stays, by its severity only: it covers part of the screen, and what
# must stay in view is written on the screen itself.
TOAST_SECONDS: dict[SeverityLevel, float] = {"information": 5, "warning": 8, "error": 12}


class EvaluationApp(App[None]):
    CSS_PATH = "app.tcss"
    BINDINGS = [
        Binding("f1", "help", "key.help", id="app.help"),
        Binding("ctrl+q", "leave_app", "key.quit", show=False, id="app.quit", priority=True),
    ]

    def __init__(self, folder: DataFolder, db_path: Path, lang: str = "fr") -> None:
        super().__init__()
        self.ui = Ui(translator(lang), folder)
        self.register_theme(HIGH_CONTRAST)  # chosen in Réglages, applied once data is open
        self.db_path = db_path
        self.home = HomeScreen(self.ui)
        self.router: Router | None = None
        if console_terminal(os.environ):
            use_console_glyphs()
            self.add_class(CONSOLE)

    @property
    def t(self) -> Any:
        return self.ui.t

    @property
    def workspace(self) -> Workspace | None:
        return self.router.workspace if self.router is not None else None

    # --- start ------------------------------------------------------------------------

    def on_mount(self) -> None:
        self.title = self.t("app.title")
        self.push_screen(self.home)
        self.call_after_refresh(self.open_data)

    def open_data(self) -> None:
        run_blocking(self, self.ui, self._open, self._opened, failed=self.home.show_problem)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A job of `run_blocking` the app (or its router) started is over."""
        outcome(self, event)

    def _open(self) -> tuple[Router, Opened]:
        # Imported here, in a worker after the first paint: the router reaches the
        # operations, which pull pydantic, sqlite-utils, reportlab and cryptography, about
        # 250 ms the home screen would otherwise wait for (benchmarks/startup.py).
        from evaluation.tui.router import Router

        return Router.open(self, self.ui, self.home, self.db_path)

    def _opened(self, result: tuple[Router, Opened]) -> None:
        self.router, opened = result
        self.router.opened(opened)

    # --- messages of the screens, routed once the data is open --------------------------

    @on(Navigate)
    def navigate(self, message: Navigate) -> None:
        if self.router is None:
            self.notify(self.t("home.opening"))
        else:
            self.router.navigate(message.destination)

    @on(OpenInterview)
    def open_interview(self, message: OpenInterview) -> None:
        if self.router is not None:
            self.router.close(message.origin)
            self.router.open_interview(message.interview_id)

    @on(PaperHeaderRead)
    def paper_header_read(self, message: PaperHeaderRead) -> None:
        if self.router is not None:
            self.router.key_in_paper(message.origin, message.header)

    @on(PaperSaved)
    def paper_saved(self, message: PaperSaved) -> None:
        if self.router is not None:
            self.router.paper_saved(message.origin, message.session, message.header)

    @on(StageDone)
    def stage_done(self, message: StageDone) -> None:
        if self.router is not None:
            self.router.close(message.origin)
            self.router.show_session(message.session)

    @on(Paused)
    def paused(self, message: Paused) -> None:
        if self.router is not None:
            self.router.paused(message.origin, message.session)

    @on(Finished)
    def finished(self, message: Finished) -> None:
        if self.router is not None:
            self.router.close(message.origin)
            self.router.finished()

    @on(BackToQuestions)
    def back_to_questions(self, message: BackToQuestions) -> None:
        if self.router is not None:
            self.router.back_to_questions(message.origin, message.session)

    @on(ChangeFinished)
    def change_finished(self, message: ChangeFinished) -> None:
        if self.router is not None:
            self.router.change_finished(message.origin, message.session)

    @on(Closed)
    def closed(self, message: Closed) -> None:
        if self.router is not None:
            self.router.close(message.origin)
            self.router.refresh_home()

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
        if not any(isinstance(s, BaseScreen) and s.IN_INTERVIEW for s in self.screen_stack):
            self.exit()
            return

        def answered(yes: bool | None) -> None:
            if yes:
                self.exit()

        if not isinstance(self.screen, ConfirmDialog):
            self.push_screen(ConfirmDialog(self.ui, self.t("app.quit_interview")), answered)

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Every toast of the app: plain text (a file path or a name is never markup),
        shown for as long as its severity says."""
        del timeout, markup
        super().notify(
            message, title=title, severity=severity, timeout=TOAST_SECONDS[severity], markup=False
        )
        toasts_above_footer(self.screen)

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
        shown = shown_key(binding, self.t)  # `keyname.…`: the reader's key
        if shown:
            return shown
        name = key_name(binding.key, self.t)
        return name if name != binding.key else super().get_key_display(binding)


__all__ = ["EvaluationApp"]
