"""The one place where a command's failure becomes words on the terminal: click's own
(a wrong option, an interruption) here, everything else as `evaluation.cli.guard` says.
"""

from __future__ import annotations

import re
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
        echo(usage_line(exc, lang, command), err=True)
        sys.exit(exc.exit_code)
    except click.ClickException as exc:
        echo(quoted(_("Error: {message}").format(message=exc.format_message()), lang), err=True)
        sys.exit(exc.exit_code)


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
