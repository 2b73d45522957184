"""Run the real `evaluation` command in a subprocess, as a user would."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run(
    *args: str,
    home: Path,
    cwd: Path = ROOT,
    env: dict[str, str] | None = None,
    stdin: str | None = None,
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "evaluation", *args],
        capture_output=True,
        text=True,
        env={**os.environ, "EVALUATION_HOME": str(home), **(env or {})},
        cwd=cwd,
        input=stdin,
        timeout=60,
        check=False,
    )
