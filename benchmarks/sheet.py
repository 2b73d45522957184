"""The skills sheet: rendering in process, and the `evaluation sheet` command as a whole;
the large-print sheet beside the regular one (a typical result, and the longest, whose
steps do not all fit on two pages and are tried in a few renderings).

uv run python benchmarks/sheet.py --runs 20
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from machine import load, said_load

from evaluation.i18n import translator
from evaluation.operations.sheets import sheet_content
from exports.sheet import render_sheet
from exports.sheet_large import render_large_sheet
from tests.exports.test_sheet import interview


def summary(ms: list[float]) -> str:
    ms = sorted(ms)
    p90 = ms[min(len(ms) - 1, int(len(ms) * 0.9))]
    return f"median {statistics.median(ms):7.1f} ms   p90 {p90:7.1f} ms   (n={len(ms)})"


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    before = load()
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp) / "home"
        os.environ["EVALUATION_HOME"] = str(home)
        session = interview(home, "Nguyễn", wishes=("admin_online", "health"))
        french = translator("fr")
        render_sheet(sheet_content(session), french)  # fonts loaded once
        in_process = []
        for _ in range(args.runs):
            start = time.perf_counter()
            render_sheet(sheet_content(session), french)
            in_process.append((time.perf_counter() - start) * 1000)
        typical = interview(home, "Zoë", lowest=False, wishes=("admin_online", "health"))
        longest = interview(home, "Zoë")  # the lowest answers, every wish
        large = {
            "typical": rendered(typical, french, args.runs),
            "longest": rendered(longest, french, args.runs),
        }
        exe = Path(sys.executable).parent / "evaluation"
        runs = max(5, args.runs // 4)
        command, floor = timed(
            [str(exe), "sheet", session.id, "--output", f"{tmp}/s.pdf"],
            [sys.executable, "-c", FLOOR],
            runs,
        )
    ratio = statistics.median(command) / statistics.median(floor)
    print(f"sheet in process      : {summary(in_process)}   target < 50 ms")
    print(f"`evaluation sheet` cmd: {summary(command)}   target < 600 ms")
    print(f"floor (imports only)  : {summary(floor)}")
    print(f"command / floor       : {ratio:.2f}   target <= 1.50")
    for name, (regular, big) in large.items():
        times = statistics.median(big) / statistics.median(regular)
        print(f"large, {name:8}: {summary(big)}   {times:.2f} × the regular sheet")
    print(said_load(before))


def rendered(session: Any, t: Any, runs: int) -> tuple[list[float], list[float]]:
    """ms to render the regular and the large-print sheet of `session`, alternately."""
    content = sheet_content(session)
    regular: list[float] = []
    large: list[float] = []
    for _ in range(runs):
        for render, times in ((render_sheet, regular), (render_large_sheet, large)):
            start = time.perf_counter()
            render(content, t)
            times.append((time.perf_counter() - start) * 1000)
    return regular, large


# The libraries the command cannot do without: what Python alone needs to import them.
FLOOR = (
    "import click, pydantic, sqlite_utils, yaml, babel.dates, reportlab.platypus,"
    " reportlab.graphics.shapes"
)


def timed(argv: list[str], floor: list[str], runs: int) -> tuple[list[float], list[float]]:
    """Wall-clock ms of `argv` and of `floor`, alternating so that both see the same
    machine load, bytecode caches on as on a user's machine (a warm-up first)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    ms: tuple[list[float], list[float]] = ([], [])
    for n in range(-1, runs):
        for command, times in zip((argv, floor), ms, strict=True):
            start = time.perf_counter()
            subprocess.run(command, check=True, capture_output=True, env=env)
            if n >= 0:
                times.append((time.perf_counter() - start) * 1000)
    return ms


if __name__ == "__main__":
    main()
