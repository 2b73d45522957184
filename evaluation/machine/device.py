"""This data folder's device id: a random UUID made once, naming the laptop in the sync."""

from __future__ import annotations

import uuid
from pathlib import Path

from evaluation.files.disk import PRIVATE, FileProblem, read_text, write_durably
from evaluation.i18n import msg

FILE = "device-id"
UUID_TEXT = 36


def device_id(folder: Path) -> str:
    """The id in `folder/device-id`, created on first use."""
    path = folder / FILE
    if not path.exists() and not path.is_symlink():
        new = str(uuid.uuid4())
        write_durably(path, (new + "\n").encode("ascii"), mode=PRIVATE)
        return new
    text = read_text(path, 1024).strip()
    try:
        return str(uuid.UUID(text)) if len(text) == UUID_TEXT else _refuse(path)
    except ValueError:
        return _refuse(path)


def _refuse(path: Path) -> str:
    raise FileProblem(msg("device.bad_id"), str(path))
