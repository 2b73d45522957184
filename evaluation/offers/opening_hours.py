"""Opening hours a visitor can act on, from the OpenStreetMap `opening_hours` syntax.

data·inclusion gives `horaires_accueil` in that syntax. The schedule is read by
`opening-hours-py` (the whole syntax: public holidays, months, week numbers, `off`,
comments; French public holidays through `country="FR"`). A visitor's sheet never shows
the syntax: it shows the common cases in plain words, and always the next opening counted
from the day after the interview, or « se renseigner par téléphone » when the schedule
cannot be read. A schedule with no opening in the next four weeks means closed for now.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import Enum
from functools import lru_cache

from opening_hours import (  # type: ignore[attr-defined]  # ParserError is missing from its stub
    OpeningHours,
    ParserError,
    State,
)

from evaluation.i18n import Translator
from evaluation.i18n.dates import weekday_day_month

HORIZON = timedelta(weeks=4)
COUNTRY = "FR"  # the public holidays counted: the catalogue's services are in France

_DAY_PART = r"(?:Mo|Tu|We|Th|Fr|Sa|Su)(?:-(?:Mo|Tu|We|Th|Fr|Sa|Su))?"
_DAYS = re.compile(rf"^{_DAY_PART}(?:,{_DAY_PART})*$")
_TIME = re.compile(r"^([01]\d|2[0-4]):([0-5]\d)-([01]\d|2[0-4]):([0-5]\d)$")


class Outlook(Enum):
    """What the next four weeks hold for a visitor."""

    OPEN = "open"  # an opening is known: `Ahead.opening`
    ASK = "ask"  # no schedule, one that cannot be read, or only "unknown" times: phone
    CLOSED = "closed"  # read, and closed for the whole horizon


@dataclass(frozen=True)
class Opening:
    """One opening: from `start` to `end`, with the schedule's own note if any."""

    start: datetime
    end: datetime
    note: str = ""


@dataclass(frozen=True)
class Ahead:
    outlook: Outlook
    opening: Opening | None = None


@lru_cache(maxsize=8192)
def _parsed(spec: str) -> OpeningHours | None:
    try:
        return OpeningHours(spec, country=COUNTRY)
    except (ParserError, SyntaxError, ValueError):
        return None


@lru_cache(maxsize=65536)
def ahead(spec: str | None, interview: date) -> Ahead:
    """The first opening in the four weeks after the interview's day."""
    parsed = _parsed(spec.strip()) if spec and spec.strip() else None
    if parsed is None:
        return Ahead(Outlook.ASK)
    start = datetime.combine(interview + timedelta(days=1), time())
    unknown = False
    for begin, end, state, note in parsed.intervals(start, start + HORIZON):
        if state == State.OPEN:
            if note and end - begin >= timedelta(days=1):
                return Ahead(Outlook.ASK)  # a note alone ("sur rendez-vous") is no time
            return Ahead(Outlook.OPEN, Opening(max(begin, start), end, note or ""))
        unknown = unknown or state == State.UNKNOWN
    return Ahead(Outlook.ASK if unknown else Outlook.CLOSED)


def closed_ahead(spec: str | None, interview: date) -> bool:
    """True when the schedule is read and has no opening in the next four weeks."""
    return ahead(spec, interview).outlook is Outlook.CLOSED


@dataclass(frozen=True)
class Told:
    """What a visitor reads about when to come: the schedule in plain words when it is
    a common one, and always a line with the next opening or the telephone."""

    plain: str | None
    line: str


def when_to_come(spec: str | None, interview: date, t: Translator) -> Told | None:
    """When to come, for a visitor interviewed on `interview`; None when the catalogue
    gives no schedule (an online course). Never the syntax."""
    if spec is None or not spec.strip():
        return None
    coming = ahead(spec, interview)
    if coming.opening is None:
        key = "hours.closed_ahead" if coming.outlook is Outlook.CLOSED else "hours.ask"
        return Told(None, t(key))
    return Told(describe(spec, t), t("hours.next", when=_when(coming.opening, t)))


def _when(opening: Opening, t: Translator) -> str:
    day = weekday_day_month(opening.start.date(), t.lang)
    if opening.end - opening.start >= timedelta(days=1):
        when = t("hours.next_all_day", day=day)
    else:
        span = t(
            "hours.span",
            start=_clock(opening.start.hour, opening.start.minute, t),
            end=_clock(_end_hour(opening), opening.end.minute, t),
        )
        when = t("hours.next_span", day=day, span=span)
    note = opening.note.strip()
    return t("hours.with_note", when=when, note=note) if note else when


def _end_hour(opening: Opening) -> int:
    """An opening ending at midnight ends at 24 h, not at 0 h."""
    midnight = opening.end.time() == time() and opening.end.date() > opening.start.date()
    return 24 if midnight else opening.end.hour


def describe(spec: str | None, t: Translator) -> str | None:
    """`spec` in plain words for the common cases (days, times, `off`, public holidays
    off), else None: the caller then says only the next opening."""
    if spec is None or not spec.strip():
        return None
    if spec.strip() == "24/7":
        return t("hours.always")
    rules = [rule.strip() for rule in spec.split(";") if rule.strip()]
    described = [_rule(rule, t) for rule in rules]
    if any(d is None for d in described):
        return None
    return t("hours.rule_separator").join(d for d in described if d)


def _rule(rule: str, t: Translator) -> str | None:
    if rule == "PH off":
        return t("hours.holidays_closed")
    parts = rule.split(None, 1)
    if len(parts) != 2 or not _DAYS.match(parts[0]):
        return None
    days = _days(parts[0], t)
    if parts[1].strip() == "off":
        return t("hours.closed", days=days)
    spans = [_span(span, t) for span in parts[1].split(",")]
    if any(s is None for s in spans):
        return None
    return t("hours.open", days=days, spans=_join([s for s in spans if s], t))


def _days(text: str, t: Translator) -> str:
    groups = []
    for group in text.split(","):
        if "-" in group:
            first, last = (t(f"hours.day.{d.lower()}") for d in group.split("-"))
            groups.append(t("hours.day_range", first=first, last=last))
        else:
            groups.append(t("hours.on_day", day=t(f"hours.day.{group.lower()}")))
    return _join(groups, t)


def _join(items: list[str], t: Translator) -> str:
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + t("hours.and") + items[-1]


def _span(text: str, t: Translator) -> str | None:
    match = _TIME.match(text.strip())
    if match is None:
        return None
    h1, m1, h2, m2 = (int(g) for g in match.groups())
    return t("hours.span", start=_clock(h1, m1, t), end=_clock(h2, m2, t))


def _clock(hours: int, minutes: int, t: Translator) -> str:
    if minutes == 0:
        return t("hours.time_whole", h=hours)
    return t("hours.time", h=hours, mm=f"{minutes:02d}")
