"""Shared fixtures. Every test runs with its own data folder, never the user's."""

from __future__ import annotations

from pathlib import Path

import pytest

from evaluation.questionnaire import Loaded, load_file

FIXTURES = Path(__file__).parent / "fixtures"
MINI = FIXTURES / "questionnaires" / "mini" / "1.yaml"


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
