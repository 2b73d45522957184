"""Activity figures for funders: counts only, never a row about one person.

Computed in one pass over the interviews and their cached scores
(`evaluation.store.scores`), filtered by period, place and mediator in SQL.
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from evaluation.cra import AUTONOMIE_VALUES, TRANCHE_AGE_VALUES
from evaluation.questionnaire import Library
from evaluation.store.interviews import Store


@dataclass(frozen=True)
class Filters:
    start: str | None = None  # ISO dates, inclusive
    end: str | None = None
    places: tuple[str, ...] = ()
    mediators: tuple[str, ...] = ()

    def where(self) -> tuple[str, tuple[Any, ...]]:
        """A WHERE clause over `interviews i` (finished ones only)."""
        clauses, params = ["i.stage = 'finished'"], []
        if self.start:
            clauses.append("i.started_at >= ?")
            params.append(self.start)
        if self.end:
            clauses.append("i.started_at < ?")
            params.append(self.end + "~")  # after any time of that day
        for column, values in (("i.place_name", self.places), ("i.mediator", self.mediators)):
            if values:
                clauses.append(f"{column} IN ({', '.join('?' * len(values))})")
                params.extend(values)
        return " AND ".join(clauses), tuple(params)


Counts = list[tuple[str, int]]


@dataclass
class Report:
    filters: Filters
    interviews: int = 0
    unscored: int = 0  # their questionnaire version is not installed here
    minutes: float = 0.0  # mean duration
    by_day: Counts = field(default_factory=list)
    by_week: Counts = field(default_factory=list)
    by_place: Counts = field(default_factory=list)
    by_mediator: Counts = field(default_factory=list)
    levels: dict[str, Counter[str]] = field(default_factory=dict)  # competence → level → n
    overall: Counts = field(default_factory=list)
    autonomie: Counts = field(default_factory=list)
    proposed: Counts = field(default_factory=list)  # next-step rule → times proposed
    kept: Counts = field(default_factory=list)  # next-step rule → times kept
    age_bands: Counts = field(default_factory=list)
    communes: Counts = field(default_factory=list)


def build_report(store: Store, filters: Filters) -> Report:
    """Every figure of the dashboard. SQLite groups the rows (JSON lists and maps by
    their text, which repeats a lot), Python only adds up the groups."""
    where, params = filters.where()
    scored = f"FROM interviews i JOIN scores s ON s.interview_id = i.id WHERE {where}"

    def groups(columns: tuple[str, ...], source: str) -> list[tuple[Any, ...]]:
        group = ", ".join(str(n) for n in range(1, len(columns) + 1))
        sql = f"SELECT {', '.join(columns)}, COUNT(*) {source} GROUP BY {group}"
        return list(store.db.execute(sql, params).fetchall())

    tally: dict[str, Counter[str]] = {name: Counter() for name in _TALLIES}
    levels: dict[str, Counter[str]] = {}
    weeks: dict[str, str] = {}
    with store.lock:
        total, minutes = store.db.execute(
            "SELECT COUNT(*), AVG((julianday(i.finished_at) - julianday(i.started_at)) * 1440)"
            f" FROM interviews i WHERE {where}",
            params,
        ).fetchone()
        for day, place, mediator, n in groups(
            ("substr(i.started_at, 1, 10)", "i.place_name", "i.mediator"),
            f"FROM interviews i WHERE {where}",
        ):
            week = weeks.get(day) or weeks.setdefault(day, _iso_week(day))
            tally["by_day"][day] += n
            tally["by_week"][week] += n
            tally["by_place"][place or ""] += n
            tally["by_mediator"][mediator or ""] += n
        for age, commune, kept, n in groups(
            ("i.age_band", "i.commune", "i.next_steps"), f"FROM interviews i WHERE {where}"
        ):
            tally["age_bands"][age or "non_communique"] += n
            tally["communes"][commune or ""] += n
            for step in json.loads(kept or "[]"):
                tally["kept"][step.split("|", 1)[0]] += n
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
    report = Report(filters, int(total), minutes=float(minutes or 0), levels=levels)
    report.unscored = report.interviews - sum(tally["overall"].values())
    for name, counts in tally.items():
        by_key = name in {"by_day", "by_week", "overall"}
        ordered = sorted(counts.items(), key=(lambda kn: kn[0]) if by_key else _most)
        setattr(report, name, ordered)
    report.autonomie = _in_order(report.autonomie, AUTONOMIE_VALUES)
    report.age_bands = _in_order(report.age_bands, TRANCHE_AGE_VALUES)
    return report


_TALLIES = ("by_day", "by_week", "by_place", "by_mediator", "overall", "autonomie",
            "proposed", "kept", "age_bands", "communes")  # fmt: skip


def _iso_week(day: str) -> str:
    """ISO 8601 week: 29 December and 1 January may share one."""
    year, week, _ = date.fromisoformat(day).isocalendar()
    return f"{year}-W{week:02d}"


def _most(kn: tuple[str, int]) -> tuple[int, str]:
    return (-kn[1], kn[0])


def _in_order(counts: Counts, order: tuple[str, ...]) -> Counts:
    return sorted(counts, key=lambda kn: order.index(kn[0]) if kn[0] in order else len(order))


def report_csv(report: Report) -> str:
    """The figures as CSV: `figure,key,subkey,count`, one line per count."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(("figure", "key", "subkey", "count"))
    writer.writerow(("interviews", "", "", report.interviews))
    writer.writerow(("mean_minutes", "", "", round(report.minutes, 1)))
    for name in _TALLIES:
        for key, n in getattr(report, name):
            writer.writerow((name, key, "", n))
    for competence, levels in sorted(report.levels.items()):
        for level, n in sorted(levels.items()):
            writer.writerow(("levels", competence, level, n))
    return out.getvalue()


CRA_WORDS = {
    "entierement_accompagne": "Entièrement accompagné",
    "partiellement_autonome": "Partiellement autonome",
    "autonome": "Autonome",
    "moins_de_douze": "Moins de 12 ans",
    "douze_dix_huit": "12 à 18 ans",
    "dix_huit_vingt_quatre": "18 à 24 ans",
    "vingt_cinq_trente_neuf": "25 à 39 ans",
    "quarante_cinquante_neuf": "40 à 59 ans",
    "soixante_soixante_neuf": "60 à 69 ans",
    "soixante_dix_plus": "70 ans et plus",
    "non_communique": "Non communiqué",
}


def level_order(library: Library) -> list[str]:
    """Level ids from the lowest up, as the questionnaires list them."""
    order: list[str] = []
    for published in library.all():
        order += [lv.id for lv in published.questionnaire.levels if lv.id not in order]
    return order


def labels(library: Library) -> dict[str, str]:
    """French words for the ids a report shows: competences, levels, next steps."""
    words = dict(CRA_WORDS)
    for published in library.all():  # newest version last: its words win
        q = published.questionnaire
        words.update({c.id: c.label.fr for c in q.competences})
        words.update({lv.id: lv.label.fr for lv in q.levels})
        words.update({r.id: r.title.fr for r in q.next_steps})
    return words
