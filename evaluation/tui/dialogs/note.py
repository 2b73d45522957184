"""The mediator's note on the current question: the question is shown above the field."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Label, Static

from evaluation.tui.screen import BaseModal
from evaluation.tui.ui import Ui


class NoteDialog(BaseModal):
    BINDINGS = [Binding("escape", "cancel", "key.cancel", id="note.cancel")]
    HELP_EXTRA = (("enter", "help.save_note"),)

    def __init__(self, ui: Ui, question: str, note: str) -> None:
        super().__init__(ui)
        self.question = question
        self.note = note

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.t("note.title"), classes="title", markup=False)
            yield Static(self.question, classes="question", markup=False)
            field = Input(self.note, id="note")
            field.max_length = 2000
            yield field
            yield Static(self.keys_hint("enter", "note.cancel"), classes="hint", markup=False)

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#note", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.strip())

    def action_cancel(self) -> None:
        self.dismiss(None)
