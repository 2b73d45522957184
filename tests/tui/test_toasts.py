"""Toasts: plain text, a few seconds, and never the previous visitor's over the next."""

from __future__ import annotations

import html
import re
from collections import defaultdict
from pathlib import Path

import pytest
from textual.app import App
from textual.widgets._toast import Toast

from evaluation.tui.screens.consent import ConsentScreen
from tests.tui.driver import SIZE, make_app, press, settle


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
