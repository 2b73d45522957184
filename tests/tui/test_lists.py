"""The lists of interviews: who each one is, one date style per list, a search that
finds what a mediator types (without accents, a paper form's number)."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

import pytest
from textual.widgets import DataTable, Input

from evaluation.i18n import translator
from evaluation.interview.record import Profile
from evaluation.machine.device import device_id
from evaluation.machine.paths import data_folder
from evaluation.questionnaire import Library
from evaluation.store import Store
from evaluation.tui.screens import interviews
from tests.tui.driver import SIZE, make_app, press, settle


def seed(home: Path) -> None:
    """Four interviews: a first name with a letter Unicode does not decompose, a consent
    without a first name, a refusal, and a paper form."""
    published = Library.discover().latest("diagnostic-base")
    assert published is not None
    q = published.questionnaire
    store = Store.open(data_folder(home).database, device_id(home))

    def one(consent: bool, name: str | None = None) -> str:
        interview = store.start(q.id, q.version, published.sha256, "fr")
        store.record_consent(interview, consent, "consentement-1")
        store.save_profile(interview, Profile(first_name=name))
        return interview

    one(True, "Łukasz")
    store.finish(one(True), [])
    one(False)
    paper = one(True)
    store.mark_paper(
        paper,
        "3F9A-051E",
        "2026-12-07",
        None,
        started_at="2026-12-07T11:00:00Z",
        place_name="Marché",
        mediator=None,
    )
    store.finish(paper, [])
    store.close()


def rows(table: DataTable[object]) -> list[list[str]]:
    return [[str(cell) for cell in table.get_row_at(n)] for n in range(table.row_count)]


async def test_who_when_and_search(home: Path) -> None:
    app = make_app(home)
    seed(home)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "4")
        table = app.screen.query_one("#table", DataTable)
        shown = rows(table)
        people = sorted(row[1] for row in shown)
        assert people == ["(anonyme)", "(sans prénom)", "Papier n° 3F9A-051E", "Łukasz"]
        # One date style in the list: day and time, finished or not; a paper form has a
        # day and no hour of its own.
        for row in shown:
            time = "" if row[1].startswith("Papier") else r" \d\d:\d\d"
            assert re.fullmatch(rf"\d\d/\d\d{time}", row[0]), shown
        for typed, found in (("lukasz", "Łukasz"), ("051e", "Papier"), ("papier", "Papier")):
            await pilot.press(*typed)
            await settle(pilot)
            assert [row[1].split()[0] for row in rows(table)] == [found], typed
            await press(pilot, *["backspace"] * len(typed))


@pytest.mark.parametrize(("size", "whole"), [((60, 20), 4), ((50, 16), 3)], ids=["60x20", "50x16"])
async def test_who_and_where_they_stand_are_never_cut(
    home: Path, size: tuple[int, int], whole: int
) -> None:
    """On a narrow screen the list keeps when, who and the stage whole (a mediator must
    tell a finished interview from one under way), and the answers at 60 columns; the
    place comes last."""
    app = make_app(home)
    seed(home)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await press(pilot, "4")
        table = app.screen.query_one("#table", DataTable)
        first = table.ordered_columns[:whole]
        assert {"Personne", "Étape"} <= {str(column.label) for column in first}
        shown = sum(column.get_render_width(table) for column in first)
        assert shown <= table.scrollable_content_region.width, shown


async def test_a_long_list_filters_once_typing_pauses(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Typed fast into « Retrouver », a long list is not redrawn at every key (which
    held the keys typed meanwhile): once, when typing pauses, with the whole text."""
    monkeypatch.setattr(interviews, "FILTER_AT_ONCE", 0)  # as long as 2000 interviews
    monkeypatch.setattr(interviews, "FILTER_PAUSE", 1.0)  # a loaded test machine types slowly
    app = make_app(home)
    seed(home)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "4")
        screen = app.screen
        assert isinstance(screen, interviews.InterviewsScreen)
        shown: list[str] = []
        redraw = screen.show_rows

        def counted() -> None:
            shown.append(screen.query_one("#search", Input).value)
            redraw()

        monkeypatch.setattr(screen, "show_rows", counted)
        await pilot.press(*"lukasz")
        await pilot.pause(interviews.FILTER_PAUSE * 3)
        await settle(pilot)
        assert shown == ["lukasz"]  # once, not at each of the six keys
        table = screen.query_one("#table", DataTable)
        assert [row[1] for row in rows(table)] == ["Łukasz"]


def test_a_list_reaching_another_year_shows_the_year() -> None:
    """Dates of last year and this one in one list: every row shows its year."""
    starts = [datetime(2025, 12, 31, 16, 11), datetime(2026, 12, 7, 14, 51)]
    now = datetime(2026, 12, 7, 15, 0)
    said = interviews.started_at(starts, now, "all", translator("fr"))
    assert said == ["31/12/2025 16:11", "07/12/2026 14:51"]
    assert interviews.started_at(starts[1:], now, "all", translator("fr")) == ["07/12 14:51"]
