"""Keys through Textual's public keymap: the capitals a terminal sends with Caps Lock
come from `App.set_keymap` by binding id (the screens' bindings stay as declared), and a
binding the keymap re-made still shows its declared key (Textual drops `key_display`)."""

from __future__ import annotations

from pathlib import Path

from textual.binding import Binding

from evaluation.tui.screen import BaseModal, BaseScreen, keymap
from evaluation.tui.screens.consent import ConsentScreen
from evaluation.tui.screens.results import ResultsScreen
from tests.tui.driver import SIZE, make_app, press, settle


def every_screen() -> list[type[BaseScreen | BaseModal]]:
    found: list[type[BaseScreen | BaseModal]] = []
    todo: list[type[BaseScreen | BaseModal]] = [BaseScreen, BaseModal]
    while todo:
        kind = todo.pop()
        found.append(kind)
        todo += kind.__subclasses__()
    return found


def test_bindings_stay_as_declared_and_the_keymap_adds_capitals() -> None:
    import evaluation.tui.keys  # noqa: F401  (the day's screens, with their bindings)

    assert all(kind.BINDINGS is kind.DECLARED for kind in every_screen() if kind.DECLARED)
    assert keymap(ConsentScreen.DECLARED)["consent.yes"] == "o,y,O,shift+o,Y,shift+y"
    assert keymap(ResultsScreen.DECLARED)["results.back"] == "left,backspace"


async def test_a_binding_remade_by_the_keymap_shows_its_declared_key(home: Path) -> None:
    app = make_app(home)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        remade = Binding("backspace", "back", "key.back_questions", id="results.back")
        assert app.get_key_display(remade) == "←"  # not « Retour arrière »
        await press(pilot, "1")
        assert isinstance(app.screen, ConsentScreen)
        assert {"O", "shift+o"} <= set(app.screen.active_bindings)
