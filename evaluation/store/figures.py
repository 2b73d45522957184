"""Activity figures for funders, added up in SQL (`evaluation.structure.figures` says what they
are): counts only, never a row about one person.

Added up from the summary tables (`evaluation.store.summaries`), which triggers keep
beside the finished interviews and their cached scores (`evaluation.store.scores`),
filtered by period, place and mediator in SQL. Days are the laptop's local ones.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from evaluation.store.activities import finished_between
from evaluation.store.interviews import Store
from evaluation.store.scores import Finder
from evaluation.store.summaries import periods
from evaluation.structure.figures import TALLIES, Figures, Filters, Move, activities, move, tallied

Rows = list[tuple[Any, ...]]


def interviews_where(filters: Filters) -> tuple[str, tuple[Any, ...]]:
    """A WHERE clause over `interviews i` choosing what `filters` count."""
    clauses, params = finished_between(filters.start, filters.end)
    for column, values in (("i.place_name", filters.places), ("i.mediator", filters.mediators)):
        if values:
            clauses.append(f"{column} IN ({', '.join('?' * len(values))})")
            params.extend(values)
    return " AND ".join(clauses), tuple(params)


def summary_where(filters: Filters, months: bool = True) -> tuple[str, tuple[Any, ...]]:
    """A WHERE clause over a summary table (whole months by their month rows when
    `months`, else day by day)."""
    clause, params = periods(filters.start, filters.end, months)
    clauses, values = [clause], list(params)
    for column, chosen in (("place", filters.places), ("mediator", filters.mediators)):
        if chosen:
            clauses.append(f"{column} IN ({', '.join('?' * len(chosen))})")
            values.extend(chosen)
    return " AND ".join(clauses), tuple(values)


def named(store: Store) -> tuple[list[str], list[str]]:
    """The places and the mediators that finished interviews name (from the summaries:
    a few rows whatever the years), in alphabetical order."""
    with store.connection() as db:
        return tuple(  # type: ignore[return-value]
            [
                row[0]
                for row in db.execute(
                    f"SELECT DISTINCT {column} FROM summary_days WHERE n > 0 AND {column} != ''"
                    f" ORDER BY {column}"
                ).fetchall()
            ]
            for column in ("place", "mediator")
        )


def figures(store: Store, filters: Filters) -> Figures:
    """Every figure of the dashboard, added up from the summary tables
    (`evaluation.store.summaries`): thousands of rows over ten years, not millions."""
    tally: dict[str, Counter[str]] = {name: Counter() for name in TALLIES}
    levels: dict[str, Counter[str]] = {}
    total = timed = minutes_ms = 0
    with store.connection() as db:

        def groups(table: str, keys: str, more: str = "", months: bool = True) -> Rows:
            where, params = summary_where(filters, months)
            width = len(keys.split(","))
            return list(
                db.execute(
                    f"SELECT {keys}, SUM(n){more} FROM {table} WHERE {where}"
                    f" GROUP BY {', '.join(str(n) for n in range(1, width + 1))}"
                    " HAVING SUM(n) > 0",
                    params,
                ).fetchall()
            )

        for day, n, t, ms in groups(
            "summary_days", "period", ", SUM(timed), SUM(minutes_ms)", False
        ):
            total, timed, minutes_ms = total + n, timed + t, minutes_ms + ms
            tally["by_day"][day] += n
        for name, column in (("by_place", "place"), ("by_mediator", "mediator")):
            for key, n in groups("summary_days", column, months=False):
                tally[name][key] += n
        worked = groups("summary_days", "mediator, place, period", months=False)
        for age, commune, n in groups("summary_people", "age_band, commune"):
            tally["age_bands"][age or "non_communique"] += n
            tally["communes"][commune] += n
        for rule, n in groups("summary_kept", "rule_id"):
            tally["kept"][rule] += n
        for level, autonomie, n in groups("summary_levels", "level_id, autonomie"):
            tally["overall"][level] += n
            tally["autonomie"][autonomie] += n
        for competence, competence_level, n in groups("summary_competences", "competence, level"):
            levels.setdefault(competence, Counter())[competence_level] += n
        for rule, n in groups("summary_proposed", "rule_id"):
            tally["proposed"][rule] += n
    minutes = minutes_ms / timed / 60_000 if timed else 0.0
    result = tallied(filters, total, minutes, tally, levels)
    result.mediators = activities([(m, p, d, n) for m, p, d, n in worked])
    return result


def return_visits(
    store: Store, filters: Filters, published_for: Finder, competences: Sequence[str] = ()
) -> tuple[int, dict[str, Counter[Move]]]:
    """How many interviews of `filters` are return visits (a progress code was typed),
    and per competence how many of them moved up, stayed or moved down from the level
    before to the level scored now, in the order of the interview's questionnaire version.

    Every return visit counts once in each competence's row (`competences`, and any
    other its code names): one whose code lacks that competence, or not assessed now,
    counts as not compared, so each row adds up to the number of return visits.

    Read from the interviews themselves, in pairs of levels grouped by SQL: a few rows,
    whatever the period. The return visits of the period come first, through their own
    index (migration m013), then their levels by key: `CROSS JOIN` keeps that order, so
    SQLite never walks every return visit's levels for a month's report.
    """
    where, params = interviews_where(filters)
    returning = f"FROM interviews i WHERE {where} AND i.return_code IS NOT NULL"
    moves: dict[str, Counter[Move]] = {}
    total = store.query(f"SELECT COUNT(*) AS n {returning}", params)[0]["n"]
    pairs = store.query(
        "SELECT i.questionnaire_id AS q, i.questionnaire_version AS version,"
        " i.questionnaire_sha256 AS sha, p.competence, p.level AS before, j.value AS now,"
        " COUNT(*) AS n FROM interviews i CROSS JOIN previous_levels p ON p.interview_id = i.id"
        " LEFT JOIN scores s ON s.interview_id = i.id"
        " LEFT JOIN json_each(CASE WHEN json_valid(s.levels) THEN s.levels ELSE '{}' END) j"
        " ON j.key = p.competence"
        f" WHERE {where} AND i.return_code IS NOT NULL GROUP BY 1, 2, 3, 4, 5, 6",
        params,
    )
    for pair in pairs:
        published = published_for(pair["q"], pair["version"], pair["sha"])
        rank = published.questionnaire.level_rank if published else {}
        moved = move(rank, pair["before"], pair["now"])
        moves.setdefault(pair["competence"], Counter())[moved] += pair["n"]
    for competence in (*competences, *moves) if total else ():
        counts = moves.setdefault(competence, Counter())
        # A visitor without a pair for this competence was not compared on it.
        left = int(total) - sum(counts.values())
        if left:
            counts[Move.NEITHER] += left
    return int(total), moves
