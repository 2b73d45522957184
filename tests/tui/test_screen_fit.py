"""Every screen, as it opens, at 80x24, 60x20 and 50x16: its title, the focused field
with its label, and the highlighted option of a focused list are on screen.

A newcomer's first screen must never be an unlabelled box scrolled past its title.
"""

from __future__ import annotations

import threading
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from textual.geometry import Region
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer, Input, Label, OptionList
from textual.widgets._footer import FooterKey

from evaluation.tui.screens.home import MENU
from tests.tui.driver import answer_first_option, make_app, press, settle, start_interview

SIZES = [(80, 24), (60, 20), (50, 16)]


def shown(screen: Screen[object], widget: Widget) -> Region:
    """The part of `widget` drawn on `screen` (empty when scrolled away or hidden)."""
    found = screen._compositor.visible_widgets.get(widget)
    if found is None or not widget.display:
        return Region(0, 0, 0, 0)
    region, clip = found
    return region.intersection(clip)


def entirely_shown(screen: Screen[object], widget: Widget) -> bool:
    region = widget.region
    return bool(region.area) and shown(screen, widget) == region


def off_screen(screen: Screen[object]) -> list[str]:
    """What a person must see and does not: the title, the focused field and its label,
    the highlighted option of a focused list."""
    missing = [
        f"title {title.render()!s:.30}"
        for title in screen.query(".title")[:1]
        if not entirely_shown(screen, title)
    ]
    focused = screen.focused
    if focused is None:
        return missing
    if not shown(screen, focused).area:
        missing.append(f"focused {focused!r}")
    siblings = list(focused.parent.children) if focused.parent is not None else []
    at = siblings.index(focused) if focused in siblings else 0
    label = siblings[at - 1] if at > 0 else None
    if isinstance(label, Label) and not entirely_shown(screen, label):
        missing.append(f"label {label.render()!s:.30}")
    if isinstance(focused, OptionList) and focused.highlighted is not None:
        focused._update_lines()
        y = focused._index_to_line[focused.highlighted]
        content = focused.content_region
        line = Region(content.x, content.y + y - round(focused.scroll_y), content.width, 1)
        if shown(screen, focused).intersection(line) != line:
            missing.append(f"highlighted option {focused.highlighted} of {focused!r}")
    return missing


async def home_screen(pilot: Pilot[None]) -> None:
    await settle(pilot)


