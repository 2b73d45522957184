"""Scoring per interview, before and after its tables were compiled, in one run.

uv run python benchmarks/scoring.py --interviews 2000

"Before" is `evaluation/interview/scoring.py` as it stood at `--before` (a git revision, read with
`git show` and loaded beside the current one); both score the same demo interviews with
the same questionnaire, and must give the same results. Also the whole refresh (answers
read from SQLite, scored, stored), per interview. Target: at least 10× faster.
"""

from __future__ import annotations

import argparse
import gc
import importlib.util
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

from evaluation.demo import fill
from evaluation.interview.scoring import score
from evaluation.machine.paths import data_folder
from evaluation.store.scores import refresh_scores
from evaluation.workspace import DEFAULT_QUESTIONNAIRE, open_workspace

BEFORE = "45e9065"  # main before issue 16


def old_scoring(revision: str, root: Path) -> ModuleType:
    source = subprocess.run(
        ["git", "show", f"{revision}:evaluation/interview/scoring.py"],
        check=True,
        capture_output=True,
        text=True,
        cwd=Path(__file__).parent,
    ).stdout
    path = root / "scoring_before.py"
    path.write_text(source, encoding="utf-8")
    spec = importlib.util.spec_from_file_location("scoring_before", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["scoring_before"] = module
    spec.loader.exec_module(module)
    return module


def timed(fn: Callable[[], Any]) -> float:
    """How long `fn` takes, in ms, after a garbage collection (as a fresh run starts)."""
    gc.collect()
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1000


@dataclass(frozen=True)
class ScoringFigures:
    """What one run of this benchmark measured (ms per interview)."""

    before: str  # the git revision of the old scoring
    old_ms: float
    new_ms: float
    refresh_ms: float
    interviews: int
    runs: int

    @property
    def faster(self) -> float:
        return self.old_ms / self.new_ms


def measure(interviews: int, runs: int, revision: str = BEFORE) -> ScoringFigures:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        before = old_scoring(revision, root)
        folder = data_folder(root / "home")
        workspace = open_workspace(folder, folder.database)
        published = workspace.library.latest(DEFAULT_QUESTIONNAIRE)
        assert published is not None
        fill(workspace.store, published, interviews)
        store = workspace.store
        ids = [r["id"] for r in store.query("SELECT id FROM interviews")]
        answers = store.answers_of(ids)
        q = published.questionnaire
        for interview_id in ids:  # the same results, or the comparison means nothing
            old, new = (
                before.score(q, answers.get(interview_id, {})),
                score(q, answers.get(interview_id, {})),
            )
            assert repr(old) == repr(new), interview_id
        olds, news = [], []
        for _ in range(runs):  # interleaved: the machine's load touches both alike
            olds.append(timed(lambda: [before.score(q, answers.get(i, {})) for i in ids]))
            news.append(timed(lambda: [score(q, answers.get(i, {})) for i in ids]))

        def rescore() -> None:
            with store.transaction() as db:
                db.execute("DELETE FROM scores")
            refresh_scores(store, workspace.published_for)

        refresh = statistics.median(timed(rescore) for _ in range(runs))
        store.close()
    return ScoringFigures(
        before=revision,
        old_ms=statistics.median(olds) / len(ids),
        new_ms=statistics.median(news) / len(ids),
        refresh_ms=refresh / len(ids),
        interviews=len(ids),
        runs=runs,
    )


def show(f: ScoringFigures) -> None:
    print(f"scoring one interview, before ({f.before}): {f.old_ms:.3f} ms")
    print(f"scoring one interview, now: {f.new_ms:.3f} ms  ({f.faster:.1f}× faster, target ≥ 10×)")
    print(f"whole refresh per interview (read, score, store): {f.refresh_ms:.3f} ms")
    print(f"over {f.interviews} demo interviews, median of {f.runs} runs")


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--interviews", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--before", default=BEFORE, help="git revision of the old scoring")
    args = parser.parse_args()
    show(measure(args.interviews, args.runs, args.before))


if __name__ == "__main__":
    main()
