"""A log of unexpected errors, for support, that never holds a person's data.

Only the kind of error and where in the code it happened (file, line, function) are
written: not the error's message nor any value, which could carry a first name or an
answer. The person sees one line in their language that points to this file.
"""

from __future__ import annotations

import traceback
from datetime import UTC, datetime
from pathlib import Path

from evaluation.machine.paths import DataFolder

MAX_LOG = 256 * 1024


def record(folder: DataFolder, exc: BaseException, context: str) -> Path | None:
    """Append what failed where to the data folder's log; the log, or None if unwritable."""
    lines = [f"{datetime.now(UTC).isoformat(timespec='seconds')} {context}"]
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        kind = type(current)
        lines.append(f"  {kind.__module__}.{kind.__qualname__}")
        for frame in traceback.extract_tb(current.__traceback__):
            lines.append(f"    {_short(frame.filename)}:{frame.lineno} in {frame.name}")
        current = current.__cause__ or current.__context__
    path = folder.log
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.exists() and path.stat().st_size > MAX_LOG:
            path.replace(path.with_suffix(".log.1"))
        with path.open("a", encoding="utf-8") as out:
            out.write("\n".join(lines) + "\n")
    except OSError:
        return None
    return path


def _short(filename: str) -> str:
    """`evaluation/store/erasure.py`, not the full path (it may name the user's home)."""
    parts = Path(filename).parts
    for anchor in ("evaluation", "exports", "site-packages"):
        if anchor in parts:
            return "/".join(parts[parts.index(anchor) :])
    return Path(filename).name
