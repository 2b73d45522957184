"""What is said for a question, and saying it: the question's text then each option's,
in the interview's language, each from its recording or else the synthetic voice.

Only the visitor's part of a question is said (`VisitorPart`): a task's instruction and
grading and the mediator's note are not in it, so the voice cannot say them."""

from __future__ import annotations

import tempfile
import threading
import wave
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from evaluation.i18n import msg
from evaluation.problems import Problem
from evaluation.questionnaire import Published
from evaluation.questionnaire.model import VisitorPart
from evaluation.questionnaire.text import Text
from evaluation.speech.player import Player
from evaluation.speech.voice import synthesize

PAUSE_SECONDS = 0.5  # between the question and each option, in a written WAV


@dataclass(frozen=True)
class Piece:
    """One text to say: its words, the voice's language, and its recording if any."""

    words: str
    lang: str
    recording: Path | None


def piece(text: Text, lang: str, folder: Path) -> Piece:
    """`text` in `lang`, or in French (words, recording and voice) when it lacks `lang`."""
    said = lang if text.has(lang) else "fr"
    file = text.recording(said)
    return Piece(text.get(said), said, folder / file if file else None)


def pieces(published: Published, part: VisitorPart, lang: str) -> list[Piece]:
    """The question's text, then each answer's label, as the visitor sees them."""
    folder = published.path.parent
    texts = [part.text, *(choice.label for choice in part.choices)]
    return [piece(text, lang, folder) for text in texts]


class Reading:
    """Says pieces one after the other; `stop` (from any thread) ends it at once."""

    def __init__(self, items: list[Piece], player: Player) -> None:
        self.items = items
        self.player = player
        self._stopped = threading.Event()

    def run(self) -> None:
        """Synthesize what has no recording, then play each piece; blocks till the end."""
        with tempfile.TemporaryDirectory(prefix="evaluation-voice-") as work:
            files = sounds(self.items, Path(work))
            for file in files:
                if self._stopped.is_set():
                    return
                self.player.play(file)

    def stop(self) -> None:
        self._stopped.set()
        self.player.stop()


def sounds(items: list[Piece], work: Path) -> list[Path]:
    """A sound file per piece: its recording, or its words synthesized into `work`."""
    files = []
    for n, item in enumerate(items):
        if item.recording is None:
            target = work / f"{n:03d}.wav"
            synthesize(item.words, item.lang, target)
            files.append(target)
        else:
            files.append(item.recording)
    return files


def write_wav(items: list[Piece], target: Path, write: Callable[[Path, bytes], object]) -> float:
    """The synthetic voice saying every piece, with a pause between, as one WAV written
    by `write`; its duration in seconds."""
    with tempfile.TemporaryDirectory(prefix="evaluation-voice-") as work:
        folder = Path(work)
        parts = sounds([Piece(i.words, i.lang, None) for i in items], folder)
        out = folder / "out.wav"
        with wave.open(str(out), "wb") as sink:
            for n, part in enumerate(parts):
                with wave.open(str(part), "rb") as source:
                    if n == 0:
                        sink.setparams(source.getparams())
                    elif source.getparams()[:3] != sink.getparams()[:3]:
                        raise Problem(msg("speech.espeak_failed"))
                    else:
                        silence = int(PAUSE_SECONDS * source.getframerate())
                        sink.writeframes(
                            bytes(silence * source.getsampwidth() * source.getnchannels())
                        )
                    sink.writeframes(source.readframes(source.getnframes()))
            frames, rate = sink.getnframes(), sink.getframerate()
        write(target, out.read_bytes())
    return frames / rate
