"""Scoring: each question kind, show-if, skips and "je ne sais pas", next steps, properties."""

from __future__ import annotations

import json
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from evaluation.interview.answers import Answer, Status, visible_questions
from evaluation.interview.scoring import best_points, score
from evaluation.offers.catalogue import Catalogue, parse_catalogue
from evaluation.questionnaire import Library, Loaded, Questionnaire
from evaluation.questionnaire.model import Info, MultipleChoice, Note, SingleChoice


def answered(*choices: str) -> Answer:
    return Answer(Status.ANSWERED, tuple(choices))


DONT_KNOW = Answer(Status.DONT_KNOW)
SKIPPED = Answer(Status.SKIPPED)

BEST = {
    "devices": answered("smartphone", "computer"),
    "switch_on": answered("alone"),
    "password": answered("varied"),
    "scam_sms": answered("yes"),
    "updates": answered("often"),
    "wishes": answered("phone"),
    "remark": Answer(Status.ANSWERED, text="Très à l'aise."),
}


def test_every_kind_scores_its_best(mini: Loaded) -> None:
    result = score(mini.questionnaire, BEST)
    device, safety = result.competence("device"), result.competence("safety")
    # multiple (1+1) + task (2) + frequency (2)
    assert (device.points, device.max_points, device.counted, device.level_id) == (6, 6, 3, "high")
    # single (2) + yes/no (1) + frequency (2)
    assert (safety.points, safety.max_points, safety.counted, safety.level_id) == (5, 5, 3, "high")
    assert (result.level_id, result.autonomie) == ("high", "autonome")
    assert result.materiel == ("ordinateur", "telephone")


def test_lowest_answers(mini: Loaded) -> None:
    answers = {
        "devices": answered("smartphone"),
        "switch_on": answered("failed"),
        "password": answered("same"),
        "scam_sms": answered("no"),
        "updates": answered("never"),
    }
    result = score(mini.questionnaire, answers)
    device, safety = result.competence("device"), result.competence("safety")
    assert (device.points, device.max_points, device.level_id) == (1, 6, "low")
    assert (safety.points, safety.max_points, safety.level_id) == (0, 5, "low")
    assert result.autonomie == "entierement_accompagne"


def test_show_if_hides_the_smartphone_task(mini: Loaded) -> None:
    answers = {**BEST, "devices": answered("computer")}
    shown = [q.id for q in visible_questions(mini.questionnaire, answers)]
    assert "switch_on" not in shown
    device = score(mini.questionnaire, answers).competence("device")
    # The stale task answer is ignored: multiple (1 of 2) + frequency (2 of 2).
    assert (device.points, device.max_points, device.counted) == (3, 4, 2)


def test_show_if_on_a_question_not_answered_hides(mini: Loaded) -> None:
    for answer in (None, SKIPPED, DONT_KNOW):
        answers = {} if answer is None else {"devices": answer}
        shown = [q.id for q in visible_questions(mini.questionnaire, answers)]
        assert "switch_on" not in shown


def test_dont_know_counts_with_no_points(mini: Loaded) -> None:
    answers = {**BEST, "password": DONT_KNOW}
    safety = score(mini.questionnaire, answers).competence("safety")
    assert (safety.points, safety.max_points, safety.counted, safety.dont_know) == (3, 5, 3, 1)


def test_skip_does_not_count_at_all(mini: Loaded) -> None:
    answers = {**BEST, "password": SKIPPED}
    safety = score(mini.questionnaire, answers).competence("safety")
    assert (safety.points, safety.max_points, safety.counted) == (3, 3, 2)
    assert safety.level_id == "high"


def test_too_few_answers_is_not_assessed(mini: Loaded) -> None:
    answers = {"password": answered("varied"), "scam_sms": SKIPPED, "updates": SKIPPED}
    result = score(mini.questionnaire, answers)
    safety = result.competence("safety")
    assert safety.counted == 1
    assert not safety.assessed
    assert result.level_id is None


def test_overall_level_is_the_mean_share(mini: Loaded) -> None:
    answers = {
        "devices": answered("smartphone", "computer"),
        "switch_on": answered("alone"),
        "password": answered("same"),
        "scam_sms": answered("no"),
        "updates": answered("sometimes"),
    }
    result = score(mini.questionnaire, answers)
    assert result.competence("device").share == Fraction(5, 6)
    assert result.competence("safety").share == Fraction(1, 5)
    # (5/6 + 1/5) / 2 = 31/60, just over the 50 % of "high".
    assert result.level_id == "high"
    low = score(mini.questionnaire, {**answers, "switch_on": answered("with_help")})
    # (4/6 + 1/5) / 2 = 26/60, under 50 %.
    assert low.level_id == "low"


def catalogue(*records: dict[str, Any]) -> Catalogue:
    base = {
        "source": "test",
        "structure_id": "s",
        "description": "Un service.",
        "date_maj": "2026-01-01",
    }
    return parse_catalogue(json.dumps([{**base, **r} for r in records]).encode(), "t.json")


FUNDAMENTALS = "numerique--maitriser-les-fondamentaux-du-numerique"
ONLINE = "numerique--acceder-a-des-services-en-ligne"


