"""The `evaluation` command: a thin face over the operations.

With no sub-command it starts the interview app. The language is chosen first; heavy
imports (Textual, reportlab) happen inside the commands that need them, so `--help` and
scripts stay quick.
"""

from __future__ import annotations

import os
import sys


def main() -> None:
    """Entry point: every outcome is words on the terminal, never a traceback."""
    from evaluation.cli.texts import language_from, speak

    # Every file and folder this process makes (the database and its log, sheets,
    # exports, temp files) is its owner's only: another account on the laptop reads none.
    os.umask(0o077)
    lang = language_from(sys.argv[1:], os.environ)
    speak(lang)
    from evaluation.cli.errors import run
    from evaluation.cli.group import cli

    run(cli, lang)
