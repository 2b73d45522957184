"""The last answer and the finish, the way before issue 24 and today, in the same run.

Before: the last answer was committed, then its stage in a second transaction; the
results screen, its steps, the sheet and the finish each scored the interview again,
and the finish read the answers back to score them once more. Today: one transaction
for the answer and its stage, the session's result scored once and shared, the stage
and the scores stored together from it. Both paths run on real database files, on the
same interviews, interleaved; the calls of `scoring.score` are counted. Run:

    uv run python benchmarks/scored_once.py --interviews 30
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from machine import load, said_load

import evaluation.interview.scoring
import evaluation.session
import evaluation.store.scores
from evaluation.interview.answers import Answer, Status
from evaluation.interview.flow import Flow
from evaluation.interview.record import Stage
from evaluation.machine.paths import data_folder
from evaluation.operations import interviews
from evaluation.operations.results import kept_steps, step_choices
from evaluation.operations.sheets import sheet_content
from evaluation.session import Session
from evaluation.store.scores import refresh_scores
from evaluation.workspace import open_workspace

CALLS: list[int] = [0]
_real_score = evaluation.interview.scoring.score


def _counted(*args: object, **kwargs: object) -> evaluation.interview.scoring.Result:
    CALLS[0] += 1
    return _real_score(*args, **kwargs)  # type: ignore[arg-type]


def _scoring_every_time(session: Session) -> evaluation.interview.scoring.Result:
    """`Session.result` as it was: scored at every call."""
    session._scored = None  # nothing kept between two calls
    return Session.result(session)


def last_answer_before(session: Session, question_id: str, given: Answer) -> None:
    """`operations.interviews.answer` as it was for the last answer: two transactions."""
    assert session.published is not None
    answers = {**session.answers, question_id: given}
    next_id = Flow(session.published.questionnaire, answers).after(question_id)
    store = session.workspace.store
    store.save_answer(session.id, question_id, given, next_id)
    if next_id is None:
        store.set_position(session.id, None, Stage.RESULTS)
    session.set_answer(question_id, given)
    session.apply(session.stored())


def finish_before(session: Session) -> None:
    """Results screen, its steps, the sheet's content, then the finish, as it was: each
    scored again; the finish committed, then the answers read back and scored."""
    session.result()
    step_choices(session, session.lang)
    steps = kept_steps(session)
    sheet_content(session, steps)
    session.workspace.store.finish(session.id, steps)
    refresh_scores(session.workspace.store, session.workspace.published_for)
    session.apply(session.stored())


def answer_now(session: Session, question_id: str, given: Answer) -> None:
    session.apply(interviews.answer(session, question_id, given).saved)


def finish_now(session: Session) -> None:
    session.result()
    step_choices(session, session.lang)
    steps = kept_steps(session)
    sheet_content(session, steps)
    session.apply(interviews.finish(session, steps))


def play(home: Path, old: bool, answer_times: list[float], finish_times: list[float]) -> int:
    """One interview: every question answered (the last one timed), then finished
    (timed); the calls of `scoring.score` it made."""
    folder = data_folder(home)
    workspace = open_workspace(folder, folder.database)
    session = interviews.start(workspace, "fr")
    session.apply(interviews.consent(session, True))
    if old:  # as it was: no result kept between two calls
        session.result = lambda: _scoring_every_time(session)  # type: ignore[method-assign]
    assert session.published is not None
    questions = [q for q in session.published.questionnaire.questions if q.choices()]
    CALLS[0] = 0
    for question in questions[:-1]:
        given = Answer(Status.ANSWERED, (question.choices()[0].id,))
        answer_now(session, question.id, given)
    last = questions[-1]
    given = Answer(Status.ANSWERED, (last.choices()[0].id,))
    step: Callable[[Session, str, Answer], object] = last_answer_before if old else answer_now
    start = time.perf_counter()
    step(session, last.id, given)
    answer_times.append((time.perf_counter() - start) * 1000)
    start = time.perf_counter()
    (finish_before if old else finish_now)(session)
    finish_times.append((time.perf_counter() - start) * 1000)
    assert session.record.stage is Stage.FINISHED
    workspace.store.close()
    return CALLS[0]


def summary(ms: list[float]) -> str:
    return f"median {statistics.median(ms):7.2f} ms   (n={len(ms)})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--interviews", type=int, default=30)
    args = parser.parse_args()
    before_load = load()
    # The session and the store's scores import it where they call it.
    evaluation.interview.scoring.score = _counted
    answer: dict[bool, list[float]] = {True: [], False: []}
    finish: dict[bool, list[float]] = {True: [], False: []}
    calls: dict[bool, list[int]] = {True: [], False: []}
    with tempfile.TemporaryDirectory() as tmp:
        for n in range(args.interviews):
            for old in (n % 2 == 0, n % 2 == 1):  # interleaved, each first in turn
                home = Path(tmp) / f"{'old' if old else 'new'}{n}"
                calls[old].append(play(home, old, answer[old], finish[old]))
    for old, name in ((True, "before"), (False, "now   ")):
        print(f"{name} last answer (saved, stage, read back): {summary(answer[old])}")
        print(f"{name} results, steps, sheet content, finish: {summary(finish[old])}")
        print(f"{name} calls of scoring.score per interview: {max(calls[old])}")
    ratio = statistics.median(finish[True]) / statistics.median(finish[False])
    print(f"finish before / now: {ratio:.2f} x")
    print(said_load(before_load))


if __name__ == "__main__":
    main()