def test_next_steps_order_and_services(mini: Loaded) -> None:
    offers = catalogue(
        {"id": "paid", "nom": "Cours payant", "thematiques": [FUNDAMENTALS], "frais": "payant"},
        {"id": "free", "nom": "Atelier gratuit", "thematiques": [FUNDAMENTALS], "frais": "gratuit"},
        {"id": "fs", "nom": "France Services", "thematiques": [ONLINE, FUNDAMENTALS]},
        {
            "id": "other",
            "nom": "Sans rapport",
            "thematiques": ["logement-hebergement--changer-de-logement"],
        },
    )
    answers = {
        "devices": answered("computer"),
        "password": answered("same"),
        "scam_sms": answered("no"),
        "updates": answered("never"),
        "wishes": answered("admin"),
    }
    result = score(mini.questionnaire, answers, offers, max_services=2)
    # Asked for first; then both weak competences, higher priority first.
    assert [s.rule_id for s in result.next_steps] == ["paperwork", "safety", "basics"]
    assert result.next_steps[0].service_ids == ("fs",)
    # "fs" already leads the first step, so the second step leads with another service.
    assert result.next_steps[1].service_ids == ("free", "paid")
    assert result.next_steps[0].structure == "aide_aux_demarches_administratives"


def test_no_next_step_for_strong_competences(mini: Loaded) -> None:
    assert score(mini.questionnaire, BEST).next_steps == ()


# --- properties, over the test questionnaire and every shipped one -------------------


def questionnaires() -> list[Questionnaire]:
    from evaluation.questionnaire import load_file
    from tests.conftest import MINI

    return [load_file(MINI).questionnaire] + [p.questionnaire for p in Library.discover().all()]


QUESTIONNAIRES = questionnaires()


@st.composite
def answer_sets(draw: st.DrawFn, q: Questionnaire) -> dict[str, Answer]:
    answers: dict[str, Answer] = {}
    for question in q.questions:
        how = draw(st.sampled_from(["absent", "skip", "dont_know", "answer"]))
        if how == "skip":
            answers[question.id] = SKIPPED
        elif how == "dont_know":
            answers[question.id] = DONT_KNOW
        elif how == "answer":
            answers[question.id] = draw(answer_for(question))
    return answers


def answer_for(question: Any) -> st.SearchStrategy[Answer]:
    ids = [o.id for o in question.choices()]
    if isinstance(question, Note):
        return st.text(max_size=20).map(lambda t: Answer(Status.ANSWERED, text=t))
    if isinstance(question, Info):
        return st.just(Answer(Status.ANSWERED))  # shown
    if isinstance(question, MultipleChoice):
        return st.lists(st.sampled_from(ids), unique=True).map(
            lambda c: Answer(Status.ANSWERED, tuple(c))
        )
    return st.sampled_from(ids).map(lambda c: Answer(Status.ANSWERED, (c,)))


@pytest.mark.parametrize("q", QUESTIONNAIRES, ids=lambda q: q.id)
@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_scoring_is_deterministic(q: Questionnaire, data: st.DataObject) -> None:
    answers = data.draw(answer_sets(q))
    shuffled = dict(reversed(list(answers.items())))
    assert score(q, answers) == score(q, shuffled)


@pytest.mark.parametrize("q", QUESTIONNAIRES, ids=lambda q: q.id)
@settings(max_examples=40, deadline=None)
@given(how=st.sampled_from([None, Status.SKIPPED]))
def test_everything_skipped_is_not_assessed(q: Questionnaire, how: Status | None) -> None:
    answers = {} if how is None else {question.id: Answer(how) for question in q.questions}
    result = score(q, answers)
    assert all(not c.assessed and c.counted == 0 for c in result.competences)
    assert (result.level_id, result.autonomie) == (None, None)


def conditioned(q: Questionnaire) -> set[str]:
    used: set[str] = set()
    for question in q.questions:
        if question.show_if is not None:
            used.update(question.show_if.questions())
    return used


@pytest.mark.parametrize("q", QUESTIONNAIRES, ids=lambda q: q.id)
@settings(max_examples=80, deadline=None)
@given(data=st.data())
def test_more_points_never_lower_a_level(q: Questionnaire, data: st.DataObject) -> None:
    answers = data.draw(answer_sets(q))
    candidates = [
        question
        for question in q.questions
        if question.id not in conditioned(q)
        and not isinstance(question, MultipleChoice | Note)
        and any(best_points(question, c.id) for c in q.competences)
    ]
    question = data.draw(st.sampled_from(candidates))
    options = question.choices()
    low, high = data.draw(st.sampled_from(options)), data.draw(st.sampled_from(options))
    if not all(high.points.get(c.id, 0) >= low.points.get(c.id, 0) for c in q.competences):
        low, high = high, low
    if not all(high.points.get(c.id, 0) >= low.points.get(c.id, 0) for c in q.competences):
        return  # neither option dominates the other: nothing to compare
    before = score(q, {**answers, question.id: answered(low.id)})
    after = score(q, {**answers, question.id: answered(high.id)})
    rank = q.level_rank
    for b, a in zip(before.competences, after.competences, strict=True):
        assert a.points >= b.points
        if b.level_id is not None:
            assert a.level_id is not None
            assert rank[a.level_id] >= rank[b.level_id]
    if before.level_id is not None:
        assert after.level_id is not None
        assert rank[after.level_id] >= rank[before.level_id]


def test_single_choice_kind_is_covered(mini: Loaded) -> None:
    kinds = {type(q).__name__ for q in mini.questionnaire.questions}
    assert kinds == {"MultipleChoice", "Task", "SingleChoice", "YesNo", "Frequency", "Note", "Info"}
    assert isinstance(mini.questionnaire.question_index["password"], SingleChoice)
