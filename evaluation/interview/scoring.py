"""Scoring: a pure, deterministic function from (questionnaire, answers) to a result.

Rules, in plain words:
- A question counts for a competence when it is shown and can give that competence
  points. Answered: its points count out of the question's best. "Je ne sais pas":
  it counts, with no points (the person said they don't know). Skipped or never
  reached: it does not count at all, neither points nor maximum.
- A competence with fewer counted questions than its `min_answers` is "not assessed",
  and so is one whose counted questions are all "Je ne sais pas" (or "Pas pu
  l'observer"): nothing was seen of it, which is not the same as a beginner's level.
- Its level is the highest whose `min_percent` the share of points reaches.
- The overall level is that of the mean share over assessed competences; its CRA
  `autonomie` is the level's.
- Next steps: every rule whose triggers hold, answers-driven ones (wishes, equipment)
  first, then weakest competence first, then by priority and file order; of rules in the
  same `group` (saying nearly the same thing) only the first stays; each with up to
  `max_services` services of the catalogue that share a thematique (most shared
  thematiques first; then the nearest to the place of the interview by tier: same
  commune, same département, the rest; then a place ready for what the visitor needs:
  another language when the interview is not in French, large print or reading help
  when an answer with `accueil` says so; then the one whose name and description share the
  most words with the step's title outside brackets (its subject), since data·inclusion
  has only four thematiques for the whole of digital skills; then one not yet proposed
  first for an earlier step, then the most words shared with the title's bracketed
  examples, free, in person, and the shortest distance).
- Words for the sheet: the `can_do` and `next` phrases of the answers given, for the
  question's main competence (the one it can give the most points), in question order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date
from fractions import Fraction
from functools import lru_cache
from itertools import groupby
from math import lcm

from evaluation.french_text import folded
from evaluation.interview.answers import Answer, Answers, Status, Test, as_test
from evaluation.interview.record import KeptStep
from evaluation.offers.catalogue import Catalogue, Service
from evaluation.offers.data_inclusion import current_thematiques
from evaluation.offers.eligibility import Visitor, adapted, eligible, favoured
from evaluation.offers.needs import Need
from evaluation.offers.opening_hours import closed_ahead
from evaluation.offers.proximity import Near, Proximity
from evaluation.questionnaire.model import (
    MultipleChoice,
    NextStepRule,
    Question,
    Questionnaire,
)
from evaluation.questionnaire.text import Text
from evaluation.structure.cra import MATERIEL_VALUES


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

    def kept(self) -> KeptStep:
        """This step as kept when the mediator changes nothing: its rule and the first
        service proposed (if any)."""
        return KeptStep(self.rule_id, self.service_ids[0] if self.service_ids else None)


@dataclass(frozen=True)
class Result:
    competences: tuple[CompetenceResult, ...]
    level_id: str | None
    autonomie: str | None
    materiel: tuple[str, ...]
    next_steps: tuple[NextStep, ...]

    def competence(self, competence_id: str) -> CompetenceResult:
        return next(c for c in self.competences if c.competence_id == competence_id)

    def proposed(self) -> tuple[KeptStep, ...]:
        """The steps kept when the mediator changes nothing (the one place that says it)."""
        return tuple(step.kept() for step in self.next_steps)


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


def _level(questionnaire: Questionnaire, percent_top: int, bottom: int) -> str:
    """The highest level whose `min_percent` the share `percent_top / bottom / 100`
    reaches (in integers)."""
    chosen = questionnaire.levels[0].id
    for level in questionnaire.levels:
        if percent_top >= level.min_percent * bottom:
            chosen = level.id
    return chosen


@dataclass(frozen=True)
class _Choice:
    """One option as scoring reads it: points in the order of its question's `gives`."""

    points: tuple[int, ...]
    can_do: Text | None  # the same object for equal texts, so kept once by identity
    next: Text | None
    materiel: tuple[str, ...]
    accueil: tuple[Need, ...]


@dataclass(frozen=True)
class _Gain:
    """What one answer (a set of option ids) to a question brings."""

    points: tuple[int, ...]  # per competence of the question's `gives`, at most its best
    # Its phrases as (id, text): equal texts are one object (see `_compiled`), so a
    # dict keyed by id keeps each once, in the order first met.
    can_do: tuple[tuple[int, Text], ...]
    next: tuple[tuple[int, Text], ...]
    materiel: tuple[str, ...]
    accueil: tuple[Need, ...]


