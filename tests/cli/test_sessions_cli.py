"""`evaluation sessions list|show` over a real database."""

from __future__ import annotations

import json
import re
from pathlib import Path

from evaluation.interview.answers import Answer, Status
from evaluation.machine.device import device_id
from evaluation.machine.paths import data_folder
from evaluation.questionnaire import Library, Questionnaire
from evaluation.questionnaire.model import Task
from evaluation.store import Store
from evaluation.structure.cra import AUTONOMIE_VALUES
from tests.cli.helpers import run


def seed(home: Path) -> tuple[str, str]:
    published = Library.discover().latest("diagnostic-base")
    assert published is not None
    q = published.questionnaire
    store = Store.open(data_folder(home).database, device_id(home))
    interview = store.start(q.id, q.version, published.sha256, "fr")
    first, second = q.questions[0], q.questions[1]
    store.save_answer(interview, first.id, Answer(Status.ANSWERED, (first.choices()[0].id,)), None)
    store.save_answer(interview, second.id, Answer(Status.DONT_KNOW), None)
    store.close()
    return interview, first.id


def test_list_json(home: Path) -> None:
    interview, _ = seed(home)
    out = run("sessions", "list", "--json", home=home)
    assert out.returncode == 0, out.stderr
    [row] = json.loads(out.stdout)
    assert row["id"] == interview
    assert row["answers"] == 2
    assert row["stage"] == "consent"


def test_show_json_has_answers_and_result(home: Path) -> None:
    interview, first = seed(home)
    out = run("sessions", "show", interview[:8], "--json", home=home)
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["interview"]["id"] == interview
    assert data["answers"][first]["status"] == "answered"
    assert "dont_know" in {a["status"] for a in data["answers"].values()}
    assert len(data["result"]["competences"]) == len(
        Library.discover().latest("diagnostic-base").questionnaire.competences  # type: ignore[union-attr]
    )


def test_show_human(home: Path) -> None:
    interview, _ = seed(home)
    out = run("sessions", "show", interview, home=home)
    assert out.returncode == 0, out.stderr
    assert f"entretien  {interview}" in out.stdout
    assert "Quels appareils utilisez-vous ?" in out.stdout  # the question, not `devices`


def answered_everything(home: Path) -> tuple[str, Questionnaire]:
    """Every question answered: each task `0` (not observed), the others their last
    option, the note typed."""
    published = Library.discover().latest("diagnostic-base")
    assert published is not None
    q = published.questionnaire
    store = Store.open(data_folder(home).database, device_id(home))
    interview = store.start(q.id, q.version, published.sha256, "fr")
    for question in q.questions:
        if isinstance(question, Task):
            given = Answer(Status.DONT_KNOW)
        elif question.choices():
            given = Answer(Status.ANSWERED, (question.choices()[-1].id,))
        else:
            given = Answer(Status.ANSWERED, text="Très à l'aise à l'oral")
        store.save_answer(interview, question.id, given, None)
    store.close()
    return interview, q


def test_show_says_everything_in_words_and_no_id(home: Path) -> None:
    """A person reads labels in their language: `with_someone`, `en_progres`,
    `partiellement_autonome` are for `--json` only."""
    interview, q = answered_everything(home)
    for lang in ("fr", "en"):
        out = run("--lang", lang, "sessions", "show", interview, home=home)
        assert out.returncode == 0, out.stderr
        shown = out.stdout
        for question in q.questions:
            assert question.text.get(lang) in shown
            if question.choices() and not isinstance(question, Task):
                assert question.choices()[-1].label.get(lang) in shown
        not_observed = {"fr": "pas pu l'observer", "en": "could not observe it"}[lang]
        assert shown.count(not_observed) == sum(isinstance(x, Task) for x in q.questions)
        ids = {
            *(o.id for x in q.questions for o in x.choices()),
            *(x.id for x in q.questions),
            *(level.id for level in q.levels),
            *(c.id for c in q.competences),
            *(rule.id for rule in q.next_steps),
            *AUTONOMIE_VALUES,
        }
        # An id is raw when it cannot be a word of a sentence: it has `_` or `-`, or
        # is a level's id (`debutant`, `autonome`).
        raw = {i for i in ids if re.search(r"[_-]", i)} | {level.id for level in q.levels}
        found = [i for i in raw if re.search(rf"(?<![\w-]){re.escape(i)}(?![\w-])", shown)]
        assert not found, found


def test_show_unknown_id_is_a_clear_error(home: Path) -> None:
    seed(home)
    out = run("sessions", "show", "nope", home=home)
    assert out.returncode == 1
    assert out.stderr.strip() == "aucun entretien dont l'identifiant commence par « nope »"


def test_corrupt_database_is_a_clear_error(home: Path) -> None:
    home.mkdir(parents=True)
    (home / "evaluation.sqlite3").write_bytes(b"garbage" * 1000)
    out = run("sessions", "list", home=home)
    assert out.returncode == 1
    assert "evaluation.sqlite3: ce fichier n'est pas une base de données" in out.stderr
    assert "Traceback" not in out.stderr


def test_global_db_option_uses_that_file(home: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.sqlite3"
    out = run("--db", str(other), "sessions", "list", "--json", home=home)
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout) == []
    assert other.exists()
    assert not (home / "evaluation.sqlite3").exists()
