"""The question turned toward the visitor (`v`), and the high-contrast theme of Réglages:
what they show, that they keep the answer, and snapshots at 80x24 and 50x16 (the size a
terminal font enlarged for poor eyesight leaves on a laptop)."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Footer, Header, Select

from evaluation.paths import data_folder
from evaluation.questionnaire.model import MultipleChoice, Task
from evaluation.store import Store
from evaluation.tui.theme import CONTRAST, STANDARD
from tests.tui.driver import (
    SIZE,
    answer_first_option,
    make_app,
    press,
    question,
    settle,
    start_interview,
    ticked,
)

ENLARGED = (50, 16)
SIZES = pytest.mark.parametrize("size", [SIZE, ENLARGED], ids=["80x24", "50x16"])


def visible(pilot: Pilot[None], selector: str) -> bool:
    return any(w.display and w.visible for w in pilot.app.screen.query(selector))


def contrast_chosen(home: Path) -> None:
    """The place of the day as the driver sets it, and the high-contrast theme."""
    store = Store.open(data_folder(home).database, "test")
    store.save_settings(store.settings().model_copy(update={"high_contrast": True}))
    store.close()


async def test_v_turns_the_question_to_the_visitor_and_back(home: Path) -> None:
    async with make_app(home).run_test(size=ENLARGED) as pilot:
        await start_interview(pilot)
        screen = question(pilot)
        assert isinstance(screen.question, MultipleChoice)
        await press(pilot, "1")
        await press(pilot, "v")
        assert screen.has_class("-visitor")
        for chrome in (Header, Footer):
            assert not visible(pilot, chrome.__name__)
        for mediator in ("#progress", "#hint", "#status"):
            assert not visible(pilot, mediator)
        assert visible(pilot, "#text") and visible(pilot, "#choices")
        assert ticked(pilot) == [screen.question.options[0].id]  # what was ticked stays
        await press(pilot, "2")  # the keys still answer
        assert len(ticked(pilot)) == 2
        await press(pilot, "v")
        assert not screen.has_class("-visitor")
        assert visible(pilot, "Footer") and visible(pilot, "#progress")
        assert len(ticked(pilot)) == 2


async def test_a_task_turned_to_the_visitor_hides_the_mediators_instruction(
    home: Path,
) -> None:
    async with make_app(home).run_test(size=SIZE) as pilot:
        await start_interview(pilot)
        while not isinstance(question(pilot).question, Task):
            await answer_first_option(pilot)
        task = question(pilot).question
        assert isinstance(task, Task)
        assert visible(pilot, "#instruction")
        await press(pilot, "v")
        assert not visible(pilot, "#instruction")
        text = str(question(pilot).query_one("#text").render())
        assert text == task.text.fr  # without « Dites : », which is the mediator's
        await press(pilot, "1", "enter")  # the view stays on for the next question
        assert question(pilot).has_class("-visitor")


async def test_the_high_contrast_theme_is_chosen_in_reglages_and_kept(home: Path) -> None:
    async with make_app(home).run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert pilot.app.theme == STANDARD
        await press(pilot, "6")
        pilot.app.screen.query_one("#high_contrast", Select).value = True
        await press(pilot, "ctrl+s")
        assert pilot.app.theme == CONTRAST
    store = Store.open(data_folder(home).database, "reader")
    assert store.settings().high_contrast is True
    store.close()
    async with make_app(home, place=False).run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert pilot.app.theme == CONTRAST  # read back at start


@SIZES
def test_visitor_view(snap_compare: Any, home: Path, size: tuple[int, int]) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        await start_interview(pilot)
        await press(pilot, "1", "v")

    assert snap_compare(make_app(home), terminal_size=size, run_before=run_before)


@SIZES
def test_high_contrast_theme(snap_compare: Any, home: Path, size: tuple[int, int]) -> None:
    app = make_app(home)
    contrast_chosen(home)

    async def run_before(pilot: Pilot[None]) -> None:
        await start_interview(pilot)
        await press(pilot, "1", "3")

    assert snap_compare(app, terminal_size=size, run_before=run_before)


async def test_g_on_the_results_writes_the_large_print_sheet(home: Path) -> None:
    async with make_app(home).run_test(size=SIZE) as pilot:
        await start_interview(pilot)
        for _ in range(60):
            if type(pilot.app.screen).__name__ != "QuestionScreen":
                break
            await answer_first_option(pilot)
        await press(pilot, "g")
    (written,) = data_folder(home).exports.glob("fiche-*-gros.pdf")
    text = subprocess.run(
        ["pdftotext", str(written), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Où vous en êtes" in text and "Vous savez" in text