@dataclass(frozen=True)
class _Scored:
    """One question as scoring reads it."""

    question: Question
    id: str  # the question's
    shown_if: Test | None
    gives: tuple[tuple[int, int], ...]  # (competence index, most points), more than 0 only
    main: int | None  # the competence its answers' phrases speak for (index)
    choices: dict[str, _Choice]  # option id: option, in the question's order
    # Worked out on first sight: the same few answers come back in every interview.
    gains: dict[tuple[str, ...], _Gain] = field(default_factory=dict)

    def gain(self, picked: tuple[str, ...]) -> _Gain:
        known = self.gains.get(picked)
        if known is None:
            chosen = [c for i, c in self.choices.items() if i in picked]
            known = _Gain(
                tuple(
                    min(sum(c.points[k] for c in chosen), best)
                    for k, (_, best) in enumerate(self.gives)
                ),
                tuple((id(c.can_do), c.can_do) for c in chosen if c.can_do is not None),
                tuple((id(c.next), c.next) for c in chosen if c.next is not None),
                tuple(m for c in chosen for m in c.materiel),
                tuple(n for c in chosen for n in c.accueil),
            )
            if len(self.gains) < 4096:  # a bound against odd input; real answers are few
                self.gains[picked] = known
        return known


@dataclass(frozen=True)
class _Rule:
    """One next-step rule as scoring reads it."""

    rule: NextStepRule
    index: int  # its place in the file
    competence: str | None
    at_most: int  # the rank of `level_at_most`
    when: Test | None
    # The step itself when no catalogue is given (the same for every interview).
    bare: NextStep


@dataclass(frozen=True)
class _Compiled:
    """One questionnaire version as scoring reads it, worked out once for all its
    interviews (looking up an option's points per answer was most of what scoring took)."""

    questions: tuple[_Scored, ...]
    competences: tuple[tuple[str, int], ...]  # (id, min_answers)
    rules: tuple[_Rule, ...]


_SKIPPED, _DONT_KNOW = Status.SKIPPED, Status.DONT_KNOW

# By the questionnaire object itself, kept alive here so its id is never reused.
_COMPILED: dict[int, tuple[Questionnaire, _Compiled]] = {}


def _compiled(questionnaire: Questionnaire) -> _Compiled:
    hit = _COMPILED.get(id(questionnaire))
    if hit is not None and hit[0] is questionnaire:
        return hit[1]
    ids = tuple(c.id for c in questionnaire.competences)
    same: dict[str, Text] = {}

    def interned(text: Text | None) -> Text | None:
        # By its JSON: a Text holding a dict (recordings per language) cannot be hashed.
        return None if text is None else same.setdefault(text.model_dump_json(), text)

    questions = []
    for question in questionnaire.questions:
        gives = tuple((k, n) for k, c in enumerate(ids) if (n := best_points(question, c)) > 0)
        choices = {
            o.id: _Choice(
                tuple(o.points.get(ids[k], 0) for k, _ in gives),
                interned(o.can_do),
                interned(o.next),
                o.materiel,
                o.accueil,
            )
            for o in question.choices()
        }
        main = main_competence(question, ids)
        shown_if = as_test(question.show_if) if question.show_if is not None else None
        questions.append(
            _Scored(
                question,
                question.id,
                shown_if,
                gives,
                None if main is None else ids.index(main),
                choices,
            )
        )
    rank = questionnaire.level_rank
    rules = tuple(
        _Rule(
            rule,
            index,
            rule.competence if rule.level_at_most is not None else None,
            rank[rule.level_at_most] if rule.level_at_most is not None else 0,
            as_test(rule.when) if rule.when is not None else None,
            _step(rule, ()),
        )
        for index, rule in enumerate(questionnaire.next_steps)
    )
    compiled = _Compiled(
        tuple(questions), tuple((c.id, c.min_answers) for c in questionnaire.competences), rules
    )
    if len(_COMPILED) >= 64:  # questionnaire versions: a handful; never grows unbounded
        _COMPILED.clear()
    _COMPILED[id(questionnaire)] = (questionnaire, compiled)
    return compiled


