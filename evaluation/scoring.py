"""Scoring: a pure, deterministic function from (questionnaire, answers) to a result.

Rules, in plain words:
- A question counts for a competence when it is shown and can give that competence
  points. Answered: its points count out of the question's best. "Je ne sais pas":
  it counts, with no points (the person said they don't know). Skipped or never
  reached: it does not count at all, neither points nor maximum.
- A competence with fewer counted questions than its `min_answers` is "not assessed".
- Its level is the highest whose `min_percent` the share of points reaches.
- The overall level is that of the mean share over assessed competences; its CRA
  `autonomie` is the level's.
- Next steps: every rule whose triggers hold, answers-driven ones (wishes, equipment)
  first, then weakest competence first, then by priority and file order; of rules in the
  same `group` (saying nearly the same thing) only the first stays; each with up to
  `max_services` services of the catalogue that share a thematique (most shared
  thematiques first; then the nearest to the place of the interview by tier: same
  commune, same département, the rest; then the one whose name and description share the
  most words with the step's title, since data·inclusion has only four thematiques for
  the whole of digital skills; then one not yet proposed first for an earlier step,
  free, in person, and the shortest distance).
- Words for the sheet: the `can_do` and `next` phrases of the answers given, for the
  question's main competence (the one it can give the most points), in question order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache

from evaluation.answers import Answers, Status, holds, visible_answers, visible_questions
from evaluation.catalogue import Catalogue, Service
from evaluation.cra import MATERIEL_VALUES
from evaluation.proximity import Near, Proximity
from evaluation.questionnaire.model import (
    MultipleChoice,
    NextStepRule,
    Question,
    Questionnaire,
)
from evaluation.questionnaire.text import Text
from evaluation.text import folded


@dataclass(frozen=True)
class CompetenceResult:
    competence_id: str
    points: int
    max_points: int
    counted: int
    dont_know: int
    level_id: str | None
    # What the person's own answers say they do, and what comes next (answers' phrases).
    can_do: tuple[Text, ...] = ()
    next: tuple[Text, ...] = ()

    @property
    def assessed(self) -> bool:
        return self.level_id is not None

    @property
    def share(self) -> Fraction:
        return Fraction(self.points, self.max_points) if self.max_points else Fraction(0)


@dataclass(frozen=True)
class NextStep:
    rule_id: str
    title: Text
    thematiques: tuple[str, ...]
    cra_thematiques: tuple[str, ...]
    structure: str | None
    service_ids: tuple[str, ...]


@dataclass(frozen=True)
class Result:
    competences: tuple[CompetenceResult, ...]
    level_id: str | None
    autonomie: str | None
    materiel: tuple[str, ...]
    next_steps: tuple[NextStep, ...]

    def competence(self, competence_id: str) -> CompetenceResult:
        return next(c for c in self.competences if c.competence_id == competence_id)


def best_points(question: Question, competence_id: str) -> int:
    """The most points `question` can give `competence_id`."""
    values = [o.points.get(competence_id, 0) for o in question.choices()]
    if isinstance(question, MultipleChoice):
        return sum(values)
    return max(values, default=0)


def main_competence(question: Question, competences: tuple[str, ...]) -> str | None:
    """The competence `question` can give the most points to (the first on a tie)."""
    best = max(competences, key=lambda c: best_points(question, c), default=None)
    return best if best is not None and best_points(question, best) > 0 else None


def level_for(questionnaire: Questionnaire, share: Fraction) -> str:
    """The highest level whose `min_percent` the share reaches."""
    chosen = questionnaire.levels[0].id
    for level in questionnaire.levels:
        if share * 100 >= level.min_percent:
            chosen = level.id
    return chosen


def score(
    questionnaire: Questionnaire,
    answers: Answers,
    catalogue: Catalogue | None = None,
    max_services: int = 3,
    near: Near | None = None,
) -> Result:
    """Score `answers` against `questionnaire`; the catalogue only feeds next steps, whose
    services are ranked by how near they are to `near` (the place of the interview)."""
    shown = visible_answers(questionnaire, answers)
    questions = visible_questions(questionnaire, answers)
    ids = tuple(c.id for c in questionnaire.competences)
    mains = {question.id: main_competence(question, ids) for question in questions}
    competences = tuple(
        _competence(questionnaire, c.id, c.min_answers, questions, shown, mains)
        for c in questionnaire.competences
    )
    assessed = [c for c in competences if c.assessed]
    level_id = autonomie = None
    if assessed:
        mean = sum((c.share for c in assessed), Fraction(0)) / len(assessed)
        level_id = level_for(questionnaire, mean)
        autonomie = next(lv.autonomie for lv in questionnaire.levels if lv.id == level_id)
    return Result(
        competences=competences,
        level_id=level_id,
        autonomie=autonomie,
        materiel=_materiel(questions, shown),
        next_steps=_next_steps(
            questionnaire,
            competences,
            shown,
            catalogue,
            max_services,
            Proximity(catalogue, near or Near()) if catalogue is not None else None,
        ),
    )


def _competence(
    questionnaire: Questionnaire,
    competence_id: str,
    min_answers: int,
    questions: list[Question],
    shown: Answers,
    mains: dict[str, str | None],
) -> CompetenceResult:
    points = max_points = counted = dont_know = 0
    can_do: list[Text] = []
    next_: list[Text] = []
    for question in questions:
        best = best_points(question, competence_id)
        answer = shown.get(question.id)
        if best == 0 or answer is None or answer.status is Status.SKIPPED:
            continue
        counted += 1
        max_points += best
        if answer.status is Status.DONT_KNOW:
            dont_know += 1
            continue
        chosen = [o for o in question.choices() if o.id in answer.choices]
        points += min(sum(o.points.get(competence_id, 0) for o in chosen), best)
        if mains[question.id] == competence_id:
            can_do += [o.can_do for o in chosen if o.can_do and o.can_do not in can_do]
            next_ += [o.next for o in chosen if o.next and o.next not in next_]
    level_id = None
    if counted >= min_answers:
        level_id = level_for(questionnaire, Fraction(points, max_points))
    return CompetenceResult(
        competence_id,
        points,
        max_points,
        counted,
        dont_know,
        level_id,
        tuple(can_do),
        tuple(next_),
    )


def _materiel(questions: list[Question], shown: Answers) -> tuple[str, ...]:
    found: set[str] = set()
    for question in questions:
        answer = shown.get(question.id)
        if answer is not None and answer.status is Status.ANSWERED:
            for option in question.choices():
                if option.id in answer.choices:
                    found.update(option.materiel)
    if len(found) > 1:
        found.discard("aucun")  # "no device" never stands beside a device (CRA)
    return tuple(m for m in MATERIEL_VALUES if m in found)


def _next_steps(
    questionnaire: Questionnaire,
    competences: tuple[CompetenceResult, ...],
    shown: Answers,
    catalogue: Catalogue | None,
    max_services: int,
    proximity: Proximity | None,
) -> tuple[NextStep, ...]:
    levels = {c.competence_id: c.level_id for c in competences}
    rank = questionnaire.level_rank
    matched: list[tuple[tuple[int, int, int, int], NextStepRule]] = []
    for index, rule in enumerate(questionnaire.next_steps):
        weakness = len(rank)
        if rule.competence is not None and rule.level_at_most is not None:
            level = levels.get(rule.competence)
            if level is None or rank[level] > rank[rule.level_at_most]:
                continue
            weakness = rank[level]
        if rule.when is not None and not holds(rule.when, shown):
            continue
        asked_for = 0 if rule.when is not None else 1
        matched.append(((asked_for, weakness, -rule.priority, index), rule))
    matched.sort(key=lambda pair: pair[0])
    steps: list[NextStep] = []
    used: set[str] = set()
    groups: set[str] = set()
    for _, rule in matched:
        if rule.group is not None:
            if rule.group in groups:
                continue  # a step saying nearly the same thing is already proposed
            groups.add(rule.group)
        services = _services(rule, catalogue, max_services, used, proximity)
        used.update(services[:1])
        steps.append(
            NextStep(
                rule_id=rule.id,
                title=rule.title,
                thematiques=rule.thematiques,
                cra_thematiques=rule.cra_thematiques,
                structure=rule.structure,
                service_ids=services,
            )
        )
    return tuple(steps)


def _services(
    rule: NextStepRule,
    catalogue: Catalogue | None,
    limit: int,
    used: set[str],
    proximity: Proximity | None,
) -> tuple[str, ...]:
    """Services sharing a thematique, the nearest and most fitting first; one already
    first for an earlier step comes later."""
    if catalogue is None:
        return ()
    wanted = set(rule.thematiques)
    title = words(rule.title.fr)

    def rank(service: Service) -> tuple[int, int, int, bool, bool, bool, float, str, str]:
        overlap = len(wanted.intersection(service.thematiques or ()))
        tier, distance = proximity.rank(service) if proximity is not None else (0, 0.0)
        fitting = len(title & words(f"{service.nom} {service.description}"))
        in_person = "en-presentiel" in (service.modes_accueil or ())
        return (
            -overlap,
            tier,
            -fitting,
            service.id in used,
            service.frais == "payant",
            not in_person,
            distance,
            service.nom,
            service.id,
        )

    fitting = [s for s in catalogue.services if wanted.intersection(s.thematiques or ())]
    return tuple(s.id for s in sorted(fitting, key=rank)[:limit])


# Words too common in this field to tell one service from another.
COMMON = frozenset(
    (  # noqa: SIM905 (a list of words reads better as words)
        "avec dans pour plus sans votre vous leur leurs faire ligne entre chez mieux "
        "numerique internet aide aider besoin"
    ).split()
)


@lru_cache(maxsize=4096)
def words(text: str) -> frozenset[str]:
    """The telling words of a French text: lower case, without accents, four letters or
    more, a plural's final s or x dropped."""
    plain = folded(text)
    found = (w.rstrip("sx") if len(w) > 4 else w for w in re.findall(r"[a-z]+", plain))
    return frozenset(w for w in found if len(w) >= 4 and w not in COMMON)
