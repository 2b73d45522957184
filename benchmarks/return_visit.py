"""Keys and questions of a returning visitor's interview against a first visit.

Each visitor is already alone (« Autonome ») in a few competences, drawn at random, and
a beginner in the others. Their first visit is keyed through the real app with
Textual's Pilot on one data folder (the answers worth the most points in the
competences they do alone, the least elsewhere); the sheet's code is read back from the
PDF with pdftotext; the second visit, on another data folder, types that code on the
consent screen, accepts to pass the questions of what they already do alone, and
answers the rest at their best. Every key pressed is counted, from the home screen to
the finished interview. Run:

    uv run python benchmarks/return_visit.py --visitors 5
"""

from __future__ import annotations

import argparse
import asyncio
import random
import re
import statistics
import subprocess
import tempfile
from pathlib import Path

from machine import load, said_load
from textual.pilot import Pilot

from evaluation.interview.scoring import main_competence
from evaluation.questionnaire.model import MultipleChoice
from evaluation.tui.screens.question import QuestionScreen
from tests.tui.driver import SIZE, make_app, question, settle

COMPETENCES = (
    "device", "information", "communication", "online_services", "safety", "troubleshooting"
)  # fmt: skip
CODE = re.compile(r"\b[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z*~$=](?![0-9A-Z])")


class Keys:
    """Presses keys through Pilot and counts them."""

    def __init__(self, pilot: Pilot[None]) -> None:
        self.pilot = pilot
        self.count = 0

    async def __call__(self, *keys: str) -> None:
        for key in keys:
            self.count += 1
            await self.pilot.press(key)
            await settle(self.pilot)


async def answer(keys: Keys, alone: frozenset[str], best_everywhere: bool) -> None:
    screen = question(keys.pilot)
    q = screen.question
    best = best_everywhere or main_competence(q, COMPETENCES) in alone
    options = q.choices()
    worth = [sum(o.points.values()) for o in options]
    if options and not isinstance(q, MultipleChoice):
        await keys(str(worth.index(max(worth) if best else min(worth)) + 1), "enter")
    elif options:
        ticked = [n for n, w in enumerate(worth, 1) if w > 0 and best] or [1]
        await keys(*(str(n) for n in ticked), "enter")
    elif q.kind == "info":
        await keys("enter")
    else:
        await keys("o", "k", "enter")


async def visit(home: Path, alone: frozenset[str], code: str | None) -> tuple[int, int]:
    """(keys, questions) of one interview from the home screen to its end."""
    app = make_app(home)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        keys = Keys(pilot)
        await keys("1")
        if code is not None:
            await keys("c", *code, "enter")
        await keys("n")
        if code is not None and not isinstance(app.screen, QuestionScreen):
            await keys("o")  # pass the questions of what they already do alone
        asked = 0
        while isinstance(app.screen, QuestionScreen) and asked < 60:
            await answer(keys, alone, best_everywhere=code is not None)
            asked += 1
        await keys("f")
    return keys.count, asked


def code_on_sheet(home: Path) -> str:
    """Write the finished interview's sheet (as `i` on its results would) and read its
    code back from the PDF with pdftotext."""
    from evaluation.machine.paths import data_folder
    from evaluation.operations.sheets import write_sheet
    from evaluation.session import Session
    from evaluation.workspace import open_workspace

    folder = data_folder(home)
    workspace = open_workspace(folder, folder.database)
    [record] = workspace.store.interviews()[:1]
    pdf = write_sheet(Session.load(workspace, record.id))
    workspace.store.close()
    done = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True)
    return str(CODE.findall(done.stdout)[0])


async def main(visitors: int, seed: int) -> None:
    before = load()
    chance = random.Random(seed)
    first_keys: list[int] = []
    first_questions: list[int] = []
    back_keys: list[int] = []
    back_questions: list[int] = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in range(visitors):
            alone = frozenset(chance.sample(COMPETENCES, chance.randint(1, 4)))
            one, two = Path(tmp) / f"{n}-laptop-1", Path(tmp) / f"{n}-laptop-2"
            keys, asked = await visit(one, alone, None)
            code = code_on_sheet(one)
            again, asked_again = await visit(two, alone, code)
            first_keys.append(keys)
            first_questions.append(asked)
            back_keys.append(again)
            back_questions.append(asked_again)
            print(f"visitor {n + 1}: alone in {len(alone)}; first {keys} keys / {asked} questions;"
                  f" back {again} keys / {asked_again} questions (code {code})")  # fmt: skip
    print(f"first visit:     keys median {statistics.median(first_keys)},"
          f" questions median {statistics.median(first_questions)}")  # fmt: skip
    print(f"returning visit: keys median {statistics.median(back_keys)},"
          f" questions median {statistics.median(back_questions)}"
          " (typing the code: c, 11 characters, Enter)")  # fmt: skip
    ratio = statistics.median(b / f for b, f in zip(back_questions, first_questions, strict=True))
    print(f"questions asked, returning / first: {ratio:.2f} (median per visitor)")
    print(said_load(before))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--visitors", type=int, default=5)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    asyncio.run(main(args.visitors, args.seed))
