"""What every command shares: the data folder, the database path, the language."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from evaluation.paths import DataFolder, data_folder


class UserError(Exception):
    """A problem the user can fix; shown as its message alone."""

    def __init__(self, message: str, exit_code: int = 1) -> None:
        super().__init__(message)
        self.exit_code = exit_code


@dataclass(frozen=True)
class Context:
    folder: DataFolder
    db_path: Path
    lang: str

    @classmethod
    def create(cls, db: Path | None, lang: str) -> Context:
        folder = data_folder()
        return cls(folder=folder, db_path=db or folder.database, lang=lang)
