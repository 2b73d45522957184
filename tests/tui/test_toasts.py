"""Toasts: plain text, a few seconds, and never the previous visitor's over the next."""

from __future__ import annotations

import html
import re
import sys
from collections import defaultdict
from pathlib import Path

import pytest
from textual.app import App
from textual.widgets._toast import Toast

from evaluation.tui.screens.consent import ConsentScreen
from evaluation.tui.screens.profile import ProfileScreen
from tests.tui.driver import (
    SIZE,
    answer_first_option,
    flat,
    make_app,
    press,
    question,
    screen_text,
    settle,
    start_interview,
)


async def test_a_toast_is_plain_text_and_short(home: Path) -> None:
    app = make_app(home)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        app.notify("Fiche écrite : /tmp/[bold]fiche[/bold].pdf", timeout=20)
        await settle(pilot)
        (toast,) = app.screen.query(Toast)
        assert "[bold]fiche[/bold]" in str(toast.render())
        assert toast._notification.timeout <= 8


async def test_the_next_visitor_starts_without_the_last_ones_toasts(home: Path) -> None:
    app = make_app(home)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        app.notify("Fiche imprimée : /home/mediateur/fiches/lea.pdf")
        await press(pilot, "1")
        assert isinstance(app.screen, ConsentScreen)
        assert not app.screen.query(Toast)


def screen_rows(app: App[None]) -> list[str]:
    """The screen's lines as drawn (read back from its SVG picture)."""
    rows: dict[int, list[str]] = defaultdict(list)
    for line, text in re.findall(
        r'clip-path="url\(#[\w-]+-line-(\d+)\)">([^<]*)</text>', app.export_screenshot()
    ):
        rows[int(line)].append(html.unescape(text))
    return ["".join(parts) for parts in rows.values()]


PATH = "/home/mediatrice/.local/share/evaluation/fiches/2026-12-07-fiche-lea-martin.pdf"


@pytest.mark.parametrize("size", [(80, 24), (60, 20), (50, 16)], ids=lambda s: f"{s[0]}x{s[1]}")
async def test_a_path_in_a_toast_breaks_after_a_slash_never_mid_word(
    home: Path, size: tuple[int, int]
) -> None:
    """A file path is longer than a small terminal is wide: its lines break after a « / »,
    so each folder and the file's name are read whole."""
    app = make_app(home)
    async with app.run_test(size=size, notifications=True) as pilot:
        await settle(pilot)
        app.notify(app.t("sheet.printed", path=PATH))
        await settle(pilot)
        assert app.screen.query(Toast)
        rows = screen_rows(app)
        for part in PATH.strip("/").split("/"):
            assert any(part in row for row in rows), (part, rows)


def no_sound(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(Path(sys.executable).parent))  # no espeak-ng, no player


async def test_at_50x16_a_failed_reading_never_covers_the_visitors_answers(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`l` in the visitor view with no sound player: the visitor is told in a line of
    their view, every answer (7, 8 and 0 included) stays drawn, and no toast shows."""
    no_sound(monkeypatch)
    async with make_app(home).run_test(size=(50, 16), notifications=True) as pilot:
        await start_interview(pilot)
        while len(question(pilot).question.choices()) < 8:
            await answer_first_option(pilot)
        await press(pilot, "v", "l")
        await settle(pilot)
        shown = flat(screen_text(pilot))
        assert not pilot.app.screen.query(Toast)
        assert "demandez qu'on vous lise" in shown, shown
        for number in ("1.", "7.", "8.", "0."):
            assert f"( ) {number}" in shown or f"[ ] {number}" in shown, (number, shown)
        assert "paquet" not in shown and "aplay" not in shown


async def test_toasts_stay_with_the_person_they_are_for(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The mediator's toast (which package to install) is not drawn once the consent is
    turned to the visitor; what the visitor is told there does not follow the mediator
    onto the profile."""
    no_sound(monkeypatch)
    async with make_app(home).run_test(size=SIZE, notifications=True) as pilot:
        await settle(pilot)
        await press(pilot, "1", "r")
        assert "paquet" in " ".join(str(t.render()) for t in pilot.app.screen.query(Toast))
        await press(pilot, "v")
        assert "paquet" not in screen_text(pilot)
        await press(pilot, "r")
        assert "qu'on vous lise" in flat(screen_text(pilot))
        await press(pilot, "o")
        assert isinstance(pilot.app.screen, ProfileScreen)
        assert "qu'on vous lise" not in flat(screen_text(pilot))
