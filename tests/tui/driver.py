"""Drive the real app with Textual's Pilot: a real data folder, a real SQLite file."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from textual.app import App
from textual.pilot import Pilot

from evaluation.machine.clock import today
from evaluation.machine.device import device_id
from evaluation.machine.paths import data_folder
from evaluation.questionnaire.library import shipped_dir
from evaluation.store import Store
from evaluation.structure.settings import Place, Settings
from evaluation.tui.app import EvaluationApp
from evaluation.tui.screens.question import QuestionScreen
from evaluation.tui.widgets.choice_list import ChoiceList
from tests.conftest import FIXTURES

SIZE = (80, 24)

SHIPPED = shipped_dir() / "diagnostic-base"
QUESTIONNAIRES = FIXTURES / "questionnaires"
# Each source becomes the newest diagnostic-base, so a new interview uses it.
SOURCES = {
    "shipped-1": SHIPPED / "1.yaml",
    "shipped-2": SHIPPED / "2.yaml",
    "shipped-3": SHIPPED / "3.yaml",
    "mini": QUESTIONNAIRES / "mini" / "1.yaml",
    "recorded": QUESTIONNAIRES / "recorded" / "1.yaml",
    "trilingual": QUESTIONNAIRES / "trilingual" / "diagnostic-base" / "90.yaml",
    "household": QUESTIONNAIRES / "household" / "1.yaml",
}


def install(home: Path, source: Path) -> None:
    """`source` as diagnostic-base version 100, its recordings beside it."""
    folder = data_folder(home).questionnaires / "diagnostic-base"
    folder.mkdir(parents=True, exist_ok=True)
    text = source.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^id: .*$", "id: diagnostic-base", text, count=1)
    text = re.sub(r"(?m)^version: .*$", "version: 100", text, count=1)
    (folder / "100.yaml").write_text(text, encoding="utf-8")
    if (source.parent / "audio").is_dir():
        shutil.copytree(source.parent / "audio", folder / "audio")


def flat(text: str) -> str:
    return " ".join(text.split())


def stored(home: Path) -> Store:
    """The data folder's database, opened beside the app to read what it saved."""
    return Store.open(data_folder(home).database, "reader")


def make_app(home: Path, lang: str = "fr", place: bool = True) -> EvaluationApp:
    folder = data_folder(home)
    if place:
        store = Store.open(folder.database, device_id(home))
        market = Place(name="Marché", commune="Niort", postcode="79000")
        # Confirmed today: the first interview of the day asks nothing more.
        store.save_settings(Settings(place=market, place_date=today().isoformat()))
        store.close()
    return EvaluationApp(folder, folder.database, lang)


async def settle(pilot: Pilot[None]) -> None:
    """Let every worker finish, every message they lead to be handled, and the screen
    redraw: round after round while a worker runs or a queue holds a message (a worker's
    outcome may start another worker or push a screen), then one idle pause (for what
    no queue shows, a short timer). Bounded: a cursor's blink never stops the rounds."""
    app = pilot.app
    for _ in range(3):  # a worker's outcome is posted just after it finishes: look again
        for _ in range(50):
            await app.workers.wait_for_complete()
            await pilot.pause(0)  # the screen's widgets have handled what they were sent
            if not busy(app):
                break
        await pilot.pause()
        if not busy(app):
            break


def busy(app: App[None]) -> bool:
    """A worker not finished, or a message waiting in the app or one of its screens."""
    if any(not worker.is_finished for worker in app.workers):
        return True
    nodes = [
        app,
        *(node for screen in app.screen_stack for node in screen.walk_children(with_self=True)),
    ]
    return any(node.message_queue_size for node in nodes)


async def press(pilot: Pilot[None], *keys: str) -> None:
    for key in keys:
        await pilot.press(key)
        await settle(pilot)


async def start_interview(pilot: Pilot[None], consent: bool = True, name: str = "") -> None:
    """From home: new interview, consent, profile."""
    await settle(pilot)
    await press(pilot, "1")
    await press(pilot, "o" if consent else "n")
    if consent:
        if name:
            await pilot.press(*name)
        await press(pilot, "ctrl+s")


def question(pilot: Pilot[None]) -> QuestionScreen:
    screen = pilot.app.screen
    assert isinstance(screen, QuestionScreen), type(screen).__name__
    return screen


async def answer_first_option(pilot: Pilot[None]) -> str:
    """Answer the current question with its first option (or a short note, or pass an
    info)."""
    screen = question(pilot)
    asked = screen.question_id
    if screen.question.choices():
        await press(pilot, "1", "enter")
    elif screen.question.kind == "info":  # read to the visitor: Enter moves on
        await press(pilot, "enter")
    else:
        await pilot.press(*"ok")
        await press(pilot, "enter")
    return asked


def ticked(pilot: Pilot[None]) -> list[str]:
    """The answers ticked on the current question, in the view shown."""
    choices = question(pilot).choices_shown()
    assert choices is not None
    return choices.answer


def shown_list(pilot: Pilot[None]) -> ChoiceList:
    """The answer list of the view shown."""
    choices = question(pilot).choices_shown()
    assert choices is not None
    return choices


def screen_text(pilot: Pilot[None]) -> str:
    """The characters on the terminal, line by line, as a person sees them."""
    strips = pilot.app.screen._compositor.render_strips()
    return "\n".join(strip.text for strip in strips)
