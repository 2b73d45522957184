"""The machine a benchmark ran on: its load, and a process's peak resident memory."""

from __future__ import annotations

import os
from pathlib import Path


def load() -> str:
    """The load averages (1, 5, 15 minutes) against the number of cores."""
    one, five, fifteen = os.getloadavg()
    return f"load {one:.1f} / {five:.1f} / {fifteen:.1f} (1, 5, 15 min) on {os.cpu_count()} cores"


def said_load(before: str) -> str:
    """The line each benchmark ends on: the load when it started and when it ended."""
    return f"machine: {before} at the start, {load()} at the end"


def peak_memory_mb(pid: int) -> float:
    """The peak resident memory (VmHWM) of process `pid`, in MB."""
    for line in Path(f"/proc/{pid}/status").read_text(encoding="ascii").splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmHWM for process {pid}")
