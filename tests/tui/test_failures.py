"""Every screen's blocking work can fail: the app says why in French and stays up.

The database is held by another program (a write lock, as another window of the app
would), `exports/` cannot be written (a file stands where the folder should be), or an
operation fails in an unexpected way; each time the screen shows one French line, keeps
what was typed, and works again once the cause is gone.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from textual.pilot import Pilot

from evaluation.machine.paths import data_folder
from evaluation.store import database
from evaluation.tui.app import EvaluationApp
from tests.tui.driver import SIZE, answer_first_option, make_app, press, settle, start_interview

BUSY = "la base de données est occupée par une autre fenêtre de l'application"


@pytest.fixture(autouse=True)
def short_wait(monkeypatch: pytest.MonkeyPatch) -> None:
    """Wait 0.2 s for a busy database rather than 15 s (the app's patience)."""
    monkeypatch.setattr(database, "BUSY_TIMEOUT_MS", 200)


@contextmanager
def locked(home: Path) -> Iterator[None]:
    """Another program holds the write lock of the database."""
    other = sqlite3.connect(data_folder(home).database, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    try:
        yield
    finally:
        other.execute("ROLLBACK")
        other.close()


def said(app: EvaluationApp) -> str:
    """Every notification shown so far, and the texts on screen, as one string."""
    notes = " ".join(n.message for n in app._notifications)
    shown = " ".join(str(w.render()) for w in app.screen.query("Static"))
    return " ".join(f"{notes} {shown}".split())


def block_exports(home: Path) -> None:
    (home / "exports").write_text("a file where the folder should be", encoding="utf-8")


async def test_consent_profile_and_answer_while_the_database_is_held(home: Path) -> None:
    app = make_app(home)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "1")
        with locked(home):
            await press(pilot, "o")
            assert type(app.screen).__name__ == "ConsentScreen"
            assert BUSY in said(app)
        await press(pilot, "o")
        assert type(app.screen).__name__ == "ProfileScreen"
        await pilot.press(*"Zoë")
        with locked(home):
            await press(pilot, "ctrl+s")
            assert type(app.screen).__name__ == "ProfileScreen"
        await press(pilot, "ctrl+s")
        assert type(app.screen).__name__ == "QuestionScreen"
        first = app.screen.question_id  # type: ignore[attr-defined]
        with locked(home):
            await press(pilot, "1", "enter")
            assert app.screen.question_id == first  # type: ignore[attr-defined]
            assert f"Non enregistré : {data_folder(home).database}: {BUSY}" in said(app)
        await press(pilot, "enter")  # the same answer, now saved
        assert app.screen.question_id != first  # type: ignore[attr-defined]


async def to_results(pilot: Pilot[None]) -> None:
    await start_interview(pilot)
    while type(pilot.app.screen).__name__ == "QuestionScreen":
        await answer_first_option(pilot)


async def test_results_keep_finish_and_sheet_can_fail_and_succeed_later(home: Path) -> None:
    app = make_app(home)
    async with app.run_test(size=SIZE) as pilot:
        await to_results(pilot)
        assert type(app.screen).__name__ == "ResultsScreen"
        with locked(home):
            await press(pilot, "space")  # keep or remove: stored at once, here refused
            assert BUSY in said(app)
            await press(pilot, "f")
            assert type(app.screen).__name__ == "ResultsScreen"
        block_exports(home)
        await press(pilot, "i")
        assert "écriture impossible (un fichier porte déjà ce nom là où il faut un dossier)" in (
            said(app)
        )
        (home / "exports").unlink()
        await press(pilot, "f")
        assert type(app.screen).__name__ == "HomeScreen"


async def test_lists_settings_and_report_say_why_and_stay(home: Path) -> None:
    app = make_app(home)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "1", "escape", "o")  # an empty interview, left at once
        await press(pilot, "6")
        assert type(app.screen).__name__ == "SettingsScreen"
        with locked(home):
            await press(pilot, "ctrl+s")
            assert type(app.screen).__name__ == "SettingsScreen"
            assert BUSY in said(app)
        await press(pilot, "escape", "7")
        assert type(app.screen).__name__ == "ReportScreen"
        block_exports(home)
        await press(pilot, "p")
        assert "Le rapport n'a pas pu être fait" in said(app)
        assert type(app.screen).__name__ == "ReportScreen"


async def test_an_unexpected_failure_is_one_french_line_and_a_log_without_personal_data(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from evaluation.tui.screens import interviews

    def broken(*_: object) -> None:
        raise ValueError("Zoë habite rue des Tilleuls")  # must never reach the log

    monkeypatch.setattr(interviews, "listing", broken)
    app = make_app(home)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "3")
        assert type(app.screen).__name__ == "InterviewsScreen"
        log = data_folder(home).log
        assert (
            "Erreur inattendue (ValueError) : rien de ce qui était enregistré n'est perdu. "
            f"Détail pour l'assistance (sans donnée personnelle) : {log}"
        ) in said(app)
        await press(pilot, "escape")
        assert type(app.screen).__name__ == "HomeScreen"
    written = log.read_text(encoding="utf-8")
    assert "ValueError" in written and "interviews.py" in written
    assert "Zoë" not in written and "Tilleuls" not in written


async def test_data_that_cannot_be_opened_is_said_on_the_home_screen(home: Path) -> None:
    folder = data_folder(home)
    folder.root.mkdir(parents=True)
    folder.database.mkdir()  # a folder where the database file should be
    app = EvaluationApp(folder, folder.database, "fr")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        place = str(app.screen.query_one("#place").render())
        assert place.startswith("Les données ne s'ouvrent pas :")
        assert "c'est un dossier : donnez le chemin d'un fichier de base de données" in place
        # No menu to choose from while nothing is open: a digit starts nothing.
        assert not app.screen.query_one("#menu").display
        await press(pilot, "1")
        assert type(app.screen).__name__ == "HomeScreen"


async def test_settings_the_app_cannot_read_fall_back_to_defaults(home: Path) -> None:
    """A settings row from another version or a hand edit (an unknown kind of place, a
    delay that is not a number): the app opens, keeps what reads, and interviews start."""
    folder = data_folder(home)
    make_app(home)  # a database with settings, then overwritten with odd ones
    odd = {
        "place": {"name": "Gare routière", "kind": "vaisseau_spatial"},
        "place_date": "demain",
        "forget_after_days": "x",
        "retention_months": -4,
    }
    with sqlite3.connect(folder.database) as conn:
        conn.execute("INSERT OR REPLACE INTO settings VALUES ('settings', ?)", (json.dumps(odd),))
    conn.close()
    app = EvaluationApp(folder, folder.database, "fr")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.workspace is not None
        settings = app.workspace.store.settings()
        assert (settings.place.name, settings.place.kind) == ("Gare routière", "autre")
        assert (settings.forget_after_days, settings.retention_months) == (30, 24)
        assert "Gare routière" in said(app)
        await press(pilot, "1")
        assert type(app.screen).__name__ in {"ConsentScreen", "ConfirmDialog"}
