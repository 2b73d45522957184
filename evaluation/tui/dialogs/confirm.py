"""A yes/no question; dismissed with True or False."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Static

from evaluation.tui.screen import BaseModal
from evaluation.tui.ui import Ui


class ConfirmDialog(BaseModal):
    BINDINGS = [
        Binding(
            "o,y", "answer(True)", "key.yes", key_display="keyname.consent_yes", id="confirm.yes"
        ),
        Binding("n,escape", "answer(False)", "key.no", id="confirm.no"),
    ]

    def __init__(self, ui: Ui, message: str) -> None:
        super().__init__(ui)
        self.message = message

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.message, markup=False)
            yield Static("", id="confirm-keys", classes="hint", markup=False)

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#confirm-keys", Static).update(self.keys_hint("confirm.yes", "confirm.no"))

    def action_answer(self, accept: bool) -> None:
        self.dismiss(accept)
