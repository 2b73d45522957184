"""Dates as people read them, in their language (CLDR data through Babel).

Imported only where a date is shown: Babel's data take ~60 ms to load.
"""

from __future__ import annotations

from datetime import date, datetime

from babel.dates import format_date, format_datetime


def day_number(day: date, lang: str) -> str:
    """The day of the month as a date says it: « 1er » in French, else its digits."""
    return "1er" if lang == "fr" and day.day == 1 else str(day.day)


def long_date(day: date, lang: str) -> str:
    """ "24 novembre 2026", "1er décembre 2026", "24 November 2026"."""
    return f"{day_number(day, lang)} {format_date(day, 'MMMM y', locale=lang)}"


def day_month(day: date, lang: str) -> str:
    """ "23 novembre", "1er décembre"."""
    return f"{day_number(day, lang)} {format_date(day, 'MMMM', locale=lang)}"


def short_day(day: date, lang: str) -> str:
    """ "23 nov." (a chart's axis)."""
    return format_date(day, "d MMM", locale=lang)


def short_month(day: date, lang: str) -> str:
    """The month of `day`, short, with its year ("juin 2025", "Jun 2025")."""
    return format_date(day, "MMM y", locale=lang)


def short_date(day: date, lang: str) -> str:
    """ "24/11/2026" in French, the locale's short form elsewhere (a table's column)."""
    return format_date(day, "short", locale=lang)


def short_date_time(moment: datetime, lang: str) -> str:
    """ "24/11/2026 14:05" in French, the locale's short form elsewhere."""
    return format_datetime(moment, "short", locale=lang)


def weekday_day_month(day: date, lang: str) -> str:
    """ "mardi 8 décembre", "mardi 1er décembre", "Tuesday 8 December"."""
    return f"{format_date(day, 'EEEE', locale=lang)} {day_month(day, lang)}"


def month_year(month: str, lang: str) -> str:
    """A 'YYYY-MM' month in words: "octobre 2026", "October 2026" (LLLL: the month alone,
    as a language names it without a day)."""
    year, number = (int(part) for part in month.split("-"))
    return format_date(date(year, number, 1), "LLLL y", locale=lang)
