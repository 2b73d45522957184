"""A returning visitor's earlier visit (migration m012), on a real SQLite file: kept with
the interview, read back by `get` and by lists, replaced or forgotten, gone with it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from evaluation.interview.return_code import PreviousVisit
from evaluation.store import Store
from evaluation.store.erasure import erase

EARLIER = PreviousVisit(
    code="K7M29QX4T",
    questionnaire_id="diagnostic-base",
    questionnaire_version=1,
    month="2026-10",
    levels={"device": "debutant", "safety": "autonome"},
)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    s = Store.open(tmp_path / "db.sqlite3", "device-1")
    yield s
    s.close()


def started(store: Store) -> str:
    return store.start("diagnostic-base", 2, "0" * 64, "fr")


def level_rows(store: Store) -> list[tuple[str, str, str]]:
    return [
        (r["interview_id"], r["competence"], r["level"])
        for r in store.query("SELECT * FROM previous_levels ORDER BY competence")
    ]


def test_a_first_visit_has_no_earlier_one(store: Store) -> None:
    interview_id = started(store)
    assert store.get(interview_id).previous is None
    row = store.query("SELECT return_code, previous_month FROM interviews")[0]
    assert row == {"return_code": None, "previous_month": None}


def test_the_earlier_visit_is_kept_and_read_back(store: Store) -> None:
    first, returning = started(store), started(store)
    store.set_previous(returning, EARLIER)
    assert store.get(returning).previous == EARLIER
    by_id = {r.id: r.previous for r in store.interviews()}
    assert by_id == {first: None, returning: EARLIER}
    assert level_rows(store) == [
        (returning, "device", "debutant"),
        (returning, "safety", "autonome"),
    ]


def test_another_code_replaces_the_first_and_none_forgets_it(store: Store) -> None:
    interview_id = started(store)
    store.set_previous(interview_id, EARLIER)
    other = PreviousVisit("ABCD1234Z", "diagnostic-base", 2, "2026-11", {"device": "autonome"})
    store.set_previous(interview_id, other)
    assert store.get(interview_id).previous == other
    assert level_rows(store) == [(interview_id, "device", "autonome")]
    store.set_previous(interview_id, None)
    assert store.get(interview_id).previous is None and level_rows(store) == []


def test_an_unknown_interview_is_a_key_error(store: Store) -> None:
    with pytest.raises(KeyError):
        store.set_previous("nobody", EARLIER)


def test_erasing_the_interview_erases_its_code_and_levels(tmp_path: Path, store: Store) -> None:
    gone, kept = started(store), started(store)
    store.set_previous(gone, EARLIER)
    store.set_previous(kept, PreviousVisit("ZZZZ9999A", "diagnostic-base", 2, "2026-11", {}))
    erase(store, gone)
    assert level_rows(store) == []
    assert store.get(kept).previous is not None
    assert not store.query("SELECT 1 FROM interviews WHERE return_code = ?", (EARLIER.code,))
