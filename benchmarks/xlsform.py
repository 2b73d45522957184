"""XLSForm: diagnostic-base written as a workbook and read back, in process, side by side
with loading its YAML file (the baseline, measured in the same run).

uv run python benchmarks/xlsform.py --runs 20
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from evaluation.questionnaire import load_file
from evaluation.questionnaire.library import shipped_dir
from evaluation.questionnaire.xlsform.read import read_form
from evaluation.questionnaire.xlsform.write import workbook_bytes


def summary(ms: list[float]) -> str:
    ms = sorted(ms)
    p90 = ms[min(len(ms) - 1, int(len(ms) * 0.9))]
    return f"median {statistics.median(ms):7.1f} ms   p90 {p90:7.1f} ms   (n={len(ms)})"


def timed(work: Callable[[], object], runs: int) -> list[float]:
    work()  # warm-up: imports, caches
    ms = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        ms.append((time.perf_counter() - start) * 1000)
    return ms


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    yaml = shipped_dir() / "diagnostic-base" / "2.yaml"
    q = load_file(yaml).questionnaire
    with tempfile.TemporaryDirectory() as tmp:
        form = Path(tmp) / "diagnostic.xlsx"
        form.write_bytes(workbook_bytes(q))
        load = timed(lambda: load_file(yaml), args.runs)
        write = timed(lambda: workbook_bytes(q), args.runs)
        read = timed(lambda: read_form(form, form.name), args.runs)
    base = statistics.median(load)
    print(f"YAML load (baseline)  : {summary(load)}")
    print(f"workbook written      : {summary(write)}   {statistics.median(write) / base:.1f} x")
    print(f"workbook read, checked: {summary(read)}   {statistics.median(read) / base:.1f} x")


if __name__ == "__main__":
    main()
