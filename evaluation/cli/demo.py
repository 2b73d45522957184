"""`evaluation demo`: a database of synthetic interviews, to show reports or measure them."""

from __future__ import annotations

from pathlib import Path

import click

from evaluation.cli.context import Context, UserError


@click.command("demo", epilog="Example: evaluation demo --db /tmp/demo.sqlite3 --interviews 2000")
@click.option(
    "--db",
    "path",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="The demo database (created; never one holding real interviews).",
)
@click.option("--interviews", type=click.IntRange(min=1), default=500, show_default=True)
@click.option("--seed", type=int, default=2026, show_default=True, help="Same seed, same data.")
@click.pass_obj
def command(ctx: Context, path: Path, interviews: int, seed: int) -> None:
    """Fill a database with realistic synthetic interviews of fictional visitors.

    Several places, mediators and months, plausible answer patterns; then scored, so
    that `evaluation --db PATH report` and the app can show them at once.
    """
    from evaluation.demo import DemoRefused, fill
    from evaluation.store import Store, StoreError
    from evaluation.store.scores import refresh_scores
    from evaluation.workspace import DEFAULT_QUESTIONNAIRE, open_workspace

    try:
        workspace = open_workspace(ctx.folder, path)
    except StoreError as exc:
        raise UserError(str(exc)) from None
    published = workspace.library.latest(DEFAULT_QUESTIONNAIRE)
    assert published is not None
    store: Store = workspace.store
    try:
        fill(store, published, interviews, seed)
    except DemoRefused as exc:
        raise UserError(f"{path}: {exc}") from None
    refresh_scores(store, workspace.published_for)
    click.echo(f"{interviews} demo interviews added to {path}")
