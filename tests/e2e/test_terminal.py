"""End to end: the installed `evaluation` command in a real terminal (tmux)."""

from __future__ import annotations

import re
import time
from pathlib import Path

from evaluation.flow import Flow
from evaluation.paths import data_folder
from evaluation.questionnaire import Library
from evaluation.store import Store
from tests.e2e.terminal import Terminal, seed_place

PROGRESS = re.compile(r"Question (\d+) sur (\d+)")


def test_a_whole_interview_in_a_real_terminal(home: Path) -> None:
    seed_place(home)
    term = Terminal(home)
    try:
        term.wait_for("Quitter")
        term.wait_for("Marché (Niort)")
        term.keys("1")
        term.wait_for("Avant de commencer")
        term.keys("o")
        term.wait_for("Prénom ou pseudonyme")
        term.type("Łukasz")
        term.keys("C-s")
        screen = term.wait_for("Question 1 sur")
        answered = 0
        while "Résultats" not in screen:
            if "Écrivez puis Entrée" in screen:
                term.type("ras")
            else:
                term.keys("1")
            term.keys("Enter")
            answered += 1
            screen = term.wait_for(f"Réponse enregistrée. ({answered})", "Résultats")
            if "Résultats" not in screen:
                screen = _wait_next(term, answered)
        assert "Niveau d'ensemble" in screen
        assert any(
            level in screen for level in ("À découvrir", "Débutant", "En progrès", "Autonome")
        )
        term.keys("f")
        term.wait_for("Nouvel entretien")
        term.keys("C-q")
    finally:
        term.close()
    store = Store.open(data_folder(home).database, "reader")
    [record] = store.interviews()
    assert record.stage == "finished"
    assert record.profile.first_name == "Łukasz"
    answers = store.answers(record.id)
    published = Library.discover().latest("diagnostic-base")
    assert published is not None
    assert len(answers) == answered == len(Flow(published.questionnaire, answers).visible())


def _wait_next(term: Terminal, answered: int) -> str:
    """Wait until the next question (or the results) is drawn."""
    for _ in range(500):
        screen = term.screen()
        match = PROGRESS.search(screen)
        if "Résultats" in screen or (match and int(match.group(1)) == answered + 1):
            return screen
        time.sleep(0.02)
    raise AssertionError(term.screen())
