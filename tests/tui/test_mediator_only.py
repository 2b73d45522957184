"""What only the mediator reads (a task's instruction and grading, « Pas pu l'observer »,
the note question) is never shown in the visitor view nor said aloud: every question of
the shipped questionnaire and of the fixtures, turned toward the visitor and read."""

from __future__ import annotations

from pathlib import Path

import pytest

from evaluation.i18n import translator
from evaluation.machine.paths import data_folder
from evaluation.operations.interviews import start
from evaluation.operations.speech import reading
from evaluation.questionnaire.model import QUESTION_KINDS, Note, Question, Task, Value
from evaluation.questionnaire.text import Text
from evaluation.workspace import open_workspace
from tests.tui.driver import (
    SIZE,
    SOURCES,
    answer_first_option,
    flat,
    install,
    make_app,
    press,
    question,
    screen_text,
    start_interview,
)

# What a value question is given in the walk below, by kind.
TYPED = {"integer": "2", "decimal": "0,2", "date": "01/02/2020"}
VALUES = frozenset(TYPED)


def every_language(text: Text) -> list[str]:
    return [text.get(lang) for lang in text.languages]


def mediator_only(q: Question) -> list[str]:
    """The words of `q` that are for the mediator only, in every language it has."""
    if isinstance(q, Note):
        return every_language(q.text)
    if isinstance(q, Task):
        said = [word for lang in ("fr", "en") for word in _task_words(lang)]
        grading = [w for option in q.choices() for w in every_language(option.label)]
        return [*every_language(q.instruction), *grading, *said]
    return []


def _task_words(lang: str) -> list[str]:
    t = translator(lang)
    return [
        t("question.not_observed"),
        t("question.say", text="").split(":")[0],
        t("question.for_mediator", text="").split(":")[0],
    ]


def leaks(q: Question, shown: str) -> list[str]:
    """The mediator's words of `q` found in `shown` (each by its first 24 characters,
    as a long one may be cut by the edge of the screen)."""
    return [w for w in mediator_only(q) if flat(w)[:24] in flat(shown)]


@pytest.mark.parametrize("source", ["shipped-2", "mini", "household"])
async def test_the_visitor_view_never_shows_the_mediators_part(home: Path, source: str) -> None:
    install(home, SOURCES[source])
    kinds = set()
    async with make_app(home).run_test(size=SIZE) as pilot:
        await start_interview(pilot)
        for _ in range(80):
            if type(pilot.app.screen).__name__ != "QuestionScreen":
                break
            screen = question(pilot)
            q = screen.question
            kinds.add(q.kind)
            if not screen.visitor_view:
                await press(pilot, "v")
            assert screen.visitor_view
            shown = screen_text(pilot)
            assert not leaks(q, shown), (q.id, shown)
            if not isinstance(q, Note):  # what the question asks the visitor is there
                assert flat(q.text.fr)[:24] in flat(shown), (q.id, shown)
            if isinstance(q, (Task, Note)):  # graded, or written, facing the mediator
                await press(pilot, "v")
                await answer_first_option(pilot)
            elif isinstance(q, Value):  # typed facing the mediator
                await press(pilot, "v")
                await press(pilot, *TYPED[q.kind], "enter")
            else:
                # Answered facing the visitor (devices: a smartphone, so every task
                # shows): the next question comes in the visitor's view.
                await press(pilot, "1", "enter")
    # Version 2 was published before an info (XLSForm's `note`) could be written, the
    # values after; the household form asks a value of each kind and no task nor scale.
    expected = {
        "shipped-2": set(QUESTION_KINDS) - {"info"} - VALUES,
        "mini": set(QUESTION_KINDS) - VALUES,
        "household": VALUES | {"single", "multiple", "yes_no", "note"},
    }
    assert kinds == expected[source]


@pytest.mark.parametrize("source", list(SOURCES))
def test_read_aloud_never_says_the_mediators_part(home: Path, source: str) -> None:
    install(home, SOURCES[source])
    workspace = open_workspace(data_folder(home), data_folder(home).database)
    for lang in ("fr", "en"):
        session = start(workspace, lang)
        assert session.published is not None
        for q in session.published.questionnaire.questions:
            said = reading(session, q.id)
            spoken = " ".join(piece.words for piece in said.items) if said else ""
            assert not leaks(q, spoken), (q.id, spoken)
            if not isinstance(q, Note):
                assert q.text.get(session.lang) in spoken
