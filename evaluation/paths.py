"""Where the app keeps its files: one data folder, overridable for tests and users."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

ENV_HOME = "EVALUATION_HOME"


@dataclass(frozen=True)
class SheetRemoval:
    """The sheets of an interview that were deleted, and those that could not be."""

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

    def sheets_of(self, interview_id: str) -> list[Path]:
        """The skills sheets written for one interview, and the temp file of a sheet whose
        writing was cut short (it may hold the first name too)."""
        found: list[Path] = []
        for pattern in ("fiche-*-{}.pdf", "fiche-*-{}.pdf.tmp"):
            try:
                found += self.exports.glob(pattern.format(interview_id[:8]))
            except OSError:
                continue
        return sorted(found)

    def remove_sheets(self, interview_id: str) -> SheetRemoval:
        """Delete the skills sheets of an erased interview; what went and what stayed."""
        removed, failed = [], []
        for path in self.sheets_of(interview_id):
            try:
                path.unlink()
            except FileNotFoundError:
                continue
            except OSError:
                failed.append(path)
            else:
                removed.append(path)
        return SheetRemoval(tuple(removed), tuple(failed))


def default_root() -> Path:
    """`$EVALUATION_HOME`, else the user's data folder (e.g. ~/.local/share/evaluation)."""
    if home := os.environ.get(ENV_HOME):
        return Path(home).expanduser()
    from platformdirs import user_data_path

    return user_data_path("evaluation", appauthor=False)


def data_folder(root: Path | None = None) -> DataFolder:
    return DataFolder(root if root is not None else default_root())
