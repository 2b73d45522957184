"""The shipped default questionnaire: its shape, its languages, and how it scores."""

from __future__ import annotations

from collections import Counter

from evaluation.answers import Answer, Status, visible_questions
from evaluation.catalogue import load_catalogue
from evaluation.questionnaire import Library, Questionnaire
from evaluation.questionnaire.model import MultipleChoice, Note, Task
from evaluation.questionnaire.text import Text
from evaluation.scoring import best_points, score


def diagnostic() -> Questionnaire:
    published = Library.discover().latest("diagnostic-base")
    assert published is not None
    return published.questionnaire


def texts(node: object) -> list[Text]:
    """Every Text reachable from a model, to check translations."""
    found: list[Text] = []
    if isinstance(node, Text):
        return [node]
    if isinstance(node, tuple | list):
        for item in node:
            found += texts(item)
    elif isinstance(node, dict):
        for item in node.values():
            found += texts(item)
    elif hasattr(node, "__pydantic_fields__"):
        for name in type(node).model_fields:  # type: ignore[attr-defined]
            found += texts(getattr(node, name))
    return found


def test_shape() -> None:
    q = diagnostic()
    assert (q.id, q.version) == ("diagnostic-base", 1)
    assert 20 <= len(q.questions) <= 28
    assert len(q.competences) == 6
    assert [lv.autonomie for lv in q.levels][-1] == "autonome"
    assert len(q.levels) == 4
    kinds = Counter(type(question).__name__ for question in q.questions)
    assert set(kinds) == {"SingleChoice", "MultipleChoice", "YesNo", "Frequency", "Task", "Note"}
    assert kinds["Task"] >= 3


def test_every_text_has_french_and_english() -> None:
    q = diagnostic()
    all_texts = texts(q)
    assert len(all_texts) > 100
    assert [t.fr for t in all_texts if not t.en] == []


def test_equipment_gives_cra_materiel() -> None:
    q = diagnostic()
    materiel = {m for question in q.questions for o in question.choices() for m in o.materiel}
    assert {"telephone", "ordinateur", "aucun"} <= materiel


def no_smartphone_answers(q: Questionnaire) -> dict[str, Answer]:
    """Someone who answers every question with the option that carries no smartphone."""
    answers: dict[str, Answer] = {}
    for question in q.questions:
        options = [o for o in question.choices() if "telephone" not in o.materiel]
        if isinstance(question, Note):
            answers[question.id] = Answer(Status.ANSWERED, text="")
        elif isinstance(question, MultipleChoice):
            none = [o.id for o in options if "aucun" in o.materiel or "telephone" in o.id]
            answers[question.id] = Answer(Status.ANSWERED, tuple(none[:1]))
        elif options:
            answers[question.id] = Answer(Status.ANSWERED, (options[-1].id,))
    return answers


def test_no_smartphone_tasks_for_someone_without_a_smartphone() -> None:
    q = diagnostic()
    answers = no_smartphone_answers(q)
    shown = visible_questions(q, answers)
    hidden = [question for question in q.questions if question not in shown]
    assert hidden, "some questions must depend on the equipment"
    assert any(isinstance(question, Task) for question in hidden)
    result = score(q, answers)
    # Every competence can still be assessed without a smartphone.
    assert all(c.assessed for c in result.competences), result.competences


def test_every_competence_has_points_to_give() -> None:
    q = diagnostic()
    for comp in q.competences:
        assert sum(best_points(question, comp.id) for question in q.questions) > 0


def test_every_rule_finds_a_service_in_the_sample_catalogue() -> None:
    q = diagnostic()
    catalogue = load_catalogue()
    for rule in q.next_steps:
        matching = [
            s for s in catalogue.services if set(rule.thematiques) & set(s.thematiques or ())
        ]
        assert matching, rule.id


def test_a_beginner_gets_next_steps_with_services() -> None:
    q = diagnostic()
    lowest: dict[str, Answer] = {}
    for question in q.questions:
        options = question.choices()
        if options and not isinstance(question, MultipleChoice):
            worst = min(options, key=lambda o: sum(o.points.values()))
            lowest[question.id] = Answer(Status.ANSWERED, (worst.id,))
    result = score(q, lowest, load_catalogue())
    assert result.autonomie == "entierement_accompagne"
    assert result.next_steps
    assert all(step.service_ids for step in result.next_steps)
