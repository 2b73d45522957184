"""Every questionnaire version the app can use: shipped ones and those installed by sync.

Files live as `<id>/<version>.yaml`. A published version is never edited, so the same id
and version with different content is refused loudly; the shipped copy is kept.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from evaluation.files.disk import os_reason
from evaluation.i18n import msg
from evaluation.problems import Located
from evaluation.questionnaire.load import DefinitionError, display_path, load_file
from evaluation.questionnaire.model import Questionnaire

Origin = Literal["shipped", "installed"]


def shipped_dir() -> Path:
    """The `questionnaires/` folder shipped inside the package."""
    import questionnaires

    return Path(questionnaires.__file__).parent


@dataclass(frozen=True)
class Published:
    """A valid questionnaire version, its content hash and where it came from."""

    questionnaire: Questionnaire
    sha256: str
    path: Path
    origin: Origin

    @property
    def key(self) -> tuple[str, int]:
        return (self.questionnaire.id, self.questionnaire.version)


@dataclass
class Library:
    """The valid versions found, and one line per file that was refused.

    A discovered library reads its files when first asked: `get` reads the one version
    asked for (a sheet needs no other), anything else reads and checks them all."""

    versions: dict[tuple[str, int], Published] = field(default_factory=dict)
    refused: list[Located] = field(default_factory=list)
    roots: tuple[tuple[Path, Origin], ...] = ()  # read when first asked, in this order
    read: set[Path] = field(default_factory=set)
    complete: bool = True
    # Workers of the app may ask at once: one reads, the other waits for all it read.
    lock: threading.RLock = field(default_factory=threading.RLock, repr=False, compare=False)

    @classmethod
    def discover(cls, installed: Path | None = None, shipped: Path | None = None) -> Library:
        """Every `<id>/<version>.yaml` below the shipped and installed folders, read
        when first asked."""
        roots: list[tuple[Path, Origin]] = [(shipped or shipped_dir(), "shipped")]
        if installed is not None:
            roots.append((installed, "installed"))
        return cls(roots=tuple(roots), complete=False)

    @property
    def problems(self) -> list[Located]:
        self._read_all()
        return self.refused

    def _read_all(self) -> None:
        with self.lock:
            if self.complete:
                return
            self.complete = True
            for root, origin in self.roots:
                if origin == "shipped" or root.is_dir():
                    self._scan(root, origin)

    def _scan(self, root: Path, origin: Origin) -> None:
        try:
            paths = sorted(root.glob("*/*.yaml"))
        except OSError as exc:
            self.refused.append(Located(str(root), msg("file.unreadable", reason=os_reason(exc))))
            return
        for path in paths:
            self._read(path, origin)

    def _read(self, path: Path, origin: Origin) -> None:
        if path in self.read:
            return
        self.read.add(path)
        try:
            self._add(path, origin)
        except DefinitionError as exc:
            self.refused.extend(exc.located)

    def add(self, path: Path, origin: Origin) -> Published:
        """Load one file into the library; raise `DefinitionError` if it is refused."""
        with self.lock:
            self._read_all()  # the files already there come first: theirs is the version kept
            self.read.add(path)
            return self._add(path, origin)

    def _add(self, path: Path, origin: Origin) -> Published:
        loaded = load_file(path)
        q = loaded.questionnaire
        name = display_path(path)
        if (path.parent.name, path.stem) != (q.id, str(q.version)):
            raise DefinitionError(msg("q.misnamed", id=q.id, version=q.version), name)
        published = Published(q, loaded.sha256, path, origin)
        known = self.versions.get(published.key)
        if known is not None and known.sha256 != published.sha256:
            raise DefinitionError(
                msg(
                    "q.version_differs",
                    id=q.id,
                    version=q.version,
                    other=display_path(known.path),
                    sha=published.sha256[:12],
                    other_sha=known.sha256[:12],
                ),
                name,
            )
        self.versions.setdefault(published.key, published)
        return published

    def all(self) -> list[Published]:
        """Every version, by id then version."""
        self._read_all()
        return [self.versions[k] for k in sorted(self.versions)]

    def latest(self, questionnaire_id: str) -> Published | None:
        """The newest valid version of `questionnaire_id`: the default for new interviews."""
        self._read_all()
        candidates = [p for (qid, _), p in self.versions.items() if qid == questionnaire_id]
        return max(candidates, key=lambda p: p.questionnaire.version, default=None)

    def get(self, questionnaire_id: str, version: int) -> Published | None:
        """One version, reading only its files if the others are not read yet."""
        with self.lock:
            if not self.complete:
                for root, origin in self.roots:
                    path = root / questionnaire_id / f"{version}.yaml"
                    if path.is_file():
                        self._read(path, origin)
            return self.versions.get((questionnaire_id, version))
