"""Snapshots of the key screens at 80x24 (update with `pytest --snapshot-update`)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from textual.pilot import Pilot

from evaluation.questionnaire.model import Task
from tests.tui.driver import (
    SIZE,
    answer_first_option,
    make_app,
    press,
    question,
    settle,
    start_interview,
)

Snap = Callable[..., bool]


def snap(
    snap_compare: Any, home: Path, run_before: Callable[[Pilot[None]], Awaitable[None]]
) -> bool:
    result: bool = snap_compare(make_app(home), terminal_size=SIZE, run_before=run_before)
    return result


def test_home(snap_compare: Any, home: Path) -> None:
    assert snap(snap_compare, home, settle)


def test_first_question(snap_compare: Any, home: Path) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        await start_interview(pilot)

    assert snap(snap_compare, home, run_before)


def test_practical_task(snap_compare: Any, home: Path) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        await start_interview(pilot)
        while not isinstance(question(pilot).question, Task):
            await answer_first_option(pilot)

    assert snap(snap_compare, home, run_before)


def test_results(snap_compare: Any, home: Path) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        await start_interview(pilot)
        for _ in range(60):
            if type(pilot.app.screen).__name__ != "QuestionScreen":
                break
            await answer_first_option(pilot)
        await press(pilot)

    assert snap(snap_compare, home, run_before)


def test_sync(snap_compare: Any, home: Path, monkeypatch: Any) -> None:
    from exports import usb

    monkeypatch.setattr(usb, "mounted_keys", lambda: [Path("/media/mediateur/CLE-USB")])

    async def run_before(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await press(pilot, "5")

    assert snap(snap_compare, home, run_before)


def test_settings_show_the_office_key(snap_compare: Any, home: Path) -> None:
    from evaluation.paths import data_folder
    from evaluation.store.sync import Outbox
    from evaluation.workspace import open_workspace

    folder = data_folder(home)
    Outbox(open_workspace(folder, folder.database).store).enrol(OFFICE_KEY)

    async def run_before(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await press(pilot, "6")
        pilot.app.screen.query_one("#form").scroll_end(animate=False)
        await settle(pilot)

    assert snap(snap_compare, home, run_before)


OFFICE_KEY = "age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p"  # age's own example