def menu(key: str) -> Callable[[Pilot[None]], Awaitable[None]]:
    async def go(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await press(pilot, key)

    return go


async def consent(pilot: Pilot[None]) -> None:
    await settle(pilot)
    await press(pilot, "1")


async def profile(pilot: Pilot[None]) -> None:
    await consent(pilot)
    await press(pilot, "o")


async def first_question(pilot: Pilot[None]) -> None:
    await start_interview(pilot)


async def second_question(pilot: Pilot[None]) -> None:
    await start_interview(pilot)
    await answer_first_option(pilot)


async def help_dialog(pilot: Pilot[None]) -> None:
    await start_interview(pilot)
    await press(pilot, "f1")


async def paper_lines(pilot: Pilot[None]) -> None:
    await settle(pilot)
    await press(pilot, "8")
    await pilot.press(*"12")
    await press(pilot, "ctrl+s")


SCREENS: dict[str, Callable[[Pilot[None]], Awaitable[None]]] = {
    "home": home_screen,
    "consent": consent,
    "profile": profile,
    "first-question": first_question,
    "second-question": second_question,
    "help": help_dialog,
    "today": menu("3"),
    "find": menu("4"),
    "sync": menu("5"),
    "settings": menu("6"),
    "report": menu("7"),
    "paper-start": menu("8"),
    "paper-lines": paper_lines,
}


async def results(pilot: Pilot[None]) -> None:
    await start_interview(pilot)
    while type(pilot.app.screen).__name__ == "QuestionScreen":
        await answer_first_option(pilot)
    assert type(pilot.app.screen).__name__ == "ResultsScreen"


def footer_keys_cut(screen: Screen[object]) -> list[str]:
    """The keys the screen means to show in its footer (show=True, one per action) that
    are not drawn whole."""
    footer = screen.query_one(Footer)
    drawn = {key.action: key for key in footer.query(FooterKey)}
    meant = {b.action: b for _, b, _, _ in screen.active_bindings.values() if b.show}
    return [
        f"{binding.key} {binding.action}"
        for action, binding in meant.items()
        if action not in drawn or not entirely_shown(screen, drawn[action])
    ]


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("name", list(SCREENS))
async def test_every_screen_opens_readable(home: Path, name: str, size: tuple[int, int]) -> None:
    app = make_app(home)
    async with app.run_test(size=size) as pilot:
        await SCREENS[name](pilot)
        await settle(pilot)
        assert off_screen(app.screen) == [], type(app.screen).__name__


@pytest.mark.parametrize("size", [(80, 24), (60, 20)], ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize(
    "name", [*(n for n in SCREENS if n != "help"), "results"]
)  # no dialog footer
async def test_every_footer_key_is_shown(home: Path, name: str, size: tuple[int, int]) -> None:
    """At 60 columns too, the footer shows every key it is meant to (on two lines if
    need be): Textual's footer cut `0 p n v` of a question and `i a F1` of the results."""
    app = make_app(home)
    async with app.run_test(size=size) as pilot:
        await {**SCREENS, "results": results}[name](pilot)
        await settle(pilot)
        assert footer_keys_cut(app.screen) == [], type(app.screen).__name__


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_results_open_on_their_title_and_follow_the_step(
    home: Path, size: tuple[int, int]
) -> None:
    """The results open on their title (the levels first: a small terminal shows the
    steps below them, on purpose); once the mediator moves in the steps, the step
    highlighted and its detail are on screen."""
    app = make_app(home)
    async with app.run_test(size=size) as pilot:
        await results(pilot)
        await settle(pilot)
        screen = app.screen
        assert entirely_shown(screen, screen.query_one(".title"))
        await press(pilot, "down")
        assert screen.focused is screen.query_one("#steps")
        moved = [m for m in off_screen(screen) if not m.startswith(("title", "label"))]
        assert moved == []
        assert shown(screen, screen.query_one("#step-detail")).area


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_first_start_opens_on_its_title(home: Path, size: tuple[int, int]) -> None:
    """« Où êtes-vous aujourd'hui ? », its first label and the place's name field."""
    app = make_app(home, place=False)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        assert type(app.screen).__name__ == "SettingsScreen"
        assert off_screen(app.screen) == []


async def test_digits_typed_while_the_data_opens_do_nothing(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """While « Ouverture des données… » shows, no menu is drawn and a `1` typed does not
    start anything nor land in the first start's place name."""
    from evaluation.tui.app import EvaluationApp

    gate = threading.Event()
    opening = EvaluationApp._open

    def slow_open(app: EvaluationApp) -> Any:
        gate.wait(timeout=30)
        return opening(app)

    monkeypatch.setattr(EvaluationApp, "_open", slow_open)
    app = make_app(home, place=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert not app.screen.query_one("#menu", OptionList).display
        await pilot.press("1", "6")
        gate.set()
        await settle(pilot)
        assert type(app.screen).__name__ == "SettingsScreen"
        assert app.screen.query_one("#place_name", Input).value == ""
        assert off_screen(app.screen) == []


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_home_shows_the_place_of_the_day_and_follows_the_menu(
    home: Path, size: tuple[int, int]
) -> None:
    """At 50×16 the menu does not fit below the place of the day and the notices: the
    home opens on its top (where the mediator checks the place), and a line chosen with
    ↓ is brought into sight."""
    app = make_app(home)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        screen = app.screen
        assert entirely_shown(screen, screen.query_one("#place")), "place of the day"
        assert off_screen(screen) == []
        for _ in range(len(MENU) - 1):
            await press(pilot, "down")
            assert off_screen(screen) == []


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_results_footer_offers_the_large_print_sheet(
    home: Path, size: tuple[int, int]
) -> None:
    """`g` (the large-print sheet) is in the results' footer at 80 and 60 columns; at 50
    it is the key left out first (the footer would take a third line), and F1 lists it."""
    app = make_app(home)
    async with app.run_test(size=size) as pilot:
        await results(pilot)
        await settle(pilot)
        screen = app.screen
        drawn = {key.action: key for key in screen.query_one(Footer).query(FooterKey)}
        if size[0] >= 60:
            assert "large_sheet" in drawn and entirely_shown(screen, drawn["large_sheet"])
        else:
            assert "large_sheet" not in drawn
            assert len(screen.query(".footer-row")) == 2
            assert "g" in [keys for keys, _ in screen.help_entries()]  # type: ignore[attr-defined]


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_the_return_code_field_and_what_it_read_come_into_view(
    home: Path, size: tuple[int, int]
) -> None:
    """On the consent screen, `c` opens the code field below the consent text: its label
    and field are brought into view, and so is « Code … lu » once it is read."""
    from evaluation.interview.return_code import make_code, printed
    from evaluation.questionnaire import load_file
    from evaluation.questionnaire.library import shipped_dir

    version = load_file(shipped_dir() / "diagnostic-base" / "2.yaml").questionnaire
    code = printed(make_code(version, "2026-10", {"device": "autonome"}))
    app = make_app(home)
    async with app.run_test(size=size) as pilot:
        await consent(pilot)
        await press(pilot, "c")
        screen = app.screen
        entry = screen.query_one("#code-entry")
        for part in entry.children[:2]:  # the label, the field
            assert entirely_shown(screen, part), part
        await pilot.press(*code)
        await press(pilot, "enter")
        said = screen.query_one("#code-said")
        assert "lu" in str(said.render())
        assert entirely_shown(screen, said)
