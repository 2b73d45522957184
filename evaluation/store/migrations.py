"""Versioned schema migrations (sqlite-utils' migration sets). Never edit one: add one."""

from __future__ import annotations

import sqlite_utils
from sqlite_utils.migrations import Migrations

from evaluation.store import summaries

MIGRATIONS = Migrations("evaluation")


@MIGRATIONS()
def m001_initial(db: sqlite_utils.Database) -> None:
    db.execute(
        """
        CREATE TABLE settings (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        )"""
    )
    db.execute(
        """
        CREATE TABLE interviews (
            id TEXT PRIMARY KEY,
            device_id TEXT NOT NULL,
            questionnaire_id TEXT NOT NULL,
            questionnaire_version INTEGER NOT NULL,
            questionnaire_sha256 TEXT NOT NULL,
            lang TEXT NOT NULL,
            stage TEXT NOT NULL,
            position TEXT,
            started_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            finished_at TEXT,
            consent_given INTEGER,
            consent_version TEXT,
            consent_at TEXT,
            first_name TEXT,
            age_band TEXT,
            social_status TEXT,
            gender TEXT,
            commune TEXT,
            postcode TEXT,
            place_name TEXT,
            place_commune TEXT,
            place_postcode TEXT,
            place_kind TEXT,
            mediator TEXT,
            next_steps TEXT
        )"""
    )
    db.execute("CREATE INDEX interviews_started ON interviews (started_at)")
    db.execute(
        """
        CREATE TABLE answers (
            interview_id TEXT NOT NULL REFERENCES interviews (id) ON DELETE CASCADE,
            question_id TEXT NOT NULL,
            status TEXT NOT NULL,
            choices TEXT NOT NULL,
            text TEXT,
            note TEXT,
            answered_at TEXT NOT NULL,
            PRIMARY KEY (interview_id, question_id)
        )"""
    )
    db.execute(
        """
        CREATE TABLE answer_history (
            id INTEGER PRIMARY KEY,
            interview_id TEXT NOT NULL REFERENCES interviews (id) ON DELETE CASCADE,
            question_id TEXT NOT NULL,
            status TEXT NOT NULL,
            choices TEXT NOT NULL,
            text TEXT,
            note TEXT,
            answered_at TEXT NOT NULL
        )"""
    )
    db.execute("CREATE INDEX answer_history_interview ON answer_history (interview_id)")


@MIGRATIONS()
def m002_sync(db: sqlite_utils.Database) -> None:
    """USB sync: what a laptop sent and got receipts for; what an office imported."""
    # An erased interview: the id only, so the erasure can travel and stay applied.
    db.execute(
        """
        CREATE TABLE tombstones (
            interview_id TEXT PRIMARY KEY,
            device_id TEXT NOT NULL,
            erased_at TEXT NOT NULL
        )"""
    )
    # Laptop side: each bundle written, and the exact records (id + content hash) in it.
    db.execute(
        """
        CREATE TABLE bundles_sent (
            seq INTEGER PRIMARY KEY,
            file_name TEXT NOT NULL,
            file_sha256 TEXT NOT NULL,
            content_sha256 TEXT NOT NULL,
            written_at TEXT NOT NULL,
            acknowledged_at TEXT
        )"""
    )
    db.execute(
        """
        CREATE TABLE bundle_records (
            seq INTEGER NOT NULL REFERENCES bundles_sent (seq),
            record_id TEXT NOT NULL,
            record_sha256 TEXT NOT NULL,
            PRIMARY KEY (seq, record_id)
        )"""
    )
    db.execute("CREATE INDEX bundle_records_record ON bundle_records (record_id, record_sha256)")
    # Office side: bundles imported, the content hash of every record taken in, and
    # records kept aside because their id was already known with other content.
    db.execute(
        """
        CREATE TABLE bundles_imported (
            file_sha256 TEXT PRIMARY KEY,
            device_id TEXT NOT NULL,
            seq INTEGER NOT NULL,
            content_sha256 TEXT NOT NULL,
            imported_at TEXT NOT NULL
        )"""
    )
    db.execute("CREATE INDEX bundles_imported_device ON bundles_imported (device_id, seq)")
    db.execute(
        """
        CREATE TABLE records_imported (
            record_id TEXT PRIMARY KEY,
            record_sha256 TEXT NOT NULL,
            device_id TEXT NOT NULL,
            imported_at TEXT NOT NULL
        )"""
    )
    db.execute(
        """
        CREATE TABLE sync_conflicts (
            record_id TEXT NOT NULL,
            record_sha256 TEXT NOT NULL,
            device_id TEXT NOT NULL,
            received_at TEXT NOT NULL,
            record TEXT NOT NULL,
            PRIMARY KEY (record_id, record_sha256)
        )"""
    )


