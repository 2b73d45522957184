"""Activity figures for funders: counts only, never a row about one person.

Added up from the summary tables (`evaluation.store.summaries`), which triggers keep
beside the finished interviews and their cached scores (`evaluation.store.scores`),
filtered by period, place and mediator in SQL. Days and weeks are the laptop's local
ones; a week is named by its Monday.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from evaluation.clock import day_bounds
from evaluation.cra import AUTONOMIE_VALUES, TRANCHE_AGE_VALUES
from evaluation.interview import Stage
from evaluation.store.interviews import Store
from evaluation.store.summaries import periods


@dataclass(frozen=True)
class Filters:
    """Which finished interviews count: local days `start` to `end` included, places,
    mediators (empty: all)."""

    start: date | None = None
    end: date | None = None
    places: tuple[str, ...] = ()
    mediators: tuple[str, ...] = ()

    def where(self) -> tuple[str, tuple[Any, ...]]:
        """A WHERE clause over `interviews i`."""
        clauses, params = ["i.stage = ?"], [Stage.FINISHED.value]
        if self.start:
            clauses.append("i.started_at >= ?")
            params.append(day_bounds(self.start)[0])
        if self.end:
            clauses.append("i.started_at < ?")
            params.append(day_bounds(self.end)[1])
        for column, values in (("i.place_name", self.places), ("i.mediator", self.mediators)):
            if values:
                clauses.append(f"{column} IN ({', '.join('?' * len(values))})")
                params.extend(values)
        return " AND ".join(clauses), tuple(params)

    def summary_where(self, months: bool = True) -> tuple[str, tuple[Any, ...]]:
        """A WHERE clause over a summary table (whole months by their month rows when
        `months`, else day by day)."""
        clause, params = periods(self.start, self.end, months)
        clauses, values = [clause], list(params)
        for column, chosen in (("place", self.places), ("mediator", self.mediators)):
            if chosen:
                clauses.append(f"{column} IN ({', '.join('?' * len(chosen))})")
                values.extend(chosen)
        return " AND ".join(clauses), tuple(values)


Counts = list[tuple[str, int]]
Rows = list[tuple[Any, ...]]


@dataclass
class Figures:
    filters: Filters
    interviews: int = 0
    unscored: int = 0  # their questionnaire version is not installed here
    minutes: float = 0.0  # mean duration
    by_day: Counts = field(default_factory=list)  # local day (ISO date)
    by_week: Counts = field(default_factory=list)  # the Monday of the week (ISO date)
    by_place: Counts = field(default_factory=list)
    by_mediator: Counts = field(default_factory=list)
    levels: dict[str, Counter[str]] = field(default_factory=dict)  # competence → level → n
    overall: Counts = field(default_factory=list)
    autonomie: Counts = field(default_factory=list)
    proposed: Counts = field(default_factory=list)  # next-step rule → times proposed
    kept: Counts = field(default_factory=list)  # next-step rule → times kept
    age_bands: Counts = field(default_factory=list)
    communes: Counts = field(default_factory=list)


TALLIES = ("by_day", "by_week", "by_place", "by_mediator", "overall", "autonomie",
           "proposed", "kept", "age_bands", "communes")  # fmt: skip


def figures(store: Store, filters: Filters) -> Figures:
    """Every figure of the dashboard, added up from the summary tables
    (`evaluation.store.summaries`): thousands of rows over ten years, not millions."""
    tally: dict[str, Counter[str]] = {name: Counter() for name in TALLIES}
    levels: dict[str, Counter[str]] = {}
    total = timed = minutes_ms = 0
    with store.connection() as db:

        def groups(table: str, keys: str, more: str = "", months: bool = True) -> Rows:
            where, params = filters.summary_where(months)
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
            tally["by_week"][monday(day)] += n
        for name, column in (("by_place", "place"), ("by_mediator", "mediator")):
            for key, n in groups("summary_days", column, months=False):
                tally[name][key] += n
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
    return tallied(filters, total, minutes, tally, levels)


def tallied(
    filters: Filters,
    total: int,
    minutes: float,
    tally: dict[str, Counter[str]],
    levels: dict[str, Counter[str]],
) -> Figures:
    """The figures from their counts, each list in the dashboard's order."""
    result = Figures(filters, total, minutes=minutes, levels=levels)
    result.unscored = result.interviews - sum(tally["overall"].values())
    for name, counts in tally.items():
        by_key = name in {"by_day", "by_week", "overall"}
        ordered = sorted(counts.items(), key=(lambda kn: kn[0]) if by_key else _most)
        setattr(result, name, ordered)
    result.autonomie = _in_order(result.autonomie, AUTONOMIE_VALUES)
    result.age_bands = _in_order(result.age_bands, TRANCHE_AGE_VALUES)
    return result


def monday(day: str) -> str:
    """The Monday of the ISO week holding `day` (both ISO dates)."""
    d = date.fromisoformat(day)
    return (d - timedelta(days=d.weekday())).isoformat()


def _most(kn: tuple[str, int]) -> tuple[int, str]:
    return (-kn[1], kn[0])


def _in_order(counts: Counts, order: tuple[str, ...]) -> Counts:
    return sorted(counts, key=lambda kn: order.index(kn[0]) if kn[0] in order else len(order))
