"""What the app and commands open once: the store, questionnaires, catalogue."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from evaluation.catalogue import Catalogue, load_catalogue
from evaluation.device import device_id
from evaluation.paths import DataFolder
from evaluation.problems import Located, Problem
from evaluation.questionnaire import Library, Published
from evaluation.store import Store

DEFAULT_QUESTIONNAIRE = "diagnostic-base"


@dataclass
class Workspace:
    store: Store
    library: Library
    catalogue: Catalogue
    folder: DataFolder
    catalogue_problems: list[Located] = field(default_factory=list)

    @property
    def problems(self) -> list[Located]:
        """The files refused (every questionnaire version is read and checked here)."""
        return [*self.library.problems, *self.catalogue_problems]

    def published_for(self, questionnaire_id: str, version: int, sha256: str) -> Published | None:
        """The exact version an interview was started with (checked by hash)."""
        published = self.library.get(questionnaire_id, version)
        return published if published is not None and published.sha256 == sha256 else None


def open_workspace(folder: DataFolder, db_path: Path) -> Workspace:
    """Open everything the app needs; blocking: the app calls it from a worker.

    A refused questionnaire or catalogue file is a problem to show, not a reason to
    stop: the shipped versions and the sample catalogue stay usable.
    """
    store = Store.open(db_path, device_id(folder.root))
    library = Library.discover(folder.questionnaires)
    problems: list[Located] = []
    try:
        catalogue = load_catalogue(folder.catalogue if folder.catalogue.exists() else None)
        problems.extend(catalogue.refused)  # the records left out, named; the rest serve
    except Problem as exc:
        problems.extend(exc.located)
        catalogue = load_catalogue()
    return Workspace(store, library, catalogue, folder, problems)
