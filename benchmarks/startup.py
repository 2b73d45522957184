"""Launch to home screen fully drawn, in a real terminal, against a minimal Textual app.

Both start the same way (a console command in tmux, 80x24, same Python); "drawn" is the
first moment `tmux capture-pane` shows the footer and the menu. Run:

    uv run python benchmarks/startup.py --runs 10
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

from evaluation.device import device_id
from evaluation.paths import data_folder
from evaluation.settings import Place, Settings
from evaluation.store import Store

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


def time_to_screen(command: str, texts: tuple[str, ...], timeout: float = 30.0) -> float:
    """Seconds from starting `command` in tmux until every text is on screen."""
    name = f"bench-{uuid.uuid4().hex[:8]}"
    # A server of its own (no user config), so no other tmux session can disturb the clock.
    tmux = ["tmux", "-L", name, "-f", "/dev/null"]
    subprocess.run([*tmux, "new-session", "-d", "-s", name, "-x", "80", "-y", "24"], check=True)
    try:
        time.sleep(0.3)  # let the shell settle before the clock starts
        start = time.perf_counter()
        subprocess.run([*tmux, "send-keys", "-t", name, f"exec {command}", "Enter"], check=True)
        while time.perf_counter() - start < timeout:
            screen = subprocess.run(
                [*tmux, "capture-pane", "-t", name, "-p"],
                capture_output=True,
                text=True,
                check=False,
            ).stdout
            if all(text in screen for text in texts):
                return time.perf_counter() - start
            time.sleep(0.003)
        raise RuntimeError(f"{command} never drew {texts}")
    finally:
        subprocess.run([*tmux, "kill-server"], check=False)


def summary(values: list[float]) -> str:
    ms = sorted(v * 1000 for v in values)
    p90 = ms[min(len(ms) - 1, int(len(ms) * 0.9))]
    return f"median {statistics.median(ms):7.1f} ms   p90 {p90:7.1f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp) / "home"
        store = Store.open(data_folder(home).database, device_id(home))
        store.save_settings(Settings(place=Place(name="Marché", commune="Niort")))
        store.close()
        minimal = Path(tmp) / "minimal.py"
        minimal.write_text(MINIMAL, encoding="utf-8")
        # Bytecode caches on, as on a user's machine (this workplace sets
        # PYTHONDONTWRITEBYTECODE, which would make every start compile everything).
        app_cmd = f"env -u PYTHONDONTWRITEBYTECODE EVALUATION_HOME={home} {BIN / 'evaluation'}"
        min_cmd = f"env -u PYTHONDONTWRITEBYTECODE {BIN / 'python'} {minimal}"
        time_to_screen(min_cmd, ("F1 Aide", "Nouvel entretien"))  # warm-up: writes .pyc
        time_to_screen(app_cmd, ("F1 Aide", "Nouvel entretien"))
        app_times: list[float] = []
        min_times: list[float] = []
        for _ in range(args.runs):  # alternate, so both see the same machine load
            min_times.append(time_to_screen(min_cmd, ("F1 Aide", "Nouvel entretien")))
            app_times.append(time_to_screen(app_cmd, ("F1 Aide", "Nouvel entretien")))
    ratio = statistics.median(app_times) / statistics.median(min_times)
    print(f"minimal Textual app : {summary(min_times)}")
    print(f"evaluation (home)   : {summary(app_times)}")
    print(f"ratio (median)      : {ratio:.2f}  (target <= 1.20)")


if __name__ == "__main__":
    main()
