"""A market-stall day without surprises: what a mediator must be able to trust."""

from __future__ import annotations

import os
import time
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Button, Input, Label, OptionList, Select

from evaluation.french_text import folded
from evaluation.interview.record import KeptStep, Stage
from evaluation.machine.clock import local_time, stamp, today
from evaluation.tui.dialogs.catalogue import CatalogueDialog
from evaluation.tui.dialogs.confirm import ConfirmDialog
from evaluation.tui.screen import BaseScreen
from evaluation.tui.widgets.choice_list import ChoiceList
from evaluation.tui.widgets.steps_list import StepsList
from tests.tui.driver import (
    SIZE,
    answer_first_option,
    make_app,
    press,
    question,
    settle,
    start_interview,
    stored,
    ticked,
)


def screen_name(pilot: Pilot[None]) -> str:
    return type(pilot.app.screen).__name__


def said(pilot: Pilot[None]) -> str:
    notes = " ".join(n.message for n in pilot.app._notifications)
    shown = " ".join(str(w.render()) for w in pilot.app.screen.query("Static"))
    return " ".join(f"{notes} {shown}".split())


async def to_results(pilot: Pilot[None]) -> None:
    await start_interview(pilot, name="Zoë")
    while screen_name(pilot) == "QuestionScreen":
        await answer_first_option(pilot)
    assert screen_name(pilot) == "ResultsScreen"


def steps(pilot: Pilot[None]) -> list[tuple[bool, str | None, str | None]]:
    lines = pilot.app.screen.query_one("#steps", StepsList).lines
    return [(line.kept, line.step.rule_id, line.step.service_id) for line in lines]


async def test_a_finished_interview_viewed_stays_finished(home: Path) -> None:
    app = make_app(home)
    async with app.run_test(size=SIZE) as pilot:
        await to_results(pilot)
        await press(pilot, "down", "space")  # remove the second step
        await press(pilot, "f")
        before = stored(home).interviews()[0]
        assert before.stage is Stage.FINISHED
        await press(pilot, "3", "enter")  # today's interviews, open it
        assert screen_name(pilot) == "ResultsScreen"
        assert "consultation" in said(pilot)
        kept_on_screen = steps(pilot)
        assert all(kept for kept, _, _ in kept_on_screen)  # only the kept steps are shown
        await press(pilot, "space", "a", "f", "left")  # none of these change a finished one
        assert screen_name(pilot) == "ResultsScreen"
        await press(pilot, "escape")
    after = stored(home).interviews()[0]
    assert after == before  # same stage, steps, finishing time, last change


async def test_changing_a_finished_interview_asks_then_keeps_what_was_kept(home: Path) -> None:
    app = make_app(home)
    async with app.run_test(size=SIZE) as pilot:
        await to_results(pilot)
        await press(pilot, "down", "space", "f")
        first = stored(home).interviews()[0]
        await press(pilot, "3", "enter", "m")
        assert isinstance(app.screen, ConfirmDialog)
        await press(pilot, "n")
        assert stored(home).interviews()[0] == first  # refused: nothing changed
        await press(pilot, "m", "o")
        assert "Modification d'un entretien terminé" in said(pilot)
        assert [s for s in steps(pilot) if not s[0]]  # the removed step stays removed
        await press(pilot, "f")
    changed = stored(home).interviews()[0]
    assert changed.stage is Stage.FINISHED
    assert changed.finished_at == first.finished_at  # the first finishing time stays
    assert changed.next_steps == first.next_steps
    assert changed.revision == 1 and changed.changed_at is not None


async def test_kept_steps_survive_a_pause(home: Path) -> None:
    app = make_app(home)
    async with app.run_test(size=SIZE) as pilot:
        await to_results(pilot)
        await press(pilot, "space")  # remove the first step
        await press(pilot, "a", "down", "enter")  # add the first service offered
        shown = steps(pilot)
        await press(pilot, "escape")
        assert screen_name(pilot) == "HomeScreen"
        await press(pilot, "2")  # resume: straight back to the results
        assert screen_name(pilot) == "ResultsScreen"
        assert steps(pilot) == shown
    record = stored(home).interviews()[0]
    assert record.stage is Stage.RESULTS
    assert record.next_steps is not None and KeptStep(None, shown[-1][2]) in record.next_steps


