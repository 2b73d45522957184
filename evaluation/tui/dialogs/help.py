"""F1: every key of the screen underneath, with what it does, in the reader's language."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Label, Static

from evaluation.tui.screen import BaseModal, HelpEntry
from evaluation.tui.ui import Ui


class HelpDialog(BaseModal):
    BINDINGS = [Binding("escape,f1,q", "close", "key.close", id="help.close")]
    HELP_EXTRA = (("up,down", "help.scroll"),)

    def __init__(self, ui: Ui, entries: list[HelpEntry]) -> None:
        super().__init__(ui)
        self.entries = entries

    def compose(self) -> ComposeResult:
        table = Table.grid()
        table.add_column(no_wrap=True)
        table.add_column(ratio=1)
        for keys, text in self.entries:
            table.add_row(Text(keys + "   ", style="bold"), Text(text))
        with Vertical(classes="dialog"):
            yield Label(self.t("help.title"), classes="title", markup=False)
            with VerticalScroll(id="help-keys"):
                yield Static(table, id="help-table")
            yield Static(self.keys_hint("up,down", "help.close"), classes="hint", markup=False)

    def action_close(self) -> None:
        self.dismiss()
