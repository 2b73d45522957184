"""Scored results kept beside the answers, so that reports over years of interviews
stay quick. Refreshed for every finished interview not scored since its last change.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from evaluation.cra import THEMATIQUE_VALUES
from evaluation.interview import Stage, decode_steps
from evaluation.questionnaire import Published
from evaluation.scoring import Result, score
from evaluation.store.interviews import Store

Finder = Callable[[str, int, str], Published | None]


def refresh_scores(store: Store, published_for: Finder) -> int:
    """Score the finished interviews that changed since they were scored; how many.

    An interview whose questionnaire version is not installed here stays unscored.
    """
    rows = store.query(
        "SELECT i.id, i.questionnaire_id, i.questionnaire_version, i.questionnaire_sha256,"
        " i.updated_at, i.next_steps FROM interviews i LEFT JOIN scores s"
        " ON s.interview_id = i.id WHERE i.stage = ?"
        " AND (s.scored_for IS NULL OR s.scored_for != i.updated_at)",
        (Stage.FINISHED,),
    )
    if not rows:
        return 0
    answers = store.answers_of([r["id"] for r in rows])
    scored = []
    for row in rows:
        published = published_for(
            row["questionnaire_id"], row["questionnaire_version"], row["questionnaire_sha256"]
        )
        if published is None:
            continue
        result = score(published.questionnaire, answers.get(row["id"], {}))
        scored.append((row, _summary(published, result, row["next_steps"])))
    with store.transaction() as db:
        db.conn.executemany(
            "INSERT OR REPLACE INTO scores (interview_id, scored_for, level_id, autonomie,"
            " levels, materiel, thematiques, proposed, structure)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(row["id"], row["updated_at"], *summary) for row, summary in scored],
        )
    return len(scored)


def unscored(store: Store) -> int:
    """Finished interviews without a score: their questionnaire version is not here."""
    rows = store.query(
        "SELECT COUNT(*) AS n FROM interviews i LEFT JOIN scores s ON s.interview_id = i.id"
        " WHERE i.stage = ? AND s.interview_id IS NULL",
        (Stage.FINISHED,),
    )
    return int(rows[0]["n"])


def _summary(published: Published, result: Result, next_steps: str | None) -> tuple[Any, ...]:
    """The columns of `scores` after its key and date."""
    rules = {rule.id: rule for rule in published.questionnaire.next_steps}
    kept = [step.rule_id for step in decode_steps(next_steps) or () if step.rule_id]
    asked_for = [s.rule_id for s in result.next_steps if rules[s.rule_id].when is not None]
    implied = {"diagnostic_numerique"}
    for rule_id in {*kept, *asked_for}:
        if rule_id in rules:
            implied.update(rules[rule_id].cra_thematiques)
    structure = next((rules[r].structure for r in kept if r in rules and rules[r].structure), None)
    return (
        result.level_id,
        result.autonomie,
        json.dumps({c.competence_id: c.level_id for c in result.competences}),
        json.dumps(list(result.materiel)),
        json.dumps([t for t in THEMATIQUE_VALUES if t in implied]),
        json.dumps(sorted(s.rule_id for s in result.next_steps)),  # sorted: fewer distinct texts
        structure,
    )
