"""The visitor's skills sheet: what goes on it, the PDF file, and the printer."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from evaluation.files.disk import write_output
from evaluation.i18n import Message
from evaluation.interview.record import KeptStep
from evaluation.interview.return_code import make_code
from evaluation.operations.results import kept_steps
from evaluation.questionnaire.visitor import for_visitor, words
from evaluation.session import Session
from exports.printer import print_pdf

if TYPE_CHECKING:
    from exports.sheet import SheetContent


def sheet_content(session: Session, steps: tuple[KeptStep, ...] | None = None) -> SheetContent:
    """What to print for one interview (the kept steps unless others are given)."""
    # reportlab comes with the sheet's module: loaded when a sheet is made, not before.
    from exports.sheet import ChosenStep, SheetContent

    assert session.published is not None
    catalogue = session.workspace.catalogue
    titles = {
        rule.id: for_visitor(rule.title, session.lang)
        for rule in session.published.questionnaire.next_steps
    }
    proximity = session.proximity()
    services = {
        step: catalogue.by_id(step.service_id) if step.service_id else None
        for step in (steps if steps is not None else kept_steps(session))
    }
    chosen = tuple(
        ChosenStep(
            titles.get(step.rule_id or ""),
            service,
            far=service is not None and proximity.far(service),
            away=proximity.away(service) if service is not None else None,
        )
        for step, service in services.items()
    )
    questionnaire = session.published.questionnaire
    result = session.result()
    levels = {c.competence_id: c.level_id for c in result.competences}
    return SheetContent(
        lang=session.lang,
        day=session.day,
        first_name=session.record.profile.first_name,
        place=session.record.place_name,
        structure=session.workspace.store.settings().structure,
        questionnaire=questionnaire,
        result=result,
        steps=chosen,
        sample=catalogue.sample,
        code=make_code(questionnaire, f"{session.day:%Y-%m}", levels),
        previous=session.record.previous,
    )


def sheet_path(session: Session, large: bool = False) -> Path:
    """Where the data folder names this interview's sheet (erasure finds it there)."""
    return session.workspace.folder.sheet(session.id, session.day, large)


def write_sheet(
    session: Session,
    output: Path | None = None,
    steps: tuple[KeptStep, ...] | None = None,
    large: bool = False,
) -> Path:
    """Write the sheet, regular or in large print (into exports/ unless `output` is
    given); the file written."""
    from exports.sheet import render_sheet
    from exports.sheet_large import render_large_sheet

    path = output or sheet_path(session, large)
    render = render_large_sheet if large else render_sheet
    data = render(sheet_content(session, steps), words(session.lang))
    write_output(path, data)
    return path


@dataclass(frozen=True)
class Printed:
    """Where the sheet went: the file, and why the printer did not take it (or None)."""

    path: Path
    problem: Message | None


def print_sheet(path: Path) -> Message | None:
    return print_pdf(path)


def write_and_print(
    session: Session, steps: tuple[KeptStep, ...] | None = None, large: bool = False
) -> Printed:
    path = write_sheet(session, steps=steps, large=large)
    return Printed(path, print_pdf(path))
