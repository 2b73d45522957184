"""`evaluation sessions list|show`: the stored interviews, for scripts and support."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

import click

from evaluation.cli.context import Context, UserError


def open_store_workspace(ctx: Context) -> Any:
    """The workspace, with a database problem turned into one clear line."""
    from evaluation.store import StoreError
    from evaluation.workspace import open_workspace

    try:
        return open_workspace(ctx.folder, ctx.db_path)
    except StoreError as exc:
        raise UserError(str(exc)) from None


@click.group("sessions")
def group() -> None:
    """Stored interviews (sessions): list them, show one with its answers and result."""


@group.command("list", epilog="Example: evaluation sessions list --json")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per interview.")
@click.pass_obj
def list_(ctx: Context, as_json: bool) -> None:
    """List interviews, newest first (no personal data but the stage and place)."""
    workspace = open_store_workspace(ctx)
    records = workspace.store.interviews()
    if as_json:
        rows = [
            {
                "id": r.id,
                "questionnaire": f"{r.questionnaire_id}/{r.questionnaire_version}",
                "stage": r.stage,
                "started_at": r.started_at,
                "finished_at": r.finished_at,
                "place": r.place_name,
                "answers": len(workspace.store.answers(r.id)),
            }
            for r in records
        ]
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    for r in records:
        answered = len(workspace.store.answers(r.id))
        click.echo(
            f"{r.id}  {r.started_at[:16]}  {r.stage:<9}  {answered:>3} answers  "
            f"{r.questionnaire_id}/{r.questionnaire_version}  {r.place_name or '-'}"
        )
    if not records:
        click.echo("no interview yet", err=True)


@group.command("show", epilog="Example: evaluation sessions show 3f2c... --json")
@click.argument("interview_id")
@click.option("--json", "as_json", is_flag=True, help="The interview as one JSON object.")
@click.pass_obj
def show(ctx: Context, interview_id: str, as_json: bool) -> None:
    """Show one interview: its stored answers and the scored result."""
    from evaluation.session import Session

    workspace = open_store_workspace(ctx)
    session = Session.load(workspace, find_interview(workspace, interview_id))
    data: dict[str, Any] = {
        "interview": asdict(session.record),
        "answers": {
            qid: {"status": a.status.value, "choices": list(a.choices), "text": a.text}
            for qid, a in session.answers.items()
        },
        "notes": session.notes,
    }
    if session.published is None:
        data["result"] = None
        data["problem"] = session.missing_message()
    else:
        result = session.result()
        data["result"] = {
            "level": result.level_id,
            "autonomie": result.autonomie,
            "materiel": list(result.materiel),
            "competences": [
                {
                    "id": c.competence_id,
                    "level": c.level_id,
                    "points": c.points,
                    "max_points": c.max_points,
                    "counted": c.counted,
                    "dont_know": c.dont_know,
                }
                for c in result.competences
            ],
            "next_steps": [
                {"rule": s.rule_id, "services": list(s.service_ids)} for s in result.next_steps
            ],
        }
    if as_json:
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    _print_human(data)


def find_interview(workspace: Any, prefix: str) -> str:
    """The one interview id starting with `prefix`."""
    matches = [r.id for r in workspace.store.interviews() if r.id.startswith(prefix)]
    if len(matches) != 1:
        raise UserError(
            f"no interview with id {prefix!r}"
            if not matches
            else f"{prefix!r} matches {len(matches)} interviews; give more characters"
        )
    return str(matches[0])


def _print_human(data: dict[str, Any]) -> None:
    record = data["interview"]
    click.echo(f"interview  {record['id']}")
    click.echo(
        f"questionnaire  {record['questionnaire_id']} {record['questionnaire_version']} "
        f"(sha256 {record['questionnaire_sha256'][:12]})"
    )
    click.echo(f"stage  {record['stage']}   started {record['started_at']}")
    click.echo("answers:")
    for qid, answer in data["answers"].items():
        shown = ", ".join(answer["choices"]) or answer["text"] or ""
        click.echo(f"  {qid:<28} {answer['status']:<10} {shown}")
    result = data["result"]
    if result is None:
        click.echo(data["problem"])
        return
    click.echo(
        f"result: level {result['level'] or 'not assessed'}, autonomie {result['autonomie']}"
    )
    for comp in result["competences"]:
        level = comp["level"] or "not assessed"
        click.echo(f"  {comp['id']:<20} {level:<14} {comp['points']}/{comp['max_points']}")
    for step in result["next_steps"]:
        click.echo(f"  next step: {step['rule']}  {' '.join(step['services'])}")
