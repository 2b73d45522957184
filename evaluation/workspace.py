"""What the app and commands open once: the store, questionnaires, catalogue."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from evaluation.machine.device import device_id
from evaluation.machine.paths import DataFolder
from evaluation.problems import Located, Problem
from evaluation.store import Store

if TYPE_CHECKING:
    from evaluation.offers.catalogue import Catalogue
    from evaluation.questionnaire import Library, Published

DEFAULT_QUESTIONNAIRE = "diagnostic-base"


@dataclass
class Workspace:
    """The store, and the questionnaires and catalogue read when first asked: the home
    screen needs neither (their models and parsers load after it is usable)."""

    store: Store
    folder: DataFolder
    _library: Library | None = field(default=None, repr=False)
    _catalogue: Catalogue | None = field(default=None, repr=False)
    catalogue_problems: list[Located] = field(default_factory=list)
    # The app's workers may ask at once: one reads, the other waits for what it read;
    # one lock each, so that starting an interview never waits for the catalogue.
    _library_lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)
    _catalogue_lock: threading.Lock = field(
        default_factory=threading.Lock, repr=False, compare=False
    )

    @property
    def library(self) -> Library:
        with self._library_lock:
            if self._library is None:
                from evaluation.questionnaire import Library

                self._library = Library.discover(self.folder.questionnaires)
            return self._library

    @property
    def catalogue(self) -> Catalogue:
        with self._catalogue_lock:
            if self._catalogue is None:
                self._catalogue = self._read_catalogue()
            return self._catalogue

    @catalogue.setter
    def catalogue(self, catalogue: Catalogue) -> None:
        with self._catalogue_lock:
            self._catalogue = catalogue

    def _read_catalogue(self) -> Catalogue:
        """The office's catalogue; the shipped sample if there is none or it is refused
        (a problem to show, not a reason to stop)."""
        from evaluation.offers.catalogue import load_catalogue

        path = self.folder.catalogue
        try:
            catalogue = load_catalogue(path if path.exists() else None)
            self.catalogue_problems.extend(catalogue.refused)  # left out, named
            return catalogue
        except Problem as exc:
            self.catalogue_problems.extend(exc.located)
            return load_catalogue()

    @property
    def problems(self) -> list[Located]:
        """The files refused (every questionnaire version is read and checked here)."""
        refused = self.library.problems  # first: a new interview waits for it
        _ = self.catalogue  # a refused catalogue adds its problems
        return [*refused, *self.catalogue_problems]

    def published_for(self, questionnaire_id: str, version: int, sha256: str) -> Published | None:
        """The exact version an interview was started with (checked by hash)."""
        published = self.library.get(questionnaire_id, version)
        return published if published is not None and published.sha256 == sha256 else None


def open_workspace(folder: DataFolder, db_path: Path) -> Workspace:
    """Open the store; blocking: the app calls it from a worker.

    A refused questionnaire or catalogue file, found when first read, is a problem to
    show, not a reason to stop: the shipped versions and the sample catalogue stay usable.
    """
    return Workspace(Store.open(db_path, device_id(folder.root)), folder)
