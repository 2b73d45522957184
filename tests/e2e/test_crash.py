"""Crash test: the real app killed with SIGKILL at random moments, 50 times.

After each kill: the database passes `integrity_check`, every answer the screen had
acknowledged is stored, and the next start resumes at the right question.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import time
from pathlib import Path

from evaluation.interview.flow import Flow
from evaluation.machine.paths import data_folder
from evaluation.questionnaire import Library, Questionnaire
from evaluation.store import Store
from tests.e2e.terminal import Terminal, flat, question_on_screen, seed_place

KILLS = 50
SEED = int(os.environ.get("CRASH_SEED", "20261122"))


def diagnostic() -> Questionnaire:
    published = Library.discover().latest("diagnostic-base")
    assert published is not None
    return published.questionnaire


def open_interview(term: Terminal, store: Store) -> str:
    """From home: resume the unfinished interview, or start one; return its screen."""
    term.wait_for("F1 Aide")
    term.wait_for("Marché (Niort)")
    term.keys("2" if store.interviews(unfinished=True) else "1")
    while True:
        screen = term.wait_for("Avant de commencer", "Prénom ou pseudonyme", "Partie ", "Résultats")
        if "Avant de commencer" in screen:
            term.keys("o")
            term.wait_for("Prénom ou pseudonyme", "Partie ")
        elif "Prénom ou pseudonyme" in screen:
            term.keys("C-s")
            term.wait_for("Partie ")
        else:
            return screen


def expected_question(store: Store, q: Questionnaire) -> str | None:
    """Where the interview left unfinished must resume."""
    unfinished = store.interviews(unfinished=True)
    if not unfinished or unfinished[0].stage != "questions":
        return None
    record = unfinished[0]
    return Flow(q, store.answers(record.id)).resume_at(record.position)


def check_after_kill(db: Path, acknowledged: dict[str, set[str]]) -> None:
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
    store = Store.open(db, "checker")
    for interview_id, questions in acknowledged.items():
        answers = store.answers(interview_id)
        for question_id in questions:
            assert question_id in answers, (SEED, interview_id, question_id)
    store.close()


def moved_on(term: Terminal, q: Questionnaire, answered: str) -> str:
    """Wait until the screen shows another question (or the results): only then was the
    answer acknowledged, as the screen moves on after the commit."""
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        screen = term.screen()
        shown = question_on_screen(screen, q)
        if "Résultats" in screen or (shown is not None and shown != answered):
            return screen
        time.sleep(0.01)
    raise AssertionError((SEED, term.screen()))


def test_sigkill_loses_no_acknowledged_answer(home: Path) -> None:
    rng = random.Random(SEED)
    q = diagnostic()
    seed_place(home)
    db = data_folder(home).database
    acknowledged: dict[str, set[str]] = {}
    kills = resumed = 0
    while kills < KILLS:
        store = Store.open(db, "observer")
        expected = expected_question(store, q)
        term = Terminal(home)
        try:
            screen = open_interview(term, store)
            shown = question_on_screen(screen, q)
            if expected is not None and shown is not None:
                assert shown == expected, (SEED, kills, screen)
                resumed += 1
            if "Résultats" in screen:
                term.keys("f")
                term.wait_for("Nouvel entretien")
                continue
            [record] = store.interviews(unfinished=True)
            questions = acknowledged.setdefault(record.id, set())
            for _ in range(rng.randint(0, 5)):
                current = question_on_screen(screen, q)
                if current is None:
                    break
                if "Écrivez, puis Entrée" in flat(screen):
                    term.type("ras")
                else:
                    term.keys(str(rng.randint(1, 2)))
                term.keys("Enter")
                if rng.random() < 0.25:
                    break  # kill right after the key, without waiting
                screen = moved_on(term, q, current)
                questions.add(current)
                time.sleep(rng.uniform(0, 0.15))
                screen = term.screen()
            os.kill(term.pid(), signal.SIGKILL)
            kills += 1
        finally:
            term.close()
            store.close()
        check_after_kill(db, acknowledged)
    assert resumed >= 10, "the resume check must have run often"
