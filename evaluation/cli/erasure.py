"""`evaluation erase ID` and `evaluation purge`: personal data that must not outlive its use."""

from __future__ import annotations

import click

from evaluation.cli.context import Context, UserError
from evaluation.cli.sessions import find_interview, open_store_workspace


@click.command("erase", epilog="Example: evaluation erase 3f2c --yes")
@click.argument("interview_id")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@click.pass_obj
def erase_command(ctx: Context, interview_id: str, yes: bool) -> None:
    """Erase one person's interview (an id prefix is enough), for good.

    Its answers, notes and skills sheets are deleted and the database file is rebuilt so
    that nothing remains in it; a tombstone (the id alone) lets the USB sync erase the
    other copies too.
    """
    from evaluation.store import StoreError
    from evaluation.store.erasure import erase

    workspace = open_store_workspace(ctx)
    found = find_interview(workspace, interview_id)
    if not yes:
        click.confirm(f"Erase interview {found} for good?", abort=True, err=True)
    try:
        erase(workspace.store, found)
    except StoreError as exc:
        raise UserError(str(exc)) from None
    sheets = ctx.folder.remove_sheets(found)
    click.echo(f"erased {found}" + (f" and {len(sheets)} sheet(s)" if sheets else ""))


@click.command("purge", epilog="Example: evaluation purge --dry-run")
@click.option(
    "--months",
    type=click.IntRange(min=1),
    help="Retention period in months (default: the one in the settings, 24 unless changed).",
)
@click.option("--dry-run", is_flag=True, help="Only say how many interviews would go.")
@click.pass_obj
def purge_command(ctx: Context, months: int | None, dry_run: bool) -> None:
    """Erase every interview older than the retention period, as `erase` does."""
    from evaluation.store import StoreError
    from evaluation.store.erasure import expired, purge

    workspace = open_store_workspace(ctx)
    months = months or workspace.store.settings().retention_months
    if dry_run:
        click.echo(
            f"{len(expired(workspace.store, months))} interview(s) older than {months} months"
        )
        return
    try:
        erased = purge(workspace.store, months)
    except (OSError, StoreError) as exc:
        raise UserError(f"cannot purge: {exc}") from None
    for interview_id in erased:
        ctx.folder.remove_sheets(interview_id)
    click.echo(f"erased {len(erased)} interview(s) older than {months} months")
