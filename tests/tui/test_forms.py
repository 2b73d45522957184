"""The consent, the profile and Réglages walked with the keys a mediator uses: capitals,
Enter, digits, ← and Échap; what is stored is read back from SQLite."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, Static

from evaluation.interview.record import Stage
from evaluation.machine.paths import data_folder
from evaluation.tui.dialogs.confirm import ConfirmDialog
from evaluation.tui.screens.consent import ConsentScreen
from evaluation.tui.screens.home import HomeScreen
from evaluation.tui.screens.profile import ProfileScreen
from evaluation.tui.screens.question import QuestionScreen
from evaluation.tui.screens.settings import SettingsScreen
from evaluation.tui.widgets.field_select import FieldSelect
from tests.tui.driver import (
    SIZE,
    answer_first_option,
    make_app,
    press,
    settle,
    start_interview,
    stored,
)


async def test_consent_answers_with_caps_lock_on(home: Path) -> None:
    """« O = oui, N = non »: a terminal sends "O" and "N" with Caps Lock or Shift."""
    app = make_app(home)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "1", "O")
        assert isinstance(app.screen, ProfileScreen)
        await press(pilot, "escape", "o")  # nothing answered: asked, then discarded
        await press(pilot, "1", "N")
        assert isinstance(app.screen, QuestionScreen)
    (record,) = stored(home).interviews()
    assert record.consent_given is False


async def test_escape_on_consent_asks_before_abandoning(home: Path) -> None:
    app = make_app(home)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "1", "escape")
        assert isinstance(app.screen, ConfirmDialog)
        await press(pilot, "n")
        assert isinstance(app.screen, ConsentScreen)
        assert len(stored(home).interviews()) == 1
        await press(pilot, "escape", "o")
        assert isinstance(app.screen, HomeScreen)
    assert stored(home).interviews() == []


async def test_pausing_on_the_first_question_discards_as_on_the_consent(home: Path) -> None:
    """No answer yet: leaving from question 1 keeps no empty interview either."""
    app = make_app(home)
    async with app.run_test(size=SIZE) as pilot:
        await start_interview(pilot, name="Lea")
        await press(pilot, "escape")
        assert isinstance(app.screen, ConfirmDialog)
        await press(pilot, "o")
        assert isinstance(app.screen, HomeScreen)
    assert stored(home).interviews() == []


async def test_pausing_after_an_answer_keeps_the_interview_without_asking(home: Path) -> None:
    app = make_app(home)
    async with app.run_test(size=SIZE) as pilot:
        await start_interview(pilot)
        await answer_first_option(pilot)
        await press(pilot, "escape")
        assert isinstance(app.screen, HomeScreen)
    (record,) = stored(home).interviews()
    assert record.stage is Stage.QUESTIONS


async def test_consent_question_in_the_visitors_language(home: Path) -> None:
    """App in English, visitor in French: the question asked is French; the keys, the
    mediator's, are named as the footer names them (y: Yes)."""
    app = make_app(home, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "1")
        shown = str(app.screen.query_one("#consent-question", Static).render())
        assert shown == "Do you agree?"
        await press(pilot, "l", "home", "enter")  # French comes first
        shown = str(app.screen.query_one("#consent-question", Static).render())
        assert shown == "Êtes-vous d'accord ?", shown
        keys = str(app.screen.query_one("#consent-keys", Static).render())
        assert keys.startswith("y: Yes · n: No"), keys
        await press(pilot, "o")
        assert isinstance(app.screen, ProfileScreen)


async def test_profile_lists_take_one_digit_each(home: Path) -> None:
    """As on the paper form: 1… pick, 0 is « non communiqué »; each digit moves on."""
    app = make_app(home)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "1", "o")
        await press(pilot, "enter", "3", "2", "1")
        screen = app.screen
        values = [
            screen.query_one(f"#{f}", FieldSelect).value
            for f in ("age_band", "social_status", "gender")
        ]
        assert values == ["dix_huit_vingt_quatre", "sans_emploi", "masculin"]
        assert screen.focused is screen.query_one("#commune", Input)
        await press(pilot, "shift+tab", "0")  # back on the gender: 0 is « non communiqué »
        assert screen.query_one("#gender", FieldSelect).value == "non_communique"
        await press(pilot, *"79000", "enter")
        await pilot.press("2")  # 79000 is shared: which commune, by its number
        await press(pilot, "enter")
        assert isinstance(app.screen, QuestionScreen)
    (record,) = stored(home).interviews()
    assert (record.profile.age_band, record.profile.postcode) == ("dix_huit_vingt_quatre", "79000")


async def test_back_from_the_first_question_corrects_the_first_name(home: Path) -> None:
    app = make_app(home)
    async with app.run_test(size=SIZE) as pilot:
        await start_interview(pilot, name="Lea")
        first = app.screen
        assert isinstance(first, QuestionScreen)
        await press(pilot, "left")
        assert isinstance(app.screen, ProfileScreen)
        name = app.screen.query_one("#first_name", Input)
        assert name.value == "Lea"
        name.value = "Léa"
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, QuestionScreen)
        assert app.screen.question_id == first.question_id
    (record,) = stored(home).interviews()
    assert record.profile.first_name == "Léa"


async def test_back_on_the_first_question_without_consent_says_so(home: Path) -> None:
    app = make_app(home)
    async with app.run_test(size=SIZE) as pilot:
        await start_interview(pilot, consent=False)
        await press(pilot, "left")
        assert isinstance(app.screen, QuestionScreen)
        assert "première question" in str(app.screen.query_one("#status", Static).render())


async def test_settings_walked_with_enter_reach_every_field(home: Path) -> None:
    """Enter moves on, on a text field and on a drop-down alike (it does not reopen it),
    up to the catalogue file; nothing is saved on the way."""
    app = make_app(home)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "6")
        screen = app.screen
        assert isinstance(screen, SettingsScreen)
        walked = []
        for _ in range(20):
            focused = screen.focused
            assert focused is not None
            walked.append(focused.id)
            if focused.id == "catalogue_file":
                break
            await press(pilot, "enter")
            assert app.screen is screen
            assert not any(s.expanded for s in screen.query(FieldSelect))
        assert walked[-1] == "catalogue_file"
        assert {"forget_after_days", "high_contrast", "read_aloud"} <= set(walked)
        await press(pilot, "enter")  # the last field, empty: saves, as F1 says
        assert isinstance(app.screen, HomeScreen)


async def test_a_catalogue_with_refused_records_loads_the_others_in_settings(home: Path) -> None:
    """Réglages: the export's good services are kept and shown; the refused ones are
    counted and named in a warning (the old code refused the whole file)."""
    export = Path(__file__).parents[1] / "fixtures" / "data-inclusion" / "export-services-79.csv"
    app = make_app(home)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "6")
        screen = app.screen
        assert isinstance(screen, SettingsScreen)
        field = screen.query_one("#catalogue_file", Input)
        field.focus()
        field.value = str(export)
        await press(pilot, "enter")
        notes = " ".join(n.message for n in app._notifications)
        assert "Catalogue chargé : 8 services." in notes
        assert "2 services laissés de côté (voir ci-dessus) ; les autres sont gardés." in notes
        assert "export-services-79.csv:10 (fixture--niort-refuse): thematiques:" in notes
        shown = str(screen.query_one("#catalogue", Static).render())
        assert "8 services" in shown
    assert data_folder(home).catalogue.exists()
