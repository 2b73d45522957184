"""The USB keys are looked for in a thread: the sync and office screens open at once,
say they are looking, then list what is plugged in."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from textual.app import App, ComposeResult
from textual.widgets import Label, OptionList

from evaluation.i18n import translator
from evaluation.tui.widgets.key_picker import KeyPicker

KEY = Path("/media/mediateur/CLE-USB")


class Host(App[None]):
    def __init__(self, find: Callable[[], list[Path]]) -> None:
        super().__init__()
        self.find = find

    def compose(self) -> ComposeResult:
        yield KeyPicker(self.find, translator("fr"), id="picker")


async def test_the_keys_are_looked_for_off_the_screen_thread() -> None:
    plugged = threading.Event()
    looked_from: list[threading.Thread] = []

    def find() -> list[Path]:
        looked_from.append(threading.current_thread())
        plugged.wait(10)  # the screen is up while /proc/mounts is read
        return [KEY]

    app = Host(find)
    async with app.run_test() as pilot:
        said = app.query_one("#keys-said", Label)
        assert str(said.render()) == "Recherche des clés USB branchées…"
        assert not app.query_one("#keys", OptionList).display
        plugged.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert str(said.render()) == "Clés USB branchées (choisissez-en une, puis Entrée) :"
        listed = app.query_one("#keys", OptionList)
        assert listed.display and listed.option_count == 1
        assert app.query_one(KeyPicker).current() == KEY
    assert looked_from and looked_from[0] is not threading.main_thread()
