"""Demo data: a database of synthetic interviews, to show reports or measure them."""

from __future__ import annotations

from pathlib import Path

from evaluation.demo import fill
from evaluation.i18n import msg
from evaluation.paths import DataFolder
from evaluation.problems import Problem
from evaluation.store.scores import refresh_scores
from evaluation.workspace import DEFAULT_QUESTIONNAIRE, open_workspace


def fill_demo(folder: DataFolder, db_path: Path, interviews: int, seed: int) -> int:
    """Add scored synthetic interviews; a database of real interviews is refused."""
    workspace = open_workspace(folder, db_path)
    published = workspace.library.latest(DEFAULT_QUESTIONNAIRE)
    if published is None:
        raise Problem(msg("interview.no_questionnaire", id=DEFAULT_QUESTIONNAIRE))
    added = fill(workspace.store, published, interviews, seed, catalogue=workspace.catalogue)
    refresh_scores(workspace.store, workspace.published_for)
    return added
