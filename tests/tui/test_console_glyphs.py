"""Under `TERM=linux` the app draws only characters the Linux console font has.

The font is the one the README recommends (Terminus, Debian's `console-setup-linux`, set
up by .ci/setup-debian); its Unicode table is read by `psfgettable` (the `kbd` package).
The app is driven through its screens at 80×24 and 60×20 and every character of every
screen (borders, scrollbars, toasts, marks) must be in that table.
"""

from __future__ import annotations

import gzip
import html
import re
import subprocess
from pathlib import Path

import pytest
from textual._border import BORDER_CHARS
from textual.pilot import Pilot
from textual.scrollbar import ScrollBar

from evaluation.tui.app import EvaluationApp
from tests.tui.driver import answer_first_option, make_app, press, settle, start_interview

FONT = Path("/usr/share/consolefonts/Uni2-TerminusBold32x16.psf.gz")
CODE_POINT = re.compile(r"U\+([0-9a-fA-F]{4,6})")


@pytest.fixture(scope="module")
def font(tmp_path_factory: pytest.TempPathFactory) -> frozenset[str]:
    assert FONT.exists(), f"{FONT} is missing: run .ci/setup-debian (console-setup-linux, kbd)"
    folder = tmp_path_factory.mktemp("font")
    (folder / "font.psf").write_bytes(gzip.decompress(FONT.read_bytes()))
    subprocess.run(
        ["psfgettable", str(folder / "font.psf"), str(folder / "table")],
        check=True,
        capture_output=True,
    )
    table = (folder / "table").read_text(encoding="ascii")
    found = frozenset(chr(int(c, 16)) for c in CODE_POINT.findall(table))
    assert "é" in found and "─" in found and "▁" not in found  # the table was read
    return found


@pytest.fixture
def console(monkeypatch: pytest.MonkeyPatch) -> None:
    """TERM=linux, and Textual's glyph tables put back afterwards (they are global)."""
    monkeypatch.setenv("TERM", "linux")
    for kind, rows in BORDER_CHARS.items():
        monkeypatch.setitem(BORDER_CHARS, kind, rows)
    monkeypatch.setattr(ScrollBar, "renderer", ScrollBar.renderer)


def drawn(app: EvaluationApp) -> set[str]:
    svg = app.export_screenshot()
    texts = re.findall(r"<text[^>]*>([^<]*)</text>", svg)
    return {c for text in texts for c in html.unescape(text)} - {"\n"}


async def walk(pilot: Pilot[None], seen: dict[str, set[str]]) -> None:
    def look(where: str) -> None:
        seen[where] = drawn(pilot.app)  # type: ignore[arg-type]

    await settle(pilot)
    look("home")
    for key in "2345678":
        await press(pilot, key)
        look(f"home {key}")
        await press(pilot, "escape")
    await start_interview(pilot)
    look("first question")
    await answer_first_option(pilot)
    look("toast after an answer")
    await press(pilot, "f1")
    look("help")
    await press(pilot, "escape")
    for _ in range(60):
        if type(pilot.app.screen).__name__ != "QuestionScreen":
            break
        await answer_first_option(pilot)
    await press(pilot)
    look("results")


@pytest.mark.parametrize("size", [(80, 24), (60, 20)], ids=["80x24", "60x20"])
async def test_every_drawn_character_is_in_the_console_font(
    font: frozenset[str], console: None, home: Path, size: tuple[int, int]
) -> None:
    app = make_app(home)
    seen: dict[str, set[str]] = {}
    async with app.run_test(size=size) as pilot:
        await walk(pilot, seen)
    missing = {where: "".join(sorted(chars - font)) for where, chars in seen.items()}
    assert {where: chars for where, chars in missing.items() if chars} == {}
    assert len(seen) >= 10
