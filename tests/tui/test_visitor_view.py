"""The question turned toward the visitor (`v`), and the high-contrast theme of Réglages:
what they show, that they keep the answer, and snapshots at 80x24 and 50x16 (the size a
terminal font enlarged for poor eyesight leaves on a laptop)."""

from __future__ import annotations

import subprocess
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import Footer, Header, Select

from evaluation.machine.paths import data_folder
from evaluation.questionnaire.model import MultipleChoice, Task
from evaluation.store import Store
from evaluation.tui.theme import CONTRAST, STANDARD
from tests.tui.driver import (
    SIZE,
    answer_first_option,
    make_app,
    press,
    question,
    screen_text,
    settle,
    shown_list,
    start_interview,
    ticked,
)

ENLARGED = (50, 16)
SIZES = pytest.mark.parametrize("size", [SIZE, ENLARGED], ids=["80x24", "50x16"])


def visible(pilot: Pilot[None], selector: str) -> bool:
    """Whether a widget matching `selector` is drawn (it and every container around it)."""
    return any(
        all(n.display and n.visible for n in w.ancestors_with_self if isinstance(n, Widget))
        for w in pilot.app.screen.query(selector)
    )


def contrast_chosen(home: Path) -> None:
    """The place of the day as the driver sets it, and the high-contrast theme."""
    store = Store.open(data_folder(home).database, "test")
    store.save_settings(replace(store.settings(), high_contrast=True))
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
        for mediator in ("#question-box", "#progress", "#hint", "#status"):
            assert not visible(pilot, mediator)
        assert visible(pilot, "#visitor-text") and visible(pilot, "#visitor-choices")
        assert ticked(pilot) == [screen.question.options[0].id]  # what was ticked stays
        await press(pilot, "2")  # the keys still answer
        assert len(ticked(pilot)) == 2
        await press(pilot, "v")
        assert not screen.has_class("-visitor")
        assert visible(pilot, "Footer") and visible(pilot, "#progress")
        assert len(ticked(pilot)) == 2


async def test_a_note_asked_in_the_visitor_view_turns_the_screen_back_first(
    home: Path,
) -> None:
    """`n` in the visitor view: the note (the mediator's, with what was written before) is
    never drawn facing the visitor; the screen turns back to the mediator first."""
    async with make_app(home).run_test(size=SIZE) as pilot:
        await start_interview(pilot)
        screen = question(pilot)
        screen.session.notes[screen.question_id] = "Hésite, à revoir"
        await press(pilot, "v")
        await press(pilot, "n")
        assert not screen.has_class("-visitor")  # turned back under the note
        assert type(pilot.app.screen).__name__ == "NoteDialog"


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
        await press(pilot, "1")  # the mediator grades: done alone
        await press(pilot, "v")
        assert not visible(pilot, "#instruction")
        text = str(question(pilot).query_one("#visitor-text").render())
        assert text == task.text.fr  # without « Dites : », which is the mediator's
        # What the task asks, not its grading: no answer list, and digits tick nothing.
        assert not visible(pilot, "#visitor-choices")
        assert "Réussi" not in screen_text(pilot)
        await press(pilot, "2", "enter")
        assert question(pilot).question_id == task.id
        await press(pilot, "v")  # facing the mediator again: the grade given is kept
        assert ticked(pilot) == ["alone"]
        await press(pilot, "v", "v", "enter")  # the view stays on for the next question
        assert question(pilot).question_id != task.id


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


def scrollbars(pilot: Pilot[None]) -> list[str]:
    """The widgets drawn on the screen that show a scrollbar."""
    drawn = [
        w
        for w in pilot.app.screen.query("*")
        if all(n.display for n in w.ancestors_with_self if isinstance(n, Widget))
    ]
    return [str(w) for w in drawn if w.show_vertical_scrollbar or w.show_horizontal_scrollbar]


async def test_at_50x16_the_eighth_answer_ticked_is_on_screen_with_one_scrollbar_at_most(
    home: Path,
) -> None:
    """The README promises 50×16: the answer the visitor ticks is on screen, and only
    one thing scrolls."""
    async with make_app(home).run_test(size=ENLARGED) as pilot:
        await start_interview(pilot)
        while len(question(pilot).question.choices()) < 8:
            await answer_first_option(pilot)
        await press(pilot, "v", "8")
        choices = shown_list(pilot)
        assert ticked(pilot)[-1] == question(pilot).question.choices()[7].id
        assert len(scrollbars(pilot)) <= 1, scrollbars(pilot)
        screen = pilot.app.screen.region
        assert screen.contains_region(choices.region)
        on_screen = screen_text(pilot)
        assert "[x] 8." in on_screen  # the ticked line, drawn inside the screen
        await press(pilot, "0")
        assert "(x) 0." in screen_text(pilot)
        await press(pilot, "up", "up", "up", "up", "up", "up", "up", "up")
        assert choices.highlighted == 0
        assert "1." in screen_text(pilot).split("(x) 0.")[0]  # moved back up: line 1 shown
