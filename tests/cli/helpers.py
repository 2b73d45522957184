"""Run the real `evaluation` command in a subprocess, as a user would."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
QUIET_LOCALE = {"LANG": "C.UTF-8", "LC_ALL": "", "LC_MESSAGES": "", "LANGUAGE": ""}
# The command with a shorter wait for a held database than the app's 15 s, set from the
# outside for tests of a locked database: the app itself has no such knob.
SHORT_WAIT = """
import sys
import evaluation.store.database as database
database.BUSY_TIMEOUT_MS = int(sys.argv.pop(1))
from evaluation.cli import main
main()
"""


def run(
    *args: str,
    home: Path,
    cwd: Path = ROOT,
    env: dict[str, str] | None = None,
    stdin: str | None = None,
    busy_ms: int | None = None,
    timeout: float = 60,
) -> subprocess.CompletedProcess[str]:
    command = ["-m", "evaluation"] if busy_ms is None else ["-c", SHORT_WAIT, str(busy_ms)]
    return subprocess.run(
        [sys.executable, *command, *args],
        capture_output=True,
        text=True,
        # French, as on a laptop whose locale says nothing else (tests may ask otherwise).
        env={**os.environ, **QUIET_LOCALE, "EVALUATION_HOME": str(home), **(env or {})},
        cwd=cwd,
        input=stdin,
        timeout=timeout,
        check=False,
    )
