"""A line of a list whose text wraps under its text, not under its mark: « [x] 1. » or
« [x] gardée » stays a column of its own (a hanging indent), so a long answer or step
reads as one block beside its number."""

from __future__ import annotations

from dataclasses import dataclass

from rich.console import Console, ConsoleOptions, RenderResult
from rich.table import Table
from rich.text import Text


@dataclass(frozen=True)
class Hanging:
    head: str  # « [x] 1. », never wrapped
    body: str  # plain text, never markup
    blank_after: bool = False  # an empty line under it (the visitor's roomy list)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        grid = Table.grid(expand=True, padding=(0, 1, 0, 0))
        grid.add_column(no_wrap=True)
        grid.add_column(ratio=1)
        grid.add_row(Text(self.head), Text(self.body))
        yield grid
        if self.blank_after:
            yield Text("")

    def __str__(self) -> str:
        return f"{self.head} {self.body}"
