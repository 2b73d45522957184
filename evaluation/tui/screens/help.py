"""Every key of the screen underneath, with what it does."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Label, Static

from evaluation.tui.screens.base import BaseModal


class HelpScreen(BaseModal):
    BINDINGS = [Binding("escape,f1,q", "close", "key.back", id="help.close")]

    def __init__(self, under: Screen[object]) -> None:
        super().__init__()
        self.under = under

    def compose(self) -> ComposeResult:
        lines = []
        seen: set[str] = set()
        for node in (self.under, self.app):
            for bindings in node._bindings.key_to_bindings.values():
                for b in bindings:
                    label = b.description or b.action
                    if (b.id or label) in seen:
                        continue
                    seen.add(b.id or label)
                    keys = b.key_display or b.key
                    lines.append(f"{keys:<18} {label}")
        with Vertical(classes="dialog"):
            yield Label(self.tr("help.title"), classes="title")
            yield Static("\n".join(lines), id="keys")

    def action_close(self) -> None:
        self.dismiss()
