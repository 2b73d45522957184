"""`evaluation --help` and each command's `--help` as whole commands, against
`evaluation --version` in the same run (a new Python each, bytecode caches on, the
commands alternating so that all see the same machine load). Target: `--help` within
1.5 × `--version`.

    uv run python benchmarks/commands.py --runs 15
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from machine import load, said_load

from evaluation.cli.group import LazyGroup

EXE = Path(sys.executable).parent / "evaluation"


def once(args: list[str], env: dict[str, str]) -> float:
    """Wall-clock ms of `evaluation ARGS`."""
    start = time.perf_counter()
    subprocess.run([str(EXE), *args], check=True, capture_output=True, env=env)
    return (time.perf_counter() - start) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    before = load()
    # Bytecode caches on, as on a user's machine (this workplace sets
    # PYTHONDONTWRITEBYTECODE, which would make every start compile everything).
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    commands = [["--version"], ["--help"], *([name, "--help"] for name in LazyGroup.SUBCOMMANDS)]
    times: dict[str, list[float]] = {" ".join(c): [] for c in commands}
    for n in range(-1, args.runs):  # the first round writes the caches: not counted
        for command in commands:
            took = once(command, env)
            if n >= 0:
                times[" ".join(command)].append(took)
    version = statistics.median(times["--version"])
    for name, ms in times.items():
        ratio = statistics.median(ms) / version
        target = "   target <= 1.50" if name == "--help" else ""
        print(f"evaluation {name:26} median {statistics.median(ms):6.0f} ms  {ratio:.2f} ×{target}")
    print(said_load(before))


if __name__ == "__main__":
    main()
