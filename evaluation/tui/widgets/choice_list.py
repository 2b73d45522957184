"""The answers of a question, as a list whose every line says its state in words.

`[x]` / `[ ]` for a question with several answers, `(x)` / `( )` for one answer: the
state reads without colour (NO_COLOR, the Linux console). Digits choose, Space ticks the
highlighted line, Up and Down move, Enter confirms (the screen saves). Labels are plain
text, never markup: a questionnaire's words are shown as written.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from textual.binding import Binding
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from evaluation.tui.hanging import Hanging

DONT_KNOW = "__dont_know__"


@dataclass(frozen=True)
class Choice:
    id: str
    label: str
    exclusive: bool = False  # ticking it unticks the others ("Aucun")


class ChoiceList(OptionList):
    BINDINGS = [
        Binding("enter", "select", "key.save_answer", id="choices.save"),
        Binding("space", "tick", "key.tick", show=False, id="choices.toggle"),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self.choices: list[Choice] = []
        self.multiple = False
        self.dont_know_label: str | None = None
        self.picked: list[str] = []
        self.spaced = False
        self.roomy = True  # spaced lines all fit in the height shown

    def set_choices(
        self,
        choices: Sequence[Choice],
        *,
        multiple: bool,
        dont_know: str | None,
        picked: Sequence[str] = (),
        spaced: bool = False,
    ) -> None:
        """Show the answers of another question, its current answer ticked; `spaced`
        leaves an empty line under each answer (the visitor view) when they all fit."""
        self.choices = list(choices)
        self.spaced = spaced
        self.roomy = True
        self.multiple = multiple
        self.dont_know_label = dont_know
        self.picked = [p for p in picked if p in self.ids or p == DONT_KNOW]
        self.clear_options()
        self.add_options(self._prompts())
        # Nothing highlighted until a line is chosen or moved to: Enter on a question not
        # answered yet must not answer it with its first line.
        self.highlighted = self._index(self.picked[0]) if self.picked else None
        if spaced:
            self.call_after_refresh(self.fit)

    def on_resize(self) -> None:
        if self.spaced:
            self.call_after_refresh(self.fit)

    def fit(self) -> None:
        """Spaced lines when all of them fit in the height shown, else close together:
        at 50×16 a question with 8 answers shows them all, and needs no scrolling."""
        height = self.scrollable_content_region.height
        lines = self.virtual_size.height + (0 if self.roomy else self.option_count)
        roomy = lines <= height
        if height and roomy != self.roomy:
            self.roomy = roomy
            self.redraw()
        self.call_after_refresh(self.scroll_to_highlight)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Enter with no line highlighted goes on to the screen (which asks for a choice)."""
        if action == "select" and self.highlighted is None:
            return False
        return super().check_action(action, parameters)

    @property
    def ids(self) -> list[str]:
        return [c.id for c in self.choices]

    def _index(self, option_id: str) -> int:
        return len(self.choices) if option_id == DONT_KNOW else self.ids.index(option_id)

    def _prompts(self) -> list[Option]:
        lines = [
            Option(self._line(n, choice.id, choice.label), id=choice.id)
            for n, choice in enumerate(self.choices, start=1)
        ]
        if self.dont_know_label is not None:
            lines.append(Option(self._line(0, DONT_KNOW, self.dont_know_label), id=DONT_KNOW))
        return lines

    def _line(self, digit: int, option_id: str, label: str) -> Hanging:
        ticked = option_id in self.picked
        if self.multiple and option_id != DONT_KNOW:
            mark = "[x]" if ticked else "[ ]"
        else:
            mark = "(x)" if ticked else "( )"
        number = str(digit) if digit < 10 else " "
        return Hanging(f"{mark} {number}.", label, blank_after=self.spaced and self.roomy)

    def redraw(self) -> None:
        for index, option in enumerate(self._prompts()):
            self.replace_option_prompt_at_index(index, option.prompt)

    def choose(self, option_id: str) -> None:
        """Tick (several answers) or pick (one answer) `option_id`, as its digit does."""
        if option_id == DONT_KNOW:
            self.picked = [] if self.picked == [DONT_KNOW] and self.multiple else [DONT_KNOW]
        elif not self.multiple:
            self.picked = [option_id]
        elif option_id in self.picked:
            self.picked.remove(option_id)
        else:
            exclusive = {c.id for c in self.choices if c.exclusive}
            if option_id in exclusive:
                self.picked = [option_id]
            else:
                self.picked = [p for p in self.picked if p not in exclusive and p != DONT_KNOW]
                self.picked.append(option_id)
        self.highlighted = self._index(option_id)
        self.redraw()

    def choose_digit(self, digit: int) -> bool:
        """The option numbered `digit` (0: "je ne sais pas"); False when there is none."""
        if digit == 0:
            if self.dont_know_label is None:
                return False
            self.choose(DONT_KNOW)
            return True
        if digit > len(self.choices):
            return False
        self.choose(self.choices[digit - 1].id)
        return True

    def action_tick(self) -> None:
        option = self.highlighted_option
        if option is not None and option.id is not None:
            self.choose(option.id)

    @property
    def answer(self) -> list[str]:
        """The options ticked, in the question's order (DONT_KNOW alone when chosen)."""
        if DONT_KNOW in self.picked:
            return [DONT_KNOW]
        return [i for i in self.ids if i in self.picked]
