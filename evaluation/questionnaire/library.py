"""Every questionnaire version the app can use: shipped ones and those installed by sync.

Files live as `<id>/<version>.yaml`. A published version is never edited, so the same id
and version with different content is refused loudly; the shipped copy is kept.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from evaluation.files import os_reason
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
    """The valid versions found, and one line per file that was refused."""

    versions: dict[tuple[str, int], Published] = field(default_factory=dict)
    problems: list[Located] = field(default_factory=list)

    @classmethod
    def discover(cls, installed: Path | None = None, shipped: Path | None = None) -> Library:
        """Load every `<id>/<version>.yaml` below the shipped and installed folders."""
        library = cls()
        library._scan(shipped or shipped_dir(), "shipped")
        if installed is not None and installed.is_dir():
            library._scan(installed, "installed")
        return library

    def _scan(self, root: Path, origin: Origin) -> None:
        try:
            paths = sorted(root.glob("*/*.yaml"))
        except OSError as exc:
            self.problems.append(Located(str(root), msg("file.unreadable", reason=os_reason(exc))))
            return
        for path in paths:
            try:
                self.add(path, origin)
            except DefinitionError as exc:
                self.problems.extend(exc.located)

    def add(self, path: Path, origin: Origin) -> Published:
        """Load one file into the library; raise `DefinitionError` if it is refused."""
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
        return [self.versions[k] for k in sorted(self.versions)]

    def latest(self, questionnaire_id: str) -> Published | None:
        """The newest valid version of `questionnaire_id`: the default for new interviews."""
        candidates = [p for (qid, _), p in self.versions.items() if qid == questionnaire_id]
        return max(candidates, key=lambda p: p.questionnaire.version, default=None)

    def get(self, questionnaire_id: str, version: int) -> Published | None:
        return self.versions.get((questionnaire_id, version))
