"""Forgetting on the laptop what the office has kept long enough: data minimisation.

Once a receipt says the office holds an interview's exact content, and the settings'
`forget_after_days` have passed since, the laptop has no more use for it: a lost laptop
should not carry it. It is deleted like an erasure (sheets first, then the rows, then
the clean-up that makes it gone from the file) but leaves no tombstone: it is not an
erasure, the office keeps its copy and no erasure is ever sent for it. An interview
changed since it was acknowledged (reopened and finished again) is sent first.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from evaluation.i18n import Message, msg
from evaluation.machine.clock import stamp
from evaluation.store.database import StoreError
from evaluation.store.erasure import Held, acknowledged_before, forget, held
from evaluation.workspace import Workspace


@dataclass(frozen=True)
class Forgotten:
    """What forgetting did: the interviews dropped, and what it left for next time."""

    interviews: tuple[str, ...] = ()
    days: int = 0  # the delay after the office's receipt (from the settings)
    sheets_left: tuple[Path, ...] = ()  # could not be deleted: their interview stays
    problem: StoreError | None = None  # the database refused (busy, full): next time

    def said(self) -> list[Message]:
        """What the mediator is told: the interviews gone, and what waits for next time."""
        lines = []
        if self.interviews:
            days = msg("forget.days", count=self.days)
            lines.append(msg("forget.done", count=len(self.interviews), days=days))
        lines += [msg("forget.sheet_left", path=path) for path in self.sheets_left]
        if self.problem is not None:
            lines.append(msg("forget.not_now", problem=self.problem.message))
        return lines


def forget_acknowledged(workspace: Workspace, moment: datetime | None = None) -> Forgotten:
    """Drop the finished interviews whose exact content the office acknowledged more than
    `forget_after_days` ago. A `scrub` must follow (the caller's: at opening, after a
    sync). Never raises for the database: what could not be done now is done next time.
    """
    store = workspace.store
    try:
        days = store.settings().forget_after_days
        before = stamp((moment or datetime.now(UTC)) - timedelta(days=days))
        acknowledged = acknowledged_before(store, before)
        if not acknowledged:
            return Forgotten(days=days)
        unchanged = {
            h.row["id"]: h.row["updated_at"]
            for h in held(store, list(acknowledged))
            if _content(h) in acknowledged[h.row["id"]]
        }
        left: list[Path] = []
        for interview_id in list(unchanged):
            removal = workspace.folder.remove_files_of(interview_id)  # a sheet never outlives
            if removal.failed:  # its rows: keep the interview until its sheet can go
                left += removal.failed
                del unchanged[interview_id]
        gone = forget(store, unchanged) if unchanged else []
    except StoreError as exc:
        return Forgotten(problem=exc)
    return Forgotten(tuple(gone), days, tuple(left))


def _content(interview: Held) -> str | None:
    """The record hash the sync gives this interview as it is now, computed as the outbox
    does when it sends it (None: it cannot be sent as it is, so it cannot have been
    acknowledged as it is). The sync's records are imported here, when something was
    acknowledged: every opening runs forgetting, most with nothing to forget."""
    from pydantic import ValidationError

    from evaluation.sync.outbox import Outgoing
    from evaluation.sync.records import interview_record

    try:
        record = interview_record(interview.row, interview.answers, interview.levels)
        return Outgoing.of(record).sha256
    except ValidationError:
        return None
