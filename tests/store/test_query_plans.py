"""What opening and the home screen read, checked by SQLite's own query plans: no table
of what grows (interviews, answers, bundles) is walked whole, so the home screen is as
quick over ten years of an office's interviews as on a new laptop."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from evaluation.machine.paths import data_folder
from evaluation.operations.home import home_view
from evaluation.operations.opening import open_data
from evaluation.store import Store
from evaluation.store.figures import return_visits
from evaluation.structure.figures import Filters

# Small tables that may be read whole: one row per setting.
SMALL = {"settings"}


def walked_whole(store: Store, sql: str, params: tuple[Any, ...]) -> list[str]:
    """The plan's lines that read a table whole, other than a small one or through an
    index of a part only (a partial index)."""
    partial = {
        row["name"]
        for row in store.query(
            "SELECT name FROM sqlite_master WHERE type = 'index' AND sql LIKE '% WHERE %'"
        )
    }
    lines = []
    for row in store.query("EXPLAIN QUERY PLAN " + sql, params):
        detail = str(row["detail"])
        words = detail.split()
        if words[0] != "SCAN" or words[1] in SMALL or "VIRTUAL TABLE" in detail:
            continue
        if "INDEX" in words and words[words.index("INDEX") + 1] in partial:
            continue
        lines.append(detail)
    return lines


@contextmanager
def queries(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[tuple[str, tuple[Any, ...]]]]:
    """Every query the store runs meanwhile, with its parameters."""
    seen: list[tuple[str, tuple[Any, ...]]] = []
    real = Store.query

    def recording(self: Store, sql: str, params: Any = ()) -> list[dict[str, Any]]:
        seen.append((sql, tuple(params)))
        return real(self, sql, params)

    monkeypatch.setattr(Store, "query", recording)
    yield seen
    monkeypatch.setattr(Store, "query", real)


def assert_no_walk(store: Store, seen: list[tuple[str, tuple[Any, ...]]]) -> None:
    walks = {sql: walked_whole(store, sql, params) for sql, params in seen}
    assert {sql: lines for sql, lines in walks.items() if lines} == {}


def test_opening_and_every_return_home_walk_no_growing_table(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with queries(monkeypatch) as seen:
        folder = data_folder(home)
        workspace = open_data(folder, folder.database).workspace
        home_view(workspace)
    store = workspace.store
    assert any("interviews" in sql for sql, _ in seen)  # the home figure was read
    assert_no_walk(store, seen)
    store.close()


def test_the_home_figure_counts_the_unfinished_only(home: Path) -> None:
    folder = data_folder(home)
    workspace = open_data(folder, folder.database).workspace
    store = workspace.store
    first = store.start("q", 1, "0" * 64, "fr")
    store.start("q", 1, "0" * 64, "fr")
    store.finish(first, [])
    assert home_view(workspace).unfinished == 1
    assert first not in [r.id for r in store.interviews(unfinished=True)]
    assert [r.id for r in store.interviews(unfinished=False)] == [first]
    store.close()


def test_the_reports_return_visits_walk_no_growing_table(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The progress figures read the return visits through their partial index (m013),
    whatever the filters: never every interview."""
    folder = data_folder(home)
    workspace = open_data(folder, folder.database).workspace
    store = workspace.store
    with queries(monkeypatch) as seen:
        for filters in (
            Filters(),
            Filters(date(2026, 1, 1), date(2026, 6, 30)),
            Filters(places=("Marché",), mediators=("A. M.",)),
        ):
            return_visits(store, filters, workspace.published_for)
    assert len(seen) == 6
    assert_no_walk(store, seen)
    store.close()
