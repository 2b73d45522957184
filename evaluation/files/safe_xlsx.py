"""Read a spreadsheet (.xlsx) from a person without letting it cost unbounded time.

An .xlsx is a zip of XML files. Before openpyxl inflates anything, the zip's table is
checked: entry count and total uncompressed size (a "zip bomb" is refused there, from
its declared sizes; `zipfile` never inflates more than an entry declares). Then openpyxl
reads it in read-only mode with cached values only (`data_only`: formulas are never
computed), and every sheet is counted while it is read: sheets, cells, characters.
"""

from __future__ import annotations

import io
import warnings
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path

from evaluation.files.disk import read_bounded
from evaluation.i18n import Message, msg

MAX_BYTES = 4 * 1024 * 1024
MAX_ENTRIES = 500
MAX_UNCOMPRESSED = 64 * 1024 * 1024
MAX_SHEETS = 32
MAX_CELLS = 250_000  # rows x columns over every sheet; diagnostic-base uses about 3 000
MAX_CELL_CHARS = 4_000


class XlsxRefused(Exception):
    """The file is not a workbook we read; `message` says why in words."""

    def __init__(self, message: Message, sheet: str = "", row: int = 0, column: str = "") -> None:
        super().__init__(message.key)
        self.message = message
        self.sheet, self.row, self.column = sheet, row, column


@dataclass(frozen=True)
class Row:
    """One row of a sheet: its number in the spreadsheet and its non-empty cells."""

    number: int
    cells: dict[str, str]


@dataclass(frozen=True)
class Sheet:
    """A sheet read as a table: the header row's names, then each non-empty row."""

    name: str
    columns: tuple[str, ...]
    rows: tuple[Row, ...]


def read_xlsx(path: Path) -> dict[str, Sheet]:
    """Every sheet of the workbook at `path`, by name (as written, case kept)."""
    raw = read_bounded(path, MAX_BYTES)
    _check_zip(raw)
    # openpyxl warns in English (styles, extensions, validations it skips) while it opens
    # and while it reads: none of it is the person's business, nothing reaches the terminal.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return _sheets(raw)


def _sheets(raw: bytes) -> dict[str, Sheet]:
    from openpyxl import load_workbook  # heavy: only when a workbook is read

    try:
        book = load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
    except Exception:  # openpyxl raises anything from KeyError to XML errors on junk
        raise XlsxRefused(msg("xlsx.unreadable")) from None
    try:
        if len(book.sheetnames) > MAX_SHEETS:
            raise XlsxRefused(msg("xlsx.too_many_sheets", count=MAX_SHEETS))
        budget = [MAX_CELLS]
        out = {}
        for name in book.sheetnames:
            sheet = book[name]
            # LibreOffice declares A1:AMJ1048576: rows would be padded to 1 024 columns
            # and counted so; the cells actually written are what is counted.
            if hasattr(sheet, "reset_dimensions"):
                sheet.reset_dimensions()
            out[name] = _sheet(name, sheet.iter_rows(values_only=True), budget)
        return out
    except XlsxRefused:
        raise
    except Exception:
        raise XlsxRefused(msg("xlsx.unreadable")) from None
    finally:
        book.close()


def _check_zip(raw: bytes) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        raise XlsxRefused(msg("xlsx.not_xlsx")) from None
    if len(entries) > MAX_ENTRIES:
        raise XlsxRefused(msg("xlsx.too_many_parts", count=MAX_ENTRIES))
    if sum(e.file_size for e in entries) > MAX_UNCOMPRESSED:
        raise XlsxRefused(msg("xlsx.too_big_inside", limit=MAX_UNCOMPRESSED // (1024 * 1024)))
    if "xl/workbook.xml" not in {e.filename for e in entries}:
        raise XlsxRefused(msg("xlsx.not_xlsx"))


def _sheet(name: str, rows: Iterable[tuple[object, ...]], budget: list[int]) -> Sheet:
    columns: tuple[str, ...] | None = None
    out: list[Row] = []
    for number, values in enumerate(rows, start=1):
        budget[0] -= max(1, len(values))
        if budget[0] < 0:
            raise XlsxRefused(msg("xlsx.too_many_cells", count=MAX_CELLS), name, number)
        cells = [_cell(v) for v in values]
        for i, cell in enumerate(cells):
            if len(cell) > MAX_CELL_CHARS:
                column = columns[i] if columns and i < len(columns) else str(i + 1)
                raise XlsxRefused(
                    msg("xlsx.cell_too_long", count=MAX_CELL_CHARS), name, number, column
                )
        if columns is None:
            if any(cells):
                columns = tuple(c.strip() for c in cells)
            continue
        kept = {columns[i]: c for i, c in enumerate(cells) if c and i < len(columns) and columns[i]}
        if kept:
            out.append(Row(number, kept))
    return Sheet(name, columns or (), tuple(out))


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime | date | time):
        value = value.isoformat()
    return str(value).strip()
