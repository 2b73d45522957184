"""Erasing one person's interview, and purging those past the retention period.

Files first (every file written for the person, as `DataFolder.files_of` finds them:
both sheets and a temp file cut short, which carry the first name), then the rows and their
tombstone in one transaction, then the clean-up that makes the data gone from the file.
What could not be finished is said in the outcome, and an unfinished clean-up is done
again at the next start.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from evaluation.i18n import msg
from evaluation.store.database import StoreError
from evaluation.store.erasure import ScrubOutcome, erase_many, expired, scrub
from evaluation.store.erasure import erase as erase_rows
from evaluation.workspace import Workspace


@dataclass(frozen=True)
class Erased:
    """What an erasure did: the interviews gone, the sheets removed, and what remains."""

    interviews: tuple[str, ...]
    sheets_removed: tuple[Path, ...]
    sheets_left: tuple[Path, ...]  # could not be deleted (read-only folder...)
    cleanup: ScrubOutcome


def erase(workspace: Workspace, interview_id: str) -> Erased:
    """Erase one interview for good (KeyError when there is none)."""
    workspace.store.get(interview_id)  # KeyError before touching any file
    return _erase(workspace, [interview_id], lambda: erase_rows(workspace.store, interview_id))


def to_purge(workspace: Workspace, months: int) -> list[str]:
    return expired(workspace.store, months)


def purge(workspace: Workspace, months: int) -> Erased:
    """Erase every interview started more than `months` months ago; also finishes an
    earlier clean-up that was cut short."""
    ids = expired(workspace.store, months)
    return _erase(workspace, ids, lambda: erase_many(workspace.store, ids))


def _erase(workspace: Workspace, ids: list[str], rows: Callable[[], None]) -> Erased:
    removed: list[Path] = []
    left: list[Path] = []
    for interview_id in ids:
        outcome = workspace.folder.remove_files_of(interview_id)
        removed += outcome.removed
        left += outcome.failed
    if ids:
        try:
            rows()
        except StoreError as exc:  # rolled back: the database is as it was
            where = exc.located[0].where
            raise StoreError(msg("erase.not_done", problem=exc.message), where) from None
    cleanup = scrub(workspace.store)  # owed by these rows, or by an earlier erasure
    return Erased(tuple(ids), tuple(removed), tuple(left), cleanup)
