"""Keystrokes and time to key a filled paper form into the app.

Forms are "typical" diagnostic-base forms: the answers of the demo data's visitors
(`evaluation.demo`, each with a hidden ease that shapes every answer; 80 % consent; a
commune written on two forms in three, keyed as its postcode), turned into the keys a
mediator types: the form number and Ctrl+S (the form's top opens again after each form; `8` on the
home screen once for the stack), then one line
per item, then Enter on the check. Each form is keyed through the real app with
Textual's Pilot on a real database file, and the stored answers are compared with the
form's. The same answers given on screen are counted for comparison (a digit and Enter
per question). Run:

    uv run python benchmarks/paper_entry.py --forms 40
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from textual import events

from evaluation.demo import COMMUNES, Visitor, _answers
from evaluation.interview.answers import Answer, Status, visible_questions
from evaluation.interview.paper_keying import PROFILE_VALUES
from evaluation.machine.paths import data_folder
from evaluation.questionnaire import Library, Questionnaire
from evaluation.questionnaire.model import MultipleChoice, Note
from evaluation.tui.screens import paper_entry as entry_screen
from evaluation.tui.screens.paper_entry import PaperEntryScreen
from evaluation.workspace import open_workspace
from tests.tui.driver import SIZE, make_app, settle

TARGET = 40


def form_keys(
    q: Questionnaire, consent: bool, profile: dict[str, int], postcode: str | None,
    answers: dict[str, Answer], number: int,
) -> tuple[list[str], list[str], list[str]]:  # fmt: skip
    """(top of the form, consent and profile, questions and the final check) as keys."""
    # The form's top opens after the previous form with the next number offered.
    top = [*str(number), "ctrl+s"] if number == 1 else ["ctrl+s"]
    first = ["1" if consent else "2"]
    if consent:
        first += [str(profile["age_band"]), str(profile["social_status"])]
        first += [*(postcode or ""), "enter"]
    lines: list[str] = []
    for question in visible_questions(q, answers):
        answer = answers.get(question.id)
        options = [o.id for o in question.choices()]
        if isinstance(question, Note):
            lines += [*(answer.text or "" if answer else ""), "enter"]
        elif answer is None or answer.status is Status.SKIPPED:
            lines.append("enter")  # left blank on the form
        elif answer.status is Status.DONT_KNOW:
            lines.append("0")
        elif isinstance(question, MultipleChoice):
            lines += [*(str(options.index(c) + 1) for c in answer.choices), "enter"]
        else:
            lines.append(str(options.index(answer.choices[0]) + 1))
    return top, first, [*lines, "enter"]


def as_on_screen(q: Questionnaire, answers: dict[str, Answer]) -> dict[str, Answer]:
    """The demo may tick « Aucun » with others; on screen (and on paper) ticking another
    unticks it: keep the others."""
    out = dict(answers)
    for question in q.questions:
        answer = out.get(question.id)
        exclusive = {o.id for o in question.choices() if o.exclusive}
        if answer is not None and len(answer.choices) > 1 and exclusive & set(answer.choices):
            kept = tuple(c for c in answer.choices if c not in exclusive)
            out[question.id] = Answer(answer.status, kept)
    return {k: a for k, a in out.items() if k in {x.id for x in visible_questions(q, out)}}


def on_screen_keys(q: Questionnaire, answers: dict[str, Answer]) -> int:
    """The same answers given on screen: each answer's digits then Enter; `p` to skip."""
    keys = 0
    for question in visible_questions(q, answers):
        answer = answers.get(question.id)
        if answer is None or answer.status is Status.SKIPPED:
            keys += 1
        else:
            keys += max(1, len(answer.choices)) + 1
    return keys


@dataclass
class Timings:
    """Seconds per form (first key to stored, Pilot's pauses included), and the app's
    own share: each key handled and redrawn on the lines screen, each form stored."""

    forms: list[float] = field(default_factory=list)
    keys: list[float] = field(default_factory=list)
    stores: list[float] = field(default_factory=list)


