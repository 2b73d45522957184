"""A returning visitor's progress code, typed on the consent screen: read with the
questionnaire versions installed here, kept with the interview, or refused in words."""

from __future__ import annotations

from dataclasses import dataclass

from evaluation.i18n import Message, msg
from evaluation.interview.answers import Answer, Status
from evaluation.interview.flow import Flow
from evaluation.interview.return_code import CodeRefusal, PreviousVisit, Refusal, printed, read_code
from evaluation.interview.travelled import AUTONOMOUS, absent, already_autonomous, passable
from evaluation.problems import Problem
from evaluation.questionnaire.visitor import for_visitor
from evaluation.session import Saved, Session

# One literal per refusal, so the catalogue check finds each key.
REFUSED = {
    Refusal.EMPTY: "code.refused.empty",
    Refusal.BAD_CHARACTER: "code.refused.bad_character",
    Refusal.WRONG_LENGTH: "code.refused.wrong_length",
    Refusal.WRONG_CHECK: "code.refused.wrong_check",
    Refusal.UNKNOWN_QUESTIONNAIRE: "code.refused.unknown_questionnaire",
    Refusal.UNKNOWN_VERSION: "code.refused.unknown_version",
    Refusal.DAMAGED: "code.refused.damaged",
}


def refused(refusal: CodeRefusal) -> Message:
    """One line saying what to check."""
    return msg(
        REFUSED[refusal.reason],
        character=refusal.character,
        position=refusal.position,
        id=refusal.questionnaire_id,
        version=refusal.version,
    )


@dataclass(frozen=True)
class CodeTaken:
    """The earlier visit a typed code stands for, as kept, and the labels of its
    competences that this interview's version does not have."""

    previous: PreviousVisit
    printed: str
    absent: tuple[str, ...]
    saved: Saved | None = None  # what taking the code stored, for the session


def take_code(session: Session, typed: str, lang: str) -> CodeTaken:
    """Read the typed code and keep what it says with the interview; a `Problem` saying
    what to check when it does not read (nothing is kept then). Labels in `lang`."""
    assert session.published is not None
    library = session.workspace.library
    known = [p.questionnaire for p in library.all()]
    read = read_code(typed, known)
    if isinstance(read, CodeRefusal):
        raise Problem(refused(read))
    session.workspace.store.set_previous(session.id, read)
    return described(session, read, lang, session.stored())


def described(
    session: Session, previous: PreviousVisit, lang: str, saved: Saved | None = None
) -> CodeTaken:
    """What the screen says of a kept code (competence labels in `lang`); `saved`, what
    taking it stored."""
    assert session.published is not None
    missing = absent(session.published.questionnaire, previous)
    earlier = session.workspace.library.get(
        previous.questionnaire_id, previous.questionnaire_version
    )
    labels = {}
    if earlier is not None:
        labels = {c.id: c.label for c in earlier.questionnaire.competences}
    shown = tuple(for_visitor(labels[c], lang) if c in labels else c for c in missing)
    return CodeTaken(previous, printed(previous.code), shown, saved)


@dataclass(frozen=True)
class Proposal:
    """What to offer a returning visitor: to pass the questions of the competences they
    were already « Autonome » in (labels in the mediator's language), how many."""

    month: str
    competences: tuple[str, ...]
    questions: int
    level: str  # the version's name for that level (« Autonome », "Independent")


def proposal(session: Session, lang: str) -> Proposal | None:
    """The questions a returning visitor may be spared, while none of them is answered
    (once the mediator has kept one, or passed them, it is not asked again)."""
    previous = session.record.previous
    if previous is None or session.published is None:
        return None
    q = session.published.questionnaire
    spared = passable(q, previous)
    if not spared or any(question in session.answers for question in spared):
        return None
    autonomous = already_autonomous(q, previous)
    labels = tuple(for_visitor(c.label, lang) for c in q.competences if c.id in autonomous)
    top = " / ".join(for_visitor(lv.label, lang) for lv in q.levels if lv.autonomie == AUTONOMOUS)
    return Proposal(previous.month, labels, len(spared), top)


@dataclass(frozen=True)
class Spared:
    """The questions passed, to apply to the session, and the question to show now."""

    saved: Saved
    at: str | None


def spare(session: Session, at: str | None) -> Spared:
    """Pass the questions of the competences the visitor was « Autonome » in (kept as
    skipped answers, so a resumed interview passes them too); the question to show now:
    `at`, or the first open one when `at` was passed."""
    previous = session.record.previous
    assert previous is not None and session.published is not None
    store = session.workspace.store
    skipped = {
        question: Answer(Status.SKIPPED)
        for question in passable(session.published.questionnaire, previous)
        if question not in session.answers
    }
    for question, given in skipped.items():
        store.save_answer(session.id, question, given, at)
    answers = {**session.answers, **skipped}
    flow = Flow(session.published.questionnaire, answers, session.passed(answers))
    shown = at if at is not None and at in {x.id for x in flow.visible()} else flow.first_open()
    return Spared(Saved(answers=skipped), shown)
