"""`0` on a practical task is the mediator's « Pas pu l'observer », not the visitor's
« Je ne sais pas »: the footer, F1, the hint and the line saying it is saved name it so."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Static

from evaluation.questionnaire.model import Task
from tests.tui.driver import SIZE, answer_first_option, make_app, press, question, start_interview


def zero_in_footer(pilot: Pilot[None]) -> str:
    screen = question(pilot)
    return screen.key_description(screen.active_bindings["0"].binding)


async def test_zero_on_a_task_is_named_not_observed_in_the_footer_and_once_saved(
    home: Path,
) -> None:
    async with make_app(home).run_test(size=SIZE) as pilot:
        await start_interview(pilot)
        assert zero_in_footer(pilot) == "Je ne sais pas"  # a question to the visitor
        while not isinstance(question(pilot).question, Task):
            await answer_first_option(pilot)
        assert zero_in_footer(pilot) == "Pas pu l'observer"
        hint = str(question(pilot).query_one("#hint", Static).render())
        # The hint names `0` as the footer does (made from the same binding).
        assert "0 : Pas pu l'observer" in hint and "je ne sais pas" not in hint.lower()
        helped = {text for _, text in question(pilot).help_entries()}
        assert "Pas pu l'observer" in helped and "Je ne sais pas" not in helped
        await press(pilot, "0", "enter")
        said = str(question(pilot).query_one("#status", Static).render())
        assert said == "✓ « Pas pu l'observer » enregistré."
        if not isinstance(question(pilot).question, Task):
            assert zero_in_footer(pilot) == "Je ne sais pas"  # named again per question
