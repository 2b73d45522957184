"""The screen's keys at the bottom, on as many lines as they need.

Textual's footer is one line and cuts what does not fit: at 60 columns the question
screen lost `0`, `p`, `n` and `v`. This one keeps every key and wraps onto a second
line instead, in the screen's order. On a terminal so narrow that the keys would take
more than two lines, the keys a screen names as spare (`FOOTER_SPARE`, by action; F1
still lists them) are left out first, so the screen keeps its room.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

from rich.cells import cell_len
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import HorizontalGroup
from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey  # Textual's own key, kept for its style
from textual.widgets._toast import ToastRack  # where Textual puts a screen's toasts

MOST_ROWS = 2  # beyond this, a screen's spare keys are left out (F1 lists them)


def toasts_above_footer(screen: Screen[Any]) -> None:
    """The screen's toasts stand just above its footer, however many lines it has: they
    take their place in the layout (app.tcss) and the content above them shrinks, so a
    toast never covers what a person reads, nor the footer's keys."""
    racks = [w for w in screen.children if isinstance(w, ToastRack)]
    below = sum(
        w.outer_size.height
        for w in screen.children
        if w.display and w.styles.dock == "bottom" and not isinstance(w, ToastRack)
    )
    for rack in racks:
        if rack.styles.margin.bottom != below:
            rack.styles.margin = (0, 0, below, 0)


class KeyFooter(Footer):
    """Textual's compact footer whose keys wrap onto the next line."""

    def __init__(self) -> None:
        super().__init__(compact=True, show_command_palette=False)
        self.composed_for = 0  # the width the rows were cut for

    def keys(self) -> list[FooterKey]:
        """One key per action shown (its first binding), as Textual's footer does."""
        seen: set[str] = set()
        keys: list[FooterKey] = []
        # The screen says each key in the reader's words (`BaseScreen.key_description`).
        words: Callable[[Binding], str] = getattr(
            self.screen, "key_description", lambda b: b.description
        )
        for _, binding, enabled, tooltip in self.screen.active_bindings.values():
            if not binding.show or binding.action in seen:
                continue
            seen.add(binding.action)
            key = FooterKey(
                binding.key,
                self.app.get_key_display(binding),
                words(binding),
                binding.action,
                disabled=not enabled,
                tooltip=words(dataclasses.replace(binding, description=tooltip)),
            )
            keys.append(key.data_bind(compact=Footer.compact))
        return keys

    def compose(self) -> ComposeResult:
        if not self._bindings_ready:
            return
        width = self.size.width or self.screen.size.width or self.app.size.width
        self.composed_for = width
        keys = self.keys()
        rows = self.rows(keys, width)
        spare: tuple[str, ...] = getattr(self.screen, "FOOTER_SPARE", ())
        for action in spare:
            if len(rows) <= MOST_ROWS:
                break
            keys = [key for key in keys if key.action != action]
            rows = self.rows(keys, width)
        for row in rows:
            yield HorizontalGroup(*row, classes="footer-row")

    @staticmethod
    def rows(keys: list[FooterKey], width: int) -> list[list[FooterKey]]:
        """`keys` in order, on as many lines of `width` as they need."""
        rows: list[list[FooterKey]] = [[]]
        used = 0
        for key in keys:
            # « key description » and the margin after it (the compact style).
            wide = cell_len(key.key_display) + 1 + cell_len(key.description) + 1
            if rows[-1] and used + wide > width + 1:  # the last margin may be cut
                rows.append([])
                used = 0
            rows[-1].append(key)
            used += wide
        return rows

    def on_resize(self, event: events.Resize) -> None:
        toasts_above_footer(self.screen)
        if self._bindings_ready and event.size.width != self.composed_for:
            self.call_after_refresh(self.recompose)
