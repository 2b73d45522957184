"""The finished, scored interviews as CRA activities, oldest first."""

from __future__ import annotations

from datetime import date

from evaluation.interview.record import Stage
from evaluation.machine.clock import day_bounds
from evaluation.store.interviews import Store
from evaluation.store.rows import activity_from_row
from evaluation.structure.cra import Activity


def activities(store: Store, start: date | None, end: date | None) -> list[Activity]:
    """One activity per finished and scored interview started on the local days `start`
    to `end` included."""
    clauses, params = finished_between(start, end)
    rows = store.query(
        "SELECT i.*, s.autonomie, s.materiel, s.thematiques, s.structure FROM interviews i"
        f" JOIN scores s ON s.interview_id = i.id WHERE {' AND '.join(clauses)}"
        " ORDER BY i.started_at",
        params,
    )
    return [activity_from_row(row) for row in rows]


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