@MIGRATIONS()
def m003_scores(db: sqlite_utils.Database) -> None:
    """Scored results, derived from the answers and kept for reports and the CRA export.

    A cache: rebuilt from the answers and the questionnaire version at any time, never
    synced, deleted with its interview. `levels` maps each competence to its level (JSON).
    """
    db.execute(
        """
        CREATE TABLE scores (
            interview_id TEXT PRIMARY KEY REFERENCES interviews (id) ON DELETE CASCADE,
            scored_for TEXT NOT NULL,
            level_id TEXT,
            autonomie TEXT,
            levels TEXT NOT NULL,
            materiel TEXT NOT NULL,
            thematiques TEXT NOT NULL,
            proposed TEXT NOT NULL,
            structure TEXT
        )"""
    )


@MIGRATIONS()
def m004_kept_steps_and_revisions(db: sqlite_utils.Database) -> None:
    """Kept steps saved as they change (and services added from the catalogue); a finished
    interview changed later gets a new revision, so the office takes the change."""
    db.execute("ALTER TABLE interviews ADD COLUMN steps_added TEXT")
    db.execute("ALTER TABLE interviews ADD COLUMN revision INTEGER NOT NULL DEFAULT 0")
    db.execute("ALTER TABLE interviews ADD COLUMN changed_at TEXT")


@MIGRATIONS()
def m005_laptops(db: sqlite_utils.Database) -> None:
    """Office side: the laptops whose bundles it takes, each known by its Ed25519 public
    key (base64 of the raw key). A laptop seen for the first time is `pending` until
    the coordinator confirms its fingerprint; then `enrolled`, with when. One key names
    one device; a device has at most one enrolled key."""
    db.execute(
        """
        CREATE TABLE laptops (
            public_key TEXT PRIMARY KEY,
            device_id TEXT NOT NULL,
            fingerprint TEXT NOT NULL UNIQUE,
            first_seen TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('pending', 'enrolled')),
            enrolled_at TEXT
        )"""
    )
    db.execute(
        "CREATE UNIQUE INDEX laptops_enrolled ON laptops (device_id) WHERE status = 'enrolled'"
    )


@MIGRATIONS()
def m006_laptops_withdrawn(db: sqlite_utils.Database) -> None:
    """Office side: a laptop can be withdrawn (lost, stolen, given away): its key's
    bundles are refused from then on. SQLite cannot change a CHECK in place, so the
    table is rebuilt with its rows."""
    db.execute(
        """
        CREATE TABLE laptops_new (
            public_key TEXT PRIMARY KEY,
            device_id TEXT NOT NULL,
            fingerprint TEXT NOT NULL UNIQUE,
            first_seen TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('pending', 'enrolled', 'withdrawn')),
            enrolled_at TEXT,
            withdrawn_at TEXT
        )"""
    )
    db.execute(
        "INSERT INTO laptops_new (public_key, device_id, fingerprint, first_seen, status,"
        " enrolled_at) SELECT public_key, device_id, fingerprint, first_seen, status,"
        " enrolled_at FROM laptops"
    )
    db.execute("DROP TABLE laptops")
    db.execute("ALTER TABLE laptops_new RENAME TO laptops")
    db.execute(
        "CREATE UNIQUE INDEX laptops_enrolled ON laptops (device_id) WHERE status = 'enrolled'"
    )


