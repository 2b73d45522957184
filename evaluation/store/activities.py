"""The finished, scored interviews with what a CRA activity needs, oldest first."""

from __future__ import annotations

from datetime import date
from typing import Any

from evaluation.clock import day_bounds
from evaluation.interview import Stage
from evaluation.store.interviews import Store


def activities(store: Store, start: date | None, end: date | None) -> list[dict[str, Any]]:
    """Rows of the interview with its cached score (`autonomie`, `materiel`, `thematiques`,
    `structure`), for the local days `start` to `end` included."""
    clauses, params = finished_between(start, end)
    return store.query(
        "SELECT i.*, s.autonomie, s.materiel, s.thematiques, s.structure FROM interviews i"
        f" JOIN scores s ON s.interview_id = i.id WHERE {' AND '.join(clauses)}"
        " ORDER BY i.started_at",
        params,
    )


def finished_between(start: date | None, end: date | None) -> tuple[list[str], list[str]]:
    """SQL conditions (on `interviews i`) and their values: finished, and started on the
    local days `start` to `end` included when given."""
    clauses, params = ["i.stage = ?"], [Stage.FINISHED.value]
    if start is not None:
        clauses.append("i.started_at >= ?")
        params.append(day_bounds(start)[0])
    if end is not None:
        clauses.append("i.started_at < ?")
        params.append(day_bounds(end)[1])
    return clauses, params
