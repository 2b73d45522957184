"""A small dialog for the mediator's note on the current question."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Label

from evaluation.tui.screens.base import BaseModal


class NoteScreen(BaseModal):
    BINDINGS = [Binding("escape", "cancel", "key.cancel", id="note.cancel")]

    def __init__(self, note: str) -> None:
        super().__init__()
        self.note = note

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.tr("question.note_title"))
            yield Input(self.note, id="note", max_length=2000)

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#note", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)
