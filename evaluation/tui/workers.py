"""The one way the app runs blocking work (SQLite, PDF, USB key): a Textual thread worker
(`run_worker(thread=True)`) whose outcome comes back as the worker's own message
(`Worker.StateChanged`) to the screen or app that started it, handled there on the
app's thread (`outcome`); a failure is shown in words and never stops the app.

A `Problem` is shown as is, in the reader's language; anything unexpected is one line
pointing to the data folder's log, which records where it failed and no personal data
(written in the worker, never on the app's thread).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar
from weakref import WeakKeyDictionary

from textual.dom import DOMNode
from textual.worker import Worker, WorkerState

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


@dataclass(frozen=True)
class Failed:
    """What a job's failure says, in words (the incident already logged)."""

    text: str


@dataclass(frozen=True)
class Waiting(Generic[T]):
    """What to do on the app's thread once a job is done: `done` with its result, or
    `failed` with its failure in words (by default a notification)."""

    done: Callable[[T], object]
    failed: Callable[[str], None] | None


# The jobs under way, by their worker: `outcome` takes each out when its message comes.
_WAITING: WeakKeyDictionary[Worker[Any], Waiting[Any]] = WeakKeyDictionary()


def run_blocking(
    node: DOMNode,
    ui: Ui,
    job: Callable[[], T],
    done: Callable[[T], object],
    *,
    failed: Callable[[str], None] | None = None,
    group: str = "db",
    exclusive: bool = False,
) -> Worker[T | Failed]:
    """Run `job` in a thread worker of `node`; then `done(result)` on the app's thread,
    or on an error `failed(text)`. `node` hands its `Worker.StateChanged` messages to
    `outcome` (the screens' base and the app do). A job cancelled by a later one of its
    `exclusive` group says nothing: the later one does."""
    context = f"{type(node).__name__}.{getattr(job, '__name__', 'job')}"

    def work() -> T | Failed:
        try:
            return job()
        except Exception as exc:  # every failure is said on screen, the app goes on
            return Failed(printable_lines(describe(ui, exc, context)))  # may quote a file

    worker: Worker[T | Failed] = node.run_worker(
        work, thread=True, group=group, exclusive=exclusive, exit_on_error=False
    )
    _WAITING[worker] = Waiting(done, failed)
    return worker


def outcome(node: DOMNode, event: Worker.StateChanged) -> None:
    """A job of `run_blocking` is over (`node`'s message handler, on the app's thread):
    its result to `done`, its failure to `failed` or a notification."""
    if event.state not in (WorkerState.SUCCESS, WorkerState.ERROR, WorkerState.CANCELLED):
        return
    waiting = _WAITING.pop(event.worker, None)
    if waiting is None or event.state is WorkerState.CANCELLED:
        return
    result = event.worker.result
    if event.state is WorkerState.ERROR:  # the job's own failures are caught: never seen
        result = Failed(repr(event.worker.error))
    if not isinstance(result, Failed):
        waiting.done(result)
    elif waiting.failed is not None:
        waiting.failed(result.text)
    else:
        node.app.notify(result.text, severity="error", markup=False)
