"""The synthetic voice: espeak-ng writes a text, in a language's voice, into a WAV file."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from evaluation.i18n import msg
from evaluation.problems import Problem

ESPEAK = "espeak-ng"
TIMEOUT = 60  # seconds: a question's text is said in a few


def synthesize(text: str, lang: str, target: Path) -> None:
    """Write `text` said in the voice of `lang` (an ISO 639 code) to the WAV `target`."""
    command = shutil.which(ESPEAK)
    if command is None:
        raise Problem(msg("speech.no_espeak"))
    try:
        done = subprocess.run(
            [command, "-v", lang, "-b", "1", "--stdin", "-w", str(target)],
            input=text.encode("utf-8"),
            capture_output=True,
            timeout=TIMEOUT,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        raise Problem(msg("speech.espeak_failed")) from None
    if done.returncode != 0 or not target.is_file():
        voiceless = b"voice does not exist" in done.stderr
        raise Problem(
            msg("speech.no_voice", lang=lang) if voiceless else msg("speech.espeak_failed")
        )
