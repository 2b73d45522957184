"""Where the app keeps its files: one data folder, overridable for tests and users."""

from __future__ import annotations

import glob
import os
from dataclasses import dataclass
from datetime import date
from pathlib import Path

ENV_HOME = "EVALUATION_HOME"
ID_PREFIX = 8  # characters of an interview id in the names of its files


def _sheet_name(day: str, prefix: str, large: bool) -> str:
    """The one spelling of a skills sheet's file name (`day` may be a glob pattern)."""
    return f"fiche-{day}-{prefix}{'-gros' if large else ''}.pdf"


@dataclass(frozen=True)
class FilesRemoval:
    """The files of an interview that were deleted, and those that could not be."""

    removed: tuple[Path, ...] = ()
    failed: tuple[Path, ...] = ()


@dataclass(frozen=True)
class DataFolder:
    """The data folder and the well-known places inside it."""

    root: Path

    @property
    def database(self) -> Path:
        return self.root / "evaluation.sqlite3"

    @property
    def questionnaires(self) -> Path:
        """Questionnaire versions installed by the USB sync (`<id>/<version>.yaml`)."""
        return self.root / "questionnaires"

    @property
    def catalogue(self) -> Path:
        """The catalogue of local offers received from the office, if any."""
        return self.root / "catalogue.json"

    @property
    def exports(self) -> Path:
        return self.root / "exports"

    @property
    def log(self) -> Path:
        """Unexpected errors, for support: what failed where, never a person's data."""
        return self.root / "erreurs.log"

    def sheet(self, interview_id: str, day: date, large: bool = False) -> Path:
        """`exports/fiche-<local day>-<id prefix>.pdf` (`-gros` before `.pdf` for the
        large-print one): where a sheet is written, named here and only here, so that
        `files_of` finds it for erasure."""
        return self.exports / _sheet_name(day.isoformat(), interview_id[:ID_PREFIX], large)

    def files_of(self, interview_id: str) -> list[Path]:
        """Every file the app wrote here for one interview (both sheets, whatever their
        day), and what a write cut short left under a longer name (`<name>.tmp`): each
        may hold the first name."""
        found: set[Path] = set()
        prefix = glob.escape(interview_id[:ID_PREFIX])  # an id is data: never a pattern
        for large in (False, True):
            try:
                found.update(self.exports.glob(_sheet_name("*", prefix, large) + "*"))
            except OSError:
                continue
        return sorted(found)

    def remove_files_of(self, interview_id: str) -> FilesRemoval:
        """Delete the files of an interview that is going (`files_of`); what went and
        what stayed."""
        removed, failed = [], []
        for path in self.files_of(interview_id):
            try:
                path.unlink()
            except FileNotFoundError:
                continue
            except OSError:
                failed.append(path)
            else:
                removed.append(path)
        return FilesRemoval(tuple(removed), tuple(failed))


def default_root() -> Path:
    """`$EVALUATION_HOME`, else the user's data folder (e.g. ~/.local/share/evaluation)."""
    if home := os.environ.get(ENV_HOME):
        return Path(home).expanduser()
    from platformdirs import user_data_path

    return user_data_path("evaluation", appauthor=False)


def data_folder(root: Path | None = None) -> DataFolder:
    return DataFolder(root if root is not None else default_root())
