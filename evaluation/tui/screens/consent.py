"""Consent: what is kept, why, how long, who sees it; the choice is recorded."""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Footer, Header, Label, Static

from evaluation.tui.screens.base import SessionScreen
from evaluation.tui.strings import CONSENT_VERSION


class ConsentScreen(SessionScreen):
    BINDINGS = [
        Binding("o,y", "answer(True)", "key.yes", id="consent.yes"),
        Binding("n", "answer(False)", "key.no", id="consent.no"),
        Binding("escape", "pause", "key.pause", id="consent.pause"),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="consent"):
            yield Label(self.tr("consent.title"), classes="title")
            yield Static(self.tr("consent.text"), id="consent-text")
            yield Static(self.tr("consent.question"), id="consent-question", classes="prompt")
        yield Footer()

    @work(thread=True, exclusive=True, group="db")
    def action_answer(self, given: bool) -> None:
        store = self.session.workspace.store
        store.record_consent(self.session.id, given, CONSENT_VERSION)
        self.session.record = store.get(self.session.id)
        self.app.call_from_thread(self.next_stage)
