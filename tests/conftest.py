"""Shared fixtures. Every test runs with its own data folder, never the user's."""

from __future__ import annotations

from pathlib import Path

import pytest

from evaluation.i18n import translator
from evaluation.problems import Problem
from evaluation.questionnaire import Loaded, load_file

FIXTURES = Path(__file__).parent / "fixtures"
MINI = FIXTURES / "questionnaires" / "mini" / "1.yaml"
EN = translator("en")
FR = translator("fr")


def english(problem: Problem) -> list[str]:
    """A problem's lines in English (the texts the loader tests pin)."""
    return problem.lines(EN)


@pytest.fixture(autouse=True, scope="session")
def paris_time() -> None:
    """Local days are French ones in tests, as for most mediators (TZ is inherited by the
    commands the tests run); a test about another zone sets its own."""
    import os
    import time

    os.environ["TZ"] = "Europe/Paris"
    time.tzset()


@pytest.fixture(autouse=True)
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty data folder, set as $EVALUATION_HOME."""
    folder = tmp_path / "home"
    monkeypatch.setenv("EVALUATION_HOME", str(folder))
    return folder


@pytest.fixture
def mini() -> Loaded:
    """The small test questionnaire that uses every question kind."""
    return load_file(MINI)


def count_scoring(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """From now on, each call of `evaluation.interview.scoring.score` wherever the app makes it
    (the session, the store's scores, which import it where they call it): the
    questionnaire id of each, in order."""
    import evaluation.interview.scoring

    calls: list[str] = []
    real = evaluation.interview.scoring.score

    def counted(questionnaire, *args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(questionnaire.id)
        return real(questionnaire, *args, **kwargs)

    monkeypatch.setattr(evaluation.interview.scoring, "score", counted)
    return calls
