"""An interview from start to finish, and afterwards: view, change, discard, find."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from evaluation.french_text import folded
from evaluation.i18n import Translator, msg
from evaluation.interview.answers import Answer
from evaluation.interview.record import KeptStep, Profile, Stage
from evaluation.machine.clock import day_bounds, local_time, today
from evaluation.operations.results import kept_steps
from evaluation.problems import Problem
from evaluation.questionnaire.visitor import offered
from evaluation.session import Saved, Session
from evaluation.store import InterviewRecord
from evaluation.store.scores import finish_scored
from evaluation.workspace import DEFAULT_QUESTIONNAIRE, Workspace

CONSENT_VERSION = "consentement-1"
SHORTEST_PREFIX = 4  # fewer characters name an interview by chance, not by choice


def start(workspace: Workspace, lang: str) -> Session:
    """A new interview on the newest version of the default questionnaire, for a visitor
    in `lang` (the app's language) when the version offers it, else in French."""
    published = workspace.library.latest(DEFAULT_QUESTIONNAIRE)
    if published is None:
        raise Problem(msg("interview.no_questionnaire", id=DEFAULT_QUESTIONNAIRE))
    q = published.questionnaire
    visitor = lang if lang in offered(q) else "fr"
    interview_id = workspace.store.start(q.id, q.version, published.sha256, visitor)
    return Session.load(workspace, interview_id)


def choose_language(session: Session, lang: str) -> Saved:
    """The visitor's language, among those the version offers (`languages`)."""
    if lang not in languages(session):
        raise Problem(msg("interview.language_not_offered", lang=lang))
    session.workspace.store.set_lang(session.id, lang)
    return session.stored()


def languages(session: Session) -> tuple[str, ...]:
    """The languages the interview's questionnaire version offers, French first."""
    assert session.published is not None
    return offered(session.published.questionnaire)


def load(workspace: Workspace, interview_id: str) -> Session:
    """An interview with its answers; a `Problem` when its questionnaire version is gone."""
    try:
        session = Session.load(workspace, interview_id)
    except KeyError:
        raise Problem(msg("interview.unknown", id=interview_id[:8])) from None
    if session.published is None:
        raise Problem(session.missing())
    return session


def consent(session: Session, given: bool) -> Saved:
    session.workspace.store.record_consent(session.id, given, CONSENT_VERSION)
    return session.stored()


def save_profile(session: Session, profile: Profile) -> Saved:
    session.workspace.store.save_profile(session.id, profile)
    return session.stored()


@dataclass(frozen=True)
class Answered:
    """An answer committed: what to apply to the session, and the question to show
    next (None when the questions are done)."""

    saved: Saved
    next_id: str | None


def answer(session: Session, question_id: str, given: Answer) -> Answered:
    """Commit one answer and say which question comes next."""
    answers = {**session.answers, question_id: given}
    assert session.published is not None
    next_id = session.flow(answers).after(question_id)
    stage = Stage.RESULTS if next_id is None else None
    session.workspace.store.save_answer(session.id, question_id, given, next_id, stage)
    return Answered(session.stored(answers={question_id: given}), next_id)


def back_to_profile(session: Session) -> Saved | None:
    """From the first question back to the profile, to correct the first name (the
    answers and the place in the questions stay); None when consent was refused, as
    there is no profile then."""
    if not session.record.consent_given:
        return None
    store = session.workspace.store
    store.set_position(session.id, session.record.position, Stage.PROFILE)
    return session.stored()


def move_to(session: Session, question_id: str) -> Saved:
    """Go back to an earlier question (its answer stays until changed)."""
    session.workspace.store.set_position(session.id, question_id, Stage.QUESTIONS)
    return session.stored()


def save_note(session: Session, question_id: str, note: str) -> Saved:
    session.workspace.store.save_note(session.id, question_id, note)
    return Saved(notes={question_id: note})


def keep_steps(session: Session, steps: Sequence[KeptStep], added: Sequence[str]) -> Saved:
    """Store the next steps kept on the results screen as soon as they change."""
    session.workspace.store.keep_steps(session.id, steps, added)
    return session.stored()


def finish(session: Session, steps: Sequence[KeptStep]) -> Saved:
    """Close the interview with the kept steps (the first finishing time is kept) and
    score it now, so that no report waits for it."""
    assert session.published is not None
    store = session.workspace.store
    finish_scored(store, session.id, steps, session.published, session.result())
    return session.stored()


def reopen(session: Session) -> Saved:
    """Change a finished interview (asked for and confirmed): it gets a new revision."""
    session.workspace.store.reopen(session.id)
    return session.stored()


def nothing_answered(session: Session) -> bool:
    """An interview under way with no answer yet: leaving it discards it."""
    return session.record.stage is not Stage.FINISHED and not session.answers


class Left(StrEnum):
    """What leaving an interview (Échap, pause) did to it."""

    DISCARDED = "discarded"  # nothing answered yet: not kept
    PAUSED = "paused"  # to be resumed
    FINISHED = "finished"  # finished (again): counted in the reports and synced


def leave(session: Session) -> Left:
    """The mediator leaves the interview (pause). One left before its first answer, on
    the consent, the profile or the first question alike, is discarded, so no ghost
    waits to be resumed. One finished before (opened again with `m`, wherever it is
    left: its results or a question changed), or on its results with its sheet written
    (the visitor took it home), is finished with its kept steps, as the sheet says: a
    report never misses a visitor who left with a sheet, and a finished interview looked
    at or changed stays finished."""
    if nothing_answered(session):
        discarded = session.workspace.store.discard(session.id)
        return Left.DISCARDED if discarded else Left.PAUSED
    record = session.record
    if record.stage is Stage.FINISHED:
        return Left.PAUSED  # only looked at
    if record.revision or (record.stage is Stage.RESULTS and sheet_written(session)):
        finish(session, kept_steps(session))
        return Left.FINISHED
    return Left.PAUSED


def sheet_written(session: Session) -> bool:
    """Whether this interview's sheet (regular or large print) was written."""
    folder = session.workspace.folder
    return any(folder.sheet(session.id, session.day, large).exists() for large in (False, True))


def discard(workspace: Workspace, interview_id: str) -> bool:
    """Delete an unfinished interview that has no answer yet; False if it has one."""
    return workspace.store.discard(interview_id)


@dataclass(frozen=True)
class Listed:
    """An interview in a list: its record, how many answers, when it started (local)."""

    record: InterviewRecord
    answered: int
    started: datetime


def listing(workspace: Workspace, which: str) -> list[Listed]:
    """`today`, `unfinished` or `all` interviews, newest first."""
    store = workspace.store
    if which == "today":
        records = store.interviews(between=day_bounds(today()))
    elif which == "unfinished":
        records = store.interviews(unfinished=True)
    else:
        records = store.interviews()
    counts = store.answered_counts([r.id for r in records])
    return [Listed(r, counts.get(r.id, 0), local_time(r.started_at)) for r in records]


def who(record: InterviewRecord, t: Translator) -> str:
    """The person in words: a first name, a paper form's number, « (anonyme) » only when
    consent was refused, « (sans prénom) » when none was given."""
    if record.paper is not None:
        return t("list.paper", form=record.paper.form)
    if record.profile.first_name:
        return record.profile.first_name
    return t("list.anonymous") if record.consent_given is False else t("list.no_first_name")


def searched(listed: Sequence[Listed], needle: str, t: Translator) -> list[Listed]:
    """The interviews whose person (`who`), place, stage, day or id holds `needle`, found
    without case or accents (« lukasz » finds « Łukasz », « 051e » a paper form): the one
    search of the app's list and of `evaluation sessions list --search`."""
    wanted = folded(needle.strip())
    if not wanted:
        return list(listed)
    return [item for item in listed if any(wanted in folded(s) for s in _said(item, t))]


def _said(item: Listed, t: Translator) -> tuple[str, ...]:
    r, started = item.record, item.started
    stage = t(f"stage.{r.stage}")
    if r.stage is Stage.FINISHED and r.revision:
        stage = t("stage.finished_changed")
    days = (f"{started:%d/%m %H:%M}", f"{started:%Y-%m-%d}", f"{started:%d/%m/%Y}")
    return (who(r, t), stage, r.place_name or "", r.id, *days)


def unfinished(workspace: Workspace) -> list[Listed]:
    return listing(workspace, "unfinished")


def described(workspace: Workspace, prefix: str) -> Listed:
    """The one interview whose id starts with `prefix`, as a list shows it: enough for a
    person to check it is the right one before an irreversible step."""
    interview_id = find(workspace, prefix)
    record = workspace.store.get(interview_id)
    answered = workspace.store.answered_counts([interview_id]).get(interview_id, 0)
    return Listed(record, answered, local_time(record.started_at))


def find(workspace: Workspace, prefix: str) -> str:
    """The one interview whose id starts with `prefix` (at least 4 characters)."""
    if len(prefix) < SHORTEST_PREFIX:
        raise Problem(msg("interview.too_short", id=prefix, least=SHORTEST_PREFIX))
    matches = [r.id for r in workspace.store.interviews() if r.id.startswith(prefix.lower())]
    if len(matches) != 1:
        key = "interview.unknown" if not matches else "interview.ambiguous"
        raise Problem(msg(key, id=prefix, count=len(matches)))
    return matches[0]
