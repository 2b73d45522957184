"""Snapshots of the key screens at 80x24, and the field-critical ones at 60x20 too
(update with `pytest --snapshot-update` after a deliberate change, and look at them)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from evaluation.questionnaire.model import MultipleChoice, Task
from tests.tui.driver import (
    SIZE,
    answer_first_option,
    make_app,
    press,
    question,
    settle,
    start_interview,
)

SMALL = (60, 20)
SIZES = pytest.mark.parametrize("size", [SIZE, SMALL], ids=["80x24", "60x20"])


def snap(
    snap_compare: Any,
    home: Path,
    run_before: Callable[[Pilot[None]], Awaitable[None]],
    size: tuple[int, int] = SIZE,
) -> bool:
    result: bool = snap_compare(make_app(home), terminal_size=size, run_before=run_before)
    return result


def test_home(snap_compare: Any, home: Path) -> None:
    assert snap(snap_compare, home, settle)


def test_first_question(snap_compare: Any, home: Path) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        await start_interview(pilot)

    assert snap(snap_compare, home, run_before)


@SIZES
def test_multiple_choice_with_ticks(snap_compare: Any, home: Path, size: tuple[int, int]) -> None:
    """Ticked options read "[x]" in the text itself: no colour needed, never markup."""

    async def run_before(pilot: Pilot[None]) -> None:
        await start_interview(pilot)
        assert isinstance(question(pilot).question, MultipleChoice)
        await press(pilot, "1", "3")

    assert snap(snap_compare, home, run_before, size)


def test_practical_task(snap_compare: Any, home: Path) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        await start_interview(pilot)
        while not isinstance(question(pilot).question, Task):
            await answer_first_option(pilot)

    assert snap(snap_compare, home, run_before)


async def to_results(pilot: Pilot[None]) -> None:
    await start_interview(pilot)
    for _ in range(60):
        if type(pilot.app.screen).__name__ != "QuestionScreen":
            break
        await answer_first_option(pilot)
    await press(pilot)


@SIZES
def test_results_with_a_removed_step(snap_compare: Any, home: Path, size: tuple[int, int]) -> None:
    """Kept and removed steps differ in words; the sample catalogue is announced."""

    async def run_before(pilot: Pilot[None]) -> None:
        await to_results(pilot)
        await press(pilot, "down", "space")

    assert snap(snap_compare, home, run_before, size)


@SIZES
def test_help_in_french(snap_compare: Any, home: Path, size: tuple[int, int]) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        await start_interview(pilot)
        await press(pilot, "f1")

    assert snap(snap_compare, home, run_before, size)


def test_sync(snap_compare: Any, home: Path, monkeypatch: Any) -> None:
    from evaluation.tui.screens import sync

    monkeypatch.setattr(sync, "mounted_keys", lambda: [Path("/media/mediateur/CLE-USB")])

    async def run_before(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await press(pilot, "5")

    assert snap(snap_compare, home, run_before)


def test_settings_show_the_office_key(snap_compare: Any, home: Path) -> None:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from evaluation.machine.paths import data_folder
    from evaluation.sync.outbox import Outbox
    from evaluation.sync.signing import DEVICE_KEY_FILE
    from evaluation.workspace import open_workspace

    folder = data_folder(home)
    # Fixed keys, so the fingerprints on screen stay the same (RFC 8032's test keys).
    laptop = Ed25519PrivateKey.from_private_bytes(bytes.fromhex(LAPTOP_SECRET))
    home.mkdir(parents=True, exist_ok=True)
    (home / DEVICE_KEY_FILE).write_bytes(
        laptop.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    Outbox(open_workspace(folder, folder.database).store).enrol(OFFICE_KEY, OFFICE_SIGNING_KEY)

    async def run_before(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await press(pilot, "6")
        pilot.app.screen.query_one("#form").scroll_end(animate=False)
        await settle(pilot)

    assert snap(snap_compare, home, run_before)


OFFICE_KEY = "age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p"  # age's own example
# RFC 8032, section 7.1: TEST 1's secret key for the laptop, TEST 2's public key for the office.
LAPTOP_SECRET = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"
OFFICE_SIGNING_KEY = "PUAXw+hDiVqStwqnTRt+vJyYLM8uxJaMwM1V8Sr0Zgw="


def fixed_laptop(home: Path) -> None:
    """A device id of its own, so the form numbers (3F9A-0012) do not change per run."""
    home.mkdir(parents=True, exist_ok=True)
    (home / "device-id").write_text("3f9a0c1e-5b7d-4c2a-9e8f-0123456789ab\n", encoding="ascii")


@SIZES
def test_paper_form_top(snap_compare: Any, home: Path, size: tuple[int, int]) -> None:
    fixed_laptop(home)

    async def run_before(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await press(pilot, "8")
        await pilot.press(*"12")
        pilot.app.screen.query_one("#paper-day", Input).value = "20/11/2026"  # does not age
        await settle(pilot)

    assert snap(snap_compare, home, run_before, size)


@SIZES
def test_paper_lines(snap_compare: Any, home: Path, size: tuple[int, int]) -> None:
    """Keying in a paper form: consent, profile, the first questions, one of them half
    ticked."""
    fixed_laptop(home)

    async def run_before(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await press(pilot, "8")
        await pilot.press(*"12")
        await press(pilot, "ctrl+s")
        await press(pilot, "1", "enter", "5", "3", "0", *"79000", "enter", "1", "3")

    assert snap(snap_compare, home, run_before, size)


@SIZES
def test_a_date_refused_in_one_line(snap_compare: Any, home: Path, size: tuple[int, int]) -> None:
    """A value typed for a question of kind date, refused: the field, its hint and the
    one line that says what to type."""
    from tests.tui.driver import SOURCES, install

    install(home, SOURCES["household"])

    async def run_before(pilot: Pilot[None]) -> None:
        await start_interview(pilot)
        await press(pilot, "4", "enter", "enter", *"31/02/2020", "enter")
        assert question(pilot).question_id == "ArrivalDate"

    assert snap(snap_compare, home, run_before, size)
