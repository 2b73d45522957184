"""Interviews staged in memory (the office's second thread) and copied into a store hold
exactly what inserting them row by row gives: the same rows, scores and summaries."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from evaluation.demo import fill
from evaluation.interview.return_code import PreviousVisit
from evaluation.store.interviews import Store, row_of
from evaluation.store.row_types import AnswerRow, InterviewRow
from evaluation.store.rows import ANSWER_COLUMNS
from evaluation.store.scores import score_rows
from evaluation.store.staging import attached, copy_staged, stage
from evaluation.workspace import DEFAULT_QUESTIONNAIRE, Workspace
from tests.store.recount import tables
from tests.sync.helpers import Place


def rows_of(store: Store) -> list[tuple[InterviewRow, list[AnswerRow]]]:
    interviews = store.query("SELECT * FROM interviews ORDER BY id")
    answers: dict[str, list[AnswerRow]] = {}
    for answer in store.query("SELECT * FROM answers ORDER BY interview_id, question_id"):
        row: Any = {c: answer[c] for c in ANSWER_COLUMNS}
        answers.setdefault(answer["interview_id"], []).append(row)
    return [(row_of(r), answers.get(r["id"], [])) for r in interviews]


def earlier(store: Store) -> dict[str, PreviousVisit]:
    """The earlier visit of each return visit (demo data has some), by interview id."""
    records = store.records(store.query("SELECT * FROM interviews"))
    return {r.id: r.previous for r in records if r.previous is not None}


def content(store: Store) -> dict[str, Any]:
    return {
        table: store.query(f"SELECT * FROM {table} ORDER BY 1, 2")
        for table in ("interviews", "answers", "scores", "previous_levels")
    } | tables(store)


def filled(workspace: Workspace, count: int) -> None:
    published = workspace.library.latest(DEFAULT_QUESTIONNAIRE)
    assert published is not None
    fill(workspace.store, published, count, seed=7)
    with workspace.store.transaction() as db:
        db.execute("DELETE FROM settings WHERE key = 'demo'")
        db.execute("DELETE FROM answer_history")  # not part of what a bundle carries


def test_a_staged_copy_equals_the_rows_inserted_one_by_one(tmp_path: Path) -> None:
    source, copy = Place.open(tmp_path / "source"), Place.open(tmp_path / "copy")
    filled(source.workspace, 60)
    rows = rows_of(source.workspace.store)
    previous = earlier(source.workspace.store)
    assert previous  # return visits are staged too
    staged = stage(rows, score_rows(copy.workspace.published_for, rows), previous)

    with attached(copy.workspace.store, staged), copy.workspace.store.transaction() as db:
        copy_staged(db)

    assert len(content(copy.workspace.store)["interviews"]) == 60
    assert content(copy.workspace.store) == content(source.workspace.store)


def test_only_the_interviews_asked_for_are_copied(tmp_path: Path) -> None:
    source, copy = Place.open(tmp_path / "source"), Place.open(tmp_path / "copy")
    filled(source.workspace, 12)
    rows = rows_of(source.workspace.store)
    staged = stage(rows, score_rows(copy.workspace.published_for, rows))
    wanted = [row["id"] for row, _ in rows[::3]]

    store = copy.workspace.store
    with attached(store, staged), store.transaction() as db:
        copy_staged(db, wanted)

    assert {r["id"] for r in store.query("SELECT id FROM interviews")} == set(wanted)
    assert {r["interview_id"] for r in store.query("SELECT interview_id FROM answers")} == set(
        wanted
    )
    assert {r["interview_id"] for r in store.query("SELECT interview_id FROM scores")} == set(
        wanted
    )
    # Nothing stays attached once the copy is done.
    assert "staged" not in [r[1] for r in store.db.execute("PRAGMA database_list")]
