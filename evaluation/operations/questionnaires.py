"""Questionnaire versions: which ones this computer has, and checking files."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from evaluation.i18n import msg
from evaluation.paths import DataFolder
from evaluation.problems import Located, Problem
from evaluation.questionnaire import DefinitionError, Library, Loaded, load_file


def versions(folder: DataFolder) -> Library:
    """Shipped versions and those installed by the sync, with the files refused."""
    return Library.discover(folder.questionnaires)


@dataclass(frozen=True)
class Checked:
    path: Path
    loaded: Loaded | None
    problems: tuple[Located, ...] = ()


def check(paths: list[Path]) -> list[Checked]:
    """Check files, or every `*.yaml` below a folder."""
    files: list[Path] = []
    empty: list[Located] = []
    for path in paths:
        if path.is_dir():
            try:
                found = sorted(path.rglob("*.yaml"))
            except OSError:
                found = [path]
            files.extend(found)
            if not found:
                empty.append(Located(str(path), msg("questionnaires.none_found")))
        else:
            files.append(path)
    if not files:
        raise Problem.many(empty)
    results = []
    for file in files:
        try:
            results.append(Checked(file, load_file(file)))
        except DefinitionError as exc:
            results.append(Checked(file, None, exc.located))
    return results
