"""What the app and commands open once: the store, questionnaires, catalogue."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from evaluation.catalogue import Catalogue, CatalogueError, load_catalogue
from evaluation.paths import DataFolder
from evaluation.questionnaire import Library, Published
from evaluation.store import Store
from evaluation.store.interviews import device_id

DEFAULT_QUESTIONNAIRE = "diagnostic-base"


@dataclass
class Workspace:
    store: Store
    library: Library
    catalogue: Catalogue
    problems: list[str]

    def published_for(self, questionnaire_id: str, version: int, sha256: str) -> Published | None:
        """The exact version an interview was started with (checked by hash)."""
        published = self.library.get(questionnaire_id, version)
        return published if published is not None and published.sha256 == sha256 else None


def open_workspace(folder: DataFolder, db_path: Path) -> Workspace:
    """Open everything the app needs; blocking: the app calls it from a worker."""
    store = Store.open(db_path, device_id(folder.root))
    library = Library.discover(folder.questionnaires)
    problems = list(library.problems)
    try:
        catalogue = load_catalogue(folder.catalogue if folder.catalogue.exists() else None)
    except CatalogueError as exc:
        problems.extend(exc.problems)
        catalogue = load_catalogue()
    return Workspace(store, library, catalogue, problems)
