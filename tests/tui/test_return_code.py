"""The consent screen takes a returning visitor's progress code (Pilot, real SQLite)."""

from __future__ import annotations

from pathlib import Path

from textual.app import App
from textual.pilot import Pilot
from textual.widgets import Input, Static

from evaluation.interview.return_code import make_code, printed
from evaluation.machine.paths import data_folder
from evaluation.questionnaire import load_file
from evaluation.store import Store
from evaluation.tui.screens.consent import ConsentScreen
from tests.tui.driver import SIZE, make_app, press, settle

SHIPPED = Path(__file__).parents[2] / "questionnaires" / "diagnostic-base"
V1 = load_file(SHIPPED / "1.yaml").questionnaire
V2 = load_file(SHIPPED / "2.yaml").questionnaire
LEVELS = {"device": "autonome", "information": "debutant", "safety": "en_progres"}


def said(app: App[None]) -> str:
    return str(app.screen.query_one("#code-said", Static).render())


def stored(home: Path) -> list[dict[str, object]]:
    store = Store.open(data_folder(home).database, "reader")
    try:
        return store.query(
            "SELECT i.return_code, i.previous_month, p.competence, p.level FROM interviews i"
            " LEFT JOIN previous_levels p ON p.interview_id = i.id ORDER BY p.competence"
        )
    finally:
        store.close()


async def type_code(pilot: Pilot[None], code: str) -> None:
    await press(pilot, "c")
    await pilot.press(*code)
    await press(pilot, "enter")


async def test_a_typed_code_is_read_kept_and_the_consent_keys_work_again(home: Path) -> None:
    code = printed(make_code(V2, "2026-10", LEVELS))
    app = make_app(home)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "1")
        assert isinstance(app.screen, ConsentScreen)
        await type_code(pilot, code.lower())
        assert said(app) == (
            f"Code {code} lu : visite précédente en octobre 2026, 3 compétences évaluées."
        )
        await press(pilot, "n")  # the consent keys answer again: anonymous
        assert not isinstance(app.screen, ConsentScreen)
    rows = stored(home)
    assert {(r["competence"], r["level"]) for r in rows} == set(LEVELS.items())
    assert {(r["return_code"], r["previous_month"]) for r in rows} == {
        (code.replace("-", ""), "2026-10")
    }


async def test_a_mistyped_code_is_refused_in_one_line_and_nothing_is_kept(home: Path) -> None:
    code = make_code(V2, "2026-10", LEVELS)
    swapped = code[1] + code[0] + code[2:]
    app = make_app(home)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "1")
        await type_code(pilot, swapped)
        line = said(app)
        assert line.startswith("Code refusé : un caractère est mal tapé ou deux sont inversés")
        assert "\n" not in line
        # Typed again, right this time, in the same field.
        field = app.screen.query_one("#code-input", Input)
        field.value = ""
        await pilot.press(*code)
        await press(pilot, "enter")
        assert said(app).startswith(f"Code {printed(code)} lu")
    assert stored(home)[0]["return_code"] == code


async def test_a_code_of_another_version_reads_by_competence_id(home: Path) -> None:
    """Version 1's code typed into a version 2 interview: read by competence id (what a
    version lacks is said apart: tests/test_travelled.py)."""
    code = make_code(V1, "2025-06", {"device": "debutant"})
    app = make_app(home)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "1")
        await type_code(pilot, code)
        assert said(app).startswith(f"Code {printed(code)} lu : visite précédente en juin 2025")
    rows = stored(home)
    assert [(r["competence"], r["level"]) for r in rows] == [("device", "debutant")]
