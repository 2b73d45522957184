"""A returning visitor, end to end with Pilot on two data folders (two laptops): the
first interview's sheet carries a code (read back with pdftotext), typed at the second
interview on the other laptop; the questions of what the visitor already did alone are
passed, the progress line says how many are left, and the results and the sheet show
the way travelled."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Static

from evaluation.interview.scoring import main_competence
from evaluation.machine.paths import data_folder
from evaluation.questionnaire.model import MultipleChoice
from evaluation.store import Store
from evaluation.tui.screens.question import QuestionScreen
from evaluation.tui.screens.results import ResultsScreen
from tests.tui.driver import SIZE, make_app, press, question, settle, start_interview

CODE = re.compile(r"\b[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z*~$=](?![0-9A-Z])")
PDFTOTEXT = shutil.which("pdftotext") or "pdftotext"
COMPETENCES = (
    "device",
    "information",
    "communication",
    "online_services",
    "safety",
    "troubleshooting",
)
FIRST_TIME_BEST = "device"  # the competence the visitor already does alone at the first visit


async def answer(pilot: Pilot[None], best: bool) -> str:
    """Answer the question shown with its option worth the most points (or the least)."""
    screen = question(pilot)
    asked = screen.question_id
    options = screen.question.choices()
    worth = [sum(o.points.values()) for o in options]
    if options and not isinstance(screen.question, MultipleChoice):
        pick = worth.index(max(worth) if best else min(worth))
        await press(pilot, str(pick + 1), "enter")
    elif options:  # every option worth points ticked, or the first alone
        ticked = [n for n, w in enumerate(worth, 1) if w > 0 and best] or [1]
        await press(pilot, *(str(n) for n in ticked), "enter")
    elif screen.question.kind == "info":
        await press(pilot, "enter")
    else:
        await pilot.press(*"ok")
        await press(pilot, "enter")
    return asked


def sheet_text(home: Path) -> str:
    [pdf] = (home / "exports").glob("fiche-*.pdf")
    done = subprocess.run([PDFTOTEXT, str(pdf), "-"], capture_output=True, check=True, text=True)
    return " ".join(done.stdout.split())


async def test_a_returning_visitor_sees_the_way_travelled(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(Path(sys.executable).parent))  # no printer here
    first, second = tmp_path / "laptop-1", tmp_path / "laptop-2"

    # The first visit, on the first laptop: alone with a device, a beginner elsewhere.
    app = make_app(first)
    async with app.run_test(size=SIZE) as pilot:
        await start_interview(pilot, consent=False)
        first_asked = 0
        while isinstance(app.screen, QuestionScreen) and first_asked < 40:
            main = main_competence(app.screen.question, COMPETENCES)
            await answer(pilot, best=main == FIRST_TIME_BEST)
            first_asked += 1
        await press(pilot, "i")
    [code] = CODE.findall(sheet_text(first))

    # The second visit, on the second laptop: the code typed on the consent screen.
    app = make_app(second)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "1", "c")
        await pilot.press(*code)
        await press(pilot, "enter", "n")
        # Passing the device questions is proposed: yes.
        offer = app.screen.query_one(".dialog Static", Static).render()
        assert "déjà « Autonome » en décembre 2026 pour : Utiliser un appareil" in str(offer)
        await press(pilot, "o")
        progress = str(app.screen.query_one("#progress", Static).render())
        assert re.search(r"encore \d+ questions", progress), progress
        second_asked: list[str] = []
        while isinstance(app.screen, QuestionScreen) and len(second_asked) < 40:
            second_asked.append(await answer(pilot, best=True))
        assert isinstance(app.screen, ResultsScreen)
        way = str(app.screen.query_one("#way", Static).render())
        await press(pilot, "i")
    assert len(second_asked) < first_asked
    assert "Utiliser un appareil : Autonome en" in way and "pas revu cette fois" in way
    assert "Trouver une information : À découvrir → Autonome · ↑ un pas de plus" in way
    text = sheet_text(second)
    assert "Le chemin parcouru depuis" in text
    assert "Trouver une information : À découvrir → Autonome · ↑ un pas de plus" in text
    [new_code] = CODE.findall(text)
    assert new_code != code
    store = Store.open(data_folder(second).database, "reader")
    try:
        [record] = store.interviews()
        assert record.previous is not None and record.previous.code == code.replace("-", "")
    finally:
        store.close()
