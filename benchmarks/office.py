"""The office at scale in one run, then every figure against its target.

The import and its SQLite floor, scoring before and after, and the reports over ten
years of data:

uv run python benchmarks/office.py

It runs `sync.py`, `scoring.py` and `report.py` one after the other with their
defaults, prints what each prints, then one table.
The ten years of data are built the first time (about 21 min and 6 GB here) and kept in
the temp folder for the next run. Exits 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import report
import scoring
import sync
from machine import load, said_load


@dataclass(frozen=True)
class Target:
    what: str
    figure: str
    target: str
    met: bool


def targets(
    s: sync.SyncFigures, c: scoring.ScoringFigures, r: report.ReportFigures
) -> list[Target]:
    """Issue 16's targets, as measured in this run."""
    rows = [
        Target(
            f"office import, {s.new:,} interviews, {s.answers:,} answers",
            f"{s.best:.2f} s",
            "< 3 s",
            s.best < 3,
        ),
        Target(
            "  over SQLite copying the rows, no triggers (fastest runs)",
            f"{s.ratio:.2f} ×",
            "≤ 2 ×",
            s.ratio <= 2,
        ),
        Target(
            f"scoring one interview, {c.before} → now",
            f"{c.old_ms:.3f} → {c.new_ms:.3f} ms ({c.faster:.1f} ×)",
            "≥ 10 ×",
            c.faster >= 10,
        ),
    ]
    for t in r.timings:
        rows.append(
            Target(
                f"{t.label}, {r.answers:,} answers",
                f"{t.median_ms:.0f} ms",
                "< 1 s",
                t.median_ms < 1000,
            )
        )
    return rows


def table(rows: list[Target]) -> str:
    width = max(len(row.what) for row in rows)
    figure = max(len(row.figure) for row in rows)
    return "\n".join(
        f"{row.what:{width}}  {row.figure:>{figure}}  {row.target:7} "
        f"{'met' if row.met else 'NOT MET'}"
        for row in rows
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    sync.laptop_options(parser)
    parser.add_argument("--answers", type=int, default=10_000_000, help="of the reports' data")
    parser.add_argument("--database", type=Path, help="the reports' data, built before (a copy)")
    args = parser.parse_args()
    started = datetime.now(UTC)
    before = load()
    print(f"The office at scale, {started:%Y-%m-%d %H:%M} UTC", flush=True)
    print("\n== USB sync (benchmarks/sync.py)", flush=True)
    figures = sync.measure(args.laptops, args.interviews, runs=3)
    sync.show(figures)
    print("\n== Scoring (benchmarks/scoring.py)", flush=True)
    scored = scoring.measure(interviews=2000, runs=5)
    scoring.show(scored)
    print("\n== Reports (benchmarks/report.py)", flush=True)
    reports = report.measure(args.answers, runs=7, database=args.database)
    report.show(reports)
    rows = targets(figures, scored, reports)
    print("\n== Targets\n" + table(rows))
    print(said_load(before))
    sys.exit(0 if all(row.met for row in rows) else 1)


if __name__ == "__main__":
    main()
