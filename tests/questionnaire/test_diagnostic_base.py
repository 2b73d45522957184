"""The shipped default questionnaire: its shape, its languages, and how it scores."""

from __future__ import annotations

from collections import Counter

from evaluation.interview.answers import Answer, Status, visible_questions
from evaluation.interview.scoring import best_points, score
from evaluation.offers.catalogue import load_catalogue
from evaluation.questionnaire import Library, Questionnaire
from evaluation.questionnaire.model import MultipleChoice, Note, Task
from evaluation.questionnaire.text import Text


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
    assert (q.id, q.version) == ("diagnostic-base", 3)
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


def test_the_first_version_is_never_changed() -> None:
    """Interviews are pinned to a version's sha256: extending the format must never change
    the content hash of a version already published."""
    v1 = Library.discover().get("diagnostic-base", 1)
    assert v1 is not None
    assert v1.sha256 == "78a5413e80c11d437c3e5903e63d6c7950148ddf761c87b988684967cfd0dc57"


def test_none_answers_exclude_the_others_and_never_stand_beside_a_device() -> None:
    q = diagnostic()
    devices = q.question_index["devices"]
    accounts = q.question_index["accounts"]
    assert [o.id for o in devices.choices() if o.exclusive] == ["none"]
    assert [o.id for o in accounts.choices() if o.exclusive] == ["none"]
    both = {"devices": Answer(Status.ANSWERED, ("smartphone", "none"))}  # e.g. from paper
    assert score(q, both).materiel == ("telephone",)
    assert score(q, {"devices": Answer(Status.ANSWERED, ("none",))}).materiel == ("aucun",)


def test_the_sheet_words_come_from_the_answers() -> None:
    """Someone without an e-mail she can open is not told she exchanges by e-mail, and
    someone who already makes video calls is not told to learn it."""
    q = diagnostic()
    answers = {
        "messaging": Answer(Status.ANSWERED, ("sms", "video")),
        "email_account": Answer(Status.ANSWERED, ("no",)),
        "attachment": Answer(Status.ANSWERED, ("never",)),
    }
    communication = score(q, answers).competence("communication")
    assert [t.fr for t in communication.can_do] == ["envoyer des SMS", "passer des appels vidéo"]
    assert [t.fr for t in communication.next] == [
        "avoir une adresse e-mail et savoir l'ouvrir",
        "envoyer un document en pièce jointe",
    ]


def test_near_duplicate_steps_are_proposed_once() -> None:
    q = diagnostic()
    answers = {
        "wishes": Answer(Status.ANSWERED, ("stay_safe", "use_device", "admin_online")),
        "passwords": Answer(Status.ANSWERED, ("same",)),
        "task_scam": Answer(Status.ANSWERED, ("failed",)),
        "give_codes": Answer(Status.ANSWERED, ("often",)),
    }
    proposed = [s.rule_id for s in score(q, answers).next_steps]
    assert "safety-wish" in proposed and "safety-workshop" not in proposed  # asked for wins
    assert len({"device-basics", "device-wish"} & set(proposed)) == 1
    assert len({"admin-learn", "admin-help"} & set(proposed)) == 1