async def test_no_ghost_interviews(home: Path) -> None:
    app = make_app(home)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "1", "escape", "o")  # started, left before anything (asked)
        await press(pilot, "1", "o", "escape", "o")  # consent given, left before any answer
        assert stored(home).interviews() == []
        assert "abandonné" in said(pilot)
        await start_interview(pilot)
        await answer_first_option(pilot)
        await press(pilot, "escape")  # a real one, paused after its first answer
        assert len(stored(home).interviews(unfinished=True)) == 1


async def test_an_empty_interview_in_the_list_can_be_discarded_and_shows_its_age(
    home: Path,
) -> None:
    store = stored(home)
    ghost = store.start("diagnostic-base", 2, "0" * 64, "fr")  # as an older version left one
    with store.transaction() as db:
        old = stamp(datetime.now().astimezone() - timedelta(hours=3))
        db.execute("UPDATE interviews SET started_at = ? WHERE id = ?", (old, ghost))
    app = make_app(home)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "4")  # find an interview
        cells = [str(c) for c in pilot.app.screen.query_one("#table").get_row_at(0)]  # type: ignore[attr-defined]
        assert f"{local_time(old):%d/%m %H:%M}" in cells  # this list's one date style
        pilot.app.screen.query_one("#table").focus()
        await press(pilot, "s")
        assert isinstance(app.screen, ConfirmDialog)
        await press(pilot, "o")
    assert stored(home).interviews() == []


async def test_none_unticks_the_other_answers(home: Path) -> None:
    app = make_app(home)
    async with app.run_test(size=SIZE) as pilot:
        await start_interview(pilot)
        assert question(pilot).question_id == "devices"
        labels = [c.id for c in app.screen.query_one("#choices", ChoiceList).choices]
        none = str(labels.index("none") + 1)
        await press(pilot, "1", "3")
        assert ticked(pilot) == ["smartphone", "computer"]
        await press(pilot, none)
        assert ticked(pilot) == ["none"]
        await press(pilot, "1")
        assert ticked(pilot) == ["smartphone"]


async def test_a_note_shows_on_its_question_and_on_the_results(home: Path) -> None:
    app = make_app(home)
    async with app.run_test(size=SIZE) as pilot:
        await start_interview(pilot)
        await press(pilot, "n")
        dialog = " ".join(str(w.render()) for w in app.screen.query("Static"))
        assert "Quels appareils utilisez-vous ?" in dialog  # the note box shows the question
        await pilot.press(*"tablette prêtée")
        await press(pilot, "enter")
        assert "Note : tablette prêtée" in said(pilot)
        while screen_name(pilot) == "QuestionScreen":
            await answer_first_option(pilot)
        assert "Quels appareils utilisez-vous ? — tablette prêtée" in said(pilot)


async def test_the_free_note_question_offers_no_dont_know(home: Path) -> None:
    app = make_app(home)
    async with app.run_test(size=SIZE) as pilot:
        await start_interview(pilot)
        while screen_name(pilot) == "QuestionScreen" and question(pilot).question.choices():
            await answer_first_option(pilot)
        assert question(pilot).question_id == "remark"
        assert not app.screen.query_one("#choices").display
        assert app.screen.query_one("#note-answer", Input).has_focus
        keys = [keys for keys, _ in question(pilot).help_entries()]  # what F1 lists
        assert "Entrée" in keys and "Espace" not in keys and "0" not in keys, keys
        assert not any(k.startswith("1") for k in keys), keys


