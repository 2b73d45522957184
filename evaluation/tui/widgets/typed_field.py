"""The field a note, a value or the words of « Autre » are typed in.

When it takes digits only (a value), a letter it could not hold is not swallowed: the
screen's key bound to it runs, so `v` still turns the screen toward the visitor and `p`
passes the question, as on a question answered by ticking.

A text field takes ←, Backspace and Enter for the text, and Textual's footer then drops
the question's own keys for them: here Enter saves and ↑ goes back to the previous
question (a one-line field has no line above), both shown as every question shows them.
"""

from __future__ import annotations

import re

from textual import events
from textual.binding import Binding
from textual.widgets import Input


class TypedField(Input):
    BINDINGS = [
        Binding("enter", "submit", "key.save_answer", id="typed_field.save"),
        Binding("up", "screen.back", "key.back", key_display="↑", id="typed_field.back"),
    ]

    def refuses(self, character: str | None) -> bool:
        """Whether `character`, typed now, could not be held by the field."""
        if not self.restrict or character is None or not character.isprintable():
            return False
        start, end = sorted(self.selection)
        after = self.value[:start] + character + self.value[end:]
        return re.fullmatch(self.restrict, after) is None

    def check_consume_key(self, key: str, character: str | None) -> bool:
        return super().check_consume_key(key, character) and not self.refuses(character)

    async def _on_key(self, event: events.Key) -> None:
        if not self.refuses(event.character):
            return  # Input's own handler takes it
        event.prevent_default()
        event.stop()
        bound = self.app.active_bindings.get(event.key)
        if bound is not None and bound.enabled:
            await self.app.run_action(bound.binding.action, bound.node)
