"""Every kind of deletion leaves nothing of the person: no file the app wrote for them
(searched by the text extracted from it: a PDF's text is compressed, a byte search misses
it), no byte in the database file, its log or its shared memory, no row of the summary
tables. The kinds: erasing one interview, the purge after the retention period, the
laptop forgetting what the office acknowledged long ago, an erasure received from the
office on the laptop, and erasing at the office. Beside the person, another visitor's
files and rows stay: the search does find what is there.

Fictional names only.
"""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path

import pytest

from evaluation.interview.record import Profile
from evaluation.interview.return_code import PreviousVisit, make_code
from evaluation.operations.erasure import erase, purge
from evaluation.operations.forgetting import forget_acknowledged
from evaluation.operations.sheets import write_sheet
from evaluation.operations.sync import sync
from evaluation.questionnaire import Library
from evaluation.session import Session
from evaluation.store.erasure import Scrub, scrub, traces
from evaluation.store.summaries import TABLES
from tests.sync.helpers import Place
from tests.sync.test_forgetting import date_receipts_back, ready, received_by_office

NAME = "Quastrelle"
COMMUNE = "Vauclerc-sur-Quenne"
NOTE = "voisine-de-Madame-Ombrevent"
KEPT = "Aubelinde"  # another visitor, who stays
ELSEWHERE = "Sainte-Ombrelle"
# The progress codes each typed at their visit (a code names nobody, but it goes too):
# real ones, as the office refuses a code whose check fails.
LEVELS_BEFORE = {NAME: {"device": "debutant"}, KEPT: {"device": "autonome"}}
_BASE = Library.discover(None).get("diagnostic-base", 2)
assert _BASE is not None
CODES = {n: make_code(_BASE.questionnaire, "2026-10", lv) for n, lv in LEVELS_BEFORE.items()}


class Deletion(StrEnum):
    ERASE = "erase"
    PURGE = "purge"
    FORGET = "forget"
    FROM_OFFICE = "from-office"  # the office's erasure, received on the laptop
    AT_OFFICE = "at-office"


class PowerCut(BaseException):
    """The battery dies between writing a file's temp copy and its rename."""


def visitor(place: Place, name: str, commune: str) -> str:
    """A finished interview of `name` living in `commune`, with a mediator's note."""
    store = place.workspace.store
    interview_id = place.interview(name)
    store.reopen(interview_id)
    store.save_profile(interview_id, Profile(first_name=name, commune=commune))
    store.save_note(interview_id, "devices", NOTE if name == NAME else "rien")
    store.set_previous(
        interview_id,
        PreviousVisit(CODES[name], "diagnostic-base", 2, "2026-10", LEVELS_BEFORE[name]),
    )
    store.finish(interview_id, [])
    return interview_id