async def test_skipping_says_so_and_progress_counts_by_part(home: Path) -> None:
    app = make_app(home)
    async with app.run_test(size=SIZE) as pilot:
        await start_interview(pilot)
        assert str(app.screen.query_one("#progress").render()).startswith(
            "Partie 1 sur 8 · question 1 sur 3 · Votre équipement"
        )
        await press(pilot, "1", "3", "enter")  # a smartphone and a computer: more questions
        assert str(app.screen.query_one("#progress").render()).startswith(
            "Partie 1 sur 8 · question 2 sur 3 · Votre équipement"
        )
        await press(pilot, "p")
        assert str(app.screen.query_one("#status").render()) == "Question passée."


async def test_quitting_during_an_interview_says_everything_is_saved(home: Path) -> None:
    app = make_app(home)
    async with app.run_test(size=SIZE) as pilot:
        await start_interview(pilot)
        await press(pilot, "ctrl+q")
        assert isinstance(app.screen, ConfirmDialog)
        assert "Tout ce qui a été répondu est enregistré" in said(pilot)
        await press(pilot, "n")
        assert screen_name(pilot) == "QuestionScreen"
        await press(pilot, "ctrl+c")
        assert "Pour quitter l'application : Ctrl+Q." in said(pilot)


async def test_first_run_setup_enter_goes_on_and_escape_leaves(home: Path) -> None:
    app = make_app(home, place=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert screen_name(pilot) == "SettingsScreen"
        await pilot.press(*"Marché")
        await press(pilot, "enter")
        assert app.focused is not None and app.focused.id == "place_commune"
        await press(pilot, "escape")
        assert screen_name(pilot) == "HomeScreen"
        assert "non renseigné" in said(pilot)


async def test_the_place_is_confirmed_on_the_first_interview_of_a_new_day(home: Path) -> None:
    app = make_app(home)
    store = stored(home)
    yesterday = (today() - timedelta(days=1)).isoformat()
    store.save_settings(replace(store.settings(), place_date=yesterday))
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "1")
        assert isinstance(app.screen, ConfirmDialog)
        assert "Premier entretien de la journée : êtes-vous toujours à « Marché (Niort) » ?" in (
            said(pilot)
        )
        await press(pilot, "o")
        assert screen_name(pilot) == "ConsentScreen"
    assert stored(home).settings().place_date == today().isoformat()


async def test_the_palette_speaks_french_and_finds_the_reports(home: Path) -> None:
    app = make_app(home)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "ctrl+p")
        placeholder = app.screen.query_one(Input).placeholder
        assert placeholder.startswith("Chercher une action")
        await pilot.press(*"rapport")
        await settle(pilot)
        await pilot.pause(0.5)
        found = " ".join(
            str(o.prompt) for o in app.screen.query_one(OptionList).options
        )  # fmt: skip
        assert "Rapports d'activité" in found
        assert "Maximize" not in found and "Screenshot" not in found


async def test_a_dropdown_speaks_french(home: Path) -> None:
    app = make_app(home)
    async with app.run_test(size=SIZE) as pilot:
        await start_interview(pilot, consent=False)
        await press(pilot, "escape", "o")  # nothing answered: asked, then left
        await press(pilot, "1", "o")  # another visitor, who agrees: the profile
        assert screen_name(pilot) == "ProfileScreen"
        app.screen.query_one("#age_band").focus()
        await press(pilot, "space")  # the list opens (Enter moves on)
        screen = app.screen
        assert isinstance(screen, BaseScreen)
        shown = [screen.key_description(b.binding) for b in screen.active_bindings.values()]
        assert "Fermer la liste" in shown and "Dismiss menu" not in shown


async def test_an_english_interview_resumed_in_a_french_session_keeps_the_visitor_english(
    home: Path,
) -> None:
    """The visitor's language stays the interview's; the mediator's hints are the app's."""
    app = make_app(home, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await start_interview(pilot)  # "o" is also accepted for "yes"
        await press(pilot, "escape")
    app = make_app(home, lang="fr")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "2")
        shown = said(pilot)
        assert "Which devices do you use?" in shown and "Your equipment" in shown
        assert "Plusieurs réponses" in shown and "Several answers possible" not in shown


