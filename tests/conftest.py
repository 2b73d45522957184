"""Shared fixtures. Every test runs with its own data folder, never the user's."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

from evaluation.i18n import translator
from evaluation.problems import Problem
from evaluation.questionnaire import Loaded, load_file

FIXTURES = Path(__file__).parent / "fixtures"
MEMORY = Path("/dev/shm")
MINI = FIXTURES / "questionnaires" / "mini" / "1.yaml"
EN = translator("en")
FR = translator("fr")


def english(problem: Problem) -> list[str]:
    """A problem's lines in English (the texts the loader tests pin)."""
    return problem.lines(EN)


def roomy(folder: Path) -> bool:
    """A folder we may write in with room for a whole run (2 GiB; a container's
    /dev/shm is often 64 MiB, too small for the USB key images)."""
    import os

    if not (folder.is_dir() and os.access(folder, os.W_OK | os.X_OK)):
        return False
    free = os.statvfs(folder)
    return free.f_bavail * free.f_frsize >= 2 * 1024**3


def pytest_configure(config: pytest.Config) -> None:
    """Test folders in memory (tmpfs) where the machine has it and TMPDIR is not chosen.

    The app commits with `synchronous = FULL`, so every saved answer waits for the disk
    (several ms a commit on a busy disk, a few hundred commits in a Pilot test); in memory
    the same statements run and the same files are read back, only the wait is gone. The
    commands the tests run (tmux, subprocesses) inherit it; xdist's workers too.
    """
    if "TMPDIR" not in os.environ and roomy(MEMORY):
        os.environ["TMPDIR"] = str(MEMORY)
        tempfile.tempdir = None  # asked again on the next use


@pytest.fixture(autouse=True, scope="session")
def paris_time() -> None:
    """Local days are French ones in tests, as for most mediators (TZ is inherited by the
    commands the tests run); a test about another zone sets its own."""
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
