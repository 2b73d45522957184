"""The summary tables always hold exactly what a full recount gives: random interviews
over places, days and months, then erasures, reopenings, re-imports of newer revisions,
scores lost and scored again; and the dashboard reads the same from them as from the
interviews themselves."""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import cast

import pytest
import sqlite_utils

from evaluation.demo import MEDIATORS, PLACES, fill
from evaluation.interview.record import KeptStep, encode_steps
from evaluation.store.erasure import (
    PENDING,
    Scrub,
    bury,
    erase_many,
    pending,
    scrub,
    traces,
)
from evaluation.store.figures import figures
from evaluation.store.interviews import Store, row_of
from evaluation.store.row_types import AnswerRow
from evaluation.store.scores import refresh_scores, write_scores
from evaluation.store.summaries import periods
from evaluation.structure.figures import Figures, Filters
from evaluation.workspace import DEFAULT_QUESTIONNAIRE, Workspace
from tests.erasure.test_every_kind import COMMUNE, ELSEWHERE, KEPT, NAME, visitor
from tests.store.recount import before_summaries, recount, recounted, tables
from tests.store.test_store import reopened_after
from tests.sync.helpers import Place

EMPTIED = "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%_emptied_%'"


def same(store: Store, filters: Filters) -> None:
    equal(figures(store, filters), recount(store, filters))


def equal(got: Figures, want: Figures) -> None:
    """The same figures; the mean duration to the microsecond-minute (added up in
    milliseconds by the summaries)."""
    assert got.minutes == pytest.approx(want.minutes, abs=1e-6)
    got.minutes = want.minutes
    assert got == want


def random_filters(rng: random.Random, first: date, last: date) -> Filters:
    span = (last - first).days
    start = first + timedelta(days=rng.randint(-3, span))
    end = start + timedelta(days=rng.randint(0, span))
    places = tuple(rng.sample(sorted(_places()), rng.randint(0, 2)))
    return Filters(
        start=rng.choice([start, None]),
        end=rng.choice([end, None]),
        places=places,
        mediators=tuple(rng.sample(MEDIATORS, rng.randint(0, 1))),
    )


def _places() -> set[str]:
    return {p[0] for p in PLACES}


def change(workspace: Workspace, rng: random.Random) -> None:
    """One round of what happens to interviews and their scores, at random."""
    store = workspace.store
    ids = [r["id"] for r in store.query("SELECT id FROM interviews ORDER BY id")]
    erase_many(store, rng.sample(ids, 15))  # erasures, forgetting and purge all go here
    ids = [r["id"] for r in store.query("SELECT id FROM interviews ORDER BY id")]
    for interview_id in rng.sample(ids, 10):  # reopened, some finished again with steps
        store.reopen(interview_id)
        if rng.random() < 0.6:
            steps = [KeptStep(rng.choice(["equipment", "device-wish", None]), None)]
            store.finish(interview_id, steps)
    # A newer revision from a laptop: the office deletes its copy and inserts the new one
    # (another place, day and steps), scored in the same transaction.
    rows = store.query("SELECT * FROM interviews WHERE stage = 'finished' ORDER BY id")
    newer = [
        (row, store.query("SELECT * FROM answers WHERE interview_id = ?", (row["id"],)))
        for row in rng.sample(rows, 10)
    ]
    with store.transaction() as db:
        for row, answers in newer:
            db.execute("DELETE FROM interviews WHERE id = ?", (row["id"],))
            moved = rng.randint(-40, 40)
            row |= {
                "place_name": rng.choice(sorted(_places())),
                "mediator": None if rng.random() < 0.2 else row["mediator"],
                "started_at": _shift(row["started_at"], moved),
                "finished_at": _shift(row["finished_at"], moved),
                "updated_at": _shift(row["updated_at"], 60),
                "revision": row["revision"] + 1,
                "next_steps": encode_steps([KeptStep("equipment", None)]),
            }
            for answer in answers:
                answer.pop("interview_id")
            store.insert_finished(db, [(row_of(row), cast(list[AnswerRow], answers))])
            if rng.random() < 0.7:
                write_scores(db, workspace.published_for, [(row, answers)])
        # Paper forms keyed in: their typed duration counts, or none at all.
        finished = [r[0] for r in db.execute("SELECT id FROM interviews WHERE stage = 'finished'")]
        for n, interview_id in enumerate(rng.sample(sorted(finished), 6)):
            db.execute(
                "UPDATE interviews SET paper_form = ?, paper_minutes = ? WHERE id = ?",
                (f"P-{n}", rng.choice([None, 7, 12]), interview_id),
            )
        # Scores lost (a version not installed here) and changed in place.
        scored = [r[0] for r in db.execute("SELECT interview_id FROM scores ORDER BY 1")]
        for interview_id in rng.sample(scored, 8):
            db.execute("DELETE FROM scores WHERE interview_id = ?", (interview_id,))
        for interview_id in rng.sample(scored, 8):
            db.execute(
                "UPDATE scores SET level_id = 'debutant', levels = '{\"a\": null}',"
                ' proposed = \'["x", "x"]\' WHERE interview_id = ?',
                (interview_id,),
            )


