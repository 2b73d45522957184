"""A catalogue file as downloaded, read into records: JSON (a list of services, or
`{"services": [...]}`) or CSV (one service a line, a header naming the fields).

In a CSV cell a list is written as the exporter writes it: a JSON array
(`["a","b"]`), a PostgreSQL array (`{a,b}`), or values separated by `,`, `;` or `|`
(the slugs of data·inclusion and the values of the mediation-places standard never hold
those characters). Which cells are lists is said by the caller; the rest stay text.
Each record keeps where it was read: `services[3]` in JSON, its line in CSV.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from evaluation.files.safe_json import JsonRefused, read_json
from evaluation.french_text import control_in
from evaluation.i18n import msg
from evaluation.problems import Problem


class CatalogueError(Problem):
    """The catalogue was refused; one located line per problem."""


LIST_SEPARATORS = re.compile(r"\s*[,;|]\s*")


@dataclass(frozen=True)
class Record:
    """One record as read, and where after the file's name: `: services[3]` or `:5`;
    `extra` counts the cells of a CSV line beyond the header's fields."""

    data: Any
    where: str
    extra: int = 0


@dataclass(frozen=True)
class Table:
    """The records of one file, and the CSV header when it was a CSV file."""

    records: tuple[Record, ...]
    header: tuple[str, ...] | None = None


# A JSON escape that can stand for a control character (`\\b`, `\\u001b`, `\\u202e`…); a
# false alarm only costs the slow look at every field.
_ESCAPED_CONTROL = re.compile(
    rb"\\(?:[bfr]|u(?:00[01]|007|00[89]|061c|200[ef]|202[89a-e]|206[6-9]))", re.IGNORECASE
)


def may_hold_controls(raw: bytes) -> bool:
    """Whether any text of the file may hold a control character, raw or escaped: when
    not, no record needs looking at field by field (most of a big file's reading time)."""
    text = raw.decode("utf-8", errors="replace").replace("\r\n", "\n")
    return control_in(text) is not None or _ESCAPED_CONTROL.search(raw) is not None


def looks_like_json(raw: bytes) -> bool:
    """JSON starts with `[` or `{` (after a byte-order mark or blanks); a CSV header
    starts with a field name."""
    return raw.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] in (b"[", b"{")


def read_json_records(raw: bytes, name: str) -> Table:
    """The services of a JSON export, each with its index."""
    try:
        data: Any = read_json(raw)
    except JsonRefused as exc:
        raise CatalogueError(exc.message, f"{name}:{exc.line}" if exc.line else name) from None
    if isinstance(data, dict) and isinstance(data.get("services"), list):
        data = data["services"]
    if not isinstance(data, list):
        raise CatalogueError(msg("catalogue.not_a_list"), name)
    return Table(tuple(Record(item, f": services[{n}]") for n, item in enumerate(data)))


def header_of(raw: bytes) -> tuple[str, ...]:
    """The field names of a CSV file's first line (for telling one standard from another)."""
    first = _text(raw, "").split("\n", 1)[0]
    return tuple(next(csv.reader([first], delimiter=_delimiter(first)), []))


def read_csv_records(raw: bytes, name: str, lists: Collection[str]) -> Table:
    """The lines of a CSV export as records: an empty cell is an absent field, a cell of
    a field in `lists` is split into its values."""
    text = _text(raw, name)
    first = text.split("\n", 1)[0]
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(first), strict=True)
    try:
        header = tuple(h.strip() for h in next(reader, []))
        if not header or not any(header):
            raise CatalogueError(msg("catalogue.csv_no_header"), name)
        records = []
        start = reader.line_num + 1
        for row in reader:
            where = f":{start}"  # a cell may span lines: where the record starts
            start = reader.line_num + 1
            if not any(cell.strip() for cell in row):
                continue
            record = {
                field: (split_list(cell) if field in lists else cell.strip())
                for field, cell in zip(header, row, strict=False)
                if field and cell.strip()
            }
            records.append(Record(record, where, max(0, len(row) - len(header))))
    except csv.Error as exc:
        where = f"{name}:{reader.line_num}"
        raise CatalogueError(msg("catalogue.csv_broken", detail=str(exc)), where) from None
    return Table(tuple(records), header)


def split_list(cell: str) -> list[str]:
    """The values of a list written in one cell, in any of the forms exporters use."""
    text = cell.strip()
    if text.startswith("[") and text.endswith("]"):
        try:
            values = json.loads(text)
        except ValueError:
            values = None
        if isinstance(values, list):
            return [str(v).strip() for v in values if str(v).strip()]
        text = text[1:-1]
    elif text.startswith("{") and text.endswith("}"):
        text = text[1:-1]
    return [v.strip("\"' ") for v in LIST_SEPARATORS.split(text) if v.strip("\"' ")]


def _text(raw: bytes, name: str) -> str:
    try:
        return raw.decode("utf-8-sig").replace("\r\n", "\n")
    except UnicodeDecodeError:
        raise CatalogueError(msg("catalogue.csv_not_utf8"), name) from None


def _delimiter(header: str) -> str:
    """`,` as data·inclusion writes; `;` as a French spreadsheet saves (field names hold
    neither, so the header tells)."""
    return ";" if header.count(";") > header.count(",") else ","
