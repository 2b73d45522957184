"""Whole interviews driven through the real app; what was stored is checked in SQLite."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from textual.dom import DOMNode
from textual.widgets import DataTable, Input, OptionList

from evaluation.interview.answers import Status
from evaluation.interview.flow import Flow
from evaluation.interview.record import Stage
from evaluation.machine.clock import local_time
from evaluation.questionnaire import Library
from evaluation.tui.dialogs.help import HelpDialog
from evaluation.tui.screens.consent import ConsentScreen
from evaluation.tui.screens.home import HomeScreen
from evaluation.tui.screens.question import QuestionScreen
from evaluation.tui.screens.results import ResultsScreen
from evaluation.tui.screens.settings import SettingsScreen
from tests.tui.driver import (
    SIZE,
    answer_first_option,
    make_app,
    press,
    question,
    settle,
    start_interview,
    stored,
    ticked,
)


def diagnostic() -> Flow:
    published = Library.discover().latest("diagnostic-base")
    assert published is not None
    return Flow(published.questionnaire, {})


async def test_first_run_asks_for_the_place_of_the_day(home: Path) -> None:
    app = make_app(home, place=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, SettingsScreen)
        await pilot.press(*"Marché couvert")
        await press(pilot, "tab")
        await pilot.press(*"Niort")
        await press(pilot, "tab")
        await pilot.press(*"79000")
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, HomeScreen)
        assert "Marché couvert (Niort)" in str(app.screen.query_one("#place").render())
    settings = stored(home).settings()
    assert (settings.place.name, settings.place.postcode) == ("Marché couvert", "79000")


async def test_bad_postcode_is_refused_and_nothing_saved(home: Path) -> None:
    app = make_app(home, place=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press(*"Marché")
        await press(pilot, "tab", "tab")
        await pilot.press(*"7900")
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, SettingsScreen)
    assert stored(home).settings().place.name == ""


async def test_retention_period_is_set_in_the_settings(home: Path) -> None:
    from textual.widgets import Input

    app = make_app(home)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "6")
        months = app.screen.query_one("#retention_months", Input)
        assert months.value == "24"
        months.value = "douze"
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, SettingsScreen)  # refused, still open
        months.value = "12"
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, HomeScreen)
    assert stored(home).settings().retention_months == 12


async def test_whole_interview_to_results_is_stored(home: Path) -> None:
    app = make_app(home)
    async with app.run_test(size=SIZE) as pilot:
        await start_interview(pilot, name="Zoë")
        asked = []
        while isinstance(app.screen, QuestionScreen):
            asked.append(await answer_first_option(pilot))
        assert isinstance(app.screen, ResultsScreen)
        await press(pilot, "f")
        assert isinstance(app.screen, HomeScreen)
    store = stored(home)
    [record] = store.interviews()
    assert record.stage is Stage.FINISHED
    assert record.profile.first_name == "Zoë"
    assert record.consent_given is True
    answers = store.answers(record.id)
    assert list(answers) == asked or set(answers) == set(asked)
    assert all(a.status is Status.ANSWERED for a in answers.values())
    assert record.next_steps is not None
    assert record.finished_at is not None


async def test_pause_and_resume_where_it_stopped(home: Path) -> None:
    app = make_app(home)
    async with app.run_test(size=SIZE) as pilot:
        await start_interview(pilot)
        for _ in range(3):
            await answer_first_option(pilot)
        where = question(pilot).question_id
        await press(pilot, "escape")
        assert isinstance(app.screen, HomeScreen)
        await press(pilot, "2")
        assert question(pilot).question_id == where
    assert len(stored(home).answers(stored(home).interviews()[0].id)) == 3


async def test_back_and_change_an_answer_keeps_history(home: Path) -> None:
    app = make_app(home)
    async with app.run_test(size=SIZE) as pilot:
        await start_interview(pilot)
        first = await answer_first_option(pilot)
        await press(pilot, "left")
        assert question(pilot).question_id == first
        assert ticked(pilot)  # the earlier answer is shown
        await press(pilot, "2", "enter")
    store = stored(home)
    interview = store.interviews()[0].id
    history = store.history(interview, first)
    assert len(history) == 2
    assert history[0].choices != history[1].choices
    assert store.answers(interview)[first] == history[1]


async def test_dont_know_and_skip_are_stored_as_such(home: Path) -> None:
    app = make_app(home)
    async with app.run_test(size=SIZE) as pilot:
        await start_interview(pilot)
        first = question(pilot).question_id
        await press(pilot, "0")
        assert question(pilot).question_id == first  # chosen, not yet saved
        assert ticked(pilot) == ["__dont_know__"]
        await press(pilot, "enter")
        second = question(pilot).question_id
        await press(pilot, "p")
    answers = stored(home).answers(stored(home).interviews()[0].id)
    assert answers[first].status is Status.DONT_KNOW
    assert answers[second].status is Status.SKIPPED


async def test_the_azerty_digit_row_chooses_without_shift(home: Path) -> None:
    """`&` and `"` are 1 and 3 on a French keyboard without Shift, `à` is 0."""
    app = make_app(home)
    async with app.run_test(size=SIZE) as pilot:
        await start_interview(pilot)
        first = question(pilot).question_id  # devices: several answers
        await press(pilot, "ampersand", "quotation_mark")
        assert ticked(pilot) == ["smartphone", "computer"]
        await press(pilot, "enter")
        second = question(pilot).question_id
        await press(pilot, "à")
        assert ticked(pilot) == ["__dont_know__"]
        await press(pilot, "enter")
    answers = stored(home).answers(stored(home).interviews()[0].id)
    assert answers[first].choices == ("smartphone", "computer")
    assert answers[second].status is Status.DONT_KNOW


async def test_refused_consent_gives_an_anonymous_interview(home: Path) -> None:
    app = make_app(home)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "1")
        assert isinstance(app.screen, ConsentScreen)
        await press(pilot, "n")
        assert isinstance(app.screen, QuestionScreen)
    record = stored(home).interviews()[0]
    assert record.consent_given is False
    assert record.profile.first_name is None


async def test_help_lists_every_key_of_the_screen(home: Path) -> None:
    app = make_app(home)
    async with app.run_test(size=SIZE) as pilot:
        await start_interview(pilot)
        await press(pilot, "f1")
        assert isinstance(app.screen, HelpDialog)
        text = " ".join(f"{keys} {what}" for keys, what in app.screen.entries)
        # No answer yet: Échap abandons, and says so (« Pause » once an answer is given).
        for words in ("Je ne sais pas", "Passer", "Note", "Retour", "Abandonner", "Enregistrer",
                      "Aide", "Espace", "Cocher ou décocher", "Choisir une réponse"):  # fmt: skip
            assert words in text, words
        for english in ("Focus", "Copy", "help_quit", "Maximize", "home."):
            assert english not in text, english
        await press(pilot, "escape")
        assert isinstance(app.screen, QuestionScreen)


async def test_every_binding_has_an_id(home: Path) -> None:
    import importlib
    import inspect
    import pkgutil

    from textual.dom import DOMNode as Node

    import evaluation.tui

    classes: list[type[DOMNode]] = [type(make_app(home))]
    for info in pkgutil.walk_packages(evaluation.tui.__path__, "evaluation.tui."):
        module = importlib.import_module(info.name)
        classes += [
            c
            for _, c in inspect.getmembers(module, inspect.isclass)
            if issubclass(c, Node) and c.__module__ == info.name
        ]
    assert len(classes) > 15
    for cls in classes:
        for binding in cls.__dict__.get("BINDINGS", []):  # the app's own, not Textual's
            assert getattr(binding, "id", None), (cls.__name__, binding)


async def test_english_interface(home: Path) -> None:
    app = make_app(home, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        menu = app.screen.query_one("#menu", OptionList)
        assert str(menu.get_option("new").prompt) == "1  New interview"
        assert isinstance(app.screen, HomeScreen)
        keys = [keys for keys, _ in app.screen.help_entries()]  # what F1 lists
        assert "Enter" in keys and "Entrée" not in keys, keys
        await press(pilot, "1")
        assert "Before we start" in str(app.screen.query_one(".title").render())
        assert isinstance(app.screen, ConsentScreen)
        keys = [keys for keys, _ in app.screen.help_entries()]
        assert keys[:2] == ["y", "n"], keys  # as the question says: Y = yes


async def test_show_if_branch_is_skipped_without_a_smartphone(home: Path) -> None:
    flow = diagnostic()
    devices = flow.questionnaire.question_index["devices"]
    computer = 1 + [o.id for o in devices.choices()].index("computer")
    smartphone_only = {
        q.id
        for q in flow.questionnaire.questions
        if q.show_if is not None and "devices" in q.show_if.questions()
    }
    assert smartphone_only
    app = make_app(home)
    async with app.run_test(size=SIZE) as pilot:
        await start_interview(pilot)
        assert question(pilot).question_id == "devices"
        await press(pilot, str(computer), "enter")
        asked = []
        while isinstance(app.screen, QuestionScreen):
            asked.append(await answer_first_option(pilot))
        assert isinstance(app.screen, ResultsScreen)
    assert not smartphone_only & set(asked)
    store = stored(home)
    answers = store.answers(store.interviews()[0].id)
    assert answers["devices"].choices == ("computer",)
    assert not smartphone_only & set(answers)


async def test_today_list_shows_and_opens_an_interview(home: Path) -> None:
    app = make_app(home)
    async with app.run_test(size=SIZE) as pilot:
        await start_interview(pilot)
        await answer_first_option(pilot)
        await press(pilot, "escape", "3")
        table = app.screen.query_one("#table", DataTable)
        assert table.row_count == 1
        assert "questions" in [str(c) for c in table.get_row_at(0)]
        started = stored(home).interviews()[0].started_at
        assert f"{local_time(started):%d/%m %H:%M}" in [str(c) for c in table.get_row_at(0)]
        await press(pilot, "enter")
        assert isinstance(app.screen, QuestionScreen)


async def test_results_key_writes_the_sheet(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import io
    import sys

    from pypdf import PdfReader

    monkeypatch.setenv("PATH", str(Path(sys.executable).parent))  # no printer here
    app = make_app(home)
    async with app.run_test(size=SIZE) as pilot:
        await start_interview(pilot, name="Bjørn")
        while isinstance(app.screen, QuestionScreen):
            await answer_first_option(pilot)
        await press(pilot, "i")
        [pdf] = (home / "exports").glob("fiche-*.pdf")
        messages = [n.message for n in app._notifications]
        assert any(
            str(pdf) in m and "pas d'impression : cet ordinateur n'a pas de système" in m
            for m in messages
        )
    text = PdfReader(io.BytesIO(pdf.read_bytes())).pages[0].extract_text()
    assert "Pour Bjørn" in text


async def test_enter_alone_answers_nothing_and_a_note_keeps_what_is_ticked(home: Path) -> None:
    app = make_app(home)
    async with app.run_test(size=SIZE) as pilot:
        await start_interview(pilot)
        devices = question(pilot)  # several answers: nothing ticked yet
        assert devices.question_id == "devices"
        await press(pilot, "enter")
        assert question(pilot).question_id == "devices"
        status = str(devices.query_one("#status").render())
        assert status.startswith("Choisissez d'abord une réponse")
        await press(pilot, "1", "3")
        await press(pilot, "n")
        await pilot.press(*"prêté par sa fille")
        await press(pilot, "enter")
        assert question(pilot).question_id == "devices"
        assert len(ticked(pilot)) == 2  # the note did not untick what was not saved yet
        await press(pilot, "enter")
        home_internet = question(pilot)  # one answer: no line is chosen for the visitor
        assert home_internet.question_id == "internet_home"
        await press(pilot, "enter")
        assert question(pilot).question_id == "internet_home"
        await press(pilot, "down", "enter")  # moved to a line: Enter takes it
        assert question(pilot).question_id == "use_frequency"
    store = stored(home)
    interview = store.interviews()[0].id
    answers = store.answers(interview)
    assert len(answers["devices"].choices) == 2
    assert store.notes(interview) == {"devices": "prêté par sa fille"}
    assert len(answers["internet_home"].choices) == 1
    assert [len(store.history(interview, q)) for q in ("devices", "internet_home")] == [1, 1]


async def test_find_by_name_without_accents_or_by_date_and_home_keeps_the_arrows(
    home: Path,
) -> None:
    app = make_app(home)
    async with app.run_test(size=SIZE) as pilot:
        await start_interview(pilot, name="Zoë")
        await answer_first_option(pilot)
        await press(pilot, "escape")
        assert isinstance(app.screen, HomeScreen)
        assert isinstance(app.focused, OptionList)  # ↑ ↓ move in the menu at once
        await press(pilot, "4")
        table = app.screen.query_one("#table", DataTable)
        search = app.screen.query_one("#search", Input)
        today = date.today()
        for typed, found in (
            ("zoe", 1),
            (today.isoformat(), 1),
            (f"{today:%d/%m/%Y}", 1),
            ("ZOË", 1),
            ("Yannick", 0),
        ):
            search.value = typed
            await settle(pilot)
            names = [str(table.get_row_at(i)[1]) for i in range(table.row_count)]
            assert names == (["Zoë"] if found else [""]), typed
        await press(pilot, "escape")
        assert isinstance(app.focused, OptionList)


async def test_consent_keys_are_the_french_ones_in_french(home: Path) -> None:
    app = make_app(home)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "1")
        assert isinstance(app.screen, ConsentScreen)
        keys = [keys for keys, _ in app.screen.help_entries()]
        assert keys[:2] == ["o", "n"], keys
        await press(pilot, "y")  # the English key still agrees
        assert type(app.screen).__name__ == "ProfileScreen"
