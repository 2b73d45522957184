"""End to end: a paper form keyed into the installed command in a real terminal (tmux),
then the CRA export of the same command shows it on the form's day."""

from __future__ import annotations

import csv
from datetime import timedelta
from pathlib import Path

from evaluation.interview.record import Stage
from evaluation.machine.clock import today
from evaluation.machine.paths import data_folder
from evaluation.store import Store
from tests.cli.helpers import run
from tests.e2e.terminal import Terminal, seed_place
from tests.paper.test_entry import TYPICAL

TMUX_NAMES = {"enter": "Enter"}
# TYPICAL answers version 2; the newest (3) asks one more question before the note:
# « Dans un lieu d'aide… », answered 4 (« Rien de particulier »).
NEWEST = [*TYPICAL[:-4], "4", "enter", *TYPICAL[-4:]]


def test_a_paper_form_keyed_in_a_terminal(home: Path, tmp_path: Path) -> None:
    seed_place(home)
    day = today() - timedelta(days=2)
    term = Terminal(home, width=60, height=20)
    try:
        term.wait_for("Marché (Niort)")  # the data is open
        term.keys("8")
        term.wait_for("(pour ")  # the defaults are in: today's date is offered
        term.type("7")
        term.keys("Enter")  # to the date, selected: the form says another day
        term.type(day.strftime("%d/%m/%Y"))
        term.keys("C-s")
        term.wait_for("Accord de la personne")
        for key in NEWEST:
            term.keys(TMUX_NAMES.get(key, key))
        term.wait_for("Vérifiez les lignes")
        term.keys("Enter")
        term.wait_for("enregistrée")  # with its overall level; the next form's top is open
        term.keys("Escape")
        term.wait_for("Nouvel entretien")
        term.keys("C-q")
    finally:
        term.close()
    store = Store.open(data_folder(home).database, "reader")
    [record] = store.interviews()
    assert record.stage is Stage.FINISHED
    assert record.paper is not None and record.paper.day == day.isoformat()
    assert record.paper.form.endswith("-0007")
    store.close()
    out = tmp_path / "cra.csv"
    assert run("export", "cra", "--output", str(out), home=home).returncode == 0
    [row] = csv.DictReader(out.open(encoding="utf-8"))
    assert row["date"] == day.isoformat() and row["duree"] == ""
    assert row["trancheAge"] == "quarante_cinquante_neuf" and row["communeCodePostal"] == "79000"
