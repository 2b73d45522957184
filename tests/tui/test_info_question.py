"""An info (XLSForm's `note`): its text is on screen in both views, nothing to choose or
type, Enter moves on and stores only that it was shown."""

from __future__ import annotations

from pathlib import Path

import pytest

from evaluation.interview.answers import Answer, Status
from tests.tui import driver
from tests.tui.driver import SOURCES, flat, install, press, question, screen_text, stored

INFO = "Pour finir, parlons de vos envies."


@pytest.mark.parametrize("visitor_view", [False, True])
async def test_an_info_is_shown_and_enter_moves_on(home: Path, visitor_view: bool) -> None:
    install(home, SOURCES["mini"])
    async with driver.make_app(home).run_test(size=driver.SIZE) as pilot:
        await driver.start_interview(pilot)
        while question(pilot).question_id != "last_part":
            await driver.answer_first_option(pilot)
        screen = question(pilot)
        if visitor_view:
            await press(pilot, "v")
            assert screen.visitor_view
        else:
            assert "À lire à la personne" in flat(screen_text(pilot))
        assert INFO in flat(screen_text(pilot))
        assert screen.choices_shown() is None  # nothing to choose, nothing to type
        assert not screen.query_one("#note-answer").display
        await press(pilot, "1", "0")  # no answer list: the digits do nothing
        assert question(pilot).question_id == "last_part"
        await press(pilot, "enter")
        assert question(pilot).question_id == "wishes"
        interview_id = question(pilot).session.record.id
    store = stored(home)
    try:
        assert store.answers(interview_id)["last_part"] == Answer(Status.ANSWERED)
    finally:
        store.close()
