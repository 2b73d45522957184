"""The reports over years of data (synthetic demo data): the whole dashboard, one place
over one year, the CRA export of one month, the home screen, and `evaluation report` as
a whole command.

uv run python benchmarks/report.py --answers 10000000

The demo database is built once and kept in the temp folder (in chunks, scored as it is
made, as an office import scores, and without the answers' history, which an office
never receives); ten million answers are about 417,000 interviews, ten years of a large
office, and take a while to build (see README). The figures are the whole dashboard
(`build_report`, every query), the same for one place from a year's start, the CRA
export of one month (query, rows, CSV and XLSX written), the home screen's figures
(`home_view`, at every return home) and the data opened as the app opens it then the
home screen (`open_data` + `home_view`), each in process; then `evaluation report` and
`evaluation --version` as whole commands (a new Python each time), and their ratio.
Target: each under 1 s.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from machine import load, said_load

from evaluation.demo import fill
from evaluation.machine.clock import local_day
from evaluation.machine.paths import data_folder
from evaluation.operations.home import home_view
from evaluation.operations.opening import open_data
from evaluation.operations.reports import export_cra
from evaluation.store.figures import figures as build_report
from evaluation.store.scores import refresh_scores
from evaluation.structure.figures import Filters
from evaluation.workspace import DEFAULT_QUESTIONNAIRE, open_workspace

ANSWERS_PER_INTERVIEW = 24  # what the demo's visitors give on average
CHUNK = 20_000  # interviews built in one go (memory stays small)


@dataclass(frozen=True)
class Timing:
    label: str
    median_ms: float
    max_ms: float


@dataclass(frozen=True)
class ReportFigures:
    """What one run of this benchmark measured."""

    interviews: int
    answers: int
    refresh_ms: float  # with nothing new to score
    month: date
    rows: int  # interviews in the month's CRA
    timings: list[Timing]


def measure(answers: int, runs: int, database: Path | None = None) -> ReportFigures:
    interviews = answers // ANSWERS_PER_INTERVIEW + 1
    tmp = Path(tempfile.gettempdir())
    path = database or tmp / f"evaluation-bench-report-v3-{interviews}.sqlite3"
    folder = data_folder(tmp / "evaluation-bench-home")
    workspace = open_workspace(folder, path)
    store = workspace.store
    published = workspace.library.latest(DEFAULT_QUESTIONNAIRE)
    assert published is not None
    have = store.count()
    start = time.perf_counter()
    while have < interviews:
        # Ten years: more months for more interviews, so a month stays a month's worth.
        months = max(18, 120 * interviews // 416_667)
        have += fill(store, published, min(CHUNK, interviews - have), months=months)
        with store.transaction() as db:  # an office receives no answers' history
            db.execute("DELETE FROM answer_history")
        print(f"\rdemo data: {have}/{interviews} interviews", end="", file=sys.stderr)
    if time.perf_counter() - start > 1:
        print(f"\ndemo data built and scored in {time.perf_counter() - start:.0f} s")
    counted = store.query("SELECT COUNT(*) AS n FROM answers")[0]["n"]
    start = time.perf_counter()
    refresh_scores(store, workspace.published_for)
    refresh_ms = (time.perf_counter() - start) * 1000
    newest = local_day(store.query("SELECT MAX(started_at) AS t FROM interviews")[0]["t"])
    year = date(newest.year, 1, 1)
    month = (newest.replace(day=1) - timedelta(days=1)).replace(day=1)  # last whole month
    month_end = newest.replace(day=1) - timedelta(days=1)
    cases: list[tuple[str, Callable[[], object]]] = [
        ("whole dashboard", lambda: build_report(store, Filters())),
        (
            "one place, one year",
            lambda: build_report(store, Filters(start=year, places=("Marché du samedi",))),
        ),
        ("CRA of one month, CSV", lambda: export_cra(workspace, tmp / "b.csv", month, month_end)),
        ("same, XLSX", lambda: export_cra(workspace, tmp / "b.xlsx", month, month_end)),
        ("home screen's figures", lambda: home_view(workspace)),
        ("data opened, then home", lambda: home_view(open_data(folder, path).workspace)),
        ("evaluation report", lambda: command(path, "report")),
        ("evaluation --version", lambda: command(path, "--version")),
    ]
    rows = export_cra(workspace, tmp / "b.csv", month, month_end).rows
    timings = []
    for label, run in cases:
        ms = []
        for _ in range(runs):
            start = time.perf_counter()
            run()
            ms.append((time.perf_counter() - start) * 1000)
        timings.append(Timing(label, statistics.median(ms), max(ms)))
    store.close()
    return ReportFigures(have, counted, refresh_ms, month, rows, timings)


def command(database: Path, *args: str) -> None:
    """`evaluation --db DATABASE ARGS` in a new Python, as a coordinator types it."""
    evaluation = Path(sys.executable).parent / "evaluation"
    # Bytecode caches on, as on a user's machine (this workplace turns them off).
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["EVALUATION_HOME"] = str(database.parent / "evaluation-bench-home")
    subprocess.run([str(evaluation), "--db", str(database), *args], check=True, env=env,
                   capture_output=True)  # fmt: skip


def show(f: ReportFigures) -> None:
    print(f"refresh with nothing new: {f.refresh_ms:.0f} ms")
    for t in f.timings:
        print(
            f"{t.label:22}: median {t.median_ms:6.0f} ms  max {t.max_ms:6.0f} ms"
            f"  over {f.answers} answers   target < 1000 ms"
        )
    print(f"(one month: {f.month:%m/%Y}, {f.rows} interviews)")
    whole = {t.label: t.median_ms for t in f.timings}
    ratio = whole["evaluation report"] / whole["evaluation --version"]
    print(f"evaluation report / evaluation --version, medians: {ratio:.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--answers", type=int, default=10_000_000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--database", type=Path, help="a database built before (a copy)")
    args = parser.parse_args()
    before = load()
    show(measure(args.answers, args.runs, args.database))
    print(said_load(before))


if __name__ == "__main__":
    main()
