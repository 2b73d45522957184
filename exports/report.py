"""Activity figures for funders: counts only, never a row about one person.

Everything is computed by SQLite over the interviews and their cached scores
(`evaluation.store.scores`), filtered by period, place and mediator.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from dataclasses import dataclass, field
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
    """Every figure of the dashboard, in a handful of SQL queries."""
    where, params = filters.where()

    def counts(select: str, source: str = "interviews i", order: str = "1") -> Counts:
        rows = store.db.execute(
            f"SELECT {select} AS k, COUNT(*) AS n FROM {source} WHERE {where}"
            f" GROUP BY 1 ORDER BY {order}",
            params,
        ).fetchall()
        return [(str(k) if k is not None else "", int(n)) for k, n in rows]

    with store.lock:
        total, minutes = store.db.execute(
            "SELECT COUNT(*), AVG((julianday(i.finished_at) - julianday(i.started_at)) * 1440)"
            f" FROM interviews i WHERE {where}",
            params,
        ).fetchone()
        report = Report(filters, int(total), float(minutes or 0))
        report.by_day = counts("substr(i.started_at, 1, 10)")
        report.by_week = counts("strftime('%Y-W%W', i.started_at)")
        report.by_place = counts("i.place_name", order="2 DESC, 1")
        report.by_mediator = counts("i.mediator", order="2 DESC, 1")
        scored = "interviews i JOIN scores s ON s.interview_id = i.id"
        report.overall = counts("s.level_id", scored)
        report.autonomie = counts("s.autonomie", scored)
        report.proposed = counts("p.value", f"{scored}, json_each(s.proposed) p", "2 DESC, 1")
        report.kept = counts(
            "substr(k.value, 1, instr(k.value, '|') - 1)",
            "interviews i, json_each(i.next_steps) k",
            "2 DESC, 1",
        )
        report.age_bands = counts("coalesce(i.age_band, 'non_communique')")
        report.communes = counts("coalesce(i.commune, '')", order="2 DESC, 1")
        rows = store.db.execute(
            "SELECT c.competence_id, c.level_id, COUNT(*) FROM interviews i"
            f" JOIN competence_scores c ON c.interview_id = i.id WHERE {where} GROUP BY 1, 2",
            params,
        ).fetchall()
    for competence, level, n in rows:
        report.levels.setdefault(competence, Counter())[level or ""] += n
    report.autonomie = _in_order(report.autonomie, AUTONOMIE_VALUES)
    report.age_bands = _in_order(report.age_bands, TRANCHE_AGE_VALUES)
    return report


def _in_order(counts: Counts, order: tuple[str, ...]) -> Counts:
    return sorted(counts, key=lambda kn: order.index(kn[0]) if kn[0] in order else len(order))


def report_csv(report: Report) -> str:
    """The figures as CSV: `figure,key,subkey,count`, one line per count."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(("figure", "key", "subkey", "count"))
    writer.writerow(("interviews", "", "", report.interviews))
    writer.writerow(("mean_minutes", "", "", round(report.minutes, 1)))
    for name in ("by_day", "by_week", "by_place", "by_mediator", "overall", "autonomie",
                 "proposed", "kept", "age_bands", "communes"):  # fmt: skip
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
