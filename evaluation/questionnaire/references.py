"""Cross-reference checks that pydantic's field validation cannot express.

Each problem is an `Issue` with the field path where it stands, so the loader can name
file, line and field. Run on a questionnaire whose shape is already valid.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from evaluation.files.safe_yaml import Path_
from evaluation.i18n import Message, msg
from evaluation.offers.data_inclusion import RENAMED, enumeration
from evaluation.questionnaire.model import (
    CRCN_CODES,
    DIGCOMP_CODES,
    OTHER,
    Condition,
    MultipleChoice,
    Option,
    Questionnaire,
    Step,
    Value,
    ValueKind,
)


@dataclass(frozen=True)
class Issue:
    """One problem: `path` names the field, `line_path` (if set) pins the line more exactly."""

    path: Path_
    message: Message
    line_path: Path_ | None = None


def find_issues(q: Questionnaire) -> list[Issue]:
    """Every cross-reference problem of `q`, in file order."""
    return [
        *_duplicates(q),
        *_levels(q),
        *_competences(q),
        *_questions(q),
        *_rules(q),
    ]


def _duplicates(q: Questionnaire) -> Iterator[Issue]:
    groups: list[tuple[str, Iterable[tuple[Path_, str]]]] = [
        ("competence", ((("competences", i, "id"), c.id) for i, c in enumerate(q.competences))),
        ("level", ((("levels", i, "id"), lv.id) for i, lv in enumerate(q.levels))),
        ("section", ((("sections", i, "id"), s.id) for i, s in enumerate(q.sections))),
        (
            "question",
            (
                (("sections", i, "questions", j, "id"), qu.id)
                for i, s in enumerate(q.sections)
                for j, qu in enumerate(s.questions)
            ),
        ),
        ("next_step", ((("next_steps", i, "id"), r.id) for i, r in enumerate(q.next_steps))),
    ]
    for i, s in enumerate(q.sections):
        for j, qu in enumerate(s.questions):
            base = ("sections", i, "questions", j, "options")
            opts = getattr(qu, "options", ())
            # a list, not a generator: `base` is read now, not once the loop has moved on
            ids: list[tuple[Path_, str]] = [((*base, k, "id"), o.id) for k, o in enumerate(opts)]
            if getattr(qu, "other", False):  # « Autre » comes last, named `other`
                ids.append(((*base[:-1], "other"), OTHER))
            groups.append(("option", ids))
    for what, items in groups:
        seen: Counter[str] = Counter()
        for path, ident in items:
            seen[ident] += 1
            if seen[ident] == 2:
                yield Issue(path, msg(f"ref.duplicate.{what}", id=ident))


def _levels(q: Questionnaire) -> Iterator[Issue]:
    if q.levels[0].min_percent != 0:
        yield Issue(("levels", 0, "min_percent"), msg("ref.first_level"))
    for i in range(1, len(q.levels)):
        if q.levels[i].min_percent <= q.levels[i - 1].min_percent:
            yield Issue(("levels", i, "min_percent"), msg("ref.levels_order"))


def _competences(q: Questionnaire) -> Iterator[Issue]:
    level_ids = [lv.id for lv in q.levels]
    scored = {c for qu in q.questions for o in qu.choices() for c, p in o.points.items() if p}
    for i, comp in enumerate(q.competences):
        for j, code in enumerate(comp.crcn):
            if code not in CRCN_CODES:
                yield Issue(("competences", i, "crcn", j), msg("ref.unknown_crcn", code=code))
        for j, code in enumerate(comp.digcomp):
            if code not in DIGCOMP_CODES:
                yield Issue(("competences", i, "digcomp", j), msg("ref.unknown_digcomp", code=code))
        for key in comp.by_level:
            if key not in level_ids:
                yield Issue(
                    ("competences", i, "by_level"),
                    msg("ref.unknown_level", id=key),
                    ("competences", i, "by_level", key),
                )
        missing = [lv for lv in level_ids if lv not in comp.by_level]
        if missing:
            yield Issue(("competences", i, "by_level"), msg("ref.no_statement", id=missing[0]))
        if comp.id not in scored:
            yield Issue(("competences", i, "id"), msg("ref.no_points", id=comp.id))


def _questions(q: Questionnaire) -> Iterator[Issue]:
    competences = {c.id for c in q.competences}
    earlier: set[str] = set()
    for i, s in enumerate(q.sections):
        for j, qu in enumerate(s.questions):
            base: Path_ = ("sections", i, "questions", j)
            if qu.show_if is not None:
                yield from _condition(q, qu.show_if, (*base, "show_if"), earlier)
            yield from _points(qu, base, competences)
            earlier.add(qu.id)


def _points(qu: object, base: Path_, competences: set[str]) -> Iterator[Issue]:
    places: list[tuple[Path_, Option | Step]] = []
    for k, opt in enumerate(getattr(qu, "options", ())):
        places.append(((*base, "options", k, "points"), opt))
    for key, step in getattr(qu, "answers", {}).items():
        places.append(((*base, "answers", key, "points"), step))
    for path, item in places:
        for comp in item.points:
            if comp not in competences:
                yield Issue(path, msg("ref.unknown_competence", id=comp), (*path, comp))


def _condition(
    q: Questionnaire, cond: Condition, path: Path_, allowed: set[str] | None
) -> Iterator[Issue]:
    """Check one condition; `allowed` limits it to earlier questions (None: any question)."""
    if cond.question is None:
        key = "all" if cond.all_ is not None else "any"
        for k, sub in enumerate(cond.all_ or cond.any_ or ()):
            yield from _condition(q, sub, (*path, key, k), allowed)
        return
    target = q.question_index.get(cond.question)
    if target is None:
        yield Issue((*path, "question"), msg("ref.unknown_question", id=cond.question))
        return
    if allowed is not None and cond.question not in allowed:
        yield Issue((*path, "question"), msg("ref.not_before", id=cond.question))
        return
    test, value = cond.test()
    if test == "answered":
        return  # anything can be given or not
    if isinstance(target, Value):
        yield from _on_value(cond, target, path, test, value)
        return
    if test.startswith("selected_"):
        if not isinstance(target, MultipleChoice):
            yield Issue((*path, test), msg("ref.count_not_multiple", id=cond.question))
        return
    option_ids = {o.id for o in target.choices()}
    if not option_ids:
        yield Issue((*path, "question"), msg("ref.no_options", id=cond.question))
        return
    if test not in {"any_of", "none_of"}:
        if not all(_is_number(o) for o in option_ids):
            yield Issue((*path, test), msg("ref.compare_names", id=cond.question))
        return
    for k, opt in enumerate(value):
        if opt not in option_ids:
            yield Issue((*path, test, k), msg("ref.no_option", id=cond.question, option=opt))


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _on_value(
    cond: Condition, target: Value, path: Path_, test: str, value: object
) -> Iterator[Issue]:
    """On a typed value: numbers compared with numbers; a date only given or not."""
    number = target.value_kind is not ValueKind.DATE
    if test.startswith("selected_") or not number:
        yield Issue((*path, test), msg("ref.compare_value", id=cond.question))
        return
    for k, given in enumerate(cond.any_of or cond.none_of or ()):
        if not _is_number(given):
            yield Issue((*path, test, k), msg("ref.compare_value", id=cond.question))


def _rules(q: Questionnaire) -> Iterator[Issue]:
    competences = {c.id for c in q.competences}
    thematiques = enumeration("thematiques")
    for i, rule in enumerate(q.next_steps):
        base: Path_ = ("next_steps", i)
        if rule.competence is not None and rule.competence not in competences:
            yield Issue((*base, "competence"), msg("ref.unknown_competence", id=rule.competence))
        if rule.level_at_most is not None and rule.level_at_most not in q.level_rank:
            yield Issue((*base, "level_at_most"), msg("ref.unknown_level", id=rule.level_at_most))
        if rule.when is not None:
            yield from _condition(q, rule.when, (*base, "when"), None)
        for k, theme in enumerate(rule.thematiques):
            if theme not in thematiques and theme not in RENAMED:  # pre-2025: mapped
                yield Issue((*base, "thematiques", k), msg("ref.unknown_thematique", id=theme))
