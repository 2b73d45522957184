"""End to end: a returning visitor through the installed commands. The first visit's
sheet is written by `evaluation sheet` and its code read back with pdftotext; the code
is typed into a second interview on another laptop in a real terminal (tmux); the
shorter interview, its results showing the way travelled, the sync, and the office's
report counting one return visit."""

from __future__ import annotations

import csv
import re
import subprocess
import time
from pathlib import Path

from evaluation.machine.paths import data_folder
from evaluation.store import Store
from tests.cli.helpers import run
from tests.e2e.terminal import Terminal, seed_place
from tests.sync.helpers import PASSPHRASE, Place
from tests.tui.test_return_visit import CODE

SECRET = {"EVALUATION_OFFICE_PASSPHRASE": PASSPHRASE}
FINGERPRINT = re.compile(r"en attente +([A-Z2-7]{4}(?:-[A-Z2-7]{4}){3})")
RESULTS = "Le chemin parcouru depuis"


def test_a_return_visit_from_the_sheet_to_the_office_report(tmp_path: Path) -> None:
    office, first, second, key = (tmp_path / n for n in ("office", "first", "second", "key"))
    key.mkdir()
    assert run("office", "init", env=SECRET, home=office).returncode == 0
    assert run("office", "pack", str(key), env=SECRET, home=office).returncode == 0
    code = first_visit_code(first, tmp_path / "fiche.pdf")
    second_visit_in_a_terminal(second, code)
    store = Store.open(data_folder(second).database, "reader")
    [record] = store.interviews()
    store.close()
    assert record.previous is not None and record.previous.code == code.replace("-", "")

    # The sync, the office's import and report: one return visit.
    synced = run("sync", str(key), home=second, stdin="o\n")
    assert synced.returncode == 0, synced.stderr
    assert run("office", "import", str(key), env=SECRET, home=office).returncode == 0
    [laptop] = FINGERPRINT.findall(run("office", "laptops", home=office).stdout)
    assert run("office", "enrol", laptop, home=office).returncode == 0
    imported = run("office", "import", str(key), env=SECRET, home=office)
    assert "Entretiens : 1 nouveau" in imported.stdout, imported.stdout
    report = tmp_path / "rapport.csv"
    assert run("report", "--output", str(report), home=office).returncode == 0
    rows = list(csv.reader(report.open(encoding="utf-8")))
    assert ["return_visits", "", "", "1"] in rows


def first_visit_code(first: Path, sheet: Path) -> str:
    """The first visit, on the first laptop: its sheet, and the code printed on it."""
    visit = Place.open(first).interview(None, choice=0)
    written = run("sheet", visit, "--output", str(sheet), home=first)
    assert written.returncode == 0, written.stderr
    text = subprocess.run(
        ["pdftotext", str(sheet), "-"], capture_output=True, text=True, check=True
    )
    codes: list[str] = CODE.findall(" ".join(text.stdout.split()))
    assert len(codes) == 1, codes
    return codes[0]


def second_visit_in_a_terminal(second: Path, code: str) -> None:
    """The code typed on the consent screen, every question answered with 1 and Enter,
    the results showing the way travelled, the interview finished."""
    seed_place(second)
    term = Terminal(second)
    try:
        term.wait_for("Nouvel entretien")
        term.keys("1")
        term.wait_for("Êtes-vous d'accord")
        term.keys("c")
        term.wait_for("Échap Fermer")  # the code field has the keys
        term.type(code)
        term.keys("Enter")
        term.wait_for(
            "c Code de suivi"
        )  # read: the consent keys are back (its line is below the fold)
        term.keys("n")  # an anonymous interview
        screen = term.wait_for("question 1 sur", "Passer les", "passer les")
        if "asser les" in screen:
            term.keys("o")  # the questions of what was already done alone: passed
        for _ in range(60):
            screen = term.wait_for("question", RESULTS, timeout=30)
            if RESULTS in screen:
                break
            asked = where_in_the_interview(screen)
            term.keys("1", "Enter")  # the first answer (a note: « 1 »), saved
            moved_on(term, asked)
        assert "→" in term.wait_for(RESULTS)
        term.keys("f")
        term.wait_for("Nouvel entretien")
        term.keys("C-q")
    finally:
        term.close()


def where_in_the_interview(screen: str) -> str:
    """The progress line (« Partie 2 sur 8 · question 1 sur 3 · … »)."""
    return next((line for line in screen.splitlines() if "· question" in line), "")


def moved_on(term: Terminal, asked: str, timeout: float = 30.0) -> None:
    """Wait until the screen shows another question than `asked`, or the results."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        screen = term.screen()
        if RESULTS in screen or where_in_the_interview(screen) not in ("", asked):
            return
        time.sleep(0.02)
    raise AssertionError(f"still on {asked!r}:\n{term.screen()}")