def write_every_file(place: Place, interview_id: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every kind of file the app writes for a person: the sheet and the large-print
    sheet, then each written again and cut short before its rename (its temp file stays)."""
    session = Session.load(place.workspace, interview_id)
    for large in (False, True):
        write_sheet(session, large=large)
    with monkeypatch.context() as cut:

        def power_cut(self: Path, target: Path) -> Path:
            raise PowerCut

        cut.setattr(Path, "replace", power_cut)
        for large in (False, True):
            with pytest.raises(PowerCut):
                write_sheet(session, large=large)


def extracted(path: Path) -> str:
    """The text a person reading the file would see: a PDF's extracted text (pdftotext),
    any other file's bytes."""
    data = path.read_bytes()
    if not data.startswith(b"%PDF"):
        return data.decode("utf-8", errors="replace")
    done = subprocess.run(
        ["pdftotext", "-q", str(path), "-"], capture_output=True, check=False, text=True
    )
    assert done.returncode == 0, f"{path}: {done.stderr}"
    return done.stdout


def holding(place: Place, text: str) -> set[str]:
    """The files of the data folder that hold `text`, by name (the database's own files
    are searched byte by byte by `traces`)."""
    database = place.folder.database
    skipped = {database.name, f"{database.name}-wal", f"{database.name}-shm"}
    return {
        str(path.relative_to(place.folder.root))
        for path in place.folder.root.rglob("*")
        if path.is_file() and path.name not in skipped and text in extracted(path)
    }


def summary_rows(place: Place, value: str) -> list[tuple[str, ...]]:
    """Rows of the summary tables holding `value` in any column."""
    found = []
    with place.workspace.store.connection() as db:
        for table in TABLES:
            for row in db.execute(f"SELECT * FROM {table.name}").fetchall():
                if value in row:
                    found.append((table.name, *map(str, row)))
    return found


def everywhere(place: Place, text: str) -> dict[str, object]:
    return {
        "files": holding(place, text),
        "database": traces(place.folder.database, text),
        "summaries": summary_rows(place, text),
    }


def held_by(place: Place, gone: str, kept: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Both visitors' files written at `place`, and found there before the deletion."""
    for interview_id in (gone, kept):
        write_every_file(place, interview_id, monkeypatch)
    files = holding(place, NAME)
    assert len(files) == 4 and any(f.endswith("-gros.pdf.tmp") for f in files), files
    assert summary_rows(place, COMMUNE) and traces(place.folder.database, NOTE)


def on_laptop(
    deletion: Deletion,
) -> Callable[[Place, Place, Path, pytest.MonkeyPatch], Place]:
    def run(office: Place, laptop: Place, key: Path, monkeypatch: pytest.MonkeyPatch) -> Place:
        ready(office, laptop, key)
        gone = visitor(laptop, NAME, COMMUNE)
        if deletion in {Deletion.FORGET, Deletion.FROM_OFFICE}:
            received_by_office(laptop, office, key)
        kept = visitor(laptop, KEPT, ELSEWHERE)  # never sent: never forgotten
        held_by(laptop, gone, kept, monkeypatch)
        assert traces(laptop.folder.database, CODES[NAME])  # the search finds it there
        if deletion is Deletion.ERASE:
            assert erase(laptop.workspace, gone).interviews == (gone,)
        elif deletion is Deletion.PURGE:
            with laptop.workspace.store.transaction() as db:
                db.execute(
                    "UPDATE interviews SET started_at = '2020-01-01T09:00:00.000+00:00'"
                    " WHERE id = ?",
                    (gone,),
                )
            assert purge(laptop.workspace, 24).interviews == (gone,)
        elif deletion is Deletion.FORGET:
            date_receipts_back(laptop, 31)
            assert forget_acknowledged(laptop.workspace).interviews == (gone,)
            assert scrub(laptop.workspace.store).status is Scrub.DONE  # as opening does
        else:
            assert erase(office.workspace, gone).interviews == (gone,)
            office.pack(key)
            assert sync(laptop.workspace, key).report.erased == [gone]
        assert laptop.workspace.store.get(kept).profile.first_name == KEPT
        return laptop

    return run


def at_office(office: Place, laptop: Place, key: Path, monkeypatch: pytest.MonkeyPatch) -> Place:
    ready(office, laptop, key)
    gone, kept = visitor(laptop, NAME, COMMUNE), visitor(laptop, KEPT, ELSEWHERE)
    sync(laptop.workspace, key)
    office.import_key(key)
    held_by(office, gone, kept, monkeypatch)
    assert erase(office.workspace, gone).interviews == (gone,)
    return office


SCENARIOS = {
    Deletion.ERASE: on_laptop(Deletion.ERASE),
    Deletion.PURGE: on_laptop(Deletion.PURGE),
    Deletion.FORGET: on_laptop(Deletion.FORGET),
    Deletion.FROM_OFFICE: on_laptop(Deletion.FROM_OFFICE),
    Deletion.AT_OFFICE: at_office,
}


@pytest.mark.parametrize("deletion", list(Deletion))
def test_nothing_of_the_person_outlives_the_deletion(
    deletion: Deletion,
    office: Place,
    laptop: Place,
    key: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    place = SCENARIOS[deletion](office, laptop, key, monkeypatch)
    nothing: dict[str, object] = {"files": set(), "database": [], "summaries": []}
    texts = (NAME, COMMUNE, NOTE, CODES[NAME])
    assert {text: everywhere(place, text) for text in texts} == dict.fromkeys(texts, nothing)
    orphans = place.workspace.store.query(
        "SELECT interview_id FROM previous_levels WHERE interview_id NOT IN"
        " (SELECT id FROM interviews)"
    )
    assert orphans == []
    # The other visitor's four files, rows and counts are all still there.
    assert len(holding(place, KEPT)) == 4 and traces(place.folder.database, KEPT)
    assert summary_rows(place, ELSEWHERE)
