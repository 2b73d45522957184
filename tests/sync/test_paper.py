"""A paper interview travels like any other: its number, date and duration reach the
office; interviews done on screen carry no paper fields (their record hashes stay)."""

from __future__ import annotations

import json
from pathlib import Path

from evaluation.operations import paper
from evaluation.operations.reports import export_cra
from evaluation.operations.sync import sync
from evaluation.store.rows import PAPER_COLUMNS
from evaluation.sync.inbox import Outcome
from evaluation.sync.outbox import records
from evaluation.sync.records import InterviewData, canonical_json
from tests.paper.test_entry import TYPICAL, keyed
from tests.sync.helpers import Place, confirmed


def test_a_paper_interview_reaches_the_office(office: Place, laptop: Place, key: Path) -> None:
    office.pack(key)
    office.enrol(laptop)
    ws = laptop.workspace
    top = paper.read_header(ws, "2", "12", "20/11/2026", "Marché du jeudi", "CD", "18")
    session = paper.enter(ws, top, keyed(ws, TYPICAL), "fr")
    on_screen = laptop.interview("Zoë")

    sent = {r.id: r for r in records(ws.store) if isinstance(r, InterviewData)}
    assert not set(PAPER_COLUMNS) & set(json.loads(canonical_json(sent[on_screen]))["interview"])
    assert sent[session.id].interview.get("paper_form") == top.form

    assert sync(ws, key, confirmed(ws, key)).report.sent == 2
    report = office.import_key(key)
    assert report.records()[Outcome.NEW] == 2
    assert office.content() == laptop.content()  # the same bytes, the same hashes
    there = office.workspace.store.get(session.id)
    assert there.paper == ws.store.get(session.id).paper
    assert there.paper is not None and there.paper.day == "2026-11-20" and there.paper.minutes == 18
    assert office.workspace.store.get(on_screen).paper is None
    cra = office.folder.root / "cra.csv"
    export_cra(office.workspace, cra, None, None)
    lines = cra.read_text(encoding="utf-8").splitlines()
    assert any(line.startswith("individuel,2026-11-20,18,") for line in lines)
