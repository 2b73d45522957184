"""What a command's failure becomes, whatever parsed the command line: a problem the
person can act on is printed as is, one line each, in their language; an interruption
says so; anything unexpected is one line pointing to the data folder's log, which
records where it failed and never a person's data.

Apart from click (`evaluation.cli.errors` adds its exceptions): `evaluation` alone
starts the app without loading it."""

from __future__ import annotations

import sys
from collections.abc import Callable

from evaluation.cli.show import echo
from evaluation.i18n import translator
from evaluation.machine.incidents import record
from evaluation.machine.paths import data_folder
from evaluation.problems import Problem

EXIT_PROBLEM = 1
EXIT_UNEXPECTED = 70
EXIT_INTERRUPTED = 130


def guarded(action: Callable[[], None], lang: str) -> None:
    """Run `action`; its failure in words on stderr and an exit status, never a traceback."""
    t = translator(lang)
    try:
        action()
    except Problem as exc:
        for line in exc.lines(t):
            echo(line, err=True)
        sys.exit(EXIT_PROBLEM)
    except KeyboardInterrupt:
        echo(t("cli.interrupted"), err=True)
        sys.exit(EXIT_INTERRUPTED)
    except Exception as exc:  # the last resort: one line, and a log for support
        try:
            log = record(data_folder(), exc, " ".join(sys.argv[1:2]) or "evaluation")
        except Exception:
            log = None
        where = str(log) if log else t("cli.no_log")
        echo(t("cli.unexpected", kind=type(exc).__name__, log=where), err=True)
        sys.exit(EXIT_UNEXPECTED)
