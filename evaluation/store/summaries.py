"""Summary tables: the dashboard's counts kept per local day and month, place and
mediator, so that a report over ten years reads thousands of rows, not millions.

SQLite triggers keep them: every write of an interview or a score (import, finishing,
erasure, forgetting, purge, demo data, a refresh) adds what the new row counts and takes
away what the old one counted, in the same transaction. Nothing in Python has to
remember them. A row whose count falls to zero is deleted at once: it would still hold
the day, place, mediator, age band and commune of the person erased.

Days and months are local ones, as SQLite's `localtime` sees them when the row is
written (the same zone as the reports' own day bounds); `rebuild` recounts them all.

`scores_due` lists the finished interviews whose score is missing or older than their
last change, so the refresh before a report reads that list instead of every interview.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

import sqlite_utils

FINISHED = "'finished'"
# Day rows and month rows apart (`grain` leads the key), so a range of one never reads
# the other.
DAY = ("day", "date({x}.started_at, 'localtime')")
MONTH = ("month", "strftime('%Y-%m', {x}.started_at, 'localtime')")
# A paper form lasted what the mediator typed (NULL: left out of the mean).
MINUTES = (
    "(CASE WHEN {x}.paper_form IS NULL"
    " THEN (julianday({x}.finished_at) - julianday({x}.started_at)) * 1440"
    " ELSE {x}.paper_minutes END)"
)

# Where the visitor lives, as `Profile.home` says: the commune, else the postcode typed in
# its place, else '' (not told).
HOME = "coalesce(nullif({x}.commune, ''), nullif({x}.postcode, ''), '')"


class On(StrEnum):
    """The table a trigger watches."""

    INTERVIEWS = "interviews"
    SCORES = "scores"


@dataclass(frozen=True)
class Table:
    """One summary table: counts by period, place, mediator and `keys` (column, SQL
    expression over the interview `{x}`, its score `{s}`, a JSON item `{j}`)."""

    name: str
    keys: tuple[tuple[str, str], ...]
    scored: bool = False  # counts only interviews with a score row
    each: str | None = None  # a JSON value to iterate as `{j}`
    each_where: tuple[str, ...] = ()  # which of its items count
    grains: tuple[tuple[str, str], ...] = (DAY, MONTH)
    sums: tuple[tuple[str, str], ...] = ()  # more columns added up, beside `n`

    @property
    def columns(self) -> tuple[str, ...]:
        return ("grain", "period", "place", "mediator", *(c for c, _ in self.keys))


def _rule(item: str) -> str:
    """The rule of a kept step `rule|service` (text before the bar)."""
    return f"CASE WHEN instr({item}, '|') > 0 THEN substr({item}, 1, instr({item}, '|') - 1) ELSE {item} END"  # noqa: E501


def _json(value: str, empty: str) -> str:
    """Iterable JSON: an unreadable value counts as empty rather than failing the write."""
    return f"CASE WHEN json_valid({value}) THEN {value} ELSE '{empty}' END"


TABLES = (
    Table(
        "summary_days",
        (),
        grains=(DAY,),
        sums=(
            ("timed", f"({MINUTES} IS NOT NULL)"),
            ("minutes_ms", f"coalesce(CAST(round({MINUTES} * 60000) AS INTEGER), 0)"),
        ),
    ),
    Table(
        "summary_people",
        (("age_band", "coalesce({x}.age_band, '')"), ("commune", HOME)),
    ),
    Table(
        "summary_kept",
        (("rule_id", _rule("{j}.value")),),
        each=_json("{x}.next_steps", "[]"),
        each_where=("{j}.type = 'text'", f"{_rule('{j}.value')} != ''"),
    ),
    Table(
        "summary_levels",
        (("level_id", "coalesce({s}.level_id, '')"), ("autonomie", "coalesce({s}.autonomie, '')")),
        scored=True,
    ),
    Table(
        "summary_competences",
        (("competence", "{j}.key"), ("level", "coalesce({j}.value, '')")),
        scored=True,
        each=_json("{s}.levels", "{{}}"),
    ),
    Table(
        "summary_proposed",
        (("rule_id", "{j}.value"),),
        scored=True,
        each=_json("{s}.proposed", "[]"),
        each_where=("{j}.type = 'text'",),
    ),
)


def _select(
    table: Table, grain: tuple[str, str], x: str, s: str, amount: str
) -> tuple[list[str], list[str]]:
    """The SELECT expressions of `table`'s rows for interview `x` and score `s` (keys,
    `n`, sums), and the JSON items' conditions."""
    exprs = [
        f"'{grain[0]}'",
        grain[1],
        "coalesce({x}.place_name, '')",
        "coalesce({x}.mediator, '')",
    ]
    exprs += [e for _, e in table.keys]
    exprs += [amount] + [f"{amount} * {e}" for _, e in table.sums]
    fields = {"x": x, "s": s, "j": "j"}
    return [e.format(**fields) for e in exprs], [w.format(**fields) for w in table.each_where]


