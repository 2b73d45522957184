"""The summaries the office's import keeps: through several bundles in one import, newer
revisions, erasures, bundles already known and a laptop withdrawn, they stay equal to a
full recount, and the dashboard to what the interviews themselves say."""

from __future__ import annotations

import shutil
from pathlib import Path

from evaluation.demo import fill
from evaluation.interview.record import KeptStep
from evaluation.operations.erasure import erase
from evaluation.structure.figures import Filters
from evaluation.sync.importing import BundleStatus
from evaluation.sync.inbox import Inbox, Outcome
from evaluation.sync.key import KeyLayout
from evaluation.workspace import DEFAULT_QUESTIONNAIRE
from tests.store.recount import recounted, tables
from tests.store.test_summaries import same
from tests.sync.helpers import Place, sync


def filled(place: Place, count: int, seed: int) -> list[str]:
    """Demo interviews over places, mediators and months, scored; their ids."""
    published = place.workspace.library.latest(DEFAULT_QUESTIONNAIRE)
    assert published is not None
    fill(place.workspace.store, published, count, seed=seed, months=3)
    return held(place)


def held(place: Place) -> list[str]:
    return [r["id"] for r in place.workspace.store.query("SELECT id FROM interviews ORDER BY id")]


def counted_as_recounted(office: Place) -> None:
    store = office.workspace.store
    summaries = tables(store)
    assert summaries["summary_days"] and summaries["summary_levels"]
    assert summaries == recounted(store)
    same(store, Filters())


def test_summaries_equal_a_recount_through_several_bundles_in_one_import(
    office: Place, laptop: Place, laptop2: Place, key: Path, tmp_path: Path
) -> None:
    office.pack(key)
    office.enrol(laptop, laptop2)
    ids = filled(laptop, 40, seed=3)
    filled(laptop2, 30, seed=4)
    sync(laptop, key)
    sync(laptop2, key)
    # The laptop syncs again before the office imported its first bundle: its second
    # bundle holds every interview again (no receipt yet), one of them a newer revision,
    # another erased since, and one new interview.
    changed, gone = ids[0], ids[1]
    laptop.workspace.store.reopen(changed)
    laptop.workspace.store.finish(changed, [KeptStep("equipment", None)])
    erase(laptop.workspace, gone)
    laptop.interview("Zoë", choice=2)
    sync(laptop, key)
    bundles = KeyLayout(key).bundles
    kept = tmp_path / "bundles-kept"
    shutil.copytree(bundles, kept, copy_function=shutil.copyfile)  # FAT keeps no modes
    assert len(list(kept.iterdir())) == 3

    report = office.import_key(key)

    assert report.count(BundleStatus.IMPORTED) == 3
    records = report.records()
    assert records[Outcome.NEW] == 40 + 30 + 1
    assert (records[Outcome.UPDATED], records[Outcome.ERASED]) == (1, 1)
    assert records[Outcome.KNOWN] == 38  # the second bundle's unchanged interviews
    assert changed in held(office) and gone not in held(office)
    counted_as_recounted(office)

    # The same files again: all known, nothing counted twice.
    kept_tables = tables(office.workspace.store)
    for path in kept.iterdir():
        shutil.copyfile(path, bundles / path.name)
    again = office.import_key(key)
    assert again.count(BundleStatus.KNOWN) == 3
    assert tables(office.workspace.store) == kept_tables
    counted_as_recounted(office)

    # An erasure after the import, then a bundle from a laptop withdrawn since: refused,
    # it counts nothing.
    erase(laptop2.workspace, held(laptop2)[0])
    sync(laptop2, key)
    assert office.import_key(key).records()[Outcome.ERASED] == 1
    counted_as_recounted(office)
    after_erasure = tables(office.workspace.store)
    inbox = Inbox(office.workspace.store)
    (enrolled,) = [lap for lap in inbox.laptops() if lap.device_id == laptop.workspace.store.device]
    inbox.withdraw(enrolled.fingerprint)
    laptop.interview("Ayşe", choice=1)
    sync(laptop, key)
    assert office.import_key(key).count(BundleStatus.REFUSED) == 1
    assert tables(office.workspace.store) == after_erasure
    counted_as_recounted(office)
