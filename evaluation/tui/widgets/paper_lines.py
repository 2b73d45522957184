"""The lines of a paper form being keyed in: one row each, the current one marked.

A row wraps rather than being cut: a question answered with several ticks lists every
answer, as the sheet does (the check before saving must show all of them)."""

from __future__ import annotations

from dataclasses import dataclass

from rich.table import Table
from rich.text import Text
from textual.widgets import Static


@dataclass(frozen=True)
class Row:
    label: str  # « 12. Avez-vous une adresse e-mail ? » or « Tranche d'âge »
    value: str  # what was keyed, in words (digits first)


class PaperLines(Static):
    """Rows given by the screen (`show`); text is never read as markup."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.current_y = 0  # the first line of the current row, once drawn

    def show(self, rows: list[Row], current: int) -> None:
        self.update(self._grid(rows, current))
        width = self.content_region.width or self.app.size.width
        console = self.app.console
        before = console.render_lines(
            self._grid(rows[:current], current), console.options.update_width(width), pad=False
        )
        self.current_y = len(before) if current else 0

    @staticmethod
    def _grid(rows: list[Row], current: int) -> Table:
        grid = Table.grid(expand=True, padding=(0, 1))
        grid.add_column(width=1, no_wrap=True)
        grid.add_column(ratio=3, overflow="fold")
        grid.add_column(ratio=2, overflow="fold")
        for n, row in enumerate(rows):
            style = "bold reverse" if n == current else ""
            grid.add_row(
                Text("›" if n == current else " "),
                Text(row.label, style=style),
                Text(row.value, style=style),
            )
        return grid
