"""Demo data: a database of synthetic interviews, to show reports or measure them."""

from __future__ import annotations

from pathlib import Path

from evaluation.demo import fill
from evaluation.i18n import msg
from evaluation.machine.paths import DataFolder
from evaluation.machine.progress import Progress
from evaluation.problems import Problem
from evaluation.workspace import DEFAULT_QUESTIONNAIRE, open_workspace

CHUNK = 5000  # interviews made and written at a time: memory stays small, progress moves


def fill_demo(
    folder: DataFolder,
    db_path: Path,
    interviews: int,
    seed: int,
    progress: Progress | None = None,
) -> int:
    """Add synthetic interviews, scored as they are made, in chunks (`progress` is told
    after each); a database of real interviews is refused."""
    workspace = open_workspace(folder, db_path)
    published = workspace.library.latest(DEFAULT_QUESTIONNAIRE)
    if published is None:
        raise Problem(msg("interview.no_questionnaire", id=DEFAULT_QUESTIONNAIRE))
    added = 0
    while added < interviews:
        if progress is not None:
            progress(added, interviews, "")
        chunk = min(CHUNK, interviews - added)
        added += fill(workspace.store, published, chunk, seed, catalogue=workspace.catalogue)
    if progress is not None:
        progress(added, interviews, "")
    return added