def _insert(table: Table, select: str) -> str:
    names = [*table.columns, "n", *(c for c, _ in table.sums)]
    added = ", ".join(f"{c} = {c} + excluded.{c}" for c in names[len(table.columns) :])
    return (
        f"INSERT INTO {table.name} ({', '.join(names)}) {select}"
        f" ON CONFLICT ({', '.join(table.columns)}) DO UPDATE SET {added}"
    )


def _change(table: Table, row: str, sign: str, on: On) -> list[str]:
    """Statements of a trigger `on` interviews or scores adding (`sign` 1) or taking away
    (-1) what `row` (NEW or OLD) counts in `table`."""
    if on is On.INTERVIEWS:
        x, s = row, "s"
        sources = ["scores s"] if table.scored else []
        where = [f"{row}.stage = {FINISHED}"] + (
            [f"s.interview_id = {row}.id"] if table.scored else []
        )
    else:
        if not table.scored:
            return []
        x, s = "i", row
        sources = ["interviews i"]
        where = [f"i.id = {row}.interview_id", f"i.stage = {FINISHED}"]
    if table.each is not None:
        sources.append(f"json_each({table.each.format(x=x, s=s)}) j")
    statements = []
    for grain in table.grains:
        columns, more = _select(table, grain, x, s, sign)
        source = f" FROM {', '.join(sources)}" if sources else ""
        select = f"SELECT {', '.join(columns)}{source} WHERE {' AND '.join(where + more)}"
        statements.append(_insert(table, select))
    return statements


def _trigger(name: str, when: str, statements: list[str]) -> str:
    body = "".join(f"  {s};\n" for s in statements)
    return f"CREATE TRIGGER {name} {when}\nBEGIN\n{body}END"


DUE_ADD = (
    "INSERT OR IGNORE INTO scores_due (interview_id) SELECT NEW.id WHERE NEW.stage = 'finished'"
    " AND NOT EXISTS (SELECT 1 FROM scores WHERE interview_id = NEW.id"
    " AND scored_for = NEW.updated_at)"
)


def _due_after_score(row: str, scored_for: str) -> list[str]:
    """A score written (or gone, `scored_for` NULL): due unless it is for the last change."""
    return [
        f"DELETE FROM scores_due WHERE interview_id = {row}.interview_id",
        f"INSERT INTO scores_due SELECT i.id FROM interviews i WHERE i.id = {row}.interview_id"
        f" AND i.stage = {FINISHED} AND i.updated_at IS NOT {scored_for}",
    ]


def _emptied(table: Table) -> str:
    """A trigger deleting a row of `table` as its count falls to zero."""
    key = " AND ".join(f"{c} = NEW.{c}" for c in table.columns)
    return _trigger(
        f"summaries_emptied_{table.name}",
        f"AFTER UPDATE OF n ON {table.name} WHEN NEW.n = 0",
        [f"DELETE FROM {table.name} WHERE {key}"],
    )


def delete_emptied(db: sqlite_utils.Database) -> int:
    """Delete the rows of 0 that triggers before `_emptied` left; how many went."""
    return sum(db.execute(f"DELETE FROM {t.name} WHERE n = 0").rowcount for t in TABLES)


def triggers() -> list[str]:
    """The CREATE TRIGGER statements keeping the summaries and `scores_due`."""

    def each(row: str, sign: str, on: On) -> list[str]:
        return [s for t in TABLES for s in _change(t, row, sign, on)]

    either = f"OLD.stage = {FINISHED} OR NEW.stage = {FINISHED}"
    return [
        _trigger(
            "summaries_interview_added",
            f"AFTER INSERT ON interviews WHEN NEW.stage = {FINISHED}",
            [*each("NEW", "1", On.INTERVIEWS), DUE_ADD],
        ),
        _trigger(
            "summaries_interview_changed",
            f"AFTER UPDATE ON interviews WHEN {either}",
            [
                *each("OLD", "-1", On.INTERVIEWS),
                *each("NEW", "1", On.INTERVIEWS),
                "DELETE FROM scores_due WHERE interview_id = OLD.id",
                DUE_ADD,
            ],
        ),
        # Before: its score goes by cascade after the row, and then counts nothing more.
        _trigger(
            "summaries_interview_gone",
            f"BEFORE DELETE ON interviews WHEN OLD.stage = {FINISHED}",
            [
                *each("OLD", "-1", On.INTERVIEWS),
                "DELETE FROM scores_due WHERE interview_id = OLD.id",
            ],
        ),
        _trigger(
            "summaries_score_added",
            "AFTER INSERT ON scores",
            [*each("NEW", "1", On.SCORES), *_due_after_score("NEW", "NEW.scored_for")],
        ),
        _trigger(
            "summaries_score_changed",
            "AFTER UPDATE ON scores",
            [
                *each("OLD", "-1", On.SCORES),
                *each("NEW", "1", On.SCORES),
                *_due_after_score("NEW", "NEW.scored_for"),
            ],
        ),
        _trigger(
            "summaries_score_gone",
            "AFTER DELETE ON scores",
            [*each("OLD", "-1", On.SCORES), *_due_after_score("OLD", "NULL")],
        ),
        *(_emptied(table) for table in TABLES),
    ]