async def test_today_is_the_local_day(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """At 00:05 in Kiritimati (UTC+14) it is still yesterday in UTC: the interview is
    today's all the same."""
    monkeypatch.setenv("TZ", "Pacific/Kiritimati")
    time.tzset()
    try:
        store = stored(home)
        interview = store.start("diagnostic-base", 2, "0" * 64, "fr")
        local_midnight = datetime.now().astimezone().replace(hour=0, minute=5)
        with store.transaction() as db:
            db.execute(
                "UPDATE interviews SET started_at = ? WHERE id = ?",
                (stamp(local_midnight), interview),
            )
        assert stamp(local_midnight)[:10] != today().isoformat()  # the UTC day differs
        app = make_app(home)
        async with app.run_test(size=SIZE) as pilot:
            await settle(pilot)
            await press(pilot, "3")
            table = pilot.app.screen.query_one("#table")
            assert table.row_count == 1  # type: ignore[attr-defined]
            assert str(table.get_row_at(0)[4]) != ""  # type: ignore[attr-defined]
    finally:
        monkeypatch.setenv("TZ", "Europe/Paris")
        time.tzset()
        os.environ["TZ"] = "Europe/Paris"


@pytest.mark.parametrize("key", ["5", "6"])
async def test_at_60_columns_tab_stops_only_where_one_types_and_labels_wrap(
    home: Path, key: str
) -> None:
    """Sync (no USB key mounted) and Réglages: no invisible Tab stop where typing goes
    nowhere, and a long label wraps instead of being cut."""
    app = make_app(home)
    async with app.run_test(size=(60, 20)) as pilot:
        await settle(pilot)
        await press(pilot, key)
        for _ in range(14):
            assert isinstance(app.focused, (Input, Select, OptionList, Button)), app.focused
            await press(pilot, "tab")
        for label in app.screen.query(Label):
            text = str(label.render())
            assert label.size.width <= 58 and len(text) <= label.size.width * label.size.height


async def test_adding_a_step_searches_as_typed_and_never_offers_a_service_twice(
    home: Path,
) -> None:
    app = make_app(home)
    async with app.run_test(size=SIZE) as pilot:
        await to_results(pilot)
        in_steps = {service for _, _, service in steps(pilot) if service}
        await press(pilot, "a")
        dialog = app.screen
        assert isinstance(dialog, CatalogueDialog)
        assert isinstance(app.focused, Input)  # typing searches at once
        offered = dialog.query_one("#services", OptionList)
        ids = {offered.get_option_at_index(i).id for i in range(offered.option_count)}
        assert ids and not ids & in_steps
        service = next(s for s in dialog.services if len(s.nom.split()) > 2)
        words = folded(service.nom).split()[-2:]  # typed without accents
        await pilot.press(*" ".join(words))
        await settle(pilot)
        assert offered.option_count == 1
        await press(pilot, "enter")  # the only one found is added
        assert screen_name(pilot) == "ResultsScreen"
        assert steps(pilot)[-1][2] == service.id
        await press(pilot, "a")
        again = app.screen.query_one("#services", OptionList)
        assert service.id not in {
            again.get_option_at_index(i).id for i in range(again.option_count)
        }


async def test_at_60_by_20_the_catalogue_keeps_its_keys_on_screen(home: Path) -> None:
    app = make_app(home)
    async with app.run_test(size=(60, 20)) as pilot:
        await to_results(pilot)
        await press(pilot, "a")
        assert isinstance(app.screen, CatalogueDialog)
        hint = app.screen.query(Label).last()
        assert str(hint.render()).startswith("Tapez pour chercher")
        assert hint.region.height > 0 and hint.region.bottom <= 20
        assert app.screen.query_one("#services", OptionList).region.height >= 3
