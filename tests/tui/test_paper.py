"""A paper form keyed in through the app, from the home screen to the finished interview."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from textual.pilot import Pilot

from evaluation.interview.answers import Status
from evaluation.interview.record import Stage
from evaluation.machine.clock import local_day, today
from evaluation.machine.paths import data_folder
from evaluation.tui.screens.paper_entry import PaperEntryScreen
from evaluation.tui.screens.paper_start import PaperStartScreen
from evaluation.workspace import open_workspace
from tests.paper.test_entry import TYPICAL
from tests.tui.driver import make_app, press, settle


async def open_paper(pilot: Pilot[None], day: str = "", form: str = "12") -> None:
    """From home to the form's lines: key 8, the form number, the date if given."""
    await settle(pilot)
    await press(pilot, "8")
    assert isinstance(pilot.app.screen, PaperStartScreen)
    pilot.app.screen.field("version").value = "2"  # the version TYPICAL answers
    await pilot.press(*form)
    if day:
        await press(pilot, "tab")
        screen = pilot.app.screen
        assert isinstance(screen, PaperStartScreen)
        screen.field("day").value = day
    await press(pilot, "ctrl+s")


async def test_a_paper_form_is_keyed_in_and_scored(home: Path) -> None:
    yesterday = today() - timedelta(days=1)
    app = make_app(home)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_paper(pilot, yesterday.strftime("%d/%m/%Y"))
        screen = pilot.app.screen
        assert isinstance(screen, PaperEntryScreen), type(screen).__name__
        for key in TYPICAL:
            await pilot.press(key)  # Pilot names keys as the test's list does
        await settle(pilot)
        assert screen.keying.done
        await press(pilot, "enter")  # the check passed: store it, finished
        top = pilot.app.screen  # the next form of the stack, with the same top
        assert isinstance(top, PaperStartScreen)
        assert top.field("day").value == yesterday.strftime("%d/%m/%Y")
        assert top.field("form").value.endswith("-0013")  # the next form of the stack
    ws = open_workspace(data_folder(home), data_folder(home).database)
    [record] = ws.store.interviews()
    assert record.stage is Stage.FINISHED
    assert record.paper is not None and record.paper.day == yesterday.isoformat()
    assert record.paper.form.endswith("-0012") and record.paper.minutes is None
    assert local_day(record.started_at) == yesterday
    answers = ws.store.answers(record.id)
    assert answers["devices"].choices == ("smartphone", "computer")
    assert answers["task_wifi"].choices == ("with_help",)  # shown: a smartphone was ticked
    assert answers["task_photo"].status is Status.DONT_KNOW
    assert answers["remark"].text == "RAS"


async def test_the_same_form_twice_is_asked_about(home: Path) -> None:
    app = make_app(home)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_paper(pilot)
        await press(pilot, "2", "enter", "enter")  # no consent, devices blank… to the end
        while not pilot.app.screen.keying.done:  # type: ignore[attr-defined]
            await pilot.press("enter")
        await press(pilot, "enter", "escape")
        await open_paper(pilot)
        dialog = pilot.app.screen
        assert "déjà été saisie" in str(dialog.query_one("Static").render())
        await press(pilot, "n")  # not again: still on the form's top
        assert isinstance(pilot.app.screen, PaperStartScreen)
        await press(pilot, "ctrl+s", "o")
        assert isinstance(pilot.app.screen, PaperEntryScreen)


async def test_a_version_not_installed_is_refused_in_words(home: Path) -> None:
    app = make_app(home)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "8")
        screen = pilot.app.screen
        assert isinstance(screen, PaperStartScreen)
        screen.field("version").value = "9"
        await pilot.press(*"12")
        await press(pilot, "ctrl+s")
        assert pilot.app.screen is screen
        said = str(screen.query_one("#problem").render())
        assert "version 9, qui n'est pas installé" in said
    ws = open_workspace(data_folder(home), data_folder(home).database)
    assert ws.store.count() == 0


async def test_the_next_form_offered_can_be_typed_over(home: Path) -> None:
    app = make_app(home)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_paper(pilot, form="41")
        await press(pilot, "2", "5", "enter")
        while not pilot.app.screen.keying.done:  # type: ignore[attr-defined]
            await pilot.press("enter")
        await press(pilot, "enter")
        top = pilot.app.screen
        assert isinstance(top, PaperStartScreen) and top.field("form").value.endswith("-0042")
        await pilot.press(*"45")  # the form in hand is another one
        await press(pilot, "ctrl+s")
        assert isinstance(pilot.app.screen, PaperEntryScreen)
        assert pilot.app.screen.header.form.endswith("-0045")


async def test_a_refused_top_is_said_in_view_at_60x20(home: Path) -> None:
    """The reason sits below the fields: at 60×20 it is scrolled into view, not left under
    the fold where the mediator would see nothing happen."""
    app = make_app(home)
    async with app.run_test(size=(60, 20)) as pilot:
        await settle(pilot)
        await press(pilot, "8")
        screen = pilot.app.screen
        assert isinstance(screen, PaperStartScreen)
        await press(pilot, "ctrl+s")  # no form number typed
        problem = screen.query_one("#problem")
        assert "numéro de feuille manquant" in str(problem.render())
        form = screen.query_one("#form")
        assert problem.region.y < form.region.bottom  # its first line is on screen


async def test_a_keyed_in_form_is_shown_as_keyed_in_not_finished_before_it_began(
    home: Path,
) -> None:
    """Filed at noon of its day, keyed in earlier or later: the screen says which form,
    of which day, keyed in when; no empty box of kept steps; `i` prints (never printed)."""
    from textual.widgets import DataTable, Static

    from evaluation.tui.screens.results import ResultsScreen
    from evaluation.tui.widgets.steps_list import StepsList
    from tests.tui.test_lists import seed

    seed(home)
    app = make_app(home)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "4", *"051e")
        await press(pilot, "enter")  # from the search to the list
        table = pilot.app.screen.query_one("#table", DataTable)
        assert table.row_count == 1
        await press(pilot, "enter")
        screen = pilot.app.screen
        assert isinstance(screen, ResultsScreen)
        said = str(screen.query_one("#viewing", Static).render())
        assert said.startswith("Feuille papier n° 3F9A-051E du 07/12/2026, saisie le")
        assert "terminé" not in said and "réimprimer" not in said
        assert not screen.query_one("#steps", StepsList).display
        assert "Aucune étape gardée" in " ".join(str(s.render()) for s in screen.query(Static))
