"""The next steps of an interview: each line says in words whether it is kept.

"[x] gardée" / "[ ] retirée", so the state reads without colour. Space keeps or removes
the highlighted step (when the list can be changed); the screen stores the change at
once. Service names are plain text, never markup, and wrap rather than being cut.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from evaluation.i18n import Translator
from evaluation.interview.record import KeptStep


@dataclass(frozen=True)
class StepLine:
    step: KeptStep
    title: str | None  # the rule's title; None for a service added from the catalogue
    service: str | None  # the service's name
    kept: bool
    note: str = ""  # "(exemple)", "(loin d'ici)"...


class StepsList(OptionList):
    BINDINGS = [Binding("space", "keep", "key.keep", id="steps.toggle")]

    @dataclass
    class Toggled(Message):
        lines: list[StepLine]

    def __init__(
        self, lines: Sequence[StepLine], t: Translator, *, editable: bool, id: str | None = None
    ) -> None:
        super().__init__(id=id, markup=False)
        self.t = t
        self.editable = editable
        self.lines = list(lines)
        self.add_options(self._prompts())

    def _prompts(self) -> list[Option]:
        return [Option(self._text(line), id=str(n)) for n, line in enumerate(self.lines)]

    def _text(self, line: StepLine) -> Text:
        mark = self.t("steps.kept") if line.kept else self.t("steps.removed")
        parts = [line.title or "", line.service or ""]
        body = " — ".join(p for p in parts if p)
        note = f" {line.note}" if line.note else ""
        return Text(f"{mark}  {body}{note}")

    def redraw(self) -> None:
        for index, option in enumerate(self._prompts()):
            self.replace_option_prompt_at_index(index, option.prompt)

    def add_line(self, line: StepLine) -> None:
        self.lines.append(line)
        self.add_option(Option(self._text(line), id=str(len(self.lines) - 1)))
        self.highlighted = len(self.lines) - 1

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """A finished interview's steps are read-only: the key is not offered."""
        return self.editable if action == "keep" else True

    def action_keep(self) -> None:
        index = self.highlighted
        if not self.editable or index is None:
            return
        line = self.lines[index]
        self.lines[index] = replace(line, kept=not line.kept)
        self.redraw()
        self.post_message(self.Toggled(list(self.lines)))

    @property
    def kept(self) -> list[KeptStep]:
        return [line.step for line in self.lines if line.kept]

    @property
    def current(self) -> StepLine | None:
        index = self.highlighted
        return self.lines[index] if index is not None and index < len(self.lines) else None
