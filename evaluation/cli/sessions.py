"""`evaluation sessions list|show`: the stored interviews, for scripts and support."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import click

from evaluation.cli.context import Context
from evaluation.cli.help import Group
from evaluation.cli.params import TEXT
from evaluation.cli.show import echo, echo_json
from evaluation.cli.texts import h

if TYPE_CHECKING:
    from evaluation.i18n import Translator
    from evaluation.interview.answers import Answer
    from evaluation.questionnaire.model import Question
    from evaluation.session import Session


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
        echo_json(rows)
        return
    for item in listed:
        r = item.record
        echo(
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
    if as_json:
        data = _as_data(session)
        if problem is not None:
            data["problem"] = problem.render(ctx.t)
        echo_json(data)
        return
    _print_human(ctx, session, problem.render(ctx.t) if problem is not None else "")


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


def _print_human(ctx: Context, session: Session, problem: str) -> None:
    """The interview as a person reads it: questions, answers, levels and next steps by
    their words in the reader's language, never by their ids (`--json` keeps the ids)."""
    from evaluation.i18n.dates import short_date_time
    from evaluation.machine.clock import local_time

    record, t = session.record, ctx.t
    echo(t("sessions.show.interview", id=record.id))
    echo(
        t(
            "sessions.show.questionnaire",
            id=record.questionnaire_id,
            version=record.questionnaire_version,
            sha=record.questionnaire_sha256[:12],
        )
    )
    started = short_date_time(local_time(record.started_at), t.lang)
    echo(t("sessions.show.stage", stage=t(f"stage.{record.stage}"), started=started))
    if record.paper is not None:
        minutes = record.paper.minutes
        duration = t("paper.minutes", count=minutes) if minutes else t("paper.no_minutes")
        echo(
            t(
                "sessions.show.paper",
                form=record.paper.form,
                day=record.paper.day,
                duration=duration,
            )
        )
    published = session.published
    questions = published.questionnaire.question_index if published is not None else {}
    echo(t("sessions.show.answers"))
    for qid in [*questions, *sorted(set(session.answers) - set(questions))]:
        if qid in session.answers:
            question = questions.get(qid)
            echo(f"  {question.text.get(t.lang) if question else qid}")
            echo(f"      {_answer_words(t, question, session.answers[qid])}")
    if session.notes:
        echo(t("sessions.show.notes"))
        for qid, note in session.notes.items():
            question = questions.get(qid)
            asked = question.text.get(t.lang) if question else qid
            echo(f"  {t('results.note', question=asked, note=note)}")
    if published is None:
        echo(problem)
        return
    q, result = published.questionnaire, session.result()
    levels = {level.id: level.label.get(t.lang) for level in q.levels}
    not_assessed = t("results.not_assessed")
    autonomie = t(f"cra.autonomie.{result.autonomie}") if result.autonomie else "-"
    level = levels.get(result.level_id or "", not_assessed)
    echo(t("sessions.show.result", level=level, autonomie=autonomie))
    labels = {c.id: c.label.get(t.lang) for c in q.competences}
    for comp in result.competences:
        shown = levels.get(comp.level_id or "", not_assessed)
        label = labels.get(comp.competence_id, comp.competence_id)
        echo(f"  {label:<40} {shown:<16} {comp.points}/{comp.max_points}")
    titles = {rule.id: rule.title.get(t.lang) for rule in q.next_steps}
    catalogue = session.workspace.catalogue
    for step in result.next_steps:
        names = [
            found.nom if (found := catalogue.by_id(s)) is not None else s for s in step.service_ids
        ]
        echo(
            t(
                "sessions.show.step",
                rule=titles.get(step.rule_id, step.rule_id),
                services=" · ".join(names),
            )
        )


def _answer_words(t: Translator, question: Question | None, answer: Answer) -> str:
    """An answer in words: the labels of the options chosen, the note typed, or what
    its status says (`0` on a task is « pas pu l'observer », not « je ne sais pas »)."""
    from evaluation.interview.answers import Status
    from evaluation.interview.values import shown
    from evaluation.questionnaire.model import OTHER, Info, Value, Zero

    if answer.status is Status.ANSWERED and isinstance(question, Info):
        return t("answer_status.seen")
    if answer.status is Status.ANSWERED and isinstance(question, Value) and answer.text:
        return shown(question.value_kind, answer.text, t.lang)
    if answer.status is Status.ANSWERED:
        if answer.text and not answer.choices:
            return answer.text
        options = {o.id: o.label.get(t.lang) for o in question.choices()} if question else {}
        if answer.text and OTHER in options:  # « Autre » and its words
            options[OTHER] = t("answer_status.other", words=answer.text)
        # In the question's order; an id the version does not know, as stored.
        chosen = [o for o in options if o in answer.choices]
        chosen += [c for c in answer.choices if c not in options]
        return ", ".join(options.get(choice, choice) for choice in chosen)
    if answer.status is Status.DONT_KNOW and question and question.ZERO is Zero.NOT_OBSERVED:
        return t("answer_status.not_observed")
    return t(f"answer_status.{answer.status.value}")
