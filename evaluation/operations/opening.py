"""Opening the data folder: the workspace, forgetting what the office has kept long
enough, and the clean-up an earlier run still owed."""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass
from pathlib import Path

from evaluation.machine.paths import DataFolder
from evaluation.operations.forgetting import Forgotten, forget_acknowledged
from evaluation.store.erasure import ScrubOutcome, scrub
from evaluation.workspace import Workspace, open_workspace


@dataclass(frozen=True)
class Opened:
    workspace: Workspace
    cleanup: ScrubOutcome  # an erasure cut short before, finished now (or not yet)
    forgotten: Forgotten  # interviews the office kept long enough, dropped now


def open_data(folder: DataFolder, db_path: Path) -> Opened:
    """Open the store, questionnaires and catalogue; drop the interviews the office has
    acknowledged long enough ago; finish a clean-up if one is owed (by those, or by an
    erasure cut short: another window was reading, the disk was full)."""
    workspace = open_workspace(folder, db_path)
    keep_private(folder)
    forgotten = forget_acknowledged(workspace)
    return Opened(workspace, scrub(workspace.store), forgotten)


def keep_private(folder: DataFolder) -> None:
    """The data folder and its exports for their owner only (0700), as new ones are made,
    also when an older version left them open to every account on the laptop."""
    for place in (folder.root, folder.exports):
        with contextlib.suppress(OSError):  # absent, or on a medium without modes
            info = place.stat()
            if info.st_mode & 0o077 and info.st_uid == os.geteuid():
                place.chmod(0o700)
