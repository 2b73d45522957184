"""Forms: screens of fields filled in order, where keys typed ahead land in the field
meant."""

from __future__ import annotations

import asyncio

from textual.actions import SkipAction
from textual.binding import Binding
from textual.widget import Widget
from textual.widgets import Input

from evaluation.tui.screen import BaseScreen
from evaluation.tui.widgets.field_select import FieldSelect

# The keys of the digit row as Textual names them, with the digit each stands for: the
# digits, and on an AZERTY keyboard without Shift the characters above them.
DIGIT_KEYS = {
    **{digit: digit for digit in "0123456789"},
    **{
        "ampersand": "1",
        "é": "2",
        "quotation_mark": "3",
        "apostrophe": "4",
        "left_parenthesis": "5",
        "minus": "6",
        "è": "7",
        "underscore": "8",
        "ç": "9",
        "à": "0",
    },
}


async def _settled(widget: Widget) -> None:
    """Wait until `widget` has handled every message already sent to it (the keys typed
    into it), while the app holds the keys that follow."""
    settled = asyncio.Event()
    if widget.call_later(settled.set):
        await settled.wait()


class FormScreen(BaseScreen):
    """A screen of fields filled in order. Enter in a field, or a digit in a numbered
    list, moves on in the app's own handling of the key, so what a fast typist types
    ahead lands in the field meant: a field's own handling runs only after the keys
    already typed have been sent to it."""

    BINDINGS = [
        Binding("enter", "next_field", show=False, priority=True, id="form.next"),
        *(
            Binding(key, f"pick({digit!r})", show=False, priority=True, id=f"form.pick.{key}")
            for key, digit in DIGIT_KEYS.items()
        ),
    ]

    async def action_next_field(self) -> None:
        field = self.focused
        if isinstance(field, Input):
            await _settled(field)  # the keys typed before Enter are in the field first
            self.field_done(field)
        elif isinstance(field, FieldSelect) and not field.expanded:
            self.focus_next()
        else:
            raise SkipAction()  # an open list, a button: Enter keeps its own meaning there

    def action_pick(self, digit: str) -> None:
        field = FieldSelect.holding(self.focused)
        was_open = field is not None and field.expanded
        if field is None or not field.pick(digit):
            raise SkipAction()  # typed in a text field, or a list without numbers
        if was_open:  # once its list has closed and given the focus back
            self.call_after_refresh(self.focus_next)
        else:
            self.focus_next()

    def field_done(self, field: Input) -> None:
        """Enter in `field`: the next field, unless the screen says otherwise."""
        self.focus_next()
