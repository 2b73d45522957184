"""The local store, on a real SQLite file."""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from evaluation.answers import Answer, Status
from evaluation.store import Place, Settings, Store, StoreError
from evaluation.store.interviews import Profile, device_id
from evaluation.store.migrations import MIGRATIONS


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    s = Store.open(tmp_path / "db.sqlite3", "device-1")
    yield s
    s.close()


ALL = ["m001_initial", "m002_sync", "m003_scores"]


def test_durable_pragmas_and_schema(tmp_path: Path, store: Store) -> None:
    conn = sqlite3.connect(tmp_path / "db.sqlite3")
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.db.execute("PRAGMA synchronous").fetchone()[0] == 2
    assert {"interviews", "answers", "answer_history", "settings"} <= set(store.db.table_names())
    assert [m.name for m in MIGRATIONS.applied(store.db)] == ALL


def test_reopening_applies_no_migration_twice(tmp_path: Path) -> None:
    for _ in range(2):
        s = Store.open(tmp_path / "db.sqlite3", "d")
        assert len(MIGRATIONS.applied(s.db)) == 3
        s.close()


def test_a_database_of_the_first_schema_is_upgraded_with_its_data(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    old = Store.open(path, "d")
    interview_id = old.start("mini", 1, "0" * 64, "fr")
    for table in (
        "sync_conflicts",
        "records_imported",
        "bundles_imported",
        "bundle_records",
        "bundles_sent",
        "tombstones",
    ):
        old.db.execute(f"DROP TABLE {table}")
    old.db.execute("DELETE FROM _sqlite_migrations WHERE name = 'm002_sync'")
    old.db.conn.commit()
    old.close()
    upgraded = Store.open(path, "d")
    assert sorted(m.name for m in MIGRATIONS.applied(upgraded.db)) == ALL
    assert upgraded.get(interview_id).questionnaire_id == "mini"
    assert "tombstones" in upgraded.db.table_names()


def test_device_id_is_created_once(tmp_path: Path) -> None:
    first = device_id(tmp_path / "home")
    assert first == device_id(tmp_path / "home")
    assert len(first) == 36


def test_not_a_database_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite3"
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match=r"notes\.sqlite3: cannot open the database"):
        Store.open(path, "d")


def test_interview_pins_questionnaire_and_place(store: Store) -> None:
    store.save_settings(Settings(place=Place(name="Marché", commune="Niort", postcode="79000")))
    interview = store.start("mini", 1, "ab" * 32, "fr")
    record = store.get(interview)
    assert (record.questionnaire_id, record.questionnaire_version) == ("mini", 1)
    assert record.questionnaire_sha256 == "ab" * 32
    assert record.place_name == "Marché"
    assert record.stage == "consent"
    assert record.finished_at is None


def test_answers_are_committed_and_history_kept(tmp_path: Path, store: Store) -> None:
    interview = store.start("mini", 1, "0" * 64, "fr")
    store.save_answer(interview, "password", Answer(Status.ANSWERED, ("same",)), "scam_sms")
    store.save_answer(interview, "password", Answer(Status.ANSWERED, ("varied",)), "scam_sms")
    store.save_answer(interview, "scam_sms", Answer(Status.DONT_KNOW), "updates")
    # Another connection sees every answer at once: they are committed.
    other = sqlite3.connect(tmp_path / "db.sqlite3")
    rows = other.execute("SELECT question_id, choices FROM answers ORDER BY question_id").fetchall()
    assert rows == [("password", '["varied"]'), ("scam_sms", "[]")]
    assert store.answers(interview)["scam_sms"].status is Status.DONT_KNOW
    assert [a.choices for a in store.history(interview, "password")] == [("same",), ("varied",)]
    assert store.get(interview).position == "updates"


def test_refused_consent_keeps_nothing_identifying(store: Store) -> None:
    interview = store.start("mini", 1, "0" * 64, "fr")
    store.record_consent(interview, given=False, text_version="consent-1")
    store.save_profile(interview, Profile(first_name="Camille", age_band="soixante_dix_plus"))
    record = store.get(interview)
    assert record.consent_given is False
    assert record.profile.first_name is None
    assert record.profile.age_band == "soixante_dix_plus"


def test_consent_then_profile_then_finish(store: Store) -> None:
    interview = store.start("mini", 1, "0" * 64, "fr")
    store.record_consent(interview, given=True, text_version="consent-1")
    store.save_profile(interview, Profile(first_name="  Zoë ", postcode="79000"))
    store.finish(interview, ["basics", "safety"])
    record = store.get(interview)
    assert record.profile.first_name == "Zoë"
    assert record.stage == "finished"
    assert record.next_steps == ("basics", "safety")
    assert record.finished_at is not None and record.finished_at >= record.started_at
    assert store.interviews(unfinished=True) == []
    assert [r.id for r in store.interviews(unfinished=False)] == [interview]


def test_notes_are_kept_beside_answers(store: Store) -> None:
    interview = store.start("mini", 1, "0" * 64, "fr")
    store.save_note(interview, "password", "hésite")
    store.save_answer(interview, "password", Answer(Status.ANSWERED, ("same",)), None)
    assert store.notes(interview) == {"password": "hésite"}


def test_two_instances_wait_for_each_other(tmp_path: Path) -> None:
    path = tmp_path / "shared.sqlite3"
    first, second = Store.open(path, "a"), Store.open(path, "b")
    interview = first.start("mini", 1, "0" * 64, "fr")
    blocker = sqlite3.connect(path, isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")
    done = threading.Event()

    def write() -> None:
        second.save_answer(interview, "password", Answer(Status.SKIPPED), None)
        done.set()

    thread = threading.Thread(target=write)
    thread.start()
    time.sleep(0.3)
    assert not done.is_set()  # waiting, not failing
    blocker.execute("COMMIT")
    thread.join(timeout=10)
    assert done.is_set()
    assert first.answers(interview)["password"].status is Status.SKIPPED
