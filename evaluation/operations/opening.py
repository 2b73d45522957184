"""Opening the data folder: the workspace, and the clean-up an earlier run still owed."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from evaluation.paths import DataFolder
from evaluation.store.erasure import Scrub, ScrubOutcome, scrub
from evaluation.workspace import Workspace, open_workspace


@dataclass(frozen=True)
class Opened:
    workspace: Workspace
    cleanup: ScrubOutcome  # an erasure cut short before, finished now (or not yet)


def open_data(folder: DataFolder, db_path: Path) -> Opened:
    """Open the store, questionnaires and catalogue; finish an erasure's clean-up if one is
    owed (another window was reading, the disk was full)."""
    workspace = open_workspace(folder, db_path)
    return Opened(workspace, scrub(workspace.store))


def cleanup_done(opened: Opened) -> bool:
    return opened.cleanup.status in {Scrub.DONE, Scrub.NOTHING}
