"""The profile's « commune ou code postal »: a postcode several communes share asks which."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, Label

from evaluation.operations.residence import residence
from evaluation.tui.screens.profile import ProfileScreen
from evaluation.tui.screens.question import QuestionScreen
from tests.tui.driver import SIZE, make_app, press, settle, stored


async def test_a_shared_postcode_asks_which_commune_by_number(home: Path) -> None:
    app = make_app(home)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "1")
        await press(pilot, "o")
        assert isinstance(app.screen, ProfileScreen)
        app.screen.query_one("#commune", Input).value = "79000"
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, ProfileScreen)  # not saved yet: which one?
        asked = str(app.screen.query_one("#communes", Label).render())
        assert "79000 : plusieurs communes" in asked and "2 Niort" in asked
        await pilot.press("2")
        await press(pilot, "enter")
        assert isinstance(app.screen, QuestionScreen)
    [record] = stored(home).interviews()
    assert (record.profile.commune, record.profile.postcode) == ("Niort", "79000")


async def test_a_shared_postcode_left_without_a_number_keeps_the_postcode(home: Path) -> None:
    """Asked which commune, the mediator saves again without a number: the postcode the
    visitor gave is kept (and counted under it), never lost."""
    app = make_app(home)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "1")
        await press(pilot, "o")
        app.screen.query_one("#commune", Input).value = "79000"
        await press(pilot, "ctrl+s")
        asked = str(app.screen.query_one("#communes", Label).render())
        assert "Entrée seule pour garder le code postal" in asked
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, QuestionScreen)
    [record] = stored(home).interviews()
    assert (record.profile.commune, record.profile.postcode) == (None, "79000")


def test_a_name_is_resolved_and_an_unknown_one_kept_as_typed() -> None:
    niort = residence("niort")
    assert (niort.commune, niort.postcode, niort.choices) == ("Niort", "79000", ())
    assert residence("Lieu-dit Imaginaire").commune == "Lieu-dit Imaginaire"
    paris = residence("75011")
    assert [c.name for c in paris.choices] == [] and paris.commune == "Paris 11e Arrondissement"


async def test_back_to_the_profile_keeps_the_commune_chosen(home: Path) -> None:
    """`←` from question 1 and Ctrl+S again: the commune chosen among those of 79000
    is still chosen; the field is not emptied, the choice not asked again."""
    app = make_app(home)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "1", "o")
        app.screen.query_one("#commune", Input).value = "79000"
        await press(pilot, "ctrl+s")
        await pilot.press("2")
        await press(pilot, "enter")
        for _ in range(2):
            assert isinstance(app.screen, QuestionScreen)
            await press(pilot, "left")
            assert isinstance(app.screen, ProfileScreen)
            assert app.screen.query_one("#commune", Input).value == "Niort 79000"
            await press(pilot, "ctrl+s")
        assert isinstance(app.screen, QuestionScreen)
    [record] = stored(home).interviews()
    assert (record.profile.commune, record.profile.postcode) == ("Niort", "79000")
