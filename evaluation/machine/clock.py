"""Times as stored (UTC, ISO 8601 with milliseconds) and days as people live them (local).

Every stored time is UTC, so that laptops in other time zones and the office agree;
every day shown or filtered on ("today's interviews", a report by day, the date on a
sheet) is the laptop's local day.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta


def now() -> str:
    """The current time, UTC, ISO 8601 with milliseconds (how every time is stored)."""
    return stamp(datetime.now(UTC))


def stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="milliseconds")


def local_day(stored: str) -> date:
    """The local day of a stored time."""
    return datetime.fromisoformat(stored).astimezone().date()


def local_time(stored: str) -> datetime:
    return datetime.fromisoformat(stored).astimezone()


def typed_day(text: str) -> date:
    """A day as a person types it: 24/11/2026 (as French forms write it) or 2026-11-24.
    Raises ValueError for anything else."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        return datetime.strptime(text, "%d/%m/%Y").date()


def today() -> date:
    return datetime.now().astimezone().date()


def day_bounds(first: date, last: date | None = None) -> tuple[str, str]:
    """Stored-time bounds [start, end) of the local days from `first` to `last` included."""
    start = datetime.combine(first, time()).astimezone()
    end = datetime.combine((last or first) + timedelta(days=1), time()).astimezone()
    return stamp(start), stamp(end)
