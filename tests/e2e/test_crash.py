"""Crash test: the real app killed with SIGKILL at random moments, 50 times.

After each kill: the database passes `integrity_check`, every answer the screen had
acknowledged is stored, and the next start resumes at the right question.
"""

from __future__ import annotations

import os
import random
import re
import signal
import sqlite3
import time
from pathlib import Path

from evaluation.flow import Flow
from evaluation.paths import data_folder
from evaluation.questionnaire import Library, Questionnaire
from evaluation.store import Store
from tests.e2e.terminal import Terminal, seed_place

KILLS = 50
SEED = int(os.environ.get("CRASH_SEED", "20261122"))
PROGRESS = re.compile(r"Question (\d+) sur (\d+)")


def diagnostic() -> Questionnaire:
    published = Library.discover().latest("diagnostic-base")
    assert published is not None
    return published.questionnaire


def open_interview(term: Terminal, store: Store) -> str:
    """From home: resume the unfinished interview, or start one; return its screen."""
    term.wait_for("Quitter")
    term.wait_for("Marché (Niort)")
    term.keys("2" if store.interviews(unfinished=True) else "1")
    while True:
        screen = term.wait_for(
            "Avant de commencer", "Prénom ou pseudonyme", "Question ", "Résultats"
        )
        if "Avant de commencer" in screen:
            term.keys("o")
            term.wait_for("Prénom ou pseudonyme", "Question ")
        elif "Prénom ou pseudonyme" in screen:
            term.keys("C-s")
            term.wait_for("Question ")
        else:
            return screen


def expected_progress(store: Store, q: Questionnaire) -> int | None:
    unfinished = store.interviews(unfinished=True)
    if not unfinished or unfinished[0].stage != "questions":
        return None
    record = unfinished[0]
    flow = Flow(q, store.answers(record.id))
    position = flow.resume_at(record.position)
    return None if position is None else flow.progress(position)[0]


def check_after_kill(db: Path, q: Questionnaire, acknowledged: dict[str, set[int]]) -> None:
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
    store = Store.open(db, "checker")
    for interview_id, numbers in acknowledged.items():
        answers = store.answers(interview_id)
        visible = Flow(q, answers).visible()
        for n in numbers:
            assert visible[n - 1].id in answers, (SEED, interview_id, n)
    store.close()


def test_sigkill_loses_no_acknowledged_answer(home: Path) -> None:
    rng = random.Random(SEED)
    q = diagnostic()
    seed_place(home)
    db = data_folder(home).database
    acknowledged: dict[str, set[int]] = {}
    kills = resumed = 0
    while kills < KILLS:
        store = Store.open(db, "observer")
        expected = expected_progress(store, q)
        term = Terminal(home)
        try:
            screen = open_interview(term, store)
            match = PROGRESS.search(screen)
            if expected is not None and match:
                assert int(match.group(1)) == expected, (SEED, kills, screen)
                resumed += 1
            if "Résultats" in screen:
                term.keys("f")
                term.wait_for("Nouvel entretien")
                continue
            [record] = store.interviews(unfinished=True)
            numbers = acknowledged.setdefault(record.id, set())
            for _ in range(rng.randint(0, 5)):
                match = PROGRESS.search(screen)
                if match is None:
                    break
                n = int(match.group(1))
                if "Écrivez puis Entrée" in screen:
                    term.type("ras")
                else:
                    term.keys(str(rng.randint(1, 2)))
                term.keys("Enter")
                if rng.random() < 0.25:
                    break  # kill right after the key, without waiting
                screen = term.wait_for(f"Réponse enregistrée. ({n})", "Résultats")
                numbers.add(n)
                time.sleep(rng.uniform(0, 0.15))
                screen = term.screen()
            os.kill(term.pid(), signal.SIGKILL)
            kills += 1
        finally:
            term.close()
            store.close()
        check_after_kill(db, q, acknowledged)
    assert resumed >= 10, "the resume check must have run often"
