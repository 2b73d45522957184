"""Long work shows progress on stderr when it is a terminal, and nothing in a pipe."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

from evaluation.machine.paths import data_folder
from evaluation.machine.progress import EVERY, ticking
from evaluation.operations import demo
from evaluation.store.scores import unscored
from evaluation.workspace import open_workspace
from tests.cli.helpers import QUIET_LOCALE, ROOT, run


def test_demo_data_is_made_in_chunks_told_and_scored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(demo, "CHUNK", 5)
    told: list[tuple[int, int]] = []
    folder = data_folder(tmp_path / "home")
    db = tmp_path / "demo.sqlite3"
    added = demo.fill_demo(folder, db, 12, 7, lambda done, total, _: told.append((done, total)))
    assert added == 12
    assert told == [(0, 12), (5, 12), (10, 12), (12, 12)]
    store = open_workspace(folder, db).store
    assert store.count() == 12
    assert unscored(store) == 0  # scored as they were made, no refresh needed
    assert store.query("SELECT COUNT(*) AS n FROM scores")[0]["n"] == 12


def test_progress_goes_to_a_terminal_only(tmp_path: Path) -> None:
    db = tmp_path / "demo.sqlite3"
    piped = run("demo", "--db", str(db), "--interviews", "3", home=tmp_path / "home")
    assert piped.returncode == 0, piped.stderr
    assert piped.stderr == ""  # a pipe or a log gets no progress line

    command = ["demo", "--db", str(tmp_path / "b.sqlite3"), "--interviews", "3"]
    done, text = on_terminal(command, tmp_path / "home")
    assert done.returncode == 0
    assert "\rEntretiens de démonstration écrits : 0 sur 3" in text
    assert "\rEntretiens de démonstration écrits : 3 sur 3" in text
    assert "3 entretiens" in done.stdout.decode("utf-8")  # the outcome stays on stdout


def test_the_cra_export_tells_its_rows_on_a_terminal(tmp_path: Path) -> None:
    db = tmp_path / "demo.sqlite3"
    assert run("demo", "--db", str(db), "--interviews", "3", home=tmp_path / "home").returncode == 0
    output = tmp_path / "cra.xlsx"
    piped = run("--db", str(db), "export", "cra", "--output", str(output), home=tmp_path / "home")
    assert piped.returncode == 0, piped.stderr
    assert piped.stderr == ""
    command = ["--db", str(db), "export", "cra", "--output", str(output)]
    done, text = on_terminal(command, tmp_path / "home")
    assert done.returncode == 0
    assert "\rActivités écrites : 0 sur 3" in text
    assert "\rActivités écrites : 3 sur 3\r\n" in text  # the line ends once all are written
    assert "3 activités écrites" in done.stdout.decode("utf-8")


def test_long_documents_tell_every_few_hundred_rows() -> None:
    told: list[tuple[int, int]] = []
    items = list(range(2 * EVERY + 3))
    kept = list(ticking(items, lambda done, total, _: told.append((done, total))))
    assert kept == items
    assert told == [
        (0, len(items)),
        (EVERY, len(items)),
        (2 * EVERY, len(items)),
        (len(items),) * 2,
    ]


def on_terminal(command: list[str], home: Path) -> tuple[subprocess.CompletedProcess[bytes], str]:
    """Run `evaluation COMMAND` with stderr on a pseudo-terminal; what the terminal got."""
    leader, follower = pty.openpty()
    try:
        done = subprocess.run(
            [sys.executable, "-m", "evaluation", *command],
            stdout=subprocess.PIPE,
            stderr=follower,
            env={**os.environ, **QUIET_LOCALE, "EVALUATION_HOME": str(home)},
            cwd=ROOT,
            timeout=60,
            check=False,
        )
        os.close(follower)
        shown = b""
        while True:
            try:
                chunk = os.read(leader, 4096)
            except OSError:  # the terminal is closed once everything is read
                break
            if not chunk:
                break
            shown += chunk
    finally:
        os.close(leader)
    return done, shown.decode("utf-8")
