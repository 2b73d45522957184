"""Launch to home screen usable, in a real terminal, against a minimal Textual app.

Both start the same way (a console command in tmux, 80x24, same Python). Two moments
are timed from the command's start: the first paint (the footer and the menu on
screen, while the data may still be opening) and "usable" (the place of the day shown:
the data is open, and `1` opens an interview). The minimal app is usable at its first
paint. Then `1` is pressed at once and the time until the consent screen is drawn is
reported too (what the app reads after the home screen is usable, a person pressing
`1` at once waits for). Then the peak resident memory (VmHWM) of each at that moment,
and of the app once `1` has opened an interview. Run:

    uv run python benchmarks/startup.py --runs 10
    uv run python benchmarks/startup.py --runs 10 --database office.sqlite3  # a copy is used
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from machine import load, peak_memory_mb, said_load

from evaluation.machine.clock import today
from evaluation.machine.device import device_id
from evaluation.machine.paths import data_folder
from evaluation.store import Store
from evaluation.structure.settings import Place, Settings

BIN = Path(sys.executable).parent
MINIMAL = """
from textual.app import App
from textual.binding import Binding
from textual.widgets import Footer, Header, Label, ListItem, ListView

class Minimal(App[None]):
    BINDINGS = [Binding("f1", "help", "Aide", key_display="F1")]

    def compose(self):
        yield Header()
        yield ListView(*(ListItem(Label(f"{n}  Nouvel entretien")) for n in range(1, 7)))
        yield Footer()

Minimal().run()
"""
PAINTED = ("F1 Aide", "Nouvel entretien")
USABLE = ("Lieu du jour : Marché",)
INTERVIEW = ("Avant de commencer",)  # the consent screen, after `1`


@dataclass
class Pane:
    tmux: list[str]
    name: str
    start: float = 0.0

    def screen(self) -> str:
        return subprocess.run(
            [*self.tmux, "capture-pane", "-t", self.name, "-p"],
            capture_output=True,
            text=True,
            check=False,
        ).stdout

    def until(self, texts: tuple[str, ...], timeout: float = 60.0) -> float:
        """Seconds from the command's start until every text is on screen."""
        while time.perf_counter() - self.start < timeout:
            if all(text in self.screen() for text in texts):
                return time.perf_counter() - self.start
            time.sleep(0.003)
        raise RuntimeError(f"never drew {texts}:\n{self.screen()}")

    def keys(self, *keys: str) -> None:
        subprocess.run([*self.tmux, "send-keys", "-t", self.name, *keys], check=True)

    def pid(self) -> int:
        shown = subprocess.run(
            [*self.tmux, "display-message", "-p", "-t", self.name, "#{pane_pid}"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        return int(shown)


@contextmanager
def started(command: str) -> Iterator[Pane]:
    """`command` started in a tmux server of its own (no user configuration)."""
    name = f"bench-{uuid.uuid4().hex[:8]}"
    tmux = ["tmux", "-L", name, "-f", "/dev/null"]
    subprocess.run([*tmux, "new-session", "-d", "-s", name, "-x", "80", "-y", "24"], check=True)
    try:
        time.sleep(0.3)  # let the shell settle before the clock starts
        pane = Pane(tmux, name, time.perf_counter())
        pane.keys(f"exec {command}", "Enter")  # exec: the pane's process is the command
        yield pane
    finally:
        subprocess.run([*tmux, "kill-server"], check=False)


@dataclass
class Run:
    painted: float
    usable: float
    memory_home: float  # MB, VmHWM
    memory_interview: float = 0.0
    interview: float = 0.0  # `1` pressed as soon as usable → the consent screen drawn


def run_app(command: str) -> Run:
    with started(command) as pane:
        painted = pane.until(PAINTED)
        usable = pane.until(USABLE)
        run = Run(painted, usable, peak_memory_mb(pane.pid()))
        pressed = time.perf_counter()
        pane.keys("1")
        run.interview = pane.until(INTERVIEW) - (pressed - pane.start)
        run.memory_interview = peak_memory_mb(pane.pid())
        return run


def run_minimal(command: str) -> Run:
    with started(command) as pane:
        painted = pane.until(PAINTED)
        return Run(painted, painted, peak_memory_mb(pane.pid()))


def summary(values: list[float]) -> str:
    ms = sorted(v * 1000 for v in values)
    p90 = ms[min(len(ms) - 1, int(len(ms) * 0.9))]
    return f"median {statistics.median(ms):7.1f} ms   p90 {p90:7.1f} ms"


def home_with(tmp: Path, database: Path | None) -> Path:
    """A data folder whose place of the day is set and confirmed today (so `1` opens an
    interview at once), on a copy of `database` if one is given."""
    home = tmp / "home"
    folder = data_folder(home)
    if database is not None:
        folder.database.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(database, folder.database)
    store = Store.open(folder.database, device_id(home))
    place = Place(name="Marché", commune="Niort")
    store.save_settings(Settings(place=place, place_date=today().isoformat()))
    store.close()
    return home


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--database", type=Path, help="start on a copy of this database")
    args = parser.parse_args()
    before = load()
    with tempfile.TemporaryDirectory() as tmp:
        home = home_with(Path(tmp), args.database)
        minimal = Path(tmp) / "minimal.py"
        minimal.write_text(MINIMAL, encoding="utf-8")
        # Bytecode caches on, as on a user's machine (this workplace sets
        # PYTHONDONTWRITEBYTECODE, which would make every start compile everything).
        app_cmd = f"env -u PYTHONDONTWRITEBYTECODE EVALUATION_HOME={home} {BIN / 'evaluation'}"
        min_cmd = f"env -u PYTHONDONTWRITEBYTECODE {BIN / 'python'} {minimal}"
        run_minimal(min_cmd)  # warm-up: writes .pyc
        run_app(app_cmd)
        apps: list[Run] = []
        minimals: list[Run] = []
        for _ in range(args.runs):  # alternate, so both see the same machine load
            minimals.append(run_minimal(min_cmd))
            apps.append(run_app(app_cmd))

    def median(runs: list[Run], attribute: str) -> float:
        return float(statistics.median(getattr(r, attribute) for r in runs))

    print(f"minimal Textual app, drawn : {summary([r.painted for r in minimals])}")
    print(f"evaluation, first paint    : {summary([r.painted for r in apps])}")
    print(f"evaluation, usable         : {summary([r.usable for r in apps])}")
    print(f"then `1` → consent screen  : {summary([r.interview for r in apps])}")
    paint = median(apps, "painted") / median(minimals, "painted")
    usable = median(apps, "usable") / median(minimals, "painted")
    print(f"ratio, first paint         : {paint:.2f}")
    print(f"ratio, usable (median)     : {usable:.2f}  (target <= 1.30)")
    base = median(minimals, "memory_home")
    print(f"memory (VmHWM), minimal    : {base:.0f} MB")
    home_mb, interview_mb = median(apps, "memory_home"), median(apps, "memory_interview")
    print(f"memory (VmHWM), at home    : {home_mb:.0f} MB ({home_mb / base:.2f} x)")
    print(f"memory, an interview opened: {interview_mb:.0f} MB ({interview_mb / base:.2f} x)")
    print(said_load(before))


if __name__ == "__main__":
    main()
