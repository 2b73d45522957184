"""The paper fallback: numbered blank forms to print, and a filled form keyed back in.

A form names its questionnaire version (id, version, hash prefix) and carries a number
unique to this laptop (`3F9A-0012`: the device's prefix, then a counter kept in the
database). Keyed back in, it becomes an interview like any other, through the same
consent, profile, answer and show-if steps (`operations.interviews`, `flow`), marked as
paper with the date written on it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path

from evaluation.files.disk import write_output
from evaluation.i18n import Message, msg
from evaluation.interview.paper_keying import Keying
from evaluation.machine.clock import stamp, today
from evaluation.machine.keyboard import digits_of
from evaluation.operations import interviews
from evaluation.operations.results import kept_steps
from evaluation.problems import Problem
from evaluation.questionnaire import Published
from evaluation.questionnaire.visitor import offered, words
from evaluation.session import Session
from evaluation.store import InterviewRecord
from evaluation.store.interviews import read_number, write_value
from evaluation.workspace import DEFAULT_QUESTIONNAIRE, Workspace
from exports.paper_form import PaperFormContent, render_paper_form
from exports.printer import print_pdf

NEXT_FORM = "paper_next_form"  # the settings table's key for the next form number
MAX_FORMS = 500  # forms printed at once
MAX_MINUTES = 600
FORM = re.compile(r"^(?:([0-9A-Fa-f]{4})\s*[-–]?\s*)?0*(\d{1,6})$")


def device_prefix(workspace: Workspace) -> str:
    """The first four hex digits of this laptop's id: forms of two laptops never share a
    number."""
    return workspace.store.device[:4].upper()


def form_number(prefix: str, n: int) -> str:
    return f"{prefix}-{n:04d}"


@contextmanager
def reserving(workspace: Workspace, count: int) -> Iterator[list[str]]:
    """`count` new form numbers, never given before on this laptop: kept only if the
    block using them ends well (the counter moves in the same transaction), so a form
    that could not be written leaves the numbers free and the database as it was."""
    if not 1 <= count <= MAX_FORMS:
        raise Problem(msg("paper.count_range", max=MAX_FORMS))
    prefix = device_prefix(workspace)
    with workspace.store.transaction() as db:
        first = read_number(db, NEXT_FORM) or 1
        yield [form_number(prefix, n) for n in range(first, first + count)]
        write_value(db, NEXT_FORM, str(first + count))


def reserve_forms(workspace: Workspace, count: int) -> list[str]:
    """`count` new form numbers, kept at once."""
    with reserving(workspace, count) as numbers:
        return numbers


def printable(workspace: Workspace, questionnaire_id: str, version: int | None) -> Published:
    """The version to print: the one asked for, or the newest."""
    if version is None:
        published = workspace.library.latest(questionnaire_id)
    else:
        published = workspace.library.get(questionnaire_id, version)
    if published is None and version is None:
        raise Problem(msg("interview.no_questionnaire", id=questionnaire_id))
    if published is None:
        raise Problem(msg("paper.print_missing", id=questionnaire_id, version=version))
    return published


@dataclass(frozen=True)
class Printed:
    """Blank forms written: the file and the numbers on them."""

    path: Path
    numbers: tuple[str, ...]
    published: Published


def write_forms(
    workspace: Workspace,
    lang: str,
    count: int = 1,
    output: Path | None = None,
    questionnaire_id: str = DEFAULT_QUESTIONNAIRE,
    version: int | None = None,
) -> Printed:
    """`count` blank forms with new numbers, as one PDF (into exports/ unless `output`)."""
    published = printable(workspace, questionnaire_id, version)
    q = published.questionnaire
    if lang not in offered(q):
        raise Problem(msg("paper.lang_not_offered", lang=lang, offered=", ".join(offered(q))))
    months = workspace.store.settings().retention_months
    with reserving(workspace, count) as reserved:
        numbers = tuple(reserved)
        content = PaperFormContent(lang, q, published.sha256, numbers, months)
        data = render_paper_form(content, words(lang))
        name = f"feuilles-{q.id}-v{q.version}-{numbers[0]}" + (
            f"-{numbers[-1][-4:]}.pdf" if count > 1 else ".pdf"
        )
        path = output or workspace.folder.exports / name
        write_output(path, data)
    return Printed(path, numbers, published)


def version_of_form(workspace: Workspace, typed: str) -> Published:
    """The installed version a form names: `2` (the default questionnaire) or
    `diagnostic-base/2`; a version not installed here is refused, naming it."""
    text = typed.strip()
    questionnaire_id, _, number = text.rpartition("/")
    questionnaire_id = questionnaire_id.strip() or DEFAULT_QUESTIONNAIRE
    number = number.strip().lstrip("vV")
    if not number.isdigit() or len(number) > 6:
        raise Problem(msg("paper.version_unreadable", typed=text[:40]))
    published = workspace.library.get(questionnaire_id, int(number))
    if published is None:
        raise Problem(msg("paper.version_missing", id=questionnaire_id, version=int(number)))
    return published


def following(form: str) -> str:
    """The number after `form` (`3F9A-0012` → `3F9A-0013`): forms of a stack come in order."""
    prefix, _, n = form.rpartition("-")
    return form_number(prefix, int(n) + 1)


def normalise_form(workspace: Workspace, typed: str) -> str:
    """A form number as printed (`3F9A-0012`); `12` alone is this laptop's form 12."""
    if not typed.strip():
        raise Problem(msg("paper.form_missing"))
    found = FORM.match(typed.strip())
    if found is None or int(found.group(2)) == 0:
        raise Problem(msg("paper.form_unreadable", typed=typed.strip()[:40]))
    prefix = (found.group(1) or device_prefix(workspace)).upper()
    return form_number(prefix, int(found.group(2)))


