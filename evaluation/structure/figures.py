"""Activity figures for funders: counts only, never a row about one person.

The store adds them up (`evaluation.store.figures`); the reports render them. Days,
weeks and months are the laptop's local ones; a week is named by its Monday, a month by
`YYYY-MM`, a year by `YYYY`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum

from evaluation.i18n import Message, msg
from evaluation.structure.cra import AUTONOMIE_VALUES, TRANCHE_AGE_VALUES


class Move(StrEnum):
    """Which way one competence's level went between a visitor's earlier visit (read
    from their progress code) and this one: the sheet says it, the reports count it."""

    UP = "up"
    SAME = "same"
    DOWN = "down"
    NEW = "new"  # not assessed before (or at a level this version does not have)
    NOT_NOW = "not_now"  # assessed before, not this time
    NEITHER = "neither"

    @property
    def compared(self) -> bool:
        """A level before and one now, both of this version."""
        return self in (Move.UP, Move.SAME, Move.DOWN)


def move(rank: Mapping[str, int], before: str | None, now: str | None) -> Move:
    """The move from level `before` to `now`, ranked by `rank` (level id → rank, from
    the lowest up); a level `rank` lacks counts as not assessed."""
    if before is None or before not in rank:
        return Move.NEW if now is not None and now in rank else Move.NEITHER
    if now is None or now not in rank:
        return Move.NOT_NOW
    gap = rank[now] - rank[before]
    return Move.UP if gap > 0 else Move.DOWN if gap < 0 else Move.SAME


# A report's columns of moves (`report.move.…`): the compared ones, then the others.
NOT_COMPARED = "not_compared"
MOVE_COLUMNS: tuple[str, ...] = (*(m.value for m in Move if m.compared), NOT_COMPARED)


def move_columns(moves: Counter[Move]) -> tuple[tuple[str, int], ...]:
    """One competence's moves as a report counts them, column by column."""
    compared = tuple((m.value, moves[m]) for m in Move if m.compared)
    return (*compared, (NOT_COMPARED, sum(n for m, n in moves.items() if not m.compared)))


@dataclass(frozen=True)
class Filters:
    """Which finished interviews count: local days `start` to `end` included, places,
    mediators (empty: all)."""

    start: date | None = None
    end: date | None = None
    places: tuple[str, ...] = ()
    mediators: tuple[str, ...] = ()


Counts = list[tuple[str, int]]


@dataclass(frozen=True)
class MediatorActivity:
    """What one mediator did over the period: interviews, on how many places, on how
    many days ("" when the interviews name no mediator)."""

    mediator: str
    interviews: int
    places: int
    days: int

    def said(self) -> Message:
        """ "A. M. (120 diagnostics, 3 lieux, 45 jours)"."""
        return msg(
            "report.mediator_activity",
            name=self.mediator or msg("report.pdf.mediator_unknown"),
            interviews=msg("report.count.interviews", count=self.interviews),
            places=msg("report.count.places", count=self.places),
            days=msg("report.count.days", count=self.days),
        )


@dataclass
class Figures:
    filters: Filters
    interviews: int = 0
    unscored: int = 0  # their questionnaire version is not installed here
    minutes: float = 0.0  # mean duration
    by_day: Counts = field(default_factory=list)  # local day (ISO date)
    by_week: Counts = field(default_factory=list)  # the Monday of the week (ISO date)
    by_month: Counts = field(default_factory=list)  # YYYY-MM
    by_place: Counts = field(default_factory=list)
    by_mediator: Counts = field(default_factory=list)
    levels: dict[str, Counter[str]] = field(default_factory=dict)  # competence → level → n
    overall: Counts = field(default_factory=list)
    autonomie: Counts = field(default_factory=list)
    proposed: Counts = field(default_factory=list)  # next-step rule → times proposed
    kept: Counts = field(default_factory=list)  # next-step rule → times kept
    age_bands: Counts = field(default_factory=list)
    communes: Counts = field(default_factory=list)  # by `Profile.home` ("" when not told)
    mediators: list[MediatorActivity] = field(default_factory=list)  # most interviews first
    # Return visits (a progress code typed at the start): how many, and per competence how
    # many moved up, stayed, moved down since the visit before (`Move`, below).
    returns: int = 0
    moves: dict[str, Counter[Move]] = field(default_factory=dict)


TALLIES = ("by_day", "by_week", "by_month", "by_place", "by_mediator", "overall", "autonomie",
           "proposed", "kept", "age_bands", "communes")  # fmt: skip
_BY_KEY = {"by_day", "by_week", "by_month", "overall"}


def tallied(
    filters: Filters,
    total: int,
    minutes: float,
    tally: dict[str, Counter[str]],
    levels: dict[str, Counter[str]],
) -> Figures:
    """The figures from their counts (`by_day` gives the weeks and months), each list in
    the dashboard's order."""
    for day, n in list(tally["by_day"].items()):
        tally["by_week"][monday(day)] += n
        tally["by_month"][day[:7]] += n
    result = Figures(filters, total, minutes=minutes, levels=levels)
    result.unscored = result.interviews - sum(tally["overall"].values())
    for name, counts in tally.items():
        ordered = sorted(counts.items(), key=(lambda kn: kn[0]) if name in _BY_KEY else _most)
        setattr(result, name, ordered)
    result.autonomie = _in_order(result.autonomie, AUTONOMIE_VALUES)
    result.age_bands = _in_order(result.age_bands, TRANCHE_AGE_VALUES)
    return result


