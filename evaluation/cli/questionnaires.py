"""`evaluation questionnaires ...`: list the versions the app knows, check files."""

from __future__ import annotations

from pathlib import Path

import click

from evaluation.cli.context import Context, UserError
from evaluation.questionnaire import DefinitionError, Library, load_file


@click.group("questionnaires")
def group() -> None:
    """Questionnaire versions: list them, check files before publishing."""


@group.command("list", epilog="Example: evaluation questionnaires list")
@click.pass_obj
def list_(ctx: Context) -> None:
    """List every questionnaire version: shipped ones and those installed by sync."""
    library = Library.discover(ctx.folder.questionnaires)
    rows = [("ID", "VERSION", "TITLE", "QUESTIONS", "COMPETENCES", "SHA256", "SOURCE")]
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
                p.origin,
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for row in rows:
        click.echo("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())
    for problem in library.problems:
        click.echo(problem, err=True)


@group.command(
    "check",
    epilog="Example: evaluation questionnaires check questionnaires/diagnostic-base/1.yaml",
)
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
def check(paths: tuple[Path, ...]) -> None:
    """Check questionnaire files (or every *.yaml below a folder); exit 1 on any problem."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(path.rglob("*.yaml")))
        else:
            files.append(path)
    failed = 0
    for file in files:
        try:
            loaded = load_file(file)
        except DefinitionError as exc:
            failed += 1
            for problem in exc.problems:
                click.echo(problem, err=True)
            continue
        q = loaded.questionnaire
        click.echo(f"ok  {file}  {q.id} {q.version}  sha256 {loaded.sha256[:12]}")
    if failed:
        raise UserError(f"{failed} of {len(files)} file(s) refused")
    if not files:
        raise UserError("no questionnaire file found")
