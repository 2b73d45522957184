"""The way travelled between a returning visitor's earlier visit (read from their
progress code) and this one: per competence, the level before and now, and which way it
moved. Competences are matched by id, so a code from another questionnaire version reads
too; what that version lacks is said apart."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from evaluation.i18n import Translator
from evaluation.i18n.dates import month_year
from evaluation.interview.return_code import PreviousVisit
from evaluation.questionnaire.model import Questionnaire
from evaluation.questionnaire.visitor import for_visitor
from evaluation.structure.figures import Move, move

AUTONOMOUS = "autonome"  # the CRA autonomy of the level a competence may be skipped at


@dataclass(frozen=True)
class Travelled:
    """One competence of this version: its level before and now (None: not assessed)."""

    competence_id: str
    before: str | None
    now: str | None
    move: Move


def way(
    questionnaire: Questionnaire, previous: PreviousVisit, now: Mapping[str, str | None]
) -> tuple[Travelled, ...]:
    """Each competence of this version, in its order, before and now."""
    rank = questionnaire.level_rank
    out = []
    for competence in questionnaire.competences:
        before = previous.levels.get(competence.id)
        before = before if before in rank else None
        level = now.get(competence.id)
        out.append(Travelled(competence.id, before, level, move(rank, before, level)))
    return tuple(out)


def absent(questionnaire: Questionnaire, previous: PreviousVisit) -> tuple[str, ...]:
    """The code's assessed competences that this version does not have."""
    here = {c.id for c in questionnaire.competences}
    return tuple(c for c in previous.levels if c not in here)


def already_autonomous(questionnaire: Questionnaire, previous: PreviousVisit) -> frozenset[str]:
    """This version's competences the visitor was « Autonome » in at the earlier visit."""
    top = {level.id for level in questionnaire.levels if level.autonomie == AUTONOMOUS}
    return frozenset(c.id for c in questionnaire.competences if previous.levels.get(c.id) in top)


def passable(questionnaire: Questionnaire, previous: PreviousVisit) -> tuple[str, ...]:
    """The questions that assess, above all, a competence the visitor was already
    « Autonome » in: the ones a returning visitor may be spared (a return visit's only:
    scoring loads here, not with every interview)."""
    from evaluation.interview.scoring import main_competence

    autonomous = already_autonomous(questionnaire, previous)
    ids = tuple(c.id for c in questionnaire.competences)
    return tuple(q.id for q in questionnaire.questions if main_competence(q, ids) in autonomous)


# One literal per move, so the catalogue check finds each key. Each says the move in
# words and with a mark (↑ = ↓), never by a colour alone; going down is said gently.
SAID = {
    Move.UP: "way.up",
    Move.SAME: "way.same",
    Move.DOWN: "way.down",
    Move.NEW: "way.new",
    Move.NOT_NOW: "way.not_now",
    Move.NEITHER: "way.neither",
}


@dataclass(frozen=True)
class Told:
    """The way travelled in words: a title with the earlier month, a line per
    competence of this version (the consent screen said what this version lacks)."""

    title: str
    lines: tuple[str, ...]


def told(
    t: Translator,
    lang: str,
    questionnaire: Questionnaire,
    previous: PreviousVisit,
    now: Mapping[str, str | None],
) -> Told:
    """The way travelled, fixed words by `t`, the questionnaire's texts in `lang`."""
    labels = {c.id: for_visitor(c.label, lang) for c in questionnaire.competences}
    levels = {lv.id: for_visitor(lv.label, lang) for lv in questionnaire.levels}
    month = month_year(previous.month, t.lang)
    lines = tuple(
        t(
            SAID[step.move],
            competence=labels[step.competence_id],
            before=levels.get(step.before or "", ""),
            now=levels.get(step.now or "", ""),
            month=month,
        )
        for step in way(questionnaire, previous, now)
    )
    return Told(t("way.title", month=month), lines)
