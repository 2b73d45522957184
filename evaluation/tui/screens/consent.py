"""Consent: what is kept, why, how long, who sees it; the choice is recorded."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Header, Label, Static

from evaluation.operations.interviews import consent
from evaluation.session import Session
from evaluation.tui.messages import Paused, StageDone
from evaluation.tui.screen import BaseScreen, footer
from evaluation.tui.ui import Ui
from evaluation.tui.workers import run_blocking


class ConsentScreen(BaseScreen):
    IN_INTERVIEW = True
    BINDINGS = [
        # o (oui) and y (yes) both agree; the footer and F1 show the reader's one.
        Binding(
            "o,y",
            "answer(True)",
            "key.yes",
            tooltip="key.consent_yes",
            key_display="keyname.consent_yes",
            id="consent.yes",
        ),
        Binding("n", "answer(False)", "key.no", tooltip="key.consent_no", id="consent.no"),
        Binding("escape", "pause", "key.pause", id="consent.pause"),
    ]

    def __init__(self, ui: Ui, session: Session) -> None:
        super().__init__(ui)
        self.session = session

    def compose(self) -> ComposeResult:
        months = self.session.settings.retention_months
        yield Header()
        with VerticalScroll(id="consent"):
            yield Label(self.t("consent.title"), classes="title", markup=False)
            yield Static(self.t("consent.text", count=months), id="consent-text", markup=False)
            yield Static(self.t("consent.question"), classes="prompt", markup=False)
        yield footer()

    def action_answer(self, given: bool) -> None:
        run_blocking(
            self,
            self.ui,
            lambda: consent(self.session, given),
            lambda _: self.post_message(StageDone(self, self.session)),
            exclusive=True,
        )

    def action_pause(self) -> None:
        self.post_message(Paused(self, self.session))
