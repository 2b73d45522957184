"""Every questionnaire version the app can use: shipped ones and those installed by sync.

Files live as `<id>/<version>.yaml`. A published version is never edited, so the same id
and version with different content is refused loudly; the shipped copy is kept.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

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
    problems: list[str] = field(default_factory=list)

    @classmethod
    def discover(cls, installed: Path | None = None, shipped: Path | None = None) -> Library:
        """Load every `<id>/<version>.yaml` below the shipped and installed folders."""
        library = cls()
        library._scan(shipped or shipped_dir(), "shipped")
        if installed is not None and installed.is_dir():
            library._scan(installed, "installed")
        return library

    def _scan(self, root: Path, origin: Origin) -> None:
        for path in sorted(root.glob("*/*.yaml")):
            try:
                self.add(path, origin)
            except DefinitionError as exc:
                self.problems.extend(exc.problems)

    def add(self, path: Path, origin: Origin) -> Published:
        """Load one file into the library; raise `DefinitionError` if it is refused."""
        loaded = load_file(path)
        q = loaded.questionnaire
        name = display_path(path)
        if (path.parent.name, path.stem) != (q.id, str(q.version)):
            raise DefinitionError(
                [
                    f"{name}: holds {q.id} version {q.version}, so it must be named "
                    f"{q.id}/{q.version}.yaml"
                ]
            )
        published = Published(q, loaded.sha256, path, origin)
        known = self.versions.get(published.key)
        if known is not None and known.sha256 != published.sha256:
            raise DefinitionError(
                [
                    f"{name}: {q.id} version {q.version} differs from {display_path(known.path)} "
                    f"(sha256 {published.sha256[:12]} vs {known.sha256[:12]}); a published "
                    "version is never edited: give the change a new version number"
                ]
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
