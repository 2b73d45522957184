"""Versioned schema migrations (sqlite-utils' migration sets). Never edit one: add one."""

from __future__ import annotations

import sqlite_utils
from sqlite_utils.migrations import Migrations

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
