"""Send a PDF to the default printer through CUPS (`lp`), and say in words why not.

`lp`'s own messages are English and technical ("lp: Error - No default destination."):
the common ones become a sentence a mediator can act on; any other keeps its text.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from evaluation.i18n import Message, msg

TIMEOUT_S = 30
_KNOWN = (
    ("no default destination", "printer.no_default"),
    ("does not exist", "printer.unknown"),
    ("unable to connect", "printer.no_service"),
    ("scheduler is not running", "printer.no_service"),
    ("not accepting jobs", "printer.paused"),
    ("forbidden", "printer.denied"),
)


def print_pdf(path: Path) -> Message | None:
    """Send `path` to the default printer; the problem in words, or None once it is queued."""
    if shutil.which("lp") is None:
        return msg("printer.no_command")
    try:
        done = subprocess.run(
            ["lp", "--", str(path)], capture_output=True, text=True, check=False, timeout=TIMEOUT_S
        )
    except (OSError, subprocess.TimeoutExpired):
        return msg("printer.no_service")
    if done.returncode == 0:
        return None
    said = done.stderr.strip()
    lowered = said.lower()
    for needle, key in _KNOWN:
        if needle in lowered:
            return msg(key)
    return msg("printer.failed", detail=said or "lp")
