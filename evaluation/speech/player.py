"""Playing a sound file with a command this computer has: PipeWire's `pw-play`,
PulseAudio's `paplay` or ALSA's `aplay` (WAV only), the first found on the PATH."""

from __future__ import annotations

import shutil
import subprocess
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from evaluation.i18n import msg
from evaluation.problems import Problem

ALL_KINDS = frozenset({"wav", "ogg", "opus", "flac", "mp3"})
# Each command, its arguments before the file, and the kinds of file it plays.
COMMANDS: tuple[tuple[str, tuple[str, ...], frozenset[str]], ...] = (
    ("pw-play", (), ALL_KINDS),
    ("paplay", (), frozenset({"wav", "ogg", "opus", "flac"})),
    ("aplay", ("-q",), frozenset({"wav"})),
)


class Player(Protocol):
    def play(self, path: Path) -> None:
        """Play `path` to its end (or until `stop`); raise `Problem` when it cannot."""

    def stop(self) -> None:
        """Cut the sound short; `play` then returns."""


@dataclass
class CommandPlayer:
    """Plays through the first command of `COMMANDS` found that plays the file's kind."""

    _process: subprocess.Popen[bytes] | None = field(default=None, init=False)
    _stopped: bool = field(default=False, init=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, init=False)

    def play(self, path: Path) -> None:
        kind = path.suffix.lstrip(".").lower()
        found = [(shutil.which(name), name, args, kinds) for name, args, kinds in COMMANDS]
        installed = [item for item in found if item[0] is not None]
        if not installed:
            raise Problem(msg("speech.no_player"))
        usable = [item for item in installed if kind in item[3]]
        if not usable:
            raise Problem(msg("speech.kind_unplayable", kind=kind, player=installed[0][1]))
        command, name, args, _ = usable[0]
        with self._lock:
            if self._stopped:
                return
            try:
                self._process = subprocess.Popen(
                    [str(command), *args, str(path)],
                    stdin=subprocess.DEVNULL,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                )
            except OSError:
                raise Problem(msg("speech.no_player")) from None
        code = self._process.wait()
        with self._lock:
            self._process = None
            if code != 0 and not self._stopped:
                raise Problem(msg("speech.no_sound", player=name))

    def stop(self) -> None:
        with self._lock:
            self._stopped = True
            if self._process is not None:
                self._process.terminate()