def activities(rows: list[tuple[str, str, str, int]]) -> list[MediatorActivity]:
    """Per mediator, from (mediator, place, day, interviews) rows: their interviews, and
    the places and days they were counted on; most interviews first, then by name."""
    interviews: Counter[str] = Counter()
    places: dict[str, set[str]] = {}
    days: dict[str, set[str]] = {}
    for mediator, place, day, n in rows:
        interviews[mediator] += n
        places.setdefault(mediator, set()).add(place)
        days.setdefault(mediator, set()).add(day)
    return [
        MediatorActivity(m, n, len(places[m]), len(days[m]))
        for m, n in sorted(interviews.items(), key=_most)
    ]


def monday(day: str) -> str:
    """The Monday of the ISO week holding `day` (both ISO dates)."""
    d = date.fromisoformat(day)
    return (d - timedelta(days=d.weekday())).isoformat()


@dataclass(frozen=True)
class Words:
    """What turns the stored ids into words and orders them: `labels` for competences,
    levels, next steps and CRA values; `levels` from the lowest up; `competences` in the
    questionnaire's order."""

    labels: dict[str, str]
    levels: list[str]
    competences: list[str]

    def __call__(self, key: str) -> str:
        return self.labels.get(key, key) or "—"

    def competences_in(self, levels: Mapping[str, object]) -> list[str]:
        """The competences of `levels` in the questionnaire's order (unknown ones last)."""
        known = [c for c in self.competences if c in levels]
        return known + sorted(set(levels) - set(known))

    def levels_in(self, levels: dict[str, Counter[str]]) -> list[str]:
        """Every level, from the lowest up, reached or not, so two reports have the same
        columns (unknown ones reached last; not assessed left out)."""
        seen = {lv for counts in levels.values() for lv in counts if lv}
        return [*self.levels, *sorted(seen - set(self.levels))]


class Grain(StrEnum):
    """How the report's timeline groups days: as few bars as fit, never more than `BARS`."""

    DAY = "day"
    WEEK = "week"
    MONTH = "month"
    YEAR = "year"


# A day per bar up to two weeks (a one- or two-bar weekly chart says nothing), then weeks
# up to half a year, months up to three years.
BARS = {Grain.DAY: 14, Grain.WEEK: 26, Grain.MONTH: 36}


@dataclass(frozen=True)
class Timeline:
    """Interviews over the report's period, one bar per day, week, month or year from
    the first day to the last, empty ones included: the bars add up to the total."""

    grain: Grain
    first: date
    last: date
    bars: Counts  # key: the day, the week's Monday, YYYY-MM or YYYY


def period(figures: Figures, today: date) -> tuple[date | None, date]:
    """The days a report covers: from its start (else the first day counted; None when
    nothing was counted) to its end (else today, or a later day counted)."""
    days = [date.fromisoformat(d) for d, _ in figures.by_day]
    first = figures.filters.start or (days[0] if days else None)
    last = figures.filters.end or max([today, *days[-1:]])
    return first, last


def timeline(figures: Figures, today: date) -> Timeline | None:
    """The timeline over `period`, in days while they are few, else weeks, else months,
    else years; None for a single day (its one bar would only repeat the total)."""
    first, last = period(figures, today)
    if first is None or last <= first:
        return None
    for grain in Grain:
        keys = _periods(first, last, grain)
        if len(keys) <= BARS.get(grain, len(keys)):
            break
    counts: Counter[str] = Counter()
    for day, n in figures.by_day:
        counts[_key(date.fromisoformat(day), grain)] += n
    return Timeline(grain, first, last, [(k, counts[k]) for k in keys])


def _key(day: date, grain: Grain) -> str:
    if grain is Grain.DAY:
        return day.isoformat()
    if grain is Grain.WEEK:
        return monday(day.isoformat())
    return day.isoformat()[: 7 if grain is Grain.MONTH else 4]


def _periods(first: date, last: date, grain: Grain) -> list[str]:
    """The keys of every week, month or year from `first` to `last`."""
    keys: list[str] = []
    day = first
    while day <= last:
        key = _key(day, grain)
        if not keys or keys[-1] != key:
            keys.append(key)
        day += timedelta(days=7 if grain is Grain.WEEK else 1)
    if _key(last, grain) not in keys[-1:]:
        keys.append(_key(last, grain))
    return keys


def _most(kn: tuple[str, int]) -> tuple[int, str]:
    return (-kn[1], kn[0])


def _in_order(counts: Counts, order: tuple[str, ...]) -> Counts:
    return sorted(counts, key=lambda kn: order.index(kn[0]) if kn[0] in order else len(order))
