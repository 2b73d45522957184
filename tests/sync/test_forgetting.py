"""A laptop forgets what the office acknowledged long enough ago, and nothing else.

Receipts travel through the real sync (laptop → key → office → receipts → laptop); time
is moved by dating the receipt back in `bundles_sent.acknowledged_at`.
"""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from textual.widgets import Input, Static

from evaluation.interview.answers import Answer, Status
from evaluation.machine.clock import stamp
from evaluation.operations.forgetting import forget_acknowledged
from evaluation.operations.opening import open_data
from evaluation.operations.sheets import write_sheet
from evaluation.operations.sync import sync
from evaluation.session import Session
from evaluation.store.erasure import Scrub, pending, traces
from evaluation.sync.outbox import Outbox
from evaluation.sync.records import ErasureData
from evaluation.tui.screens.sync import SyncScreen
from tests.cli.helpers import run
from tests.sync.helpers import Place
from tests.tui.driver import SIZE, make_app, press, settle

NAME = "Quenotte-Zéphyrine"
NOTE = "rappeler-sa-voisine-Hortense"


def received_by_office(laptop: Place, office: Place, key: Path) -> tuple[str, ...]:
    """One round: the laptop's bundle to the office, and its receipt back to the laptop;
    what the laptop forgot on the way (a sync forgets too)."""
    first = sync(laptop.workspace, key)
    office.import_key(key)
    office.pack(key)
    second = sync(laptop.workspace, key)
    assert second.report.acknowledged >= 1
    return first.forgotten.interviews + second.forgotten.interviews


def ready(office: Place, laptop: Place, key: Path) -> None:
    """The office packed the key and enrolled the laptop."""
    office.pack(key)
    office.enrol(laptop)


def date_receipts_back(laptop: Place, days: int) -> None:
    """Make every receipt the laptop holds `days` days old."""
    when = stamp(datetime.now(UTC) - timedelta(days=days))
    with laptop.workspace.store.transaction() as db:
        db.execute(
            "UPDATE bundles_sent SET acknowledged_at = ? WHERE acknowledged_at IS NOT NULL",
            (when,),
        )


def test_acknowledged_long_ago_is_forgotten_without_a_trace_or_a_tombstone(
    office: Place, laptop: Place, key: Path
) -> None:
    ready(office, laptop, key)
    store = laptop.workspace.store
    gone = laptop.interview(NAME)
    store.save_note(gone, "devices", NOTE)
    store.finish(gone, [])  # the note is part of what the office receives
    sheet = write_sheet(Session.load(laptop.workspace, gone))
    received_by_office(laptop, office, key)
    database = laptop.folder.database
    assert traces(database, NAME) and sheet.exists()

    # Received 29 days ago (default delay: 30 days): still kept.
    date_receipts_back(laptop, 29)
    assert forget_acknowledged(laptop.workspace).interviews == ()
    assert store.count() == 1

    # 31 days ago: the next start forgets it, rows, history, note and sheet.
    date_receipts_back(laptop, 31)
    opened = open_data(laptop.folder, database)
    assert opened.forgotten.interviews == (gone,)
    assert opened.forgotten.days == 30
    assert opened.cleanup.status is Scrub.DONE
    store = opened.workspace.store
    assert store.count() == 0
    for table in ("answers", "answer_history", "scores", "tombstones"):
        assert store.query(f"SELECT COUNT(*) AS n FROM {table}") == [{"n": 0}], table
    assert not sheet.exists()
    assert traces(database, NAME) == []
    assert traces(database, NOTE) == []
    assert not pending(store)

    # Not an erasure: nothing to send, and the office keeps its copy.
    assert Outbox(store).pending() == []
    after = sync(opened.workspace, key)
    assert after.report.bundle is None and after.report.sent_erasures == 0
    assert [r.id for r in office.workspace.store.interviews()] == [gone]
    assert office.workspace.store.query("SELECT * FROM tombstones") == []


