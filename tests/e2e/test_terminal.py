"""End to end: the installed `evaluation` command in a real terminal (tmux)."""

from __future__ import annotations

import time
from pathlib import Path

from evaluation.interview.flow import Flow
from evaluation.interview.record import Stage
from evaluation.machine.paths import data_folder
from evaluation.questionnaire import Library, Questionnaire
from evaluation.store import Store
from tests.e2e.terminal import Terminal, flat, question_on_screen, seed_place


def diagnostic() -> Questionnaire:
    published = Library.discover().latest("diagnostic-base")
    assert published is not None
    return published.questionnaire


def next_screen(term: Terminal, q: Questionnaire, answered: str) -> str:
    """Wait until the screen shows another question than `answered`, or the results."""
    for _ in range(500):
        screen = term.screen()
        if "Résultats" in screen:
            return screen
        shown = question_on_screen(screen, q)
        if shown is not None and shown != answered:
            return screen
        time.sleep(0.02)
    raise AssertionError(term.screen())


def test_a_whole_interview_then_viewing_it_leaves_it_finished(home: Path) -> None:
    q = diagnostic()
    seed_place(home)
    term = Terminal(home)
    try:
        term.wait_for("F1 Aide")
        term.wait_for("Marché (Niort)")
        term.keys("1")
        term.wait_for("Avant de commencer")
        term.keys("o")
        term.wait_for("Prénom ou pseudonyme")
        term.type("Łukasz")
        term.keys("C-s")
        screen = term.wait_for("Partie 1 sur")
        answered = 0
        while "Résultats" not in screen:
            current = question_on_screen(screen, q)
            assert current is not None, screen
            if "Écrivez, puis Entrée" in flat(screen):
                term.type("ras")
            else:
                term.keys("1")
            term.keys("Enter")
            answered += 1
            screen = next_screen(term, q, current)
        # The title shows before the results are drawn: wait for the results themselves.
        screen = term.wait_for("Niveau d'ensemble")
        assert any(
            level in screen
            for level in ("À découvrir", "Débutant", "Premiers pas", "En progrès", "Autonome")
        )
        term.keys("f")
        term.wait_for("Nouvel entretien")
        # Looking at it again (today's interviews) shows it read-only: it stays finished.
        term.keys("3")
        term.wait_for("Łukasz")
        term.keys("Enter")
        term.wait_for("consultation")
        screen = term.wait_for("m Modifier")  # the footer offers changing it, on purpose
        term.keys("f")  # "finish" does nothing on a finished interview
        term.keys("Escape")
        term.wait_for("Nouvel entretien")
        term.keys("C-q")
    finally:
        term.close()
    store = Store.open(data_folder(home).database, "reader")
    [record] = store.interviews()
    assert record.stage is Stage.FINISHED and record.revision == 0
    assert record.profile.first_name == "Łukasz"
    answers = store.answers(record.id)
    assert len(answers) == answered == len(Flow(q, answers).visible())
