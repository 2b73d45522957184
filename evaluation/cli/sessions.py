"""`evaluation sessions list|show`: the stored interviews, for scripts and support."""

from __future__ import annotations

import json
from typing import Any

import click

from evaluation.cli.context import Context
from evaluation.cli.help import Group
from evaluation.cli.params import TEXT
from evaluation.cli.texts import h


@click.group(
    cls=Group,
    name="sessions",
    help=h("cli.sessions.help"),
    epilog=h("cli.example", example="evaluation sessions list"),
)
def group() -> None:
    pass


@group.command(
    "list",
    help=h("cli.sessions.list.help"),
    epilog=h("cli.example", example="evaluation sessions list --json"),
)
@click.option("--json", "as_json", is_flag=True, help=h("cli.opt.json_each"))
@click.pass_obj
def list_(ctx: Context, as_json: bool) -> None:
    from evaluation.operations.interviews import listing

    listed = listing(ctx.open(), "all")
    if as_json:
        rows = [
            {
                "id": item.record.id,
                "questionnaire": f"{item.record.questionnaire_id}/"
                f"{item.record.questionnaire_version}",
                "stage": item.record.stage.value,
                "started_at": item.record.started_at,
                "finished_at": item.record.finished_at,
                "revision": item.record.revision,
                "place": item.record.place_name,
                "answers": item.answered,
                "paper_form": item.record.paper.form if item.record.paper else None,
            }
            for item in listed
        ]
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    for item in listed:
        r = item.record
        click.echo(
            f"{r.id}  {item.started:%Y-%m-%d %H:%M}  {ctx.t(f'stage.{r.stage}'):<14}  "
            f"{ctx.t('sessions.answers', count=item.answered):<14}  "
            f"{r.questionnaire_id}/{r.questionnaire_version}  {r.place_name or '-'}"
        )
    if not listed:
        ctx.warn("sessions.none")


@group.command(
    "show",
    help=h("cli.sessions.show.help"),
    epilog=h("cli.example", example="evaluation sessions show 3f2c --json"),
)
@click.argument("interview_id", type=TEXT)
@click.option("--json", "as_json", is_flag=True, help=h("cli.opt.json_one"))
@click.pass_obj
def show(ctx: Context, interview_id: str, as_json: bool) -> None:
    from evaluation.operations.interviews import find, load
    from evaluation.problems import Problem
    from evaluation.session import Session

    workspace = ctx.open()
    found = find(workspace, interview_id)
    try:
        session = load(workspace, found)
        problem = None
    except Problem as exc:
        session = Session.load(workspace, found)
        problem = exc
    data = _as_data(session)
    if problem is not None:
        data["problem"] = problem.render(ctx.t)
    if as_json:
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    _print_human(ctx, data)


def _as_data(session: Any) -> dict[str, Any]:
    from dataclasses import asdict

    record = asdict(session.record)
    record["next_steps"] = (
        None
        if session.record.next_steps is None
        else [s.encode() for s in session.record.next_steps]
    )
    data: dict[str, Any] = {
        "interview": record,
        "answers": {
            qid: {"status": a.status.value, "choices": list(a.choices), "text": a.text}
            for qid, a in session.answers.items()
        },
        "notes": session.notes,
        "result": None,
    }
    if session.published is not None:
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
    return data


def _print_human(ctx: Context, data: dict[str, Any]) -> None:
    record = data["interview"]
    t = ctx.t
    click.echo(t("sessions.show.interview", id=record["id"]))
    click.echo(
        t(
            "sessions.show.questionnaire",
            id=record["questionnaire_id"],
            version=record["questionnaire_version"],
            sha=record["questionnaire_sha256"][:12],
        )
    )
    stage = t("stage." + record["stage"])
    click.echo(t("sessions.show.stage", stage=stage, started=record["started_at"]))
    if (paper := record.get("paper")) is not None:
        minutes = paper["minutes"]
        duration = t("paper.minutes", count=minutes) if minutes else t("paper.no_minutes")
        click.echo(
            t("sessions.show.paper", form=paper["form"], day=paper["day"], duration=duration)
        )
    click.echo(t("sessions.show.answers"))
    for qid, answer in data["answers"].items():
        shown = ", ".join(answer["choices"]) or answer["text"] or ""
        status = t("answer_status." + answer["status"])
        click.echo(f"  {qid:<28} {status:<16} {shown}")
    if data["notes"]:
        click.echo(t("sessions.show.notes"))
        for qid, note in data["notes"].items():
            click.echo(f"  {qid:<28} {note}")
    result = data["result"]
    if result is None:
        click.echo(data.get("problem", ""))
        return
    click.echo(
        t(
            "sessions.show.result",
            level=result["level"] or t("results.not_assessed"),
            autonomie=result["autonomie"] or "-",
        )
    )
    for comp in result["competences"]:
        level = comp["level"] or t("results.not_assessed")
        click.echo(f"  {comp['id']:<20} {level:<14} {comp['points']}/{comp['max_points']}")
    for step in result["next_steps"]:
        click.echo(t("sessions.show.step", rule=step["rule"], services=" ".join(step["services"])))
