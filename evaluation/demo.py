"""Synthetic interviews for demonstrations, reports and benchmarks.

Several fictional places, mediators and months; each visitor has a hidden ease with
digital tools that shapes every answer, so levels, wishes and next steps look like a
real season of outreach. Some visitors come back with the progress code of an earlier
sheet, mostly a level higher since, sometimes the same, rarely lower. Nobody in it
exists: no names, only fictional places.
A database is marked as demo; one holding real interviews is never written to.
"""

from __future__ import annotations

import json
import random
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from evaluation.i18n import msg
from evaluation.interview.answers import Answer, Status, visible_questions
from evaluation.interview.record import Stage, encode_steps
from evaluation.interview.return_code import FIRST_YEAR, PreviousVisit, make_code
from evaluation.interview.scoring import Result, score
from evaluation.machine.clock import stamp
from evaluation.offers.catalogue import Catalogue
from evaluation.offers.proximity import Near
from evaluation.problems import Problem
from evaluation.questionnaire import Published
from evaluation.questionnaire.model import Info, MultipleChoice, Note, Questionnaire, Value
from evaluation.store import Store
from evaluation.store.interviews import write_value
from evaluation.store.row_types import AnswerRow, InterviewRow
from evaluation.store.scores import write_scores
from evaluation.structure.cra import TRANCHE_AGE_VALUES

PLACES = (
    ("Marché du samedi", "Saint-Aubin-des-Prés", "79410", "autre"),
    ("Médiathèque Louise-Michel", "Saint-Aubin-des-Prés", "79410", "lieu_activite"),
    ("Camion numérique, place de l'Église", "Les Vignes-sur-Sèvre", "79420", "autre"),
    ("Épicerie solidaire", "Bourg-la-Forêt", "79430", "autre"),
    ("France Services", "Saint-Aubin-des-Prés", "79410", "lieu_activite"),
)
MEDIATORS = ("A. M.", "K. B.", "S. L.", "J. D.")
RETURNING = 0.15  # the share of visitors who come back with the code of their earlier sheet
# Where visitors live, as the profile screen stores what they typed (`typed_home`): a
# commune's name, or a postcode typed in its place, or nothing.
COMMUNES = (("Saint-Aubin-des-Prés", None), ("Les Vignes-sur-Sèvre", None), (None, "79000"),
            (None, None))  # fmt: skip


class DemoRefused(Problem):
    """The database holds interviews that are not demo data."""


@dataclass(frozen=True)
class Visitor:
    ease: float  # 0: never used a screen, 1: at ease
    consent: bool


def is_demo(store: Store) -> bool:
    return store.value("demo") == "true"


