"""Toasts: plain text, a few seconds, and never the previous visitor's over the next."""

from __future__ import annotations

from pathlib import Path

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