def score(
    questionnaire: Questionnaire,
    answers: Answers,
    catalogue: Catalogue | None = None,
    max_services: int = 3,
    near: Near | None = None,
    day: date | None = None,
    home: Near | None = None,
    visitor: Visitor | None = None,
) -> Result:
    """Score `answers` against `questionnaire`; the catalogue only feeds next steps, whose
    services are ranked by how near they are to `home` (the visitor's commune) when given,
    else to `near` (the place of the interview); a
    service closed for the four weeks after `day` (the interview's), or that `visitor`'s
    own answers put them outside of, is not proposed; one meant for them comes first."""
    compiled = _compiled(questionnaire)
    size = len(compiled.competences)
    points, most, counted, dont_know = [0] * size, [0] * size, [0] * size, [0] * size
    can_do: list[dict[int, Text]] = [{} for _ in range(size)]
    next_: list[dict[int, Text]] = [{} for _ in range(size)]
    materiel: set[str] = set()
    needs: set[Need] = set()  # what the answers say a place must be ready for
    shown: dict[str, Answer] = {}  # the answers of the questions shown, as they are met
    for scored in compiled.questions:
        if scored.shown_if is not None and not scored.shown_if(shown):
            continue
        answer = answers.get(scored.id)
        if answer is None:
            continue
        shown[scored.id] = answer
        status = answer.status
        if status is _SKIPPED:
            continue
        if status is _DONT_KNOW:
            for k, best in scored.gives:
                counted[k] += 1
                most[k] += best
                dont_know[k] += 1
            continue
        gain = scored.gains.get(answer.choices) or scored.gain(answer.choices)
        if gain.materiel:
            materiel.update(gain.materiel)
        if gain.accueil:
            needs.update(gain.accueil)
        if not scored.gives:
            continue
        for (k, best), got in zip(scored.gives, gain.points, strict=True):
            counted[k] += 1
            most[k] += best
            points[k] += got
        main = scored.main
        if main is not None:
            if gain.can_do:
                can_do[main].update(gain.can_do)
            if gain.next:
                next_[main].update(gain.next)
    competences = tuple(
        CompetenceResult(
            competence_id,
            points[k],
            most[k],
            counted[k],
            dont_know[k],
            _level(questionnaire, points[k] * 100, most[k])
            if counted[k] >= min_answers and counted[k] > dont_know[k]
            else None,
            tuple(can_do[k].values()),
            tuple(next_[k].values()),
        )
        for k, (competence_id, min_answers) in enumerate(compiled.competences)
    )
    level_id = autonomie = None
    assessed = [c for c in competences if c.assessed]
    if assessed:
        level_id = _mean_level(questionnaire, assessed)
        autonomie = next(lv.autonomie for lv in questionnaire.levels if lv.id == level_id)
    if len(materiel) > 1:
        materiel.discard("aucun")  # "no device" never stands beside a device (CRA)
    return Result(
        competences=competences,
        level_id=level_id,
        autonomie=autonomie,
        materiel=tuple(m for m in MATERIEL_VALUES if m in materiel),
        next_steps=_next_steps(
            questionnaire,
            compiled,
            competences,
            shown,
            catalogue,
            max_services,
            Proximity(catalogue, near or Near(), home) if catalogue is not None else None,
            day,
            _with_needs(visitor or Visitor(), needs),
        ),
    )


def _with_needs(visitor: Visitor, said: set[Need]) -> Visitor:
    """The visitor with the needs their answers told (large print…) beside the others."""
    return replace(visitor, needs=visitor.needs | said) if said else visitor


