"""The one way the app runs blocking work (SQLite, PDF, USB key): a thread worker whose
failure is shown in words and never stops the app.

A `Problem` is shown as is, in the reader's language; anything unexpected is one line
pointing to the data folder's log, which records where it failed and no personal data.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import TypeVar

from textual.dom import DOMNode
from textual.worker import Worker

from evaluation.french_text import printable_lines
from evaluation.machine.incidents import record
from evaluation.problems import Problem
from evaluation.tui.ui import Ui

T = TypeVar("T")


def describe(ui: Ui, exc: BaseException, context: str) -> str:
    """An error in words: a problem's own message, or the kind and the log for support."""
    if isinstance(exc, Problem):
        return exc.render(ui.t)
    log = record(ui.folder, exc, context)
    return ui.t("error.unexpected", kind=type(exc).__name__, log=str(log or ui.t("cli.no_log")))


def run_blocking(
    node: DOMNode,
    ui: Ui,
    job: Callable[[], T],
    done: Callable[[T], object],
    *,
    failed: Callable[[str], None] | None = None,
    group: str = "db",
    exclusive: bool = False,
) -> Worker[None]:
    """Run `job` in a thread; then `done(result)` on the app's thread, or on an error
    `failed(text)` (by default a notification that stays 15 s)."""
    app = node.app
    context = f"{type(node).__name__}.{getattr(job, '__name__', 'job')}"

    def shown(text: str) -> None:
        if failed is not None:
            failed(text)
        else:
            app.notify(text, severity="error", markup=False)

    def work() -> None:
        try:
            result = job()
        except Exception as exc:  # every failure is said on screen, the app goes on
            text = printable_lines(describe(ui, exc, context))  # may quote a file's name
            _call(app, shown, text)
            return
        _call(app, done, result)

    return node.run_worker(work, thread=True, group=group, exclusive=exclusive, exit_on_error=False)


def _call(app: object, callback: Callable[[T], object], value: T) -> None:
    with contextlib.suppress(RuntimeError):  # the app closed while the work ran
        app.call_from_thread(callback, value)  # type: ignore[attr-defined]
