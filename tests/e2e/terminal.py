"""A real terminal for end-to-end tests: the installed command inside tmux."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

from evaluation.machine.clock import today
from evaluation.machine.device import device_id
from evaluation.machine.paths import data_folder
from evaluation.questionnaire import Questionnaire
from evaluation.questionnaire.model import Task
from evaluation.store import Store
from evaluation.structure.settings import Place, Settings

COMMAND = Path(sys.executable).parent / "evaluation"


def seed_place(home: Path) -> None:
    """Set the place of the day, so the app opens on the home screen."""
    store = Store.open(data_folder(home).database, device_id(home))
    place = Place(name="Marché", commune="Niort", postcode="79000")
    store.save_settings(Settings(place=place, place_date=today().isoformat()))
    store.close()


def flat(text: str) -> str:
    return " ".join(text.split())


def question_on_screen(screen: str, q: Questionnaire) -> str | None:
    """The question whose text the screen shows (its first words, however it wraps)."""
    shown = flat(screen)
    for question in q.questions:
        words = flat(question.text.fr)[:30]
        if words in shown and (not isinstance(question, Task) or "À dire à la personne" in shown):
            return question.id
    return None


class Terminal:
    """One command in its own tmux server (its own socket), ended by that socket only.

    A server per terminal: with one shared server, killing the last session makes
    it exit while the next test's client may already be connecting to it
    ("server exited unexpectedly").
    """

    def __init__(self, home: Path, *args: str, width: int = 80, height: int = 24) -> None:
        if shutil.which("tmux") is None:
            raise RuntimeError("tmux is required for end-to-end tests (apt-get install tmux)")
        self.name = f"evaluation-test-{uuid.uuid4().hex[:8]}"
        command = f"exec env EVALUATION_HOME={home} {COMMAND} {' '.join(args)}"
        self._tmux("new-session", "-d", "-s", self.name, "-x", str(width), "-y", str(height))
        self._tmux("send-keys", "-t", self.name, command, "Enter")
        self.socket = Path(self._tmux("display-message", "-p", "#{socket_path}").stdout.strip())

    def _tmux(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["tmux", "-L", self.name, "-f", "/dev/null", *args],
            capture_output=True,
            text=True,
            check=check,
        )

    def pid(self) -> int:
        out = self._tmux("list-panes", "-t", self.name, "-F", "#{pane_pid}")
        return int(out.stdout.split()[0])

    def screen(self) -> str:
        return self._tmux("capture-pane", "-t", self.name, "-p", check=False).stdout

    def wait_for(self, *texts: str, timeout: float = 20.0) -> str:
        """Wait until one of `texts` is on screen; return the screen."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            screen = self.screen()
            if any(text in screen for text in texts):
                return screen
            time.sleep(0.02)
        raise AssertionError(f"{texts!r} did not appear; the screen shows:\n{self.screen()}")

    def keys(self, *keys: str) -> None:
        self._tmux("send-keys", "-t", self.name, *keys)

    def type(self, text: str) -> None:
        self._tmux("send-keys", "-t", self.name, "-l", text)

    def close(self) -> None:
        self._tmux("kill-server", check=False)
        self.socket.unlink(missing_ok=True)  # tmux leaves it behind
