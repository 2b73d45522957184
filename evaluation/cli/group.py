"""The `evaluation` group: global options, and sub-commands imported when used."""

from __future__ import annotations

import importlib
from pathlib import Path

import click

from evaluation.cli.context import Context
from evaluation.cli.help import Group
from evaluation.cli.texts import h, t
from evaluation.i18n import LANGUAGES


class LazyGroup(Group):
    """Sub-commands imported only when used, so starting the app stays quick.

    The pattern of click's documentation ("Lazily Loading Subcommands").
    """

    SUBCOMMANDS = {
        "aide-memoire": "evaluation.cli.aide_memoire",
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
    help=h("cli.help"),
    epilog=h("cli.example", example="evaluation --lang en"),
)
@click.option(
    "--db",
    type=click.Path(dir_okay=False, path_type=Path),
    help=h("cli.opt.db"),
)
@click.option("--lang", type=click.Choice(LANGUAGES), help=h("cli.opt.lang"))
@click.version_option(package_name="evaluation")
@click.pass_context
def cli(ctx: click.Context, db: Path | None, lang: str | None) -> None:
    ctx.obj = Context.create(db=db, lang=lang or t().lang)
    if ctx.invoked_subcommand is None:
        from evaluation.tui.run import run_app

        run_app(ctx.obj.folder, ctx.obj.db_path, ctx.obj.lang)
