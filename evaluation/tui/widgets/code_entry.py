"""Where the mediator types a returning visitor's progress code: one line to type it,
one line that says what was read or what to check."""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, Label, Static

from evaluation.i18n import Translator


class CodeEntry(Vertical):
    """Hidden until shown; Enter reads the code, Escape closes it."""

    BINDINGS = [Binding("escape", "close", "key.close", id="code.close")]

    @dataclass
    class Typed(Message):
        text: str

    class Closed(Message):
        pass

    def __init__(self, t: Translator, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.t = t

    def compose(self) -> ComposeResult:
        yield Label("", id="code-prompt", markup=False)  # the screen names its keys
        yield Input(placeholder="K7M2-9QX4-T", max_length=40, id="code-input")
        yield Static("", id="code-said", markup=False)

    def name_keys(self, keys: str) -> None:
        """The prompt with the keys that read the code and close the field."""
        self.query_one("#code-prompt", Label).update(self.t("code.prompt", keys=keys))

    def open(self) -> None:
        self.display = True
        self.query_one("#code-input", Input).focus()

    def say(self, text: str, refused: bool) -> None:
        said = self.query_one("#code-said", Static)
        said.set_class(refused, "refused")
        said.update(text)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(self.Typed(event.value))

    def action_close(self) -> None:
        self.display = False
        self.post_message(self.Closed())
