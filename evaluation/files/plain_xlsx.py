"""Write a spreadsheet (.xlsx) whose texts stay texts.

Spreadsheet programs (and openpyxl) take a text beginning with "=" for a formula: a
place name, a commune or a questionnaire label typed that way would run when the file
is opened. XlsxWriter is told never to turn a text into a formula, a link or a number.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from xlsxwriter import Workbook
from xlsxwriter.exceptions import FileCreateError

TEXT_STAYS_TEXT = {
    "strings_to_formulas": False,
    "strings_to_urls": False,
    "strings_to_numbers": False,
}


class _Workbook(Workbook):  # type: ignore[misc]
    """A workbook whose failure to write its temp files is an `OSError`, as for any
    other file (a full disk is then said, not an unexpected error)."""

    def close(self) -> None:
        try:
            super().close()
        except FileCreateError as exc:
            # A fresh error: the original's traceback would keep xlsxwriter's half-written
            # zip alive until the interpreter ends, which then complains on closing it.
            cause = exc.args[0] if exc.args and isinstance(exc.args[0], OSError) else OSError()
            failed = OSError(cause.errno, cause.strerror, cause.filename)
            del cause
        else:
            return
        raise failed


def plain_workbook(out: io.BytesIO, scratch: Path | None = None) -> Any:
    """A new workbook written into `out` when closed (use it in a `with`).

    With `scratch`, each sheet's rows go to a temp file in that folder as they are
    written, in order, so that years of rows never sit in memory: give a folder that
    may hold what the rows hold, and remove it afterwards. Without it, everything is
    kept in memory (a small workbook).
    """
    if scratch is None:
        return _Workbook(out, {**TEXT_STAYS_TEXT, "in_memory": True})
    return _Workbook(out, {**TEXT_STAYS_TEXT, "constant_memory": True, "tmpdir": str(scratch)})