@dataclass(frozen=True)
class Header:
    """What the top of a filled form says, checked."""

    published: Published
    form: str
    day: date
    place: str | None
    mediator: str | None
    minutes: int | None

    @property
    def version(self) -> str:
        """The version as typed on the entry screen (`2`, or `id/2` for another one)."""
        q = self.published.questionnaire
        return str(q.version) if q.id == DEFAULT_QUESTIONNAIRE else f"{q.id}/{q.version}"


def overall(session: Session, lang: str) -> str | None:
    """The overall level of a stored form, in words; None when not assessed."""
    if session.published is None:
        return None
    level_id = session.result().level_id
    levels = session.published.questionnaire.levels
    return next((level.label.get(lang) for level in levels if level.id == level_id), None)


@dataclass(frozen=True)
class HeaderDefaults:
    """What the entry screen offers before anything is typed."""

    version: str
    sha_prefix: str
    prefix: str
    day: date
    place: str
    mediator: str


def header_defaults(workspace: Workspace) -> HeaderDefaults:
    published = printable(workspace, DEFAULT_QUESTIONNAIRE, None)
    settings = workspace.store.settings()
    return HeaderDefaults(
        version=str(published.questionnaire.version),
        sha_prefix=published.sha256[:12],
        prefix=device_prefix(workspace),
        day=today(),
        place=settings.place.name,
        mediator=settings.mediator,
    )


def read_header(
    workspace: Workspace,
    version: str,
    form: str,
    day: str,
    place: str,
    mediator: str,
    minutes: str,
) -> Header:
    """The typed header as a `Header`; the first field that does not read is refused.
    Numbers typed without Shift on an AZERTY keyboard (`&é` for 12) read as digits."""
    published = version_of_form(workspace, digits_of(version.strip()))
    number = normalise_form(workspace, digits_of(form.strip()))
    try:
        on = datetime.strptime(day.strip(), "%d/%m/%Y").date() if "/" in day else None
        on = on or date.fromisoformat(day.strip())
    except ValueError:
        raise Problem(msg("paper.date_unreadable", typed=day.strip()[:40])) from None
    if on > today():
        raise Problem(msg("paper.date_future", typed=day.strip()))
    length = digits_of(minutes.strip())
    if length and (not length.isdigit() or not 1 <= int(length) <= MAX_MINUTES):
        raise Problem(msg("paper.minutes_range", typed=length[:10], max=MAX_MINUTES))
    return Header(
        published,
        number,
        on,
        place.strip()[:200] or None,
        mediator.strip()[:200] or None,
        int(length) if length else None,
    )


def twins(workspace: Workspace, header: Header) -> list[InterviewRecord]:
    """Interviews already keyed in from a form of this number and date."""
    return workspace.store.paper_twins(header.form, header.day.isoformat())


def enter(workspace: Workspace, header: Header, keyed: Keying, lang: str) -> Session:
    """Store the form as a finished interview, answer by answer through the interview's
    own steps (consent, profile, answers with show-if, finish)."""
    if keyed.consent is None:
        raise Problem(msg("paper.consent_missing"))
    q = header.published.questionnaire
    interview_id = workspace.store.start(q.id, q.version, header.published.sha256, lang)
    noon = datetime.combine(header.day, time(12)).astimezone()  # a form has a day, no hour
    workspace.store.mark_paper(
        interview_id,
        header.form,
        header.day.isoformat(),
        header.minutes,
        started_at=stamp(noon),
        place_name=header.place,
        mediator=header.mediator,
    )
    # A session of this thread's own until returned: each step is applied at once.
    session = Session.load(workspace, interview_id)
    session.apply(interviews.consent(session, keyed.consent))
    if keyed.consent:
        session.apply(interviews.save_profile(session, keyed.profile))
    for question_id, answer in keyed.final().items():
        session.apply(interviews.answer(session, question_id, answer).saved)
    # Finished with the steps its result proposes, as an interview finished on screen
    # without a change: its sheet lists them, and `m` reopens it to change them.
    return session.apply(interviews.finish(session, kept_steps(session)))


@dataclass(frozen=True)
class Checked:
    """A typed header that reads, and the interviews already keyed from that form."""

    header: Header
    twins: tuple[InterviewRecord, ...]


def check_header(
    workspace: Workspace,
    version: str,
    form: str,
    day: str,
    place: str,
    mediator: str,
    minutes: str,
) -> Checked:
    """Read the header typed on the entry screen and look for the same form keyed before."""
    header = read_header(workspace, version, form, day, place, mediator, minutes)
    return Checked(header, tuple(twins(workspace, header)))


def print_forms(workspace: Workspace, lang: str, count: int) -> tuple[Printed, Message | None]:
    """Blank forms into exports/, sent to the printer when there is one; why not if not."""
    printed = write_forms(workspace, lang, count)
    return printed, print_pdf(printed.path)
