"""Erasure and purge leave no trace in the database file's bytes, WAL included; a clean-up
cut short is said, and finished at the next start."""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap
from datetime import UTC, datetime
from pathlib import Path

import pytest

from evaluation.operations.erasure import erase, purge
from evaluation.operations.opening import open_data
from evaluation.operations.sheets import write_sheet
from evaluation.session import Session
from evaluation.store.erasure import Scrub, expired, pending, traces
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
    erased = erase(place.workspace, gone)
    assert erased.cleanup.status is Scrub.DONE
    assert traces(database, NAME) == []
    assert traces(database, NOTE) == [database]  # Bjørn's note is still there
    store = place.workspace.store
    assert [r.id for r in store.interviews()] == [kept]
    assert store.answers(gone) == {}
    assert store.query("SELECT interview_id FROM tombstones") == [{"interview_id": gone}]
    assert not pending(store)
    with pytest.raises(KeyError):
        erase(place.workspace, gone)


def test_purge_erases_only_what_is_older_than_the_retention(home: Path) -> None:
    place = Place.open(home)
    old, recent = person(place), person(place, "Ayşe")
    with place.workspace.store.transaction() as db:
        db.execute(
            "UPDATE interviews SET started_at = '2020-10-01T09:00:00.000+00:00' WHERE id = ?",
            (old,),
        )
    today = datetime(2022, 11, 23, tzinfo=UTC)
    assert expired(place.workspace.store, 24, today) == [old]
    assert expired(place.workspace.store, 26, today) == []
    assert purge(place.workspace, 24).interviews == (old,)
    assert [r.id for r in place.workspace.store.interviews()] == [recent]
    assert traces(place.folder.database, NAME) == []


def test_erase_and_purge_commands(home: Path) -> None:
    place = Place.open(home)
    gone = person(place)
    sheet = run("sheet", gone[:8], home=home)
    assert sheet.returncode == 0, sheet.stderr
    asked = run("erase", gone[:8], home=home, stdin="n\n")
    # Before an erasure nobody can undo, the person is named: who, when, where, how far.
    described, question = asked.stderr.splitlines()[:2]
    assert asked.returncode == 1
    when = r"\d\d/\d\d/\d{4} \d\d:\d\d"
    shape = rf"Entretien {gone} : {NAME}, commencé le {when}, lieu : .+, .+, \d+ réponses?\."
    assert re.fullmatch(shape, described), described
    assert question.startswith("L'effacer définitivement ? [o/N]")
    assert "Rien n'a été effacé." in asked.stderr
    out = run("erase", gone[:8], "--yes", home=home)
    assert out.stdout.strip() == f"Entretien {gone} effacé, avec 1 fiche."
    assert list((home / "exports").iterdir()) == []
    assert traces(place.folder.database, NAME) == []
    old = person(place, "Łukasz")
    with place.workspace.store.transaction() as db:
        db.execute(
            "UPDATE interviews SET started_at = '2020-01-01T00:00:00.000+00:00' WHERE id = ?",
            (old,),
        )
    assert run("purge", "--dry-run", home=home).stdout.strip() == "1 entretien a plus de 24 mois"
    assert run("purge", home=home).stdout.strip() == "1 entretien de plus de 24 mois effacé"
    assert traces(place.folder.database, "Łukasz") == []


READER = """
import sqlite3, sys, time
reader = sqlite3.connect(sys.argv[1], isolation_level=None)
reader.execute("BEGIN")
reader.execute("SELECT COUNT(*) FROM interviews").fetchone()  # a read in progress
print("reading", flush=True)
sys.stdin.readline()  # until the test says so
reader.execute("COMMIT")
"""


def test_erasing_while_another_process_reads_removes_the_sheets_and_says_what_remains(
    home: Path,
) -> None:
    place = Place.open(home)
    gone = person(place)
    session = Session.load(place.workspace, gone)
    sheet = write_sheet(session)
    reader = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(READER), str(place.folder.database)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert reader.stdout is not None and reader.stdout.readline().strip() == "reading"
        out = run("erase", gone[:8], "--yes", home=home)
        assert out.returncode == 1
        assert out.stdout.strip() == f"Entretien {gone} effacé, avec 1 fiche."
        assert out.stderr.strip().startswith("Effacé, mais une autre fenêtre de l'application")
        assert not sheet.exists()  # the sheet carrying the first name is gone at once
        assert pending(place.workspace.store)  # the clean-up is owed, and remembered
    finally:
        assert reader.stdin is not None
        reader.stdin.write("\n")
        reader.stdin.flush()
        reader.wait(timeout=10)
    opened = open_data(place.folder, place.folder.database)  # the next start finishes it
    assert opened.cleanup.status is Scrub.DONE
    assert traces(place.folder.database, NAME) == []
    assert not pending(opened.workspace.store)


def test_erasure_removes_a_sheet_whose_writing_was_cut_short(home: Path) -> None:
    place = Place.open(home)
    gone = person(place)
    sheet = write_sheet(Session.load(place.workspace, gone))
    cut_short = sheet.with_name(sheet.name + ".tmp")  # a power cut between write and rename
    cut_short.write_bytes(sheet.read_bytes()[:1000])
    erased = erase(place.workspace, gone)
    assert set(erased.sheets_removed) == {sheet, cut_short}
    assert list(place.folder.exports.iterdir()) == []
