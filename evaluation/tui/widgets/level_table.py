"""Each competence with its level as a bar and in words: readable without colour.

The bar is made of full and light blocks (as many full ones as the level's rank), the
level's name stands beside it and never breaks across lines; a long competence name
wraps instead, so the table fits a 60-column terminal.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.table import Table
from rich.text import Text
from textual.widgets import Static

BAR_WIDTH = 12


def level_bar(rank: int, levels: int) -> str:
    """A bar readable without colour: filled blocks for the level reached."""
    filled = round(BAR_WIDTH * (rank + 1) / levels)
    return "█" * filled + "░" * (BAR_WIDTH - filled)


@dataclass(frozen=True)
class LevelRow:
    label: str
    rank: int | None  # None: not assessed
    level: str  # the level's name, or "not assessed" in words


class LevelTable(Static):
    def __init__(self, rows: list[LevelRow], levels: int, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self.rows = rows
        self.levels = levels

    def on_mount(self) -> None:
        table = Table.grid(padding=(0, 1), expand=True)
        table.add_column(ratio=1, overflow="fold")
        table.add_column(no_wrap=True, width=BAR_WIDTH)
        table.add_column(no_wrap=True)
        for row in self.rows:
            bar = "·" * BAR_WIDTH if row.rank is None else level_bar(row.rank, self.levels)
            table.add_row(Text(row.label), Text(bar), Text(row.level))
        self.update(table)