def retrigger(db: sqlite_utils.Database) -> None:
    """Replace every trigger of the summaries by today's (`triggers`)."""
    named = "SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'summaries_%'"
    for (name,) in db.execute(named).fetchall():
        db.execute(f"DROP TRIGGER {name}")
    for trigger in triggers():
        db.execute(trigger)


def create(db: sqlite_utils.Database) -> None:
    """Create the tables and triggers, and count what the database already holds."""
    for table in TABLES:
        keys = "".join(f", {c} TEXT NOT NULL" for c, _ in table.keys)
        sums = "".join(f", {c} INTEGER NOT NULL" for c, _ in table.sums)
        db.execute(
            f"CREATE TABLE {table.name} (grain TEXT NOT NULL, period TEXT NOT NULL,"
            " place TEXT NOT NULL,"
            f" mediator TEXT NOT NULL{keys}, n INTEGER NOT NULL{sums},"
            f" PRIMARY KEY ({', '.join(table.columns)})) WITHOUT ROWID"
        )
    db.execute("CREATE TABLE scores_due (interview_id TEXT PRIMARY KEY) WITHOUT ROWID")
    rebuild(db)
    for trigger in triggers():
        db.execute(trigger)


def rebuild(db: sqlite_utils.Database) -> None:
    """Recount every summary and `scores_due` from the interviews and scores."""
    for table in TABLES:
        db.execute(f"DELETE FROM {table.name}")
        sources = "interviews i" + (
            " JOIN scores s ON s.interview_id = i.id" if table.scored else ""
        )
        if table.each is not None:
            sources += f", json_each({table.each.format(x='i', s='s')}) j"
        for grain in table.grains:
            picked, more = _select(table, grain, "i", "s", "1")
            width = len(table.columns)
            grouped = ", ".join(str(n) for n in range(1, width + 1))
            sums = ", ".join(f"SUM({e})" for e in picked[width:])
            where = " AND ".join([f"i.stage = {FINISHED}", *more])
            db.execute(
                f"INSERT INTO {table.name} SELECT {', '.join(picked[:width])}, {sums}"
                f" FROM {sources} WHERE {where} GROUP BY {grouped}"
            )
    db.execute("DELETE FROM scores_due")
    db.execute(
        "INSERT INTO scores_due SELECT i.id FROM interviews i LEFT JOIN scores s"
        f" ON s.interview_id = i.id WHERE i.stage = {FINISHED}"
        " AND (s.scored_for IS NULL OR s.scored_for != i.updated_at)"
    )


def periods(start: date | None, end: date | None, months: bool = True) -> tuple[str, list[str]]:
    """A condition on `period` covering the local days `start` to `end` (None: open):
    whole months by their month rows, the days at either edge by their day rows."""
    first = start or date.min
    last = end or date.max
    if not months:
        return _days(first, last)
    month_start = first if first.day == 1 else _next_month(first)
    ends_month = (last + timedelta(days=1)).day == 1 if last < date.max else True
    whole_to = last if ends_month else _month_start(last) - timedelta(days=1)
    if month_start > whole_to:
        return _days(first, last)
    clauses, params = [], []
    if first < month_start:
        head, head_params = _days(first, month_start - timedelta(days=1))
        clauses.append(head)
        params += head_params
    clauses.append("(grain = 'month' AND period BETWEEN ? AND ?)")
    params += [month_start.isoformat()[:7], whole_to.isoformat()[:7]]
    if whole_to < last:
        tail, tail_params = _days(whole_to + timedelta(days=1), last)
        clauses.append(tail)
        params += tail_params
    return f"({' OR '.join(clauses)})", params


def _days(first: date, last: date) -> tuple[str, list[str]]:
    return "(grain = 'day' AND period BETWEEN ? AND ?)", [first.isoformat(), last.isoformat()]


def _month_start(day: date) -> date:
    return day.replace(day=1)


def _next_month(day: date) -> date:
    return (day.replace(day=28) + timedelta(days=4)).replace(day=1)
