"""`evaluation questionnaires ...`: list the versions the app knows, check files."""

from __future__ import annotations

from pathlib import Path

import click

from evaluation.cli.context import Context
from evaluation.cli.help import Group
from evaluation.cli.params import TEXT, Location, Number, version_option
from evaluation.cli.show import echo
from evaluation.cli.texts import h

MAX_FORMS = 500  # as evaluation.operations.paper, kept light: --help needs no database


@click.group(
    cls=Group,
    name="questionnaires",
    help=h("cli.questionnaires.help"),
    epilog=h("cli.example", example="evaluation questionnaires list"),
)
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
        echo("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())
    for problem in library.problems:
        echo(problem.sentence(t), err=True)


@group.command(
    "check",
    help=h("cli.questionnaires.check.help"),
    epilog=h(
        "cli.example",
        example="evaluation questionnaires check questionnaires/diagnostic-base/1.yaml",
    ),
)
@click.argument("paths", nargs=-1, required=True, type=Location())
@click.pass_obj
def check(ctx: Context, paths: tuple[Path, ...]) -> None:
    from evaluation.operations.questionnaires import check as check_files

    results = check_files(list(paths))
    failed = 0
    for result in results:
        if result.loaded is None:
            failed += 1
            for problem in result.problems:
                echo(problem.sentence(ctx.t), err=True)
            continue
        for warning in result.warnings:
            echo(warning.sentence(ctx.t), err=True)
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
    "import",
    help=h("cli.questionnaires.import.help"),
    epilog=h(
        "cli.example",
        example="evaluation questionnaires import formulaire.xlsx --starter a-noter.xlsx",
    ),
)
@click.argument("form", type=Location())
@click.option(
    "--output",
    type=click.Path(path_type=Path, file_okay=False),
    help=h("cli.opt.questionnaires_output"),
)
@click.option(
    "--starter",
    type=Location(dir_okay=False),
    help=h("cli.opt.xlsform_starter"),
)
@click.pass_obj
def import_(ctx: Context, form: Path, output: Path | None, starter: Path | None) -> None:
    from evaluation.operations.questionnaires import import_xlsform, starter_xlsform

    if starter is not None:
        added = starter_xlsform(form, starter)
        ctx.say("xlsform.starter_written", path=starter, added=", ".join(added))
        return
    done = import_xlsform(form, output or ctx.folder.questionnaires, ctx.folder)
    q = done.loaded.questionnaire
    if done.ignored:
        ctx.say("xlsform.metadata", names=", ".join(done.ignored))
    key = "xlsform.imported" if done.written else "xlsform.already_there"
    ctx.say(key, id=q.id, version=q.version, sha=done.loaded.sha256, path=done.path)
    if done.recordings:
        ctx.say("xlsform.recordings", count=len(done.recordings))


@group.command(
    "export",
    help=h("cli.questionnaires.export.help"),
    epilog=h(
        "cli.example",
        example="evaluation questionnaires export diagnostic-base --version 2 "
        "--output diagnostic.xlsx",
    ),
)
@click.argument("questionnaire_id", type=TEXT)
@version_option
# XLSForm is the only format: the default, and `--xlsform` still accepted as it was.
@click.option("--xlsform", is_flag=True, hidden=True)
@click.option("--output", type=Location(), required=True, help=h("cli.opt.xlsx_output"))
@click.pass_obj
def export(
    ctx: Context, questionnaire_id: str, version: int | None, xlsform: bool, output: Path
) -> None:
    from evaluation.operations.questionnaires import export_xlsform

    published = export_xlsform(ctx.folder, questionnaire_id, version, output)
    q = published.questionnaire
    ctx.say("xlsform.exported", id=q.id, version=q.version, sha=published.sha256, path=output)


@group.command(
    "speak",
    help=h("cli.questionnaires.speak.help"),
    epilog=h(
        "cli.example",
        example="evaluation questionnaires speak diagnostic-base --version 2 --output voix/",
    ),
)
@click.argument("questionnaire_id", type=TEXT)
@version_option
@click.option(
    "--lang",
    "voice_lang",
    default="fr",
    show_default=True,
    type=TEXT,
    help=h("cli.opt.voice_lang"),
)
@click.option(
    "--output",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help=h("cli.opt.speak_output"),
)
@click.pass_obj
def speak(
    ctx: Context, questionnaire_id: str, version: int | None, voice_lang: str, output: Path
) -> None:
    from evaluation.operations.speech import speak as speak_questions

    for spoken in speak_questions(ctx.folder, questionnaire_id, version, voice_lang, output):
        ctx.say("questionnaires.spoken", path=spoken.path, seconds=f"{spoken.seconds:.1f}")


@group.command(
    "paper",
    help=h("cli.questionnaires.paper.help"),
    epilog=h(
        "cli.example",
        example="evaluation questionnaires paper diagnostic-base --count 20 --output feuilles.pdf",
    ),
)
@click.argument("questionnaire_id", type=TEXT)
@version_option
@click.option("--lang", "form_lang", type=TEXT, help=h("cli.opt.paper_lang"))
@click.option("--count", type=Number(1, MAX_FORMS), default=1, help=h("cli.opt.count"))
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
