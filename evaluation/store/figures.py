"""Activity figures for funders: counts only, never a row about one person.

Computed in one pass over the finished interviews and their cached scores
(`evaluation.store.scores`), filtered by period, place and mediator in SQL. Days and
weeks are the laptop's local ones; a week is named by its Monday.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from evaluation.clock import day_bounds
from evaluation.cra import AUTONOMIE_VALUES, TRANCHE_AGE_VALUES
from evaluation.interview import Stage, decode_steps
from evaluation.store.interviews import Store


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


Counts = list[tuple[str, int]]


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
    """Every figure of the dashboard. SQLite groups the rows (JSON lists and maps by
    their text, which repeats a lot), Python only adds up the groups."""
    where, params = filters.where()
    scored = f"FROM interviews i JOIN scores s ON s.interview_id = i.id WHERE {where}"
    tally: dict[str, Counter[str]] = {name: Counter() for name in TALLIES}
    levels: dict[str, Counter[str]] = {}
    weeks: dict[str, str] = {}
    with store.connection() as db:

        def groups(columns: tuple[str, ...], source: str) -> list[tuple[Any, ...]]:
            group = ", ".join(str(n) for n in range(1, len(columns) + 1))
            sql = f"SELECT {', '.join(columns)}, COUNT(*) {source} GROUP BY {group}"
            return list(db.execute(sql, params).fetchall())

        total, minutes = db.execute(
            # A paper form lasted what the mediator typed, or is left out of the mean.
            "SELECT COUNT(*), AVG(CASE WHEN i.paper_form IS NULL"
            " THEN (julianday(i.finished_at) - julianday(i.started_at)) * 1440"
            " ELSE i.paper_minutes END)"
            f" FROM interviews i WHERE {where}",
            params,
        ).fetchone()
        for day, place, mediator, n in groups(
            ("date(i.started_at, 'localtime')", "i.place_name", "i.mediator"),
            f"FROM interviews i WHERE {where}",
        ):
            week = weeks.get(day) or weeks.setdefault(day, monday(day))
            tally["by_day"][day] += n
            tally["by_week"][week] += n
            tally["by_place"][place or ""] += n
            tally["by_mediator"][mediator or ""] += n
        for age, commune, kept, n in groups(
            ("i.age_band", "i.commune", "i.next_steps"), f"FROM interviews i WHERE {where}"
        ):
            tally["age_bands"][age or "non_communique"] += n
            tally["communes"][commune or ""] += n
            for step in decode_steps(kept) or ():
                if step.rule_id:
                    tally["kept"][step.rule_id] += n
        for level, autonomie, by, n in groups(("s.level_id", "s.autonomie", "s.levels"), scored):
            tally["overall"][level or ""] += n
            tally["autonomie"][autonomie or ""] += n
            for competence, competence_level in json.loads(by).items():
                if competence not in levels:
                    levels[competence] = Counter()
                levels[competence][competence_level or ""] += n
        for proposed, n in groups(("s.proposed",), scored):
            for rule in json.loads(proposed):
                tally["proposed"][rule] += n
    result = Figures(filters, int(total), minutes=float(minutes or 0), levels=levels)
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
