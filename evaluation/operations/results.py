"""The results of an interview as the mediator curates them: which next steps are
proposed, which are kept, which services were added from the catalogue."""

from __future__ import annotations

from dataclasses import dataclass

from evaluation.interview.record import KeptStep
from evaluation.offers.catalogue import Service
from evaluation.questionnaire.visitor import for_visitor
from evaluation.session import Session


@dataclass(frozen=True)
class StepChoice:
    step: KeptStep
    title: str | None  # the rule's title in the visitor's language
    service: Service | None
    kept: bool


def kept_steps(session: Session) -> tuple[KeptStep, ...]:
    """The steps the mediator kept, or while none were chosen, those the result proposes
    (the same default as the results screen, and as a paper form keyed in)."""
    if session.record.next_steps is not None:
        return session.record.next_steps
    return session.result().proposed()


def step_choices(session: Session) -> list[StepChoice]:
    """Every step shown on the results screen, in order, with whether it is kept: the
    proposed ones (as kept or removed), then services added from the catalogue. Before
    the mediator changes anything, every proposed step is kept."""
    assert session.published is not None
    lang = session.lang
    catalogue = session.workspace.catalogue
    titles = {r.id: for_visitor(r.title, lang) for r in session.published.questionnaire.next_steps}
    kept = session.record.next_steps
    lines: list[StepChoice] = []
    shown: set[KeptStep] = set()

    def add(step: KeptStep, is_kept: bool) -> None:
        if step in shown:
            return
        shown.add(step)
        service = catalogue.by_id(step.service_id) if step.service_id else None
        lines.append(StepChoice(step, titles.get(step.rule_id or ""), service, is_kept))

    for proposed in session.result().next_steps:
        chosen = next((k for k in kept or () if k.rule_id == proposed.rule_id), None)
        add(chosen or proposed.kept(), kept is None or chosen is not None)
    for step in kept or ():
        add(step, True)
    for service_id in session.record.steps_added:
        add(KeptStep(None, service_id), False)
    return lines