def fill(
    store: Store,
    published: Published,
    interviews: int,
    seed: int = 2026,
    months: int = 18,
    catalogue: Catalogue | None = None,
    end: datetime | None = None,
) -> int:
    """Add `interviews` finished interviews over the `months` before `end` (now by
    default); refuse a database with real interviews. With a catalogue, each kept step
    carries the service the results screen would have proposed first, as when a mediator
    finishes without changing anything."""
    real = store.count()
    if real and not is_demo(store):
        raise DemoRefused(msg("demo.refused", count=real), str(store.path))
    rng = random.Random(f"{seed}-{real}")  # a second run adds other visitors
    back = random.Random(f"{seed}-{real}-back")  # apart: the other draws stay as they were
    q = published.questionnaire
    end = (end or datetime.now(UTC)).replace(microsecond=0)
    rows: list[tuple[InterviewRow, list[AnswerRow]]] = []
    previous: dict[str, PreviousVisit] = {}
    for _ in range(interviews):
        visitor = Visitor(ease=rng.betavariate(2, 2.5), consent=rng.random() < 0.8)
        answers = _answers(rng, q, visitor)
        started = end - timedelta(days=rng.uniform(0, months * 30.44))
        started = started.replace(hour=rng.randint(8, 16), minute=rng.randint(0, 59))
        finished = started + timedelta(minutes=rng.uniform(4, 14))
        place, commune, postcode, kind = rng.choice(PLACES)
        result = score(q, answers, catalogue, near=Near(commune, postcode))
        visit = _earlier(back, q, result, started) if back.random() < RETURNING else None
        kept = list(result.proposed()[: rng.randint(1, 3)])
        home, home_postcode = rng.choice(COMMUNES)
        interview_id = str(uuid.UUID(int=rng.getrandbits(128), version=4))
        done = stamp(finished)
        consent = visitor.consent
        row: InterviewRow = {
            "id": interview_id,
            "device_id": store.device,
            "questionnaire_id": q.id,
            "questionnaire_version": q.version,
            "questionnaire_sha256": published.sha256,
            "lang": "fr",
            "stage": Stage.FINISHED,
            "position": None,
            "started_at": stamp(started),
            "updated_at": done,
            "finished_at": done,
            "consent_given": int(consent),
            "consent_version": "consentement-1",
            "consent_at": stamp(started) if consent else None,
            "first_name": None,
            "age_band": rng.choice(TRANCHE_AGE_VALUES[2:]) if consent else None,
            "social_status": rng.choice(("sans_emploi", "en_emploi", "retraite", "non_communique"))
            if consent
            else None,
            "gender": rng.choice(("masculin", "feminin", "non_communique")) if consent else None,
            "commune": home if consent else None,
            "postcode": home_postcode if consent else None,
            "place_name": place,
            "place_commune": commune,
            "place_postcode": postcode,
            "place_kind": kind,
            "mediator": rng.choice(MEDIATORS),
            "next_steps": encode_steps(kept),
            "steps_added": None,
            "revision": 0,
            "changed_at": None,
        }
        answer_rows: list[AnswerRow] = [
            {
                "question_id": qid,
                "status": a.status.value,
                "choices": json.dumps(list(a.choices)),
                "text": a.text,
                "note": None,
                "answered_at": done,
            }
            for qid, a in answers.items()
        ]
        rows.append((row, answer_rows))
        if visit is not None:
            previous[interview_id] = visit
    with store.transaction() as db:
        write_value(db, "demo", "true")
        store.insert_finished(db, rows, previous, history=True)  # as the app saves them
        write_scores(db, lambda *_: published, rows)  # every row is of `published`
    return interviews


def _earlier(
    rng: random.Random, q: Questionnaire, result: Result, started: datetime
) -> PreviousVisit:
    """A visit one to six months before, as its progress code says it: each competence
    assessed now was mostly a level or two lower then, sometimes the same, rarely
    higher; one still at the first level was mostly not assessed then."""
    order = [lv.id for lv in q.levels]
    levels: dict[str, str] = {}
    for competence in result.competences:
        if competence.level_id is None:
            continue
        now = order.index(competence.level_id)
        draw = rng.random()
        change = -rng.choice((1, 1, 2)) if draw < 0.65 else 0 if draw < 0.9 else 1
        if now == 0 and draw < 0.8:  # still at the first level: mostly not assessed then
            continue
        levels[competence.competence_id] = order[min(max(now + change, 0), len(order) - 1)]
    then = started - timedelta(days=rng.uniform(25, 180))
    month = max(then.strftime("%Y-%m"), f"{FIRST_YEAR}-01")
    code = make_code(q, month, levels)
    return PreviousVisit(code, q.id, q.version, month, levels)


def _answers(
    rng: random.Random, questionnaire: Questionnaire, visitor: Visitor
) -> dict[str, Answer]:
    """Answers shaped by the visitor's ease; questions hidden by show-if are left out."""
    answers: dict[str, Answer] = {}
    for question in questionnaire.questions:
        if isinstance(question, (Note, Value)):
            continue  # typed by the mediator: nothing made up
        if isinstance(question, Info):
            answers[question.id] = Answer(Status.ANSWERED)  # shown
            continue
        options = sorted(question.choices(), key=lambda o: sum(o.points.values()))
        draw = rng.random()
        if draw < 0.04:
            answers[question.id] = Answer(Status.DONT_KNOW)
        elif draw < 0.06:
            answers[question.id] = Answer(Status.SKIPPED)
        elif isinstance(question, MultipleChoice):
            chosen = [o.id for o in options if rng.random() < 0.2 + 0.6 * visitor.ease]
            answers[question.id] = Answer(Status.ANSWERED, tuple(chosen or [options[0].id]))
        else:
            pick = min(len(options) - 1, int(rng.gauss(visitor.ease, 0.2) * len(options)))
            answers[question.id] = Answer(Status.ANSWERED, (options[max(0, pick)].id,))
    shown = {q.id for q in visible_questions(questionnaire, answers)}
    return {qid: a for qid, a in answers.items() if qid in shown}