def _shift(stamp: str | None, days: int) -> str | None:
    if stamp is None:
        return None
    return (datetime.fromisoformat(stamp) + timedelta(days=days)).isoformat(timespec="milliseconds")


@pytest.mark.parametrize("seed", [1, 2])
def test_summaries_equal_a_full_recount_through_random_changes(tmp_path: Path, seed: int) -> None:
    place = Place.open(tmp_path / "office")
    workspace = place.workspace
    store = workspace.store
    published = workspace.library.latest(DEFAULT_QUESTIONNAIRE)
    assert published is not None
    fill(store, published, 300, seed=seed, months=14)
    rng = random.Random(seed)
    days = store.query("SELECT MIN(started_at) AS a, MAX(started_at) AS b FROM interviews")[0]
    first, last = date.fromisoformat(days["a"][:10]), date.fromisoformat(days["b"][:10])
    for _ in range(3):
        kept = tables(store)
        assert kept == recounted(store)
        assert tables(store) == kept
        same(store, Filters())
        for _ in range(12):
            same(store, random_filters(rng, first, last))
        change(workspace, rng)
    due = {r for (r,) in tables(store)["scores_due"]}
    assert due and due == {
        r["id"]
        for r in store.query(
            "SELECT i.id FROM interviews i LEFT JOIN scores s ON s.interview_id = i.id"
            " WHERE i.stage = 'finished' AND (s.scored_for IS NULL OR s.scored_for != i.updated_at)"
        )
    }
    refresh_scores(store, workspace.published_for)
    assert tables(store) == recounted(store)
    assert not tables(store)["scores_due"]
    same(store, Filters())


def test_a_report_reads_whole_months_from_month_rows_and_the_edges_day_by_day() -> None:
    clause, params = periods(date(2025, 1, 15), date(2025, 4, 10))
    assert params == ["2025-01-15", "2025-01-31", "2025-02", "2025-03", "2025-04-01", "2025-04-10"]
    assert clause.count("grain = 'month'") == 1
    assert periods(date(2025, 2, 1), date(2025, 2, 28))[1] == ["2025-02", "2025-02"]
    assert periods(date(2025, 2, 3), date(2025, 2, 20))[1] == ["2025-02-03", "2025-02-20"]
    assert periods(None, None)[1] == [date.min.isoformat()[:7], date.max.isoformat()[:7]]
    assert periods(None, None, months=False)[1] == [date.min.isoformat(), date.max.isoformat()]


def test_figures_of_an_empty_database_are_zero(tmp_path: Path) -> None:
    store = Place.open(tmp_path / "office").workspace.store
    assert figures(store, Filters()) == recount(store, Filters()) == Figures(Filters())


def test_a_database_from_before_the_summaries_gets_them_counted(tmp_path: Path) -> None:
    place = Place.open(tmp_path / "office")
    store = place.workspace.store
    published = place.workspace.library.latest(DEFAULT_QUESTIONNAIRE)
    assert published is not None
    fill(store, published, 120, seed=5, months=3)
    before = recount(store, Filters())
    store.close()
    upgraded = reopened_after(place.folder.database, before_summaries)
    equal(figures(upgraded, Filters()), before)  # the dashboard reads as it did
    assert tables(upgraded)["summary_levels"] and tables(upgraded) == recounted(upgraded)


def test_rows_of_zero_left_before_m009_go_and_leave_no_trace(tmp_path: Path) -> None:
    """A database whose erasures left rows of 0 (the triggers of m008) loses them when it
    is opened, and the clean-up owed makes the commune gone from the file."""
    place = Place.open(tmp_path / "laptop")
    gone = visitor(place, NAME, COMMUNE)
    visitor(place, KEPT, ELSEWHERE)
    place.workspace.store.close()

    def erased_under_m008(db: sqlite_utils.Database) -> None:
        for name in [r[0] for r in db.execute(EMPTIED).fetchall()]:
            db.execute(f"DROP TRIGGER {name}")
        db.execute("DELETE FROM _sqlite_migrations WHERE name = 'm009_summaries_no_zero_rows'")
        bury(db, gone, "d", "2026-12-01T10:00:00.000+00:00")
        db.execute("DELETE FROM settings WHERE key = ?", (PENDING,))  # as if cleaned up then
        zeros = db.execute("SELECT COUNT(*) FROM summary_people WHERE commune = ?", (COMMUNE,))
        assert zeros.fetchone()[0] == 2  # its day and its month, each counting 0

    upgraded = reopened_after(place.folder.database, erased_under_m008)
    assert tables(upgraded) == recounted(upgraded)
    assert not [row for rows in tables(upgraded).values() for row in rows if COMMUNE in row]
    assert pending(upgraded)
    assert scrub(upgraded).status is Scrub.DONE
    assert traces(place.folder.database, COMMUNE) == []
    assert traces(place.folder.database, ELSEWHERE)  # the other visitor's rows stay
