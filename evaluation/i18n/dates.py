"""Dates as people read them, in their language (CLDR data through Babel).

Imported only where a date is shown: Babel's data take ~60 ms to load.
"""

from __future__ import annotations

from datetime import date, datetime

from babel.dates import format_date, format_datetime


def long_date(day: date, lang: str) -> str:
    """ "24 novembre 2026", "24 November 2026"."""
    return format_date(day, "d MMMM y", locale=lang)


def day_month(day: date, lang: str) -> str:
    """ "23 novembre"."""
    return format_date(day, "d MMMM", locale=lang)


def short_day(day: date, lang: str) -> str:
    """ "23 nov." (a chart's axis)."""
    return format_date(day, "d MMM", locale=lang)


def short_month(day: date, lang: str) -> str:
    """The month of `day`, short, with its year ("juin 2025", "Jun 2025")."""
    return format_date(day, "MMM y", locale=lang)


def short_date_time(moment: datetime, lang: str) -> str:
    """ "24/11/2026 14:05" in French, the locale's short form elsewhere."""
    return format_datetime(moment, "short", locale=lang)


def weekday_day_month(day: date, lang: str) -> str:
    """ "mardi 8 décembre", "Tuesday 8 December"."""
    return format_date(day, "EEEE d MMMM", locale=lang)


def month_year(month: str, lang: str) -> str:
    """A 'YYYY-MM' month in words: "octobre 2026", "October 2026" (LLLL: the month alone,
    as a language names it without a day)."""
    year, number = (int(part) for part in month.split("-"))
    return format_date(date(year, number, 1), "LLLL y", locale=lang)
