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
    if not sys.argv[1:]:
        # The app as a mediator starts it: no command line to parse, so click (a tenth
        # of what the home screen would wait for) is not loaded.
        from evaluation.cli.guard import guarded
        from evaluation.machine.paths import data_folder
        from evaluation.tui.run import run_app

        folder = data_folder()
        guarded(lambda: run_app(folder, folder.database, lang), lang)
        return
    from evaluation.cli.errors import run
    from evaluation.cli.group import cli

    run(cli, lang)
