"""The lines of a paper form being keyed in: one row each, the current one marked."""

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

    def show(self, rows: list[Row], current: int) -> None:
        grid = Table.grid(expand=True, padding=(0, 1))
        grid.add_column(width=1, no_wrap=True)
        grid.add_column(ratio=3, no_wrap=True, overflow="ellipsis")
        grid.add_column(ratio=2, no_wrap=True, overflow="ellipsis")
        for n, row in enumerate(rows):
            style = "bold reverse" if n == current else ""
            grid.add_row(
                Text("›" if n == current else " "),
                Text(row.label, style=style),
                Text(row.value, style=style),
            )
        self.update(grid)
