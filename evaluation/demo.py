"""Synthetic interviews for demonstrations, reports and benchmarks.

Several fictional places, mediators and months; each visitor has a hidden ease with
digital tools that shapes every answer, so levels, wishes and next steps look like a
real season of outreach. Nobody in it exists: no names, only fictional places.
A database is marked as demo; one holding real interviews is never written to.
"""

from __future__ import annotations

import json
import random
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from evaluation.answers import Answer, Status, visible_questions
from evaluation.cra import TRANCHE_AGE_VALUES
from evaluation.questionnaire import Published
from evaluation.questionnaire.model import MultipleChoice, Note, Questionnaire
from evaluation.scoring import score
from evaluation.store.interviews import Store

PLACES = (
    ("Marché du samedi", "Saint-Aubin-des-Prés", "79410", "autre"),
    ("Médiathèque Louise-Michel", "Saint-Aubin-des-Prés", "79410", "lieu_activite"),
    ("Camion numérique, place de l'Église", "Les Vignes-sur-Sèvre", "79420", "autre"),
    ("Épicerie solidaire", "Bourg-la-Forêt", "79430", "autre"),
    ("France Services", "Saint-Aubin-des-Prés", "79410", "lieu_activite"),
)
MEDIATORS = ("A. M.", "K. B.", "S. L.", "J. D.")
COMMUNES = (("Saint-Aubin-des-Prés", "79410"), ("Les Vignes-sur-Sèvre", "79420"), (None, None))


class DemoRefused(Exception):
    """The database holds interviews that are not demo data."""


@dataclass(frozen=True)
class Visitor:
    ease: float  # 0: never used a screen, 1: at ease
    consent: bool


def is_demo(store: Store) -> bool:
    return bool(store.query("SELECT 1 FROM settings WHERE key = 'demo' AND value = 'true'"))


def fill(
    store: Store, published: Published, interviews: int, seed: int = 2026, months: int = 18
) -> int:
    """Add `interviews` finished interviews; refuse a database with real interviews."""
    real = store.query("SELECT COUNT(*) AS n FROM interviews")[0]["n"]
    if real and not is_demo(store):
        raise DemoRefused(
            f"the database holds {real} real interview(s): demo data goes into its own file"
        )
    rng = random.Random(f"{seed}-{real}")  # a second run adds other visitors
    q = published.questionnaire
    end = datetime.now(UTC).replace(microsecond=0)
    device = store.device
    interview_rows, answer_rows = [], []
    for _ in range(interviews):
        visitor = Visitor(ease=rng.betavariate(2, 2.5), consent=rng.random() < 0.8)
        answers = _answers(rng, q, visitor)
        result = score(q, answers)
        kept = [f"{s.rule_id}|" for s in result.next_steps[: rng.randint(1, 3)]]
        started = end - timedelta(days=rng.uniform(0, months * 30.44))
        started = started.replace(hour=rng.randint(8, 16), minute=rng.randint(0, 59))
        finished = started + timedelta(minutes=rng.uniform(4, 14))
        place = rng.choice(PLACES)
        commune, postcode = rng.choice(COMMUNES)
        interview_id = str(uuid.UUID(int=rng.getrandbits(128), version=4))
        stamp = finished.isoformat(timespec="milliseconds")
        interview_rows.append(
            (
                interview_id, device, q.id, q.version, published.sha256, "fr", "finished",
                started.isoformat(timespec="milliseconds"), stamp, stamp,
                int(visitor.consent), "consentement-1",
                rng.choice(TRANCHE_AGE_VALUES[2:]) if visitor.consent else None,
                rng.choice(("sans_emploi", "en_emploi", "retraite", "non_communique"))
                if visitor.consent else None,
                rng.choice(("masculin", "feminin", "non_communique")) if visitor.consent else None,
                commune if visitor.consent else None,
                postcode if visitor.consent else None,
                *place, rng.choice(MEDIATORS), json.dumps(kept),
            )
        )  # fmt: skip
        answer_rows += [
            (interview_id, qid, a.status.value, json.dumps(list(a.choices)), a.text, stamp)
            for qid, a in answers.items()
        ]
    with store.transaction() as db:
        db.execute("INSERT OR REPLACE INTO settings (key, value) VALUES ('demo', 'true')")
        db.conn.executemany(
            "INSERT INTO interviews (id, device_id, questionnaire_id, questionnaire_version,"
            " questionnaire_sha256, lang, stage, started_at, updated_at, finished_at,"
            " consent_given, consent_version, age_band, social_status, gender, commune,"
            " postcode, place_name, place_commune, place_postcode, place_kind, mediator,"
            f" next_steps) VALUES ({', '.join('?' * 23)})",
            interview_rows,
        )
        for table in ("answers", "answer_history"):  # as the app saves them: history too
            db.conn.executemany(
                f"INSERT INTO {table} (interview_id, question_id, status, choices, text,"
                " answered_at) VALUES (?, ?, ?, ?, ?, ?)",
                answer_rows,
            )
    return interviews


def _answers(
    rng: random.Random, questionnaire: Questionnaire, visitor: Visitor
) -> dict[str, Answer]:
    """Answers shaped by the visitor's ease; questions hidden by show-if are left out."""
    answers: dict[str, Answer] = {}
    for question in questionnaire.questions:
        if isinstance(question, Note):
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
