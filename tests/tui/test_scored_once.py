"""An answer is scored once: the session keeps its result from the results screen to the
sheet and the finish, and scores again only after an answer changed."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from evaluation.interview.answers import Answer, Status
from evaluation.machine.paths import data_folder
from evaluation.operations import interviews
from evaluation.operations.interviews import answer
from evaluation.store import Store
from evaluation.tui.screens.question import QuestionScreen
from evaluation.tui.screens.results import ResultsScreen
from evaluation.workspace import open_workspace
from tests.conftest import count_scoring
from tests.tui.driver import SIZE, answer_first_option, make_app, press, start_interview


async def test_one_interview_to_its_sheet_is_scored_once(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(Path(sys.executable).parent))  # no printer here
    app = make_app(home)
    async with app.run_test(size=SIZE) as pilot:
        calls = count_scoring(monkeypatch)
        await start_interview(pilot, name="Zoë")
        while isinstance(app.screen, QuestionScreen):
            await answer_first_option(pilot)
        assert isinstance(app.screen, ResultsScreen)
        await press(pilot, "i")  # the sheet
        [_] = (home / "exports").glob("fiche-*.pdf")
        await press(pilot, "f")  # finished: stage and scores stored
        assert not isinstance(app.screen, ResultsScreen)
    assert calls == ["diagnostic-base"]  # was 4 to 6
    store = Store.open(data_folder(home).database, "reader")
    [scored] = store.query("SELECT s.scored_for, i.updated_at FROM scores s JOIN interviews i")
    assert scored["scored_for"] == scored["updated_at"]


def test_the_result_is_scored_again_only_after_an_answer_changed(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = data_folder(home)
    workspace = open_workspace(folder, folder.database)
    session = interviews.start(workspace, "fr")
    session.apply(interviews.consent(session, True))
    calls = count_scoring(monkeypatch)
    assert session.published is not None
    first, second = (q.id for q in session.published.questionnaire.questions[:2])
    session.apply(answer(session, first, Answer(Status.DONT_KNOW)).saved)
    session.apply(answer(session, second, Answer(Status.DONT_KNOW)).saved)
    assert calls == []  # nothing asked for the result yet
    before = session.result()
    assert session.result() is before and len(calls) == 1
    session.apply(answer(session, first, Answer(Status.SKIPPED)).saved)
    assert session.result() is not before and len(calls) == 2
    session.apply(session.stored())  # the record read again, nothing changed in it
    session.result()
    assert len(calls) == 2
