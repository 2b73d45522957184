"""The summary tables and the dashboard's figures recounted from every finished
interview and score: what the summaries must always equal."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

import sqlite_utils

from evaluation.interview.record import Profile, decode_steps
from evaluation.store.figures import interviews_where
from evaluation.store.interviews import Store
from evaluation.store.summaries import TABLES, rebuild
from evaluation.structure.figures import TALLIES, Figures, Filters, activities, tallied

TABLE_NAMES = [t.name for t in TABLES] + ["scores_due"]


def tables(store: Store) -> dict[str, set[tuple[Any, ...]]]:
    """Every summary row, rows of 0 included: a recount has none, so neither may the
    tables (a row of 0 still holds an erased person's day, place, age band and commune)."""
    with store.connection() as db:
        return {
            name: {tuple(row) for row in db.execute(f"SELECT * FROM {name}").fetchall()}
            for name in TABLE_NAMES
        }


def recounted(store: Store) -> dict[str, set[tuple[Any, ...]]]:
    """The same, counted again from scratch (what the migration does)."""
    with store.transaction() as db:
        rebuild(db)
    return tables(store)


def before_summaries(db: sqlite_utils.Database) -> None:
    """Put a database back to before `m008_summaries` (and the later migrations of the
    summaries): no triggers, no tables."""
    triggers = "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'summaries_%'"
    for (name,) in db.execute(triggers).fetchall():
        db.execute(f"DROP TRIGGER {name}")
    for name in TABLE_NAMES:
        db.execute(f"DROP TABLE {name}")
    db.execute("DELETE FROM _sqlite_migrations WHERE name LIKE 'm0%_summaries%'")


def recount(store: Store, filters: Filters) -> Figures:
    where, params = interviews_where(filters)
    scored = f"FROM interviews i JOIN scores s ON s.interview_id = i.id WHERE {where}"
    plain = f"FROM interviews i WHERE {where}"
    tally: dict[str, Counter[str]] = {name: Counter() for name in TALLIES}
    levels: dict[str, Counter[str]] = {}
    worked: list[tuple[str, str, str, int]] = []

    def rows(columns: str, source: str) -> list[dict[str, Any]]:
        return store.query(f"SELECT {columns} {source}", params)

    total, minutes = rows(
        "COUNT(*) AS n, AVG(CASE WHEN i.paper_form IS NULL"
        " THEN (julianday(i.finished_at) - julianday(i.started_at)) * 1440"
        " ELSE i.paper_minutes END) AS m",
        plain,
    )[0].values()
    for row in rows(
        "date(i.started_at, 'localtime') AS day, i.place_name, i.mediator, i.age_band,"
        " i.commune, i.postcode, i.next_steps",
        plain,
    ):
        tally["by_day"][row["day"]] += 1
        worked.append((row["mediator"] or "", row["place_name"] or "", row["day"], 1))
        tally["by_place"][row["place_name"] or ""] += 1
        tally["by_mediator"][row["mediator"] or ""] += 1
        tally["age_bands"][row["age_band"] or "non_communique"] += 1
        tally["communes"][Profile(commune=row["commune"], postcode=row["postcode"]).home] += 1
        for step in decode_steps(row["next_steps"]) or ():
            if step.rule_id:
                tally["kept"][step.rule_id] += 1
    for row in rows("s.level_id, s.autonomie, s.levels, s.proposed", scored):
        tally["overall"][row["level_id"] or ""] += 1
        tally["autonomie"][row["autonomie"] or ""] += 1
        for competence, level in json.loads(row["levels"]).items():
            levels.setdefault(competence, Counter())[level or ""] += 1
        for rule in json.loads(row["proposed"]):
            tally["proposed"][rule] += 1
    result = tallied(filters, int(total), float(minutes or 0), tally, levels)
    result.mediators = activities(worked)
    return result


def recount_returns(
    store: Store, filters: Filters, levels: list[str]
) -> tuple[int, dict[str, Counter[str]]]:
    """The return visits of `filters` and their moves per competence, recounted in SQL
    alone: a level's rank is its place in `levels` (the questionnaire's, lowest first);
    local days by SQLite's `localtime`, places as the filter names them."""
    clauses = ["i.stage = 'finished'", "i.return_code IS NOT NULL"]
    params: list[Any] = []
    if filters.start is not None:
        clauses.append("date(i.started_at, 'localtime') >= ?")
        params.append(filters.start.isoformat())
    if filters.end is not None:
        clauses.append("date(i.started_at, 'localtime') <= ?")
        params.append(filters.end.isoformat())
    for column, chosen in (("i.place_name", filters.places), ("i.mediator", filters.mediators)):
        if chosen:
            clauses.append(f"{column} IN ({', '.join('?' * len(chosen))})")
            params.extend(chosen)
    where = " AND ".join(clauses)
    ranks = ", ".join(f"('{level}', {n})" for n, level in enumerate(levels))
    total = store.query(f"SELECT COUNT(*) AS n FROM interviews i WHERE {where}", params)[0]["n"]
    rows = store.query(
        f"WITH rank (level, r) AS (VALUES {ranks})"
        " SELECT p.competence AS competence, CASE"
        "  WHEN now.r IS NULL OR before.r IS NULL THEN 'not_compared'"
        "  WHEN now.r > before.r THEN 'up' WHEN now.r = before.r THEN 'same' ELSE 'down'"
        " END AS move, COUNT(*) AS n"
        " FROM interviews i JOIN previous_levels p ON p.interview_id = i.id"
        " LEFT JOIN scores s ON s.interview_id = i.id"
        " LEFT JOIN rank before ON before.level = p.level"
        " LEFT JOIN rank now ON now.level = json_extract(s.levels, '$.' || p.competence)"
        f" WHERE {where} GROUP BY 1, 2",
        params,
    )
    moves: dict[str, Counter[str]] = {}
    for row in rows:
        moves.setdefault(row["competence"], Counter())[row["move"]] += row["n"]
    return int(total), moves