def instrumented(timings: Timings) -> None:
    """Time the lines screen's key handler and the storing of a form, in place."""
    handle, store = PaperEntryScreen.on_key, getattr(entry_screen, "enter")  # noqa: B009

    def timed_key(self: PaperEntryScreen, event: events.Key) -> None:
        begin = time.perf_counter()
        handle(self, event)
        timings.keys.append(time.perf_counter() - begin)

    def timed_store(*args: Any) -> Any:
        begin = time.perf_counter()
        stored = store(*args)
        timings.stores.append(time.perf_counter() - begin)
        return stored

    PaperEntryScreen.on_key = timed_key  # type: ignore[method-assign]
    setattr(entry_screen, "enter", timed_store)  # noqa: B010 - the screen's own name


async def key_in(home: Path, forms: list[list[str]], timings: Timings) -> None:
    """Key in a stack of forms in one run of the app, from its home screen (`8` once)."""
    instrumented(timings)
    app = make_app(home)
    seconds = timings.forms
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("8")
        for keys in forms:
            await settle(pilot)  # the form's top is open, its values offered
            begin = time.perf_counter()
            for n, key in enumerate(keys):
                await pilot.press(key)
                if key == "ctrl+s" or n == len(keys) - 1:
                    await settle(pilot)  # a screen to open: wait for it, as a person would
            seconds.append(time.perf_counter() - begin)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--forms", type=int, default=40)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    published = Library.discover().latest("diagnostic-base")
    assert published is not None
    q = published.questionnaire
    rng = random.Random(args.seed)
    counts: list[tuple[int, int, int]] = []
    screen: list[int] = []
    forms: list[list[str]] = []
    given: dict[str, dict[str, Answer]] = {}
    for number in range(1, args.forms + 1):
        visitor = Visitor(ease=rng.betavariate(2, 2.5), consent=rng.random() < 0.8)
        answers = as_on_screen(q, _answers(rng, q, visitor))
        profile = {key: rng.randint(0, len(values)) for key, values in PROFILE_VALUES.items()}
        postcode = rng.choice(COMMUNES)[1]
        top, first, lines = form_keys(q, visitor.consent, profile, postcode, answers, number)
        forms.append(top + first + lines)
        counts.append((len(top), len(first), len(lines)))
        screen.append(on_screen_keys(q, answers))
        given[f"{number:04d}"] = {
            x.id: answers.get(x.id, Answer(Status.SKIPPED)) for x in visible_questions(q, answers)
        }
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp) / "home"
        timings = Timings()
        asyncio.run(key_in(home, forms, timings))
        workspace = open_workspace(data_folder(home), data_folder(home).database)
        stored = workspace.store.interviews()
        assert len(stored) == args.forms
        for record in stored:  # each form stored with exactly its answers
            assert record.paper is not None
            assert workspace.store.answers(record.id) == given[record.paper.form[-4:]]
        workspace.store.close()
    totals = [sum(c) for c in counts]
    print(f"{args.forms} typical diagnostic-base forms keyed in one after the other (Pilot, 80x24)")
    print(
        f"keystrokes per form: median {statistics.median(totals):.0f}, mean"
        f" {statistics.mean(totals):.1f}, min {min(totals)}, max {max(totals)}"
        f" (target ≤ {TARGET}; forms within it: {sum(t <= TARGET for t in totals)}/{len(totals)})"
    )
    for name, index in (("top of the form", 0), ("consent and profile", 1), ("questions", 2)):
        print(f"  {name:<22} median {statistics.median(c[index] for c in counts):.0f}")
    print(f"the same answers on screen (questions only): median {statistics.median(screen):.0f}")
    ms = [k * 1000 for k in sorted(timings.keys)]
    print(
        "a key on the lines screen, handled (lines recomputed, widget updated): median"
        f" {statistics.median(ms):.1f} ms,"
        f" p90 {ms[int(len(ms) * 0.9)]:.1f} ms (n={len(ms)})"
    )
    print(f"storing a form (all its answers, committed): median"
          f" {statistics.median(timings.stores) * 1000:.0f} ms")  # fmt: skip
    print(
        f"whole form driven by Pilot, first key to stored: median"
        f" {statistics.median(timings.forms):.1f} s (Pilot's own pauses included)"
    )


if __name__ == "__main__":
    main()
