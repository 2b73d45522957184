"""Run the real `evaluation` command in a subprocess, as a user would."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
QUIET_LOCALE = {"LANG": "C.UTF-8", "LC_ALL": "", "LC_MESSAGES": "", "LANGUAGE": ""}


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
        # French, as on a laptop whose locale says nothing else (tests may ask otherwise).
        env={**os.environ, **QUIET_LOCALE, "EVALUATION_HOME": str(home), **(env or {})},
        cwd=cwd,
        input=stdin,
        timeout=60,
        check=False,
    )
