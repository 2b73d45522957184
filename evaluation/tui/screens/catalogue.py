"""Pick a service of the catalogue of local offers to add as a next step."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from evaluation.tui.screens.base import BaseModal


class CatalogueScreen(BaseModal):
    BINDINGS = [Binding("escape", "cancel", "key.cancel", id="catalogue.cancel")]

    def compose(self) -> ComposeResult:
        services = self.evaluation.workspace.catalogue.services if self.evaluation.workspace else ()
        with Vertical(classes="dialog"):
            yield Label(self.tr("catalogue.title"))
            yield OptionList(
                *(Option(f"{s.nom} ({s.commune or '—'})", id=s.id) for s in services),
                id="services",
            )

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#services", OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
