"""The local store, on a real SQLite file."""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import sqlite_utils

from evaluation.interview.answers import Answer, Status
from evaluation.interview.record import KeptStep, Profile, Stage
from evaluation.machine.device import device_id
from evaluation.store import Store, StoreError
from evaluation.store.database import APPLICATION_ID
from evaluation.store.migrations import MIGRATIONS, m005_laptops
from evaluation.store.row_types import AnswerRow, InterviewRow
from evaluation.store.rows import ANSWER_COLUMNS, INTERVIEW_COLUMNS, PAPER_COLUMNS, interview_row
from evaluation.structure.settings import Place, Settings
from tests.conftest import FR
from tests.store.recount import before_summaries


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    s = Store.open(tmp_path / "db.sqlite3", "device-1")
    yield s
    s.close()


ALL = [
    "m001_initial",
    "m002_sync",
    "m003_scores",
    "m004_kept_steps_and_revisions",
    "m005_laptops",
    "m006_laptops_withdrawn",
    "m007_paper",
    "m008_summaries",
    "m009_summaries_no_zero_rows",
    "m010_summaries_home",
    "m011_opening_indexes",
    "m012_previous_visit",
    "m013_return_visits_index",
]


def test_durable_pragmas_and_schema(tmp_path: Path, store: Store) -> None:
    conn = sqlite3.connect(tmp_path / "db.sqlite3")
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.db.execute("PRAGMA synchronous").fetchone()[0] == 2
    assert {"interviews", "answers", "answer_history", "settings"} <= set(store.db.table_names())
    assert [m.name for m in MIGRATIONS.applied(store.db)] == ALL


def test_reopening_applies_no_migration_twice(tmp_path: Path) -> None:
    for _ in range(2):
        s = Store.open(tmp_path / "db.sqlite3", "d")
        assert len(MIGRATIONS.applied(s.db)) == len(ALL)
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


def reopened_after(path: Path, *steps: str | Callable[[sqlite_utils.Database], object]) -> Store:
    """This app's database put back to an older schema by `steps` (SQL, or a function of
    the database), then opened again: the migrations bring it up to date."""
    old = Store.open(path, "d")
    for step in steps:
        if isinstance(step, str):
            old.db.execute(step)
        else:
            step(old.db)
    old.db.conn.commit()
    old.close()
    return Store.open(path, "d")


def test_an_office_database_from_before_signatures_gets_its_laptops_table(
    tmp_path: Path,
) -> None:
    upgraded = reopened_after(
        tmp_path / "db.sqlite3",
        "DROP TABLE laptops",
        "DELETE FROM _sqlite_migrations WHERE name LIKE 'm00%_laptops%'",
    )
    assert "laptops" in upgraded.db.table_names()
    assert sorted(m.name for m in MIGRATIONS.applied(upgraded.db)) == ALL


def test_laptops_enrolled_before_withdrawal_existed_are_kept_and_can_be_withdrawn(
    tmp_path: Path,
) -> None:
    upgraded = reopened_after(
        tmp_path / "db.sqlite3",
        "DROP TABLE laptops",
        "DELETE FROM _sqlite_migrations WHERE name = 'm006_laptops_withdrawn'",
        m005_laptops,  # the table as m005 made it
        "INSERT INTO laptops VALUES ('pk', 'dev', 'AAAA-BBBB-CCCC-DDDD',"
        " '2026-01-02T10:00:00Z', 'enrolled', '2026-01-03T10:00:00Z')",
    )
    assert sorted(m.name for m in MIGRATIONS.applied(upgraded.db)) == ALL
    (row,) = upgraded.query("SELECT * FROM laptops")
    assert row["status"] == "enrolled" and row["enrolled_at"] == "2026-01-03T10:00:00Z"
    with upgraded.transaction() as db:
        db.execute("UPDATE laptops SET status = 'withdrawn', withdrawn_at = 'now'")
    with pytest.raises(StoreError), upgraded.transaction() as db:
        db.execute("UPDATE laptops SET status = 'lost'")
    upgraded.close()


def test_interviews_from_before_paper_keep_their_rows_and_records(tmp_path: Path) -> None:
    """m007_paper adds the paper columns; an interview done on screen before it reads
    back with no paper mark and syncs as the very record it was."""
    path = tmp_path / "db.sqlite3"
    store = Store.open(path, "d")
    interview_id = store.start("diagnostic-base", 2, "0" * 64, "fr")
    store.finish(interview_id, [])
    before = interview_row(store.query("SELECT * FROM interviews")[0])
    assert not set(PAPER_COLUMNS) & set(before)  # what the sync record carries
    store.close()

    def before_paper(db: sqlite_utils.Database) -> None:
        before_summaries(db)  # m008 comes after m007, and its triggers read paper columns
        db.execute("DROP INDEX interviews_paper")
        for column in ("paper_form", "paper_date", "paper_minutes"):
            db.execute(f"ALTER TABLE interviews DROP COLUMN {column}")
        db.execute("DELETE FROM _sqlite_migrations WHERE name = 'm007_paper'")

    upgraded = reopened_after(path, before_paper)
    assert sorted(m.name for m in MIGRATIONS.applied(upgraded.db)) == ALL
    assert upgraded.get(interview_id).paper is None
    row = upgraded.query("SELECT * FROM interviews")[0]
    assert row["paper_form"] is None and row["paper_minutes"] is None
    assert interview_row(row) == before  # the same record, so the same hash
    upgraded.close()


