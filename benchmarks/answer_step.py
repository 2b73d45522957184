"""Key press -> answer committed to SQLite (synchronous=FULL) -> next question drawn.

Measured in process with Textual's Pilot, over whole interviews on a real database file,
beside the cost of the SQLite commit alone. Run:

    uv run python benchmarks/answer_step.py --interviews 5
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
from pathlib import Path

from textual.widgets import Input

from evaluation.interview.answers import Answer, Status
from evaluation.store import Store
from evaluation.tui.screens.question import QuestionScreen
from tests.tui.driver import SIZE, make_app, settle, start_interview


def summary(ms: list[float]) -> str:
    ms = sorted(ms)
    p90 = ms[min(len(ms) - 1, int(len(ms) * 0.9))]
    return f"median {statistics.median(ms):6.2f} ms   p90 {p90:6.2f} ms   (n={len(ms)})"


async def one_interview(home: Path) -> list[float]:
    """Time each answer from the Enter key handled to the next question painted.

    The screen is instrumented (not Pilot's own pauses, which add ~100 ms of polling):
    the clock starts when the key reaches `action_confirm` and stops at the first
    refresh after the next question is shown.
    """
    steps: list[float] = []
    started: list[float] = []
    confirm, show = QuestionScreen.action_confirm, QuestionScreen.show

    def timed_confirm(self: QuestionScreen) -> None:
        started.append(time.perf_counter())
        confirm(self)

    def timed_show(self: QuestionScreen, question_id: str, picked: list[str] | None = None) -> None:
        show(self, question_id, picked)
        if started:
            begin = started.pop()
            self.call_after_refresh(lambda: steps.append((time.perf_counter() - begin) * 1000))

    QuestionScreen.action_confirm = timed_confirm  # type: ignore[method-assign]
    QuestionScreen.show = timed_show  # type: ignore[method-assign]
    try:
        app = make_app(home)
        async with app.run_test(size=SIZE) as pilot:
            await start_interview(pilot)
            while isinstance(app.screen, QuestionScreen):
                screen = app.screen
                if not screen.question.choices():
                    screen.query_one("#note-answer", Input).value = "ras"
                else:
                    await pilot.press("1")
                await pilot.press("enter")
                await settle(pilot)
    finally:
        QuestionScreen.action_confirm = confirm  # type: ignore[method-assign]
        QuestionScreen.show = show  # type: ignore[method-assign]
    return steps


def commit_alone(path: Path, calls: int = 500) -> list[float]:
    store = Store.open(path, "bench")
    interview = store.start("diagnostic-base", 1, "0" * 64, "fr")
    times = []
    for n in range(calls):
        start = time.perf_counter()
        store.save_answer(interview, f"q{n % 27}", Answer(Status.ANSWERED, ("a",)), "next")
        times.append((time.perf_counter() - start) * 1000)
    store.close()
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--interviews", type=int, default=5)
    args = parser.parse_args()
    steps: list[float] = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in range(args.interviews):
            steps += asyncio.run(one_interview(Path(tmp) / f"home{n}"))
        commits = commit_alone(Path(tmp) / "commit.sqlite3")
    print(f"answer step (key -> saved -> next drawn): {summary(steps)}   target median < 20 ms")
    print(f"SQLite save_answer alone                : {summary(commits)}")


if __name__ == "__main__":
    main()
