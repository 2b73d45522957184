"""Scored results kept beside the answers, so that reports over years of interviews
stay quick. Written as interviews arrive (office import, demo data) or are finished (the
laptop), in the same pass; refreshed before a report for any finished interview not
scored since its last change (listed in `scores_due`, which triggers keep: see
`evaluation.store.summaries`).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import sqlite_utils

from evaluation.interview.record import KeptStep, decode_steps, encode_steps
from evaluation.questionnaire import Published
from evaluation.questionnaire.model import NextStepRule, Questionnaire
from evaluation.store.activities import finished_between
from evaluation.store.interviews import Store, close
from evaluation.store.rows import answer_from_row
from evaluation.structure.cra import THEMATIQUE_VALUES

if TYPE_CHECKING:  # scoring loads with the first score, not with an interview
    from evaluation.interview.scoring import Result

Finder = Callable[[str, int, str], Published | None]


COLUMNS_TO_SCORE = (
    "SELECT i.id, i.questionnaire_id, i.questionnaire_version, i.questionnaire_sha256,"
    " i.updated_at, i.next_steps"
)
# An upsert, not INSERT OR REPLACE: a replaced row would leave the summaries' delete
# trigger unfired.
UPSERT_SCORES = (
    "INSERT INTO scores (interview_id, scored_for, level_id, autonomie,"
    " levels, materiel, thematiques, proposed, structure)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (interview_id) DO UPDATE SET"
    " scored_for = excluded.scored_for, level_id = excluded.level_id,"
    " autonomie = excluded.autonomie, levels = excluded.levels,"
    " materiel = excluded.materiel, thematiques = excluded.thematiques,"
    " proposed = excluded.proposed, structure = excluded.structure"
)


def refresh_scores(
    store: Store, published_for: Finder, start: date | None = None, end: date | None = None
) -> int:
    """Score the finished interviews that changed since they were scored, of the local
    days `start` to `end` if given (the period an export covers); how many.

    Imports and finishing score as they go, so this finds something only after a
    questionnaire version is installed late, or in a database from before that.
    An interview whose questionnaire version is not installed here stays unscored.
    """
    clauses, params = finished_between(start, end)
    rows = store.query(  # `scores_due` lists them (triggers keep it): no scan of them all
        f"{COLUMNS_TO_SCORE} FROM scores_due d CROSS JOIN interviews i ON i.id = d.interview_id"
        f" LEFT JOIN scores s ON s.interview_id = i.id WHERE {' AND '.join(clauses)}"
        " AND (s.scored_for IS NULL OR s.scored_for != i.updated_at)",
        params,
    )
    return _score_rows(store, published_for, rows)


def _score_rows(store: Store, published_for: Finder, rows: list[dict[str, Any]]) -> int:
    if not rows:
        return 0
    answers: dict[str, list[dict[str, Any]]] = {}
    for answer in store.query(
        "SELECT interview_id, question_id, status, choices, text FROM answers"
        " WHERE interview_id IN (SELECT value FROM json_each(?))",
        (json.dumps([r["id"] for r in rows]),),
    ):
        answers.setdefault(answer["interview_id"], []).append(answer)
    with store.transaction() as db:
        return write_scores(db, published_for, [(r, answers.get(r["id"], [])) for r in rows])


def write_scores(
    db: sqlite_utils.Database,
    published_for: Finder,
    interviews: Sequence[tuple[Mapping[str, Any], Sequence[Mapping[str, Any]]]],
) -> int:
    """Score finished interviews and store their scores in `db`'s open transaction (the
    demo data, a refresh); how many were scored (see `score_rows`)."""
    scored = score_rows(published_for, interviews)
    db.conn.executemany(UPSERT_SCORES, scored)
    return len(scored)


def finish_scored(
    store: Store,
    interview_id: str,
    steps: Sequence[KeptStep],
    published: Published,
    result: Result,
) -> None:
    """Close an interview with its kept steps and store its scores, from the result the
    session already holds, in one transaction: no report waits for it, nothing is read
    back nor scored again."""
    next_steps = encode_steps(list(steps))
    summary = _Version.of(published).summary(result, next_steps)
    with store.transaction() as db:
        stamp = close(db, interview_id, next_steps)
        db.execute(UPSERT_SCORES, (interview_id, stamp, *summary))


def score_rows(
    published_for: Finder,
    interviews: Sequence[tuple[Mapping[str, Any], Sequence[Mapping[str, Any]]]],
) -> list[tuple[Any, ...]]:
    """The `scores` rows of finished interviews (touching no database: the office's
    import makes them in another thread).

    Each is its row (`id`, `questionnaire_*`, `updated_at`, `next_steps`) and its answer
    rows as stored. One whose questionnaire version is not installed here stays
    unscored, and so does one whose answers cannot be read (a bundle's line is checked
    for its fields and sizes, not for `choices` being a JSON list).
    """
    from evaluation.interview.scoring import score

    scored = []
    versions: dict[tuple[str, int, str], _Version | None] = {}
    for row, answer_rows in interviews:
        which = (
            row["questionnaire_id"], row["questionnaire_version"], row["questionnaire_sha256"]
        )  # fmt: skip
        if which not in versions:
            published = published_for(*which)
            versions[which] = None if published is None else _Version.of(published)
        version = versions[which]
        if version is None:
            continue
        try:
            answers = {a["question_id"]: answer_from_row(a) for a in answer_rows}
        except (ValueError, TypeError):
            continue
        result = score(version.questionnaire, answers)
        scored.append((row["id"], row["updated_at"], *version.summary(result, row["next_steps"])))
    return scored


def unscored(store: Store, start: date | None = None, end: date | None = None) -> int:
    """Finished interviews without a score (of the local days `start` to `end` if
    given): their questionnaire version is not here, or their answers cannot be read."""
    clauses, params = finished_between(start, end)
    rows = store.query(
        "SELECT COUNT(*) AS n FROM interviews i LEFT JOIN scores s ON s.interview_id = i.id"
        f" WHERE {' AND '.join(clauses)} AND s.interview_id IS NULL",
        params,
    )
    return int(rows[0]["n"])


@dataclass(frozen=True)
class _Version:
    """A questionnaire version as `score_rows` reads it, for all its interviews."""

    questionnaire: Questionnaire
    rules: dict[str, NextStepRule]
    asked_for: frozenset[str]  # the rules answers ask for (with a `when`)
    # The same few kept and asked-for steps come back: their columns worked out once.
    steps: dict[tuple[tuple[str, ...], tuple[str, ...]], tuple[str, str | None]] = field(
        default_factory=dict
    )

    @classmethod
    def of(cls, published: Published) -> _Version:
        q = published.questionnaire
        rules = {rule.id: rule for rule in q.next_steps}
        return cls(q, rules, frozenset(r.id for r in q.next_steps if r.when is not None))

    def summary(self, result: Result, next_steps: str | None) -> tuple[Any, ...]:
        """The columns of `scores` after its key and date."""
        kept = _kept(next_steps)
        asked_for = tuple(s.rule_id for s in result.next_steps if s.rule_id in self.asked_for)
        steps = self.steps.get((kept, asked_for))
        if steps is None:
            steps = self._steps(kept, asked_for)
            if len(self.steps) < 4096:  # a bound against odd input
                self.steps[(kept, asked_for)] = steps
        return (
            result.level_id,
            result.autonomie,
            _json_object(tuple((c.competence_id, c.level_id) for c in result.competences)),
            _json_list(result.materiel),
            steps[0],
            _json_list(tuple(sorted(s.rule_id for s in result.next_steps))),  # fewer texts
            steps[1],
        )

    def _steps(self, kept: tuple[str, ...], asked_for: tuple[str, ...]) -> tuple[str, str | None]:
        """The CRA themes (JSON) the kept and asked-for steps imply, and the structure
        the first kept step names."""
        rules = self.rules
        implied = {"diagnostic_numerique"}
        for rule_id in {*kept, *asked_for}:
            if rule_id in rules:
                implied.update(rules[rule_id].cra_thematiques)
        structure = next(
            (rules[r].structure for r in kept if r in rules and rules[r].structure), None
        )
        return json.dumps([t for t in THEMATIQUE_VALUES if t in implied]), structure


@lru_cache(maxsize=4096)
def _kept(next_steps: str | None) -> tuple[str, ...]:
    """The rules of the kept steps (stored JSON), read once per distinct text."""
    return tuple(step.rule_id for step in decode_steps(next_steps) or () if step.rule_id)


@lru_cache(maxsize=4096)
def _json_list(items: tuple[str, ...]) -> str:
    return json.dumps(list(items))


@lru_cache(maxsize=4096)
def _json_object(pairs: tuple[tuple[str, str | None], ...]) -> str:
    return json.dumps(dict(pairs))