def test_only_what_the_office_acknowledged_as_it_is_now_and_long_enough_ago(
    office: Place, laptop: Place, key: Path
) -> None:
    ready(office, laptop, key)
    store = laptop.workspace.store
    changed = laptop.interview("Bjørn")
    forgotten = laptop.interview(NAME)
    received_by_office(laptop, office, key)
    date_receipts_back(laptop, 90)
    # Reopened and changed after the receipt: the office has not got this content yet.
    store.reopen(changed)
    store.save_answer(changed, "devices", Answer(Status.DONT_KNOW), None)
    store.finish(changed, [])
    unfinished = laptop.interview("Ayşe", questions=2)
    store.reopen(unfinished)  # never finished again: an interview in progress
    recent = laptop.interview("Łukasz")
    unsent = laptop.interview("Nguyễn")
    # The sync forgets the interview received 90 days ago; the office gets the others.
    assert received_by_office(laptop, office, key) == (forgotten,)
    store.reopen(unsent)  # ... then changed: this content was never acknowledged
    store.finish(unsent, [])

    assert forget_acknowledged(laptop.workspace).interviews == ()
    kept = {r.id for r in store.interviews()}
    assert kept == {changed, unfinished, recent, unsent}
    assert [o.record.id for o in Outbox(store).pending()] == [unsent]  # to be sent first

    # A shorter delay in Réglages applies at once (and never to what is not acknowledged).
    store.save_settings(replace(store.settings(), forget_after_days=1))
    date_receipts_back(laptop, 2)
    assert set(forget_acknowledged(laptop.workspace).interviews) == {changed, recent}
    assert {r.id for r in store.interviews()} == {unfinished, unsent}
    assert not [o for o in Outbox(store).pending() if isinstance(o.record, ErasureData)]


def test_a_sheet_that_cannot_be_deleted_keeps_its_interview(
    office: Place, laptop: Place, key: Path
) -> None:
    ready(office, laptop, key)
    stuck = laptop.interview(NAME)
    received_by_office(laptop, office, key)
    date_receipts_back(laptop, 31)
    # A folder where the sheet should be: it cannot be unlinked, even by root.
    folder = laptop.folder.exports / f"fiche-2026-01-01-{stuck[:8]}.pdf"
    (folder / "dedans").mkdir(parents=True)
    done = forget_acknowledged(laptop.workspace)
    assert done.interviews == () and done.sheets_left == (folder,)
    assert laptop.workspace.store.count() == 1


def test_the_command_says_what_was_forgotten(office: Place, laptop: Place, key: Path) -> None:
    ready(office, laptop, key)
    laptop.interview(NAME)
    laptop.interview("Zoë")
    received_by_office(laptop, office, key)
    date_receipts_back(laptop, 45)
    laptop.workspace.store.close()
    out = run("sessions", "list", home=laptop.folder.root)
    assert out.returncode == 0, out.stderr
    assert out.stderr.splitlines() == [
        "2 entretiens reçus par le bureau il y a plus de 30 jours ont quitté cet ordinateur "
        "(délai d'oubli des Réglages ; le bureau en garde la copie).",
        "Aucun entretien pour l'instant.",
    ]
    assert traces(laptop.folder.database, NAME) == []


def test_a_held_database_postpones_forgetting_and_never_stops_the_opening(
    office: Place, laptop: Place, key: Path
) -> None:
    ready(office, laptop, key)
    kept = laptop.interview(NAME)
    received_by_office(laptop, office, key)
    date_receipts_back(laptop, 31)
    other = sqlite3.connect(laptop.folder.database, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another window of the app, writing
    try:
        laptop.workspace.store.db.execute("PRAGMA busy_timeout = 100")
        postponed = forget_acknowledged(laptop.workspace)
    finally:
        other.execute("ROLLBACK")
        other.close()
    assert postponed.interviews == ()
    assert postponed.problem is not None and postponed.problem.message.key == "store.locked"
    assert [r.id for r in laptop.workspace.store.interviews()] == [kept]
    assert forget_acknowledged(laptop.workspace).interviews == (kept,)  # next time


async def test_the_sync_screen_says_what_left_the_laptop(
    office: Place, laptop: Place, key: Path
) -> None:
    ready(office, laptop, key)
    laptop.interview(NAME)
    received_by_office(laptop, office, key)
    app = make_app(laptop.folder.root)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        date_receipts_back(laptop, 31)  # the app stayed open a month (a laptop asleep)
        await press(pilot, "5")
        assert isinstance(app.screen, SyncScreen)
        app.screen.query_one("#path", Input).focus()
        await pilot.press(*str(key))
        await press(pilot, "enter")
        text = str(app.screen.query_one("#report", Static).render())
    assert text.endswith(
        "1 entretien reçu par le bureau il y a plus de 30 jours a quitté cet ordinateur "
        "(délai d'oubli des Réglages ; le bureau en garde la copie)."
    )