def test_device_id_is_created_once(tmp_path: Path) -> None:
    first = device_id(tmp_path / "home")
    assert first == device_id(tmp_path / "home")
    assert len(first) == 36


def test_not_a_database_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite3"
    path.write_bytes(b"this is not sqlite" * 100)
    before = path.read_bytes()
    with pytest.raises(StoreError) as caught:
        Store.open(path, "d")
    assert caught.value.lines(FR) == [
        f"{path}: ce fichier n'est pas une base de données : il n'a pas été modifié ; "
        "donnez le bon fichier"
    ]
    assert path.read_bytes() == before


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
    store.finish(interview, [KeptStep("basics", None), KeptStep("safety", "svc-1")])
    record = store.get(interview)
    assert record.profile.first_name == "Zoë"
    assert record.stage is Stage.FINISHED
    assert record.next_steps == (KeptStep("basics", None), KeptStep("safety", "svc-1"))
    raw = store.query("SELECT next_steps FROM interviews")[0]["next_steps"]
    assert raw == '["basics|", "safety|svc-1"]'  # the stored (and synced) form
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


def test_a_finished_interview_reopened_keeps_its_first_finishing_time(store: Store) -> None:
    interview = store.start("mini", 1, "0" * 64, "fr")
    store.finish(interview, [KeptStep("basics", None)])
    first = store.get(interview)
    store.reopen(interview)
    reopened = store.get(interview)
    assert (reopened.stage, reopened.revision) == (Stage.RESULTS, 1)
    assert reopened.changed_at is not None and reopened.next_steps == first.next_steps
    store.finish(interview, [KeptStep("basics", None), KeptStep(None, "svc-2")])
    again = store.get(interview)
    assert again.finished_at == first.finished_at
    assert (again.stage, again.revision) == (Stage.FINISHED, 1)


def test_kept_steps_are_stored_as_they_change(store: Store) -> None:
    interview = store.start("mini", 1, "0" * 64, "fr")
    assert store.get(interview).next_steps is None  # nothing chosen yet
    store.keep_steps(interview, [KeptStep("safety", "svc-1")], ["svc-9"])
    record = store.get(interview)
    assert record.next_steps == (KeptStep("safety", "svc-1"),)
    assert record.steps_added == ("svc-9",)


def test_an_interview_without_answers_can_be_discarded(store: Store) -> None:
    empty = store.start("mini", 1, "0" * 64, "fr")
    answered = store.start("mini", 1, "0" * 64, "fr")
    store.save_answer(answered, "password", Answer(Status.SKIPPED), None)
    assert store.discard(empty) is True
    assert store.discard(answered) is False
    assert [r.id for r in store.interviews()] == [answered]


def test_our_databases_are_marked_and_another_apps_file_is_refused_untouched(
    tmp_path: Path, store: Store
) -> None:
    assert store.db.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    foreign = tmp_path / "notes.db"
    conn = sqlite3.connect(foreign)
    conn.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)")
    conn.execute("INSERT INTO notes (body) VALUES ('courses')")
    conn.commit()
    conn.close()
    before = foreign.read_bytes()
    with pytest.raises(StoreError) as caught:
        Store.open(foreign, "d")
    assert caught.value.lines(FR) == [
        f"{foreign}: ce fichier est la base de données d'une autre application : il n'a pas "
        "été modifié ; donnez un autre fichier"
    ]
    assert foreign.read_bytes() == before
    tables = sqlite3.connect(foreign).execute("SELECT name FROM sqlite_master").fetchall()
    assert tables == [("notes",)]


def test_a_database_from_before_the_mark_is_still_ours(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    Store.open(path, "d").close()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA application_id = 0")  # as databases made before the mark
    conn.commit()
    conn.close()
    reopened = Store.open(path, "d")
    assert reopened.db.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID


def test_a_locked_database_is_said_in_words(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    store = Store.open(path, "d")
    store.db.execute("PRAGMA busy_timeout = 100")
    blocker = sqlite3.connect(path, isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")
    try:
        with pytest.raises(StoreError) as caught:
            store.start("mini", 1, "0" * 64, "fr")
    finally:
        blocker.execute("ROLLBACK")
    assert caught.value.lines(FR) == [
        f"{path}: la base de données est occupée par une autre fenêtre de l'application : "
        "fermez-la, puis recommencez"
    ]
    assert store.interviews() == []


def test_settings_that_do_not_read_back_fall_back_to_their_defaults(store: Store) -> None:
    store.set_value(
        "settings",
        '{"place": {"name": "Marché", "kind": "sous-marin"}, "retention_months": "beaucoup",'
        ' "mediator": "A. M."}',
    )
    settings = store.settings()
    assert settings.place.name == "Marché" and settings.place.kind == "autre"
    assert settings.retention_months == 24 and settings.mediator == "A. M."


def test_the_stored_columns_are_those_of_the_rows_types() -> None:
    """`rows` names the columns without importing their validating types: the same."""
    assert tuple(InterviewRow.__annotations__) == INTERVIEW_COLUMNS
    assert tuple(AnswerRow.__annotations__) == ANSWER_COLUMNS
