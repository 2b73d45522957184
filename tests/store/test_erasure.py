"""Erasure and purge leave no trace in the database file's bytes, WAL included."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from evaluation.store.erasure import erase, expired, purge, traces
from tests.cli.helpers import run
from tests.sync.helpers import Place

NAME = "Quenotte-Zéphyrine"
NOTE = "habite-chez-sa-soeur-rue-des-Tilleuls"


def person(place: Place, name: str = NAME) -> str:
    interview_id = place.interview(name)
    place.workspace.store.save_note(interview_id, "devices", NOTE)
    return interview_id


def test_erase_leaves_no_trace_but_a_tombstone(home: Path) -> None:
    place = Place.open(home)
    kept = person(place, "Bjørn")
    gone = person(place)
    database = place.folder.database
    assert traces(database, NAME)  # the check does find what is there
    erase(place.workspace.store, gone)
    assert traces(database, NAME) == []
    assert traces(database, NOTE) == [database]  # Bjørn's note is still there
    store = place.workspace.store
    assert [r.id for r in store.interviews()] == [kept]
    assert store.query("SELECT COUNT(*) AS n FROM answers WHERE interview_id = ?", (gone,)) == [
        {"n": 0}
    ]
    assert store.query("SELECT interview_id FROM tombstones") == [{"interview_id": gone}]
    with pytest.raises(KeyError):
        erase(store, gone)


def test_purge_erases_only_what_is_older_than_the_retention(home: Path) -> None:
    place = Place.open(home)
    old, recent = person(place), person(place, "Ayşe")
    place.workspace.store.db.execute(
        "UPDATE interviews SET started_at = '2024-10-01T09:00:00.000+00:00' WHERE id = ?", (old,)
    )
    today = datetime(2026, 11, 23, tzinfo=UTC)
    assert expired(place.workspace.store, 24, today) == [old]
    assert expired(place.workspace.store, 26, today) == []
    assert purge(place.workspace.store, 24, today) == [old]
    assert [r.id for r in place.workspace.store.interviews()] == [recent]
    assert traces(place.folder.database, NAME) == []


def test_erase_and_purge_commands(home: Path) -> None:
    place = Place.open(home)
    gone = person(place)
    sheet = run("sheet", gone[:8], home=home)
    assert sheet.returncode == 0, sheet.stderr
    asked = run("erase", gone[:8], home=home, stdin="n\n")
    assert asked.returncode == 130 and "Erase interview" in asked.stderr
    out = run("erase", gone[:8], "--yes", home=home)
    assert out.stdout.strip() == f"erased {gone} and 1 sheet(s)"
    assert list((home / "exports").iterdir()) == []
    assert traces(place.folder.database, NAME) == []
    old = person(place, "Łukasz")
    place.workspace.store.db.execute(
        "UPDATE interviews SET started_at = '2020-01-01T00:00:00.000+00:00' WHERE id = ?", (old,)
    )
    assert run("purge", "--dry-run", home=home).stdout.strip() == (
        "1 interview(s) older than 24 months"
    )
    assert run("purge", home=home).stdout.strip() == "erased 1 interview(s) older than 24 months"
    assert traces(place.folder.database, "Łukasz") == []


def test_erasure_says_so_when_another_window_holds_the_log(home: Path) -> None:
    import sqlite3

    from evaluation.store import StoreError
    from evaluation.store.erasure import scrub

    place = Place.open(home)
    gone = person(place)
    reader = sqlite3.connect(place.folder.database)
    reader.execute("BEGIN")
    reader.execute("SELECT COUNT(*) FROM interviews").fetchone()  # a read in progress
    with pytest.raises(StoreError, match="another window of the app still holds"):
        erase(place.workspace.store, gone)
    reader.close()
    scrub(place.workspace.store)
    assert traces(place.folder.database, NAME) == []
