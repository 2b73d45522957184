"""The one place where a command's failure becomes words on the terminal: click's own
(a wrong option, an interruption) here, everything else as `evaluation.cli.guard` says.
"""

from __future__ import annotations

import sys
from gettext import gettext as _

import click

from evaluation.cli.guard import EXIT_INTERRUPTED, guarded
from evaluation.cli.show import echo
from evaluation.i18n import translator


def run(command: click.Command, lang: str) -> None:
    """`command` with click's own failures in one line each (`guarded` for the rest)."""
    guarded(lambda: _parsed(command, lang), lang)


def _parsed(command: click.Command, lang: str) -> None:
    try:
        command.main(standalone_mode=False)
    except click.exceptions.Abort:
        echo(translator(lang)("cli.interrupted"), err=True)
        sys.exit(EXIT_INTERRUPTED)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.UsageError as exc:
        echo(usage_line(exc), err=True)
        sys.exit(exc.exit_code)
    except click.ClickException as exc:
        echo(_("Error: {message}").format(message=exc.format_message()), err=True)
        sys.exit(exc.exit_code)


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
