"""Pick a service of the catalogue of local offers, to add it as a next step."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from evaluation.french_text import folded
from evaluation.offers.catalogue import Service
from evaluation.tui.screen import BaseModal
from evaluation.tui.ui import Ui


class CatalogueDialog(BaseModal):
    """Typing searches (name, commune, without accents); ↓ goes to the list; Enter adds
    the highlighted service, or the only one found."""

    BINDINGS = [
        Binding("escape", "cancel", "key.cancel", id="catalogue.cancel"),
        Binding("down", "to_list", "key.to_list", show=False, id="catalogue.to_list"),
    ]
    HELP_EXTRA = (("up,down", "help.move_in_list"), ("enter", "help.add_service"))

    def __init__(self, ui: Ui, services: list[Service], sample: bool, chosen: set[str]) -> None:
        super().__init__(ui)
        self.services = [s for s in services if s.id not in chosen]  # not twice
        self.sample = sample

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.t("catalogue.title"), classes="title", markup=False)
            if self.sample:
                yield Label(self.t("catalogue.sample"), classes="warning", markup=False)
            yield Input(placeholder=self.t("catalogue.search"), id="search")
            yield OptionList(*self._options(""), id="services", markup=False)
            yield Label(self.t("catalogue.keys"), classes="hint", markup=False)

    def _options(self, needle: str) -> list[Option]:
        needle = folded(needle.strip())
        return [
            Option(Text(s.named), id=s.id)
            for s in self.services
            if not needle or needle in folded(f"{s.nom} {s.commune or ''}")
        ]

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#search", Input).focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        services = self.query_one("#services", OptionList)
        services.clear_options()
        services.add_options(self._options(event.value))

    def on_input_submitted(self) -> None:
        services = self.query_one("#services", OptionList)
        if services.option_count == 1:
            self.dismiss(services.get_option_at_index(0).id)
        else:
            self.action_to_list()

    def action_to_list(self) -> None:
        services = self.query_one("#services", OptionList)
        if services.option_count:
            services.focus()
            if services.highlighted is None:
                services.highlighted = 0

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
