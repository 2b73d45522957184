"""Typed values (integer, decimal, date) and « Autre » with its words on the question
screen: the field lets through what the kind takes, a wrong value is refused in one line
and nothing is saved, a right one is committed in its written form and shown again."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input

from evaluation.interview.answers import Answer, Status
from evaluation.machine.device import device_id
from evaluation.machine.paths import data_folder
from evaluation.store import Store
from tests.conftest import FIXTURES
from tests.tui.driver import (
    SIZE,
    flat,
    install,
    make_app,
    press,
    question,
    screen_text,
    start_interview,
)

HOUSEHOLD = FIXTURES / "questionnaires" / "household" / "1.yaml"


def stored(home: Path, interview_id: str) -> dict[str, Answer]:
    store = Store.open(data_folder(home).database, device_id(home))
    try:
        return store.answers(interview_id)
    finally:
        store.close()


def field(pilot: object) -> Input:
    return question(pilot).query_one("#note-answer", Input)  # type: ignore[arg-type]


async def test_an_integer_takes_digits_only_and_a_date_is_refused_in_one_line(
    home: Path,
) -> None:
    install(home, HOUSEHOLD)
    async with make_app(home).run_test(size=SIZE) as pilot:
        await start_interview(pilot)
        screen = question(pilot)
        assert screen.question_id == "HouseholdSize"
        assert screen.choices_shown() is None and field(pilot).display
        assert "Tapez la réponse en chiffres" in flat(screen_text(pilot))
        await press(pilot, "x", "4", "a")  # letters never reach the field
        assert field(pilot).value == "4"
        await press(pilot, "v")  # a screen key still: toward the visitor and back
        assert screen.visitor_view
        await press(pilot, "v")
        assert not screen.visitor_view and field(pilot).value == "4"
        await press(pilot, "enter")
        assert question(pilot).question_id == "MonthlyData"
        await press(pilot, "2", "comma", "5", "enter")  # the French decimal comma
        assert question(pilot).question_id == "ArrivalDate"
        await press(pilot, *"31/02/2020", "enter")
        assert question(pilot).question_id == "ArrivalDate"  # refused, nothing saved
        status = flat(str(question(pilot).query_one("#status").render()))
        assert status == "« 31/02/2020 » n'est pas une date : tapez jour/mois/année, ex. 07/12/2026"
        field(pilot).value = ""
        await press(pilot, *"01/09/2020", "enter")
        assert question(pilot).question_id == "MainDevice"
        await press(pilot, "left")  # back: the date as it was typed, in French
        assert field(pilot).value == "01/09/2020"
        interview_id = question(pilot).session.record.id
    answers = stored(home, interview_id)
    assert answers["HouseholdSize"] == Answer(Status.ANSWERED, text="4")
    assert answers["MonthlyData"] == Answer(Status.ANSWERED, text="2.5")
    assert answers["ArrivalDate"] == Answer(Status.ANSWERED, text="2020-09-01")


async def test_other_asks_for_its_words_then_saves_them(home: Path) -> None:
    install(home, HOUSEHOLD)
    async with make_app(home).run_test(size=SIZE) as pilot:
        await start_interview(pilot)
        await press(pilot, "3", "enter")  # three people
        await press(pilot, "enter", "enter")  # no data given, no date given
        screen = question(pilot)
        assert screen.question_id == "MainDevice"
        assert "Autre" in flat(screen_text(pilot))
        await press(pilot, "3", "enter")  # « Autre »: its words are asked first
        assert question(pilot).question_id == "MainDevice"
        assert field(pilot).display
        assert "Précisez « Autre » en quelques mots" in flat(screen_text(pilot))
        await press(pilot, "enter")
        assert question(pilot).question_id == "MainDevice"
        await pilot.press(*"Une tablette")
        await press(pilot, "enter")
        assert question(pilot).question_id == "Uses"
        interview_id = question(pilot).session.record.id
    answers = stored(home, interview_id)
    assert answers["MainDevice"] == Answer(Status.ANSWERED, ("other",), "Une tablette")
    assert answers["MonthlyData"] == Answer(Status.SKIPPED)
