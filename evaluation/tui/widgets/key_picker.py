"""Choose the USB key: the keys mounted under /media and /run/media, or a typed folder."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from evaluation.i18n import Translator


class KeyPicker(Vertical):
    @dataclass
    class Chosen(Message):
        key: Path

    def __init__(
        self, find_keys: Callable[[], list[Path]], t: Translator, *, id: str | None = None
    ) -> None:
        super().__init__(id=id)
        self.find_keys = find_keys  # reads /proc/mounts: called in a thread, not here
        self.keys: list[Path] = []
        self.t = t

    def compose(self) -> ComposeResult:
        yield Label(self.t("sync.looking"), id="keys-said", markup=False)
        keys = OptionList(id="keys")
        keys.display = False  # no empty box, no Tab stop that shows nothing
        yield keys
        yield Label(self.t("sync.path"), markup=False)
        yield Input(id="path")

    def on_mount(self) -> None:
        self.look_for_keys()

    @work(thread=True, exclusive=True, group="keys")
    def look_for_keys(self) -> None:
        keys = self.find_keys()
        self.app.call_from_thread(self.show_keys, keys)

    def show_keys(self, keys: list[Path]) -> None:
        self.keys = keys
        self.query_one("#keys-said", Label).update(
            self.t("sync.keys") if keys else self.t("sync.none")
        )
        listed = self.query_one("#keys", OptionList)
        listed.add_options(Option(Text(str(k)), id=str(k)) for k in keys)
        listed.display = bool(keys)
        if keys:
            listed.highlighted = 0  # as a list made with its options shows it
        typed = self.query_one("#path", Input)
        if keys and not typed.value and self.screen.focused in {None, typed}:
            listed.focus()  # the keys came after the screen opened: the list first

    def focus_first(self) -> None:
        keys = self.query_one("#keys", OptionList)
        (keys if keys.option_count else self.query_one("#path", Input)).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(self.Chosen(Path(str(event.option.id))))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "path":
            event.stop()
            if event.value.strip():
                self.post_message(self.Chosen(Path(event.value.strip()).expanduser()))

    def current(self) -> Path | None:
        """The typed folder, else the highlighted key."""
        typed = self.query_one("#path", Input).value.strip()
        if typed:
            return Path(typed).expanduser()
        option = self.query_one("#keys", OptionList).highlighted_option
        return Path(str(option.id)) if option is not None else None
