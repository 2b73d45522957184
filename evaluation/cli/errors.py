"""The one place where a command's failure becomes words on the terminal.

A problem the person can act on is printed as is, one line each, in their language; an
interruption says so; anything unexpected is one line pointing to the data folder's
log, which records where it failed and never a person's data.
"""

from __future__ import annotations

import re
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
        echo(usage_line(exc, lang, command), err=True)
        sys.exit(exc.exit_code)
    except click.ClickException as exc:
        echo(quoted(_("Error: {message}").format(message=exc.format_message()), lang), err=True)
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


def usage_line(exc: click.UsageError, lang: str, root: click.Command) -> str:
    """A wrong option or argument in one line, with where to find help (click's words,
    translated through its own catalogue), instead of click's usage block."""
    line = _("Error: {message}").format(message=" ".join(exc.format_message().split()))
    path = exc.ctx.command_path if exc.ctx is not None else _path(root, sys.argv[1:])
    hint = _("Try '{command} {option}' for help.").format(command=path, option="--help")
    ended = line if line.endswith((".", "?", "!")) else f"{line}."
    return quoted(f"{ended} {hint}", lang)


def _path(root: click.Command, args: list[str]) -> str:
    """The command a person typed, when click failed before it knew (an option missing
    its value is found while parsing): the names of the groups and command in `args`."""
    words, command = ["evaluation"], root
    with click.Context(root) as ctx:
        for arg in args:
            found = command.get_command(ctx, arg) if isinstance(command, click.Group) else None
            if found is not None:
                command = found
                words.append(arg)
    return " ".join(words)


_CLICK_QUOTES = re.compile(r"'([^'\s]+)'")


def quoted(line: str, lang: str) -> str:
    """Click quotes a name it built itself ('IDENTIFIANT', '--output') with straight
    quotes that no catalogue reaches: French quotes it « like this »."""
    return _CLICK_QUOTES.sub(r"« \1 »", line) if lang == "fr" else line
