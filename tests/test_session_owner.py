"""Operations return values; only the thread that owns a `Session` (the face's) changes
it. The TUI runs operations in worker threads while the screen reads the session: an
operation that changed it there raced what the screen shows."""

from __future__ import annotations

import ast
from pathlib import Path

from evaluation.interview.answers import Answer, Status
from evaluation.machine.paths import data_folder
from evaluation.operations import interviews
from evaluation.workspace import open_workspace

OPERATIONS = Path(__file__).resolve().parents[1] / "evaluation" / "operations"
CHANGES = {"apply", "set_answer", "reload"}  # the session's own ways to change


def test_an_operation_leaves_the_session_to_its_owner(home: Path) -> None:
    folder = data_folder(home)
    session = interviews.start(open_workspace(folder, folder.database), "fr")
    consented = interviews.consent(session, True)
    assert session.record.consent_given is None  # stored, not yet applied
    session.apply(consented)
    assert session.record.consent_given
    assert session.published is not None
    first = session.published.questionnaire.questions[0].id
    answered = interviews.answer(session, first, Answer(Status.DONT_KNOW))
    noted = interviews.save_note(session, first, "carnet")
    assert session.answers == {} and session.notes == {}
    session.apply(answered.saved).apply(noted)
    assert session.answers == {first: Answer(Status.DONT_KNOW)}
    assert session.notes == {first: "carnet"}
    assert session.record.position == answered.next_id


def changes_of_a_given_session(source: str) -> list[int]:
    """Lines where a function changes the `session` it was given (a session it made
    itself is its own to change)."""
    found = []
    for function in ast.walk(ast.parse(source)):
        if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        if "session" not in {a.arg for a in function.args.args}:
            continue
        for node in ast.walk(function):
            targets = node.targets if isinstance(node, ast.Assign) else []
            if isinstance(node, ast.AugAssign | ast.AnnAssign):
                targets = [node.target]
            for target in targets:
                if isinstance(target, ast.Subscript | ast.Attribute) and ast.unparse(
                    target
                ).startswith(("session.", "session[")):
                    found.append(target.lineno)
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr in CHANGES | {"pop", "update", "clear"}
                and "session" in ast.unparse(node.func.value).split(".")[:1]
            ):
                found.append(node.lineno)
    return sorted(found)


def test_no_operation_changes_the_session_it_is_given() -> None:
    found = {
        path.name: lines
        for path in sorted(OPERATIONS.glob("*.py"))
        if (lines := changes_of_a_given_session(path.read_text(encoding="utf-8")))
    }
    assert found == {}


def test_a_change_planted_in_an_operation_is_found() -> None:
    planted = (
        "def save_note(session, question_id, note):\n"
        "    session.notes[question_id] = note\n"
        "def answer(session, question_id, given):\n"
        "    session.set_answer(question_id, given)\n"
        "    session.record = None\n"
        "def own(workspace):\n"
        "    session = load(workspace)\n"
        "    session.apply(saved)\n"
    )
    assert changes_of_a_given_session(planted) == [2, 4, 5]
