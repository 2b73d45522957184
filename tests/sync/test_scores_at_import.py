"""Scores are written as interviews arrive at the office (and as a laptop finishes one),
and they are exactly what scoring everything again from the answers gives."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from evaluation.files.disk import write_durably
from evaluation.interview.answers import Answer, Status
from evaluation.interview.record import KeptStep
from evaluation.operations.erasure import erase
from evaluation.operations.interviews import finish
from evaluation.operations.sync import sync
from evaluation.session import Session
from evaluation.store.scores import refresh_scores, unscored
from evaluation.sync.inbox import Outcome
from evaluation.sync.laptop import sync_laptop
from tests.conftest import EN, count_scoring
from tests.store.recount import recounted, tables
from tests.sync.helpers import OfficeSecret, Place, opened, sealed


def scores(place: Place) -> dict[str, dict[str, Any]]:
    rows = place.workspace.store.query("SELECT * FROM scores")
    return {row["interview_id"]: row for row in rows}


def recount(place: Place) -> dict[str, dict[str, Any]]:
    """Every score thrown away and computed again from the answers."""
    store = place.workspace.store
    with store.transaction() as db:
        db.execute("DELETE FROM scores")
    refresh_scores(store, place.workspace.published_for)
    return scores(place)


def finished(place: Place) -> set[str]:
    rows = place.workspace.store.query("SELECT id FROM interviews WHERE stage = 'finished'")
    return {row["id"] for row in rows}


def test_imported_interviews_are_scored_as_a_recount_scores_them(
    office: Place, laptop: Place, laptop2: Place, key: Path, office_secret: OfficeSecret
) -> None:
    office.pack(key)
    office.enrol(laptop, laptop2)
    gone, edited, changed, stays = (laptop.interview(None, choice=n) for n in range(4))
    other = laptop2.interview("Ayşe", choice=1, questions=5)
    sync(laptop.workspace, key)
    sync(laptop2.workspace, key)
    assert office.import_key(key).records()[Outcome.NEW] == 5

    at_import = scores(office)
    assert set(at_import) == finished(office) == {gone, edited, changed, stays, other}
    assert len({row["levels"] for row in at_import.values()}) > 1  # not all the same
    assert refresh_scores(office.workspace.store, office.workspace.published_for) == 0
    assert tables(office.workspace.store) == recounted(office.workspace.store)
    assert recount(office) == at_import

    # Then an erasure, a changed interview (a new revision: replaces the office copy)
    # and one edited without a new revision (a conflict, kept aside).
    erase(laptop.workspace, gone)
    store = laptop.workspace.store
    store.reopen(changed)
    first_question = laptop.workspace.library.latest("diagnostic-base")
    assert first_question is not None
    question = next(q for q in first_question.questionnaire.questions if q.choices())
    store.save_answer(changed, question.id, Answer(Status.DONT_KNOW), None)
    store.finish(changed, [KeptStep(None, "svc-atelier")])
    store.save_note(edited, question.id, "ajouté après l'envoi")
    sync(laptop.workspace, key)
    records = office.import_key(key).records()
    assert (records[Outcome.ERASED], records[Outcome.UPDATED], records[Outcome.CONFLICT]) == (
        1,
        1,
        1,
    )

    after = scores(office)
    assert set(after) == finished(office) == {edited, changed, stays, other}
    assert after[changed] != at_import[changed]  # scored again, for its new revision
    assert after[changed]["scored_for"] == office.workspace.store.get(changed).updated_at
    assert after[edited] == at_import[edited]  # the conflict changed nothing here
    assert refresh_scores(office.workspace.store, office.workspace.published_for) == 0
    summaries = tables(office.workspace.store)
    assert summaries["summary_levels"]  # the summaries count what was imported and scored
    assert summaries == recounted(office.workspace.store)
    assert recount(office) == after


def test_a_laptop_scores_an_interview_as_it_is_finished(laptop: Place) -> None:
    store = laptop.workspace.store
    interview_id = laptop.interview("Zoë", choice=1)
    with store.transaction() as db:  # as if finished by a version before this one
        db.execute("DELETE FROM scores")
        db.execute("UPDATE interviews SET stage = 'results' WHERE id = ?", (interview_id,))
    finish(Session.load(laptop.workspace, interview_id), [KeptStep(None, "svc-atelier")])
    at_finish = scores(laptop)
    assert set(at_finish) == {interview_id}
    assert refresh_scores(store, laptop.workspace.published_for) == 0
    assert recount(laptop) == at_finish  # scored from memory as from the stored answers


def test_the_office_scores_each_interview_of_a_bundle_once(
    office: Place, laptop: Place, key: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    office.pack(key)
    office.enrol(laptop)
    for n in range(3):
        laptop.interview(None, choice=n)
    sync(laptop.workspace, key)
    calls = count_scoring(monkeypatch)
    assert office.import_key(key).records()[Outcome.NEW] == 3
    assert len(calls) == 3
    office.import_key(key)  # the same bundle again: known, not opened nor scored
    assert len(calls) == 3


def test_answers_that_are_not_a_json_list_are_refused_by_their_field(
    office: Place, laptop: Place, key: Path, office_secret: OfficeSecret
) -> None:
    """`choices` must be a JSON list of texts: a record whose answers are not would break
    a later read (issue 25), so its bundle is refused by that field and nothing of it is
    taken in."""
    office.pack(key)
    office.enrol(laptop)
    odd = laptop.interview(choice=0)
    laptop.interview(choice=1)
    bundle = sync_laptop(laptop.workspace, laptop.folder, key).bundle
    assert bundle is not None
    lines = opened(bundle.read_bytes(), office_secret.keys)
    records = [json.loads(line) for line in lines[1:]]
    for record in records:
        if record["id"] == odd:
            record["answers"][0]["choices"] = "pas du JSON ["
    hostile = [lines[0], *(canonical(r) for r in records)]
    write_durably(bundle, sealed(hostile, laptop.device_key, office_secret.recipient))
    (refused,) = office.import_key(key).bundles
    assert refused.reason is not None
    assert EN.message(refused.reason) == (
        "the content does not follow the bundle format (field interview.answers.0.choices)"
    )
    assert scores(office) == {} and unscored(office.workspace.store) == 0


def canonical(record: dict[str, Any]) -> str:
    return json.dumps(record, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
