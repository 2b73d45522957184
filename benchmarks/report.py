"""The reports dashboard over a million answers (synthetic demo data).

uv run python benchmarks/report.py --answers 1000000

The demo database is built once and kept in the temp folder (a few minutes); the figures
are the whole dashboard (`build_report`, every query) with scores already cached, and
with a place filter. Target: under 0.5 s.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from datetime import date
from pathlib import Path

from evaluation.demo import fill
from evaluation.paths import data_folder
from evaluation.store.figures import Filters
from evaluation.store.figures import figures as build_report
from evaluation.store.scores import refresh_scores
from evaluation.workspace import DEFAULT_QUESTIONNAIRE, open_workspace

ANSWERS_PER_INTERVIEW = 24  # what the demo's visitors give on average


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--answers", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    interviews = args.answers // ANSWERS_PER_INTERVIEW + 1
    path = Path(tempfile.gettempdir()) / f"evaluation-bench-report-{interviews}.sqlite3"
    workspace = open_workspace(data_folder(path.parent / "evaluation-bench-home"), path)
    store = workspace.store
    if not store.query("SELECT 1 FROM interviews LIMIT 1"):
        published = workspace.library.latest(DEFAULT_QUESTIONNAIRE)
        assert published is not None
        start = time.perf_counter()
        fill(store, published, interviews)
        print(f"demo data: {interviews} interviews in {time.perf_counter() - start:.0f} s")
        start = time.perf_counter()
        refresh_scores(store, workspace.published_for)
        print(f"scores cached once: {time.perf_counter() - start:.1f} s")
    answers = store.query("SELECT COUNT(*) AS n FROM answers")[0]["n"]
    start = time.perf_counter()
    refresh_scores(store, workspace.published_for)
    print(f"refresh with nothing new: {(time.perf_counter() - start) * 1000:.0f} ms")
    for label, filters in (
        ("whole dashboard", Filters()),
        ("one place, one year", Filters(start=date(2026, 1, 1), places=("Marché du samedi",))),
    ):
        ms = []
        for _ in range(args.runs):
            start = time.perf_counter()
            build_report(store, filters)
            ms.append((time.perf_counter() - start) * 1000)
        print(
            f"{label:20}: median {statistics.median(ms):6.0f} ms  max {max(ms):6.0f} ms"
            f"  over {answers} answers   target < 500 ms"
        )


if __name__ == "__main__":
    main()
