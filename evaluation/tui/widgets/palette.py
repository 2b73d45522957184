"""The command palette (Ctrl+P) in the reader's language.

Textual's palette writes "No matches found" itself; this says it in the app's words.
The commands it offers are the app's own (`EvaluationApp.get_system_commands`).
"""

from __future__ import annotations

from rich.align import Align
from rich.text import Text
from textual.command import CommandList, CommandPalette
from textual.widgets.option_list import Option

from evaluation.i18n import Translator


class Palette(CommandPalette):
    def __init__(self, t: Translator) -> None:
        super().__init__(placeholder=t("palette.placeholder"), id="--command-palette")
        self.t = t

    def _start_no_matches_countdown(self, search_value: str) -> None:
        # Textual's own method adds an English "No matches found" line: ours says it in
        # the reader's words (same timing, same disabled option).
        self._stop_no_matches_countdown()

        def show_no_matches() -> None:
            if search_value:
                self.query_one(CommandList).add_option(
                    Option(
                        Align.center(Text(self.t("palette.no_match"), style="not bold")),
                        disabled=True,
                        id=self._NO_MATCHES,
                    )
                )
                self._list_visible = True
            else:
                self._list_visible = False

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show_no_matches)
