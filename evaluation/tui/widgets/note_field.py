"""The field of a note question: a line of text whose keys the footer still shows.

A text field takes ←, Backspace and Enter for the text, and Textual's footer then drops
the question's own keys for them: a note showed neither « Entrée Enregistrer » nor a
key to go back. Here Enter saves and ↑ goes back to the previous question (a one-line
field has no line above), both shown as every question shows them."""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import Input


class NoteField(Input):
    BINDINGS = [
        Binding("enter", "submit", "key.save_answer", id="note_field.save"),
        Binding("up", "screen.back", "key.back", key_display="↑", id="note_field.back"),
    ]
