"""The `evaluation` command: a thin layer over the domain functions.

With no sub-command it starts the interview app. Heavy imports (Textual, reportlab)
happen inside the commands that need them, so `--help` and scripts stay quick.
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

import click

from evaluation.cli.context import Context, UserError


class LazyGroup(click.Group):
    """Sub-commands imported only when used, so starting the app stays quick.

    The pattern of click's documentation ("Lazily Loading Subcommands").
    """

    SUBCOMMANDS = {
        "demo": "evaluation.cli.demo",
        "erase": "evaluation.cli.erasure:erase_command",
        "export": "evaluation.cli.export",
        "office": "evaluation.cli.office",
        "report": "evaluation.cli.report",
        "purge": "evaluation.cli.erasure:purge_command",
        "questionnaires": "evaluation.cli.questionnaires",
        "sessions": "evaluation.cli.sessions",
        "sheet": "evaluation.cli.sheet",
        "sync": "evaluation.cli.sync",
    }

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted([*super().list_commands(ctx), *self.SUBCOMMANDS])

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in self.SUBCOMMANDS:
            module_name, _, attribute = self.SUBCOMMANDS[cmd_name].partition(":")
            module = importlib.import_module(module_name)
            command: click.Command = getattr(module, attribute or "group", None) or module.command
            return command
        return super().get_command(ctx, cmd_name)


@click.group(
    cls=LazyGroup,
    invoke_without_command=True,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
    epilog="Example: evaluation --lang en    (starts the app in English)",
)
@click.option(
    "--db",
    type=click.Path(dir_okay=False, path_type=Path),
    help="SQLite database to use (default: evaluation.sqlite3 in the data folder).",
)
@click.option(
    "--lang",
    type=click.Choice(["fr", "en"]),
    default="fr",
    show_default=True,
    help="Language of the interface.",
)
@click.version_option(package_name="evaluation")
@click.pass_context
def cli(ctx: click.Context, db: Path | None, lang: str) -> None:
    """Offline digital-skills assessment for mediators (évaluation des compétences numériques).

    The data folder is $EVALUATION_HOME, or the user's data folder by default.
    """
    ctx.obj = Context.create(db=db, lang=lang)
    if ctx.invoked_subcommand is None:
        from evaluation.tui.run import run_app

        run_app(ctx.obj.folder, ctx.obj.db_path, lang)


def main() -> None:
    """Entry point: user errors become one clear line on stderr, never a traceback."""
    try:
        cli.main(standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("Interrompu.", err=True)
        sys.exit(130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except UserError as exc:
        click.echo(str(exc), err=True)
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        sys.exit(130)