def _mean_level(questionnaire: Questionnaire, assessed: list[CompetenceResult]) -> str:
    """The level of the mean share of the assessed competences, in exact integers: the
    shares over their common denominator (a share of no points at all counts 0)."""
    common = lcm(*(c.max_points for c in assessed if c.max_points)) if assessed else 1
    top = sum(c.points * (common // c.max_points) for c in assessed if c.max_points)
    return _level(questionnaire, top * 100, common * len(assessed))


def _next_steps(
    questionnaire: Questionnaire,
    compiled: _Compiled,
    competences: tuple[CompetenceResult, ...],
    shown: Answers,
    catalogue: Catalogue | None,
    max_services: int,
    proximity: Proximity | None,
    day: date | None,
    visitor: Visitor,
) -> tuple[NextStep, ...]:
    levels = {c.competence_id: c.level_id for c in competences}
    rank = questionnaire.level_rank
    matched: list[tuple[tuple[int, int, int, int], _Rule]] = []
    for rule in compiled.rules:
        weakness = len(rank)
        if rule.competence is not None:
            level = levels.get(rule.competence)
            if level is None or rank[level] > rule.at_most:
                continue
            weakness = rank[level]
        if rule.when is not None and not rule.when(shown):
            continue
        asked_for = 0 if rule.when is not None else 1
        matched.append(((asked_for, weakness, -rule.rule.priority, rule.index), rule))
    matched.sort(key=lambda pair: pair[0])
    steps: list[NextStep] = []
    used: set[str] = set()
    groups: set[str] = set()
    seen: dict[str, _Fit] = {}  # a service met by several steps is weighed once
    for _, rule in matched:
        group = rule.rule.group
        if group is not None:
            if group in groups:
                continue  # a step saying nearly the same thing is already proposed
            groups.add(group)
        if catalogue is None:
            steps.append(rule.bare)
            continue
        services = _services(
            rule.rule, catalogue, max_services, used, proximity, day, visitor, seen
        )
        used.update(services[:1])
        steps.append(_step(rule.rule, services))
    return tuple(steps)


def _step(rule: NextStepRule, services: tuple[str, ...]) -> NextStep:
    return NextStep(
        rule_id=rule.id,
        title=rule.title,
        thematiques=rule.thematiques,
        cra_thematiques=rule.cra_thematiques,
        structure=rule.structure,
        service_ids=services,
    )


# What ranks a service the same for every step of one visitor: whether they may go, how
# near by tier (same commune, same département, known distance, the rest), whether it
# is ready for their needs and meant for them, paid, not in person.
_Fit = tuple[bool, int, bool, bool, bool, bool]


def _fit(service: Service, who: Visitor, proximity: Proximity | None) -> _Fit:
    return (
        eligible(service, who),
        proximity.tier(service) if proximity is not None else 0,
        not adapted(service, who),
        not favoured(service, who),
        service.frais == "payant",
        "en-presentiel" not in (service.modes_accueil or ()),
    )


def _services(
    rule: NextStepRule,
    catalogue: Catalogue | None,
    limit: int,
    used: set[str],
    proximity: Proximity | None,
    day: date | None = None,
    visitor: Visitor | None = None,
    seen: dict[str, _Fit] | None = None,
) -> tuple[str, ...]:
    """Services sharing a thematique, the nearest and most fitting first; one already
    first for an earlier step comes later; one closed for the four weeks after `day`
    is left out, and one the visitor's answers put them outside of; one ready for what
    they need (their language, their eyesight), then one meant for them (seniors, job
    seekers…), comes before one for everyone as near."""
    if catalogue is None:
        return ()
    thematiques = current_thematiques(rule.thematiques)  # a version naming pre-2025 slugs
    wanted = set(thematiques)
    # Words in brackets are examples, not the subject: « entretenir votre téléphone (mises
    # à jour, mémoire, mots de passe) » is about the phone, not about passwords.
    subject = words(re.sub(r"\([^)]*\)", " ", rule.title.fr))
    examples = words(rule.title.fr) - subject

    who = visitor or Visitor()
    fits = {} if seen is None else seen

    def fit(service: Service) -> _Fit:
        known = fits.get(service.id)
        if known is None:
            known = fits[service.id] = _fit(service, who, proximity)
        return known

    def first(service: Service) -> tuple[int, int, bool, bool]:
        """The head of `rank`, without a distance: enough to tell groups apart."""
        _, tier, unready, unmeant, _, _ = fit(service)
        return (-len(wanted.intersection(service.thematiques or ())), tier, unready, unmeant)

    def rank(
        service: Service,
    ) -> tuple[int, int, bool, bool, int, bool, int, bool, bool, float, str, str]:
        _, tier, unready, unmeant, paid, remote = fit(service)
        said = _said(service.nom, service.description)
        distance = proximity.rank(service)[1] if proximity is not None else 0.0
        return (
            -len(wanted.intersection(service.thematiques or ())),
            tier,
            unready,
            unmeant,
            -len(subject & said),
            service.id in used,
            -len(examples & said),
            paid,
            remote,
            distance,
            service.nom,
            service.id,
        )

    # Sorted by `rank`, group by group of the same `first`: the whole order, with the
    # words and distances worked out only for the groups the chosen ones come from.
    fitting = sorted((s for s in catalogue.about(thematiques) if fit(s)[0]), key=first)
    chosen: list[str] = []
    for _, group in groupby(fitting, key=first):
        for service in sorted(group, key=rank):
            if day is None or not closed_ahead(service.horaires_accueil, day):
                chosen.append(service.id)
                if len(chosen) == limit:
                    return tuple(chosen)
    return tuple(chosen)


# Words too common in this field to tell one service from another.
COMMON = frozenset(
    (  # noqa: SIM905 (a list of words reads better as words)
        "avec dans pour plus sans votre vous leur leurs faire ligne entre chez mieux "
        "numerique internet aide aider besoin"
    ).split()
)


@lru_cache(maxsize=65536)  # a département's catalogue: 20,000 services
def _said(name: str, description: str) -> frozenset[str]:
    """The telling words of a service (its strings' hashes are kept: no new text to hash)."""
    return words(f"{name} {description}")


@lru_cache(maxsize=4096)
def words(text: str) -> frozenset[str]:
    """The telling words of a French text: lower case, without accents, four letters or
    more, a plural's final s or x dropped."""
    plain = folded(text)
    found = (w.rstrip("sx") if len(w) > 4 else w for w in re.findall(r"[a-z]+", plain))
    return frozenset(w for w in found if len(w) >= 4 and w not in COMMON)
