"""`evaluation erase ID` and `evaluation purge`: personal data that must not outlive its use."""

from __future__ import annotations

import click

from evaluation.cli.context import Context
from evaluation.cli.help import Command
from evaluation.cli.params import TEXT, Number
from evaluation.cli.texts import h
from evaluation.structure.retention import RETENTION_MONTHS_MAX


@click.command(
    "erase",
    cls=Command,
    help=h("cli.erase.help"),
    epilog=h("cli.example", example="evaluation erase 3f2c --yes"),
)
@click.argument("interview_id", type=TEXT)
@click.option("--yes", is_flag=True, help=h("cli.opt.yes"))
@click.pass_obj
def erase_command(ctx: Context, interview_id: str, yes: bool) -> None:
    from evaluation.i18n.dates import short_date_time
    from evaluation.operations.erasure import erase
    from evaluation.operations.interviews import described

    workspace = ctx.open()
    found = described(workspace, interview_id)
    r = found.record
    if not yes and not ctx.confirm(
        "erase.confirm",
        id=r.id,
        who=r.profile.first_name or ctx.t("erase.no_first_name"),
        started=short_date_time(found.started, ctx.t.lang),
        place=r.place_name or ctx.t("erase.no_place"),
        stage=ctx.t(f"stage.{r.stage}"),
        answers=ctx.t("sessions.answers", count=found.answered),
    ):
        # A calm answer to a « non », and exit 1: `erase … && next step` must not go on
        # as if the interview were gone.
        ctx.warn("erase.kept")
        raise SystemExit(1)
    _report(ctx, erase(workspace, r.id))


@click.command(
    "purge",
    cls=Command,
    help=h("cli.purge.help"),
    epilog=h("cli.example", example="evaluation purge --dry-run"),
)
@click.option(
    "--months",
    type=Number(min=1, max=RETENTION_MONTHS_MAX),
    help=h("cli.opt.months", count=RETENTION_MONTHS_MAX),
)
@click.option("--dry-run", is_flag=True, help=h("cli.opt.dry_run"))
@click.pass_obj
def purge_command(ctx: Context, months: int | None, dry_run: bool) -> None:
    from evaluation.operations.erasure import purge, to_purge

    workspace = ctx.open()
    months = months or workspace.store.settings().retention_months
    if dry_run:
        ctx.say("purge.would", count=len(to_purge(workspace, months)), months=months)
        return
    _report(ctx, purge(workspace, months), months)


def _report(ctx: Context, erased: object, months: int | None = None) -> None:
    from evaluation.operations.erasure import Erased
    from evaluation.store.erasure import Scrub

    assert isinstance(erased, Erased)
    if months is None:
        ctx.say("erase.done", id=erased.interviews[0], count=len(erased.sheets_removed))
    else:
        ctx.say("purge.done", count=len(erased.interviews), months=months)
    for path in erased.sheets_left:
        ctx.warn("erase.sheet_left", path=path)
    if erased.cleanup.status in {Scrub.BUSY, Scrub.FAILED}:
        problem = erased.cleanup.problem
        ctx.warn(
            "erase.not_scrubbed" if problem is None else "erase.scrub_failed",
            problem=problem.message if problem else "",
        )
    if erased.sheets_left or erased.cleanup.status in {Scrub.BUSY, Scrub.FAILED}:
        raise SystemExit(1)
