"""The office opens the next bundle in a second thread while it writes the current one:
what it imports is the same, and a failure there stops the import before any receipt."""

from __future__ import annotations

import gc
import sys
import threading
from pathlib import Path

import pytest

from evaluation.operations.sync import sync
from evaluation.sync import importing
from evaluation.sync.importing import BundleStatus
from evaluation.sync.inbox import Outcome, stage_records
from evaluation.sync.key import KeyLayout
from tests.sync.helpers import Place, confirmed


def bundles(key: Path) -> list[str]:
    return listed(KeyLayout(key).bundles)


def listed(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def test_bundles_are_opened_in_a_second_thread_and_written_in_order(
    office: Place, laptop: Place, laptop2: Place, key: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    office.pack(key)
    office.enrol(laptop, laptop2)
    for place in (laptop, laptop2, laptop):
        place.interview(choice=1)
        sync(place.workspace, key, confirmed(place.workspace, key))
    opened_in: list[str] = []
    real_open = importing._open

    def spied(path: Path, **given: object) -> object:
        opened_in.append(threading.current_thread().name)
        return real_open(path, **given)  # type: ignore[arg-type]

    monkeypatch.setattr(importing, "_open", spied)
    names = bundles(key)
    interval = sys.getswitchinterval()
    report = office.import_key(key)

    assert [b.name for b in report.bundles] == names  # in the key's order
    assert [b.status for b in report.bundles] == [BundleStatus.IMPORTED] * 3
    assert report.records()[Outcome.NEW] == 3
    assert opened_in and all(name.startswith("bundle") for name in opened_in)
    assert gc.isenabled()  # paused during the import only
    assert sys.getswitchinterval() == interval
    assert office.workspace.store.db.execute("PRAGMA synchronous").fetchone()[0] == 2


def test_a_failure_in_the_second_thread_stops_the_import_before_any_receipt(
    office: Place, laptop: Place, laptop2: Place, key: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    office.pack(key)
    office.enrol(laptop, laptop2)
    laptop.interview(choice=1)
    sync(laptop.workspace, key, confirmed(laptop.workspace, key))
    laptop2.interview(choice=2)
    sync(laptop2.workspace, key, confirmed(laptop2.workspace, key))
    receipts = listed(KeyLayout(key).receipts)
    names = bundles(key)
    calls = []

    def fails_second(*given: object) -> object:
        calls.append(1)
        if len(calls) == 2:
            raise MemoryError
        return stage_records(*given)  # type: ignore[arg-type]

    monkeypatch.setattr("evaluation.sync.importing.stage_records", fails_second)
    interval = sys.getswitchinterval()
    with pytest.raises(MemoryError):
        office.import_key(key)

    assert office.workspace.store.count() == 1  # the first bundle, whole
    assert bundles(key) == names  # both stay on the key
    assert listed(KeyLayout(key).receipts) == receipts  # none says more than is on disk
    assert gc.isenabled()
    assert sys.getswitchinterval() == interval
    assert office.workspace.store.db.execute("PRAGMA synchronous").fetchone()[0] == 2

    monkeypatch.undo()
    report = office.import_key(key)
    # The first on the key went in before the failure: it is known now.
    assert [b.status for b in report.bundles] == [BundleStatus.KNOWN, BundleStatus.IMPORTED]
    assert office.workspace.store.count() == 2
    assert report.receipts == 2
    assert bundles(key) == []
