"""The one place where a command's failure becomes words on the terminal.

A problem the person can act on is printed as is, one line each, in their language; an
interruption says so; anything unexpected is one line pointing to the data folder's
log, which records where it failed and never a person's data.
"""

from __future__ import annotations

import sys
from gettext import gettext as _

import click

from evaluation.cli.show import echo
from evaluation.i18n import translator
from evaluation.machine.incidents import record
from evaluation.machine.paths import data_folder
from evaluation.problems import Problem

EXIT_PROBLEM = 1
EXIT_UNEXPECTED = 70
EXIT_INTERRUPTED = 130


def run(command: click.Command, lang: str) -> None:
    t = translator(lang)
    try:
        command.main(standalone_mode=False)
    except click.exceptions.Abort:
        echo(t("cli.interrupted"), err=True)
        sys.exit(EXIT_INTERRUPTED)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.UsageError as exc:
        echo(usage_line(exc), err=True)
        sys.exit(exc.exit_code)
    except click.ClickException as exc:
        echo(_("Error: {message}").format(message=exc.format_message()), err=True)
        sys.exit(exc.exit_code)
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


def usage_line(exc: click.UsageError) -> str:
    """A wrong option or argument in one line, with where to find help (click's words,
    translated through its own catalogue), instead of click's usage block."""
    line = _("Error: {message}").format(message=" ".join(exc.format_message().split()))
    if exc.ctx is None:
        return line
    hint = _("Try '{command} {option}' for help.").format(
        command=exc.ctx.command_path, option="--help"
    )
    return f"{line} {hint}"
