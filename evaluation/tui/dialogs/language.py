"""The visitor's language, among those the questionnaire version offers; dismissed with
the chosen code, or None (Esc)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from evaluation.i18n.languages import language_name
from evaluation.tui.screen import BaseModal
from evaluation.tui.ui import Ui


class LanguageDialog(BaseModal):
    BINDINGS = [Binding("escape", "cancel", "key.keep_language", id="language.cancel")]
    HELP_EXTRA = (("enter", "help.choose_language"),)

    def __init__(self, ui: Ui, offered: tuple[str, ...], current: str) -> None:
        super().__init__(ui)
        self.offered = offered
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.t("language.title"), classes="title", markup=False)
            yield OptionList(
                *(Option(language_name(code, self.t.lang), id=code) for code in self.offered),
                id="languages",
                markup=False,
                compact=True,  # no frame: the hint stays on screen at 50x16
            )
            yield Static(self.keys_hint("enter", "language.cancel"), classes="hint", markup=False)

    def on_mount(self) -> None:
        super().on_mount()
        languages = self.query_one("#languages", OptionList)
        languages.highlighted = self.offered.index(self.current)
        languages.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
