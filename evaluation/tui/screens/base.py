"""What every screen shares: translated bindings and access to the workspace."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from textual.screen import ModalScreen, Screen

from evaluation.tui.translated import translate_bindings

if TYPE_CHECKING:
    from evaluation.session import Session
    from evaluation.tui.app import EvaluationApp
    from evaluation.workspace import Workspace


class _Shared:
    app: Any

    @property
    def evaluation(self) -> EvaluationApp:
        return cast("EvaluationApp", self.app)

    @property
    def workspace(self) -> Workspace:
        workspace = self.evaluation.workspace
        assert workspace is not None, "screens that need data open after the workspace"
        return workspace

    def tr(self, key: str, **values: object) -> str:
        return self.evaluation.tr(key, **values)


class BaseScreen(_Shared, Screen[None]):
    def on_mount(self) -> None:
        translate_bindings(self, self.evaluation.language)
        self.refresh_bindings()


class BaseModal(_Shared, ModalScreen[Any]):
    def on_mount(self) -> None:
        translate_bindings(self, self.evaluation.language)
        self.refresh_bindings()


class SessionScreen(BaseScreen):
    """A screen of one interview: Esc pauses it, `next_stage` moves it on."""

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session

    def next_stage(self) -> None:
        from evaluation.tui.screens.interview import show_stage

        self.dismiss()
        show_stage(self.evaluation, self.session)

    def action_pause(self) -> None:
        self.dismiss()
