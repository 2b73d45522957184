"""The Textual application: screens are pushed here, data loads in a worker."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from evaluation.paths import DataFolder
from evaluation.tui.screens.home import HomeScreen
from evaluation.tui.strings import tr
from evaluation.tui.translated import translate_bindings

if TYPE_CHECKING:
    from evaluation.workspace import Workspace


class EvaluationApp(App[None]):
    CSS_PATH = "app.tcss"
    BINDINGS = [
        Binding("f1", "help", "key.help", id="app.help"),
        Binding("ctrl+q", "quit", "key.quit", id="app.quit", priority=True),
    ]

    def __init__(self, folder: DataFolder, db_path: Path, lang: str = "fr") -> None:
        super().__init__()
        self.folder = folder
        self.db_path = db_path
        self.language = lang
        self.workspace: Workspace | None = None
        translate_bindings(self, lang)

    def tr(self, key: str, **values: object) -> str:
        return tr(self.language, key, **values)

    def on_mount(self) -> None:
        self.title = self.tr("app.title")
        self.push_screen(HomeScreen())
        # After the first paint: its imports (pydantic, sqlite-utils) would slow the draw.
        self.call_after_refresh(self.open_workspace)

    @work(thread=True, exit_on_error=False)
    def open_workspace(self) -> None:
        from evaluation.workspace import open_workspace

        try:
            workspace = open_workspace(self.folder, self.db_path)
        except Exception as exc:  # shown to the user, the app stays usable to quit
            self.call_from_thread(self.notify, str(exc), severity="error", timeout=30)
            return
        self.call_from_thread(self._workspace_ready, workspace)

    def _workspace_ready(self, workspace: Workspace) -> None:
        self.workspace = workspace
        if isinstance(self.screen, HomeScreen):
            self.screen.refresh_place()

    def action_help(self) -> None:
        from evaluation.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield SystemCommand(self.tr("key.help"), self.tr("help.title"), self.action_help)
        if isinstance(screen, HomeScreen):
            yield SystemCommand(self.tr("home.new"), self.tr("home.new"), screen.action_new)
            yield SystemCommand(
                self.tr("home.settings"), self.tr("home.settings"), screen.action_settings
            )
