"""`evaluation questionnaires ...`: list the versions the app knows, check files."""

from __future__ import annotations

from pathlib import Path

import click

from evaluation.cli.context import Context
from evaluation.cli.params import TEXT
from evaluation.cli.texts import h
from evaluation.i18n import LANGUAGES

MAX_FORMS = 500  # as evaluation.operations.paper, kept light: --help needs no database


@click.group("questionnaires", help=h("cli.questionnaires.help"))
def group() -> None:
    pass


@group.command(
    "list",
    help=h("cli.questionnaires.list.help"),
    epilog=h("cli.example", example="evaluation questionnaires list"),
)
@click.pass_obj
def list_(ctx: Context) -> None:
    from evaluation.operations.questionnaires import versions

    library = versions(ctx.folder)
    t = ctx.t
    rows = [tuple(t("questionnaires.columns").split("|"))]
    for p in library.all():
        q = p.questionnaire
        rows.append(
            (
                q.id,
                str(q.version),
                q.title.get(ctx.lang),
                str(len(q.questions)),
                str(len(q.competences)),
                p.sha256[:12],
                t(f"questionnaires.origin.{p.origin}"),
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for row in rows:
        click.echo("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())
    for problem in library.problems:
        click.echo(problem.render(t), err=True)


@group.command(
    "check",
    help=h("cli.questionnaires.check.help"),
    epilog=h(
        "cli.example",
        example="evaluation questionnaires check questionnaires/diagnostic-base/1.yaml",
    ),
)
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.pass_obj
def check(ctx: Context, paths: tuple[Path, ...]) -> None:
    from evaluation.operations.questionnaires import check as check_files

    results = check_files(list(paths))
    failed = 0
    for result in results:
        if result.loaded is None:
            failed += 1
            for problem in result.problems:
                click.echo(problem.render(ctx.t), err=True)
            continue
        q = result.loaded.questionnaire
        ctx.say(
            "questionnaires.ok",
            path=result.path,
            id=q.id,
            version=q.version,
            sha=result.loaded.sha256[:12],
        )
    if failed:
        ctx.warn("questionnaires.refused", count=failed, total=len(results))
        raise SystemExit(1)


@group.command(
    "paper",
    help=h("cli.questionnaires.paper.help"),
    epilog=h(
        "cli.example",
        example="evaluation questionnaires paper diagnostic-base --count 20 --output feuilles.pdf",
    ),
)
@click.argument("questionnaire_id", type=TEXT)
@click.option("--version", type=click.IntRange(1, 10**6), help=h("cli.opt.paper_version"))
@click.option("--lang", "form_lang", type=click.Choice(LANGUAGES), help=h("cli.opt.paper_lang"))
@click.option("--count", type=click.IntRange(1, MAX_FORMS), default=1, help=h("cli.opt.count"))
@click.option(
    "--output", type=click.Path(dir_okay=False, path_type=Path), help=h("cli.opt.paper_output")
)
@click.pass_obj
def paper(
    ctx: Context,
    questionnaire_id: str,
    version: int | None,
    form_lang: str | None,
    count: int,
    output: Path | None,
) -> None:
    from evaluation.operations.paper import write_forms

    workspace = ctx.open()
    printed = write_forms(
        workspace, form_lang or ctx.lang, count, output, questionnaire_id, version
    )
    q = printed.published.questionnaire
    ctx.say(
        "paper.written",
        path=printed.path,
        count=len(printed.numbers),
        first=printed.numbers[0],
        last=printed.numbers[-1],
        id=q.id,
        version=q.version,
        sha=printed.published.sha256[:12],
    )
