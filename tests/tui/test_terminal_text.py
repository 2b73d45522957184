"""The app's screens show a text from outside written out, never obeyed by the terminal:
a place name holding escape sequences (typed, pasted, or received in a bundle)."""

from __future__ import annotations

import re
from pathlib import Path

from textual.widgets import DataTable, Input, Static

from evaluation.machine.clock import today
from evaluation.machine.device import device_id
from evaluation.machine.paths import data_folder
from evaluation.store import Store
from evaluation.structure.settings import Place, Settings
from evaluation.tui.app import EvaluationApp
from tests.sync.helpers import Place as Laptop
from tests.tui.driver import press, settle

HOSTILE = "Marché\x1b]0;pirate\x07\x1b[2J\x9b31m\u202e"
SHOWN = "Marché\\x1b]0;pirate\\x07\\x1b[2J\\x9b31m\\u202e"
RAW = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
SIZE = (120, 40)


def hostile_home(home: Path) -> EvaluationApp:
    laptop = Laptop.open(home)
    laptop.workspace.store.save_settings(
        Settings(place=Place(name=HOSTILE), place_date=today().isoformat())
    )
    laptop.interview("Zoë")
    laptop.workspace.store.close()
    folder = data_folder(home)
    return EvaluationApp(folder, folder.database, "fr")


async def test_the_home_screen_and_the_list_show_a_hostile_place_written_out(home: Path) -> None:
    app = hostile_home(home)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        place = str(app.screen.query_one("#place", Static).render())
        assert SHOWN in place and not RAW.search(place)
        await press(pilot, "3")
        table = app.screen.query_one(DataTable)
        cells = " ".join(str(cell) for cell in table.get_row_at(0))
        assert SHOWN in cells and not RAW.search(cells)


async def test_reglages_refuses_a_place_pasted_with_escape_sequences(home: Path) -> None:
    folder = data_folder(home)
    store = Store.open(folder.database, device_id(home))
    store.close()
    app = EvaluationApp(folder, folder.database, "fr")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert type(app.screen).__name__ == "SettingsScreen"  # the first run asks the place
        app.screen.query_one("#place_name", Input).value = HOSTILE
        await press(pilot, "ctrl+s")
        said = str(app.screen.query_one("#place_name-problem", Static).render())
        assert said == (
            "Ce champ contient un caractère de contrôle (collé avec le texte ?) : retapez-le."
        )
        assert type(app.screen).__name__ == "SettingsScreen"
    reopened = Store.open(folder.database, device_id(home))
    assert reopened.settings().place.name == ""
    reopened.close()