@MIGRATIONS()
def m007_paper(db: sqlite_utils.Database) -> None:
    """An interview keyed in from a paper form: its printed number, the date written on
    it, and how long it took when the mediator typed it (NULL: unknown). All three are
    NULL for an interview done on screen."""
    db.execute("ALTER TABLE interviews ADD COLUMN paper_form TEXT")
    db.execute("ALTER TABLE interviews ADD COLUMN paper_date TEXT")
    db.execute("ALTER TABLE interviews ADD COLUMN paper_minutes INTEGER")
    db.execute(
        "CREATE INDEX interviews_paper ON interviews (paper_form, paper_date)"
        " WHERE paper_form IS NOT NULL"
    )


@MIGRATIONS()
def m008_summaries(db: sqlite_utils.Database) -> None:
    """Summary tables of the dashboard's counts per local day and month, place and
    mediator, kept by triggers, and the list of interviews whose score is due: reports
    over ten years read these, not every answer. Counted here from what is stored."""
    summaries.create(db)


@MIGRATIONS()
def m009_summaries_no_zero_rows(db: sqlite_utils.Database) -> None:
    """A summary row whose count fell to zero is deleted (it held the day, place,
    mediator, age band and commune of a person erased): today's triggers, and the rows of
    0 left so far deleted, then made gone from the file by the clean-up of erasures."""
    summaries.retrigger(db)
    if summaries.delete_emptied(db):
        # `evaluation.store.erasure.PENDING`, which cannot be imported here (a cycle).
        db.execute("INSERT OR REPLACE INTO settings (key, value) VALUES ('scrub_pending', '1')")


@MIGRATIONS()
def m010_summaries_home(db: sqlite_utils.Database) -> None:
    """A visitor who typed a postcode in « Commune ou code postal » counts under that
    postcode in the reports' communes (`Profile.home`), not as not told: today's
    triggers, and every count again."""
    summaries.retrigger(db)
    summaries.rebuild(db)


@MIGRATIONS()
def m011_opening_indexes(db: sqlite_utils.Database) -> None:
    """What opening and the home screen read, from indexes that do not grow with what is
    done: the interviews not finished yet (the home screen counts them at every return,
    and an office holds millions of finished ones; the query must say
    `stage != 'finished'` in these words, not a bound value, for SQLite to use it), and
    the bundles the office acknowledged (forgetting, at every opening)."""
    db.execute(
        "CREATE INDEX interviews_unfinished ON interviews (started_at) WHERE stage != 'finished'"
    )
    db.execute(
        "CREATE INDEX bundles_sent_acknowledged ON bundles_sent (acknowledged_at)"
        " WHERE acknowledged_at IS NOT NULL"
    )


@MIGRATIONS()
def m012_previous_visit(db: sqlite_utils.Database) -> None:
    """A returning visitor's progress code, typed at this visit, and what it says of the
    earlier one: its questionnaire version, its month, and its level per competence (a
    competence not assessed has no row). All NULL, and no row, on a first visit. The
    code names nobody; its rows go with their interview (erasure, purge, forgetting)."""
    for column in (
        "return_code TEXT",
        "previous_questionnaire TEXT",
        "previous_version INTEGER",
        "previous_month TEXT",
    ):
        db.execute(f"ALTER TABLE interviews ADD COLUMN {column}")
    db.execute(
        """
        CREATE TABLE previous_levels (
            interview_id TEXT NOT NULL REFERENCES interviews (id) ON DELETE CASCADE,
            competence TEXT NOT NULL,
            level TEXT NOT NULL,
            PRIMARY KEY (interview_id, competence)
        ) WITHOUT ROWID"""
    )


@MIGRATIONS()
def m013_return_visits_index(db: sqlite_utils.Database) -> None:
    """The return visits by start, for the report's progress figures: a few among all the
    interviews, read without walking the others."""
    db.execute(
        "CREATE INDEX interviews_returning ON interviews (started_at) WHERE return_code IS NOT NULL"
    )
