"""`evaluation questionnaires speak`: one playable WAV per question, by the real
espeak-ng, read back with `wave`; and what it says when it cannot."""

from __future__ import annotations

import shutil
import sys
import wave
from pathlib import Path

from evaluation.speech.voice import synthesize
from tests.cli.helpers import run
from tests.conftest import MINI

# The mini questionnaire in order; its last question, the mediator's note, is not said.
QUESTIONS = ["devices", "switch_on", "password", "scam_sms", "updates", "last_part", "wishes"]


def install_mini(home: Path) -> None:
    folder = home / "questionnaires" / "mini"
    folder.mkdir(parents=True)
    shutil.copy(MINI, folder / "1.yaml")


def seconds(path: Path) -> float:
    with wave.open(str(path), "rb") as said:
        assert (said.getnchannels(), said.getsampwidth()) == (1, 2)
        return said.getnframes() / said.getframerate()


def test_one_playable_wav_per_question_in_order(home: Path, tmp_path: Path) -> None:
    assert shutil.which("espeak-ng"), "espeak-ng is needed: sudo .ci/setup-debian installs it"
    install_mini(home)
    out = tmp_path / "voix"
    done = run("questionnaires", "speak", "mini", "--output", str(out), home=home)
    assert done.returncode == 0, done.stderr
    files = sorted(out.iterdir())
    assert [f.name for f in files] == [f"{n:02d}-{q}.wav" for n, q in enumerate(QUESTIONS, 1)]
    durations = {f.name.split("-", 1)[1][:-4]: seconds(f) for f in files}
    # Each says its words: a second at least; a question with three options and a
    # pause before each lasts longer than the note question alone.
    assert all(d > 1.0 for d in durations.values())
    assert durations["devices"] > durations["switch_on"] + 3 * 0.5
    # The command says each file and its length.
    lines = done.stdout.splitlines()
    assert lines[0] == f"{out / '01-devices.wav'} ({durations['devices']:.1f} s)"
    assert len(lines) == len(QUESTIONS)


def test_another_language_and_a_version(home: Path, tmp_path: Path) -> None:
    install_mini(home)
    fr, en = tmp_path / "fr", tmp_path / "en"
    assert run("questionnaires", "speak", "mini", "--output", str(fr), home=home).returncode == 0
    done = run(
        "questionnaires",
        "speak",
        "mini",
        "--version",
        "1",
        "--lang",
        "en",
        "--output",
        str(en),
        home=home,
    )
    assert done.returncode == 0, done.stderr
    # The English texts in an English voice: not the French file.
    french = (fr / "01-devices.wav").read_bytes()
    assert (en / "01-devices.wav").read_bytes() != french
    assert seconds(en / "01-devices.wav") > 1.0


def test_without_espeak_ng_or_questionnaire_one_line_says_why(home: Path, tmp_path: Path) -> None:
    install_mini(home)
    no_voice = run(
        "questionnaires",
        "speak",
        "mini",
        "--output",
        str(tmp_path / "v"),
        home=home,
        env={"PATH": str(Path(sys.executable).parent)},
    )
    assert no_voice.returncode == 1
    assert no_voice.stderr.strip() == (
        "Lecture à voix haute impossible : la voix de synthèse n'est pas installée"
        " (paquet Debian « espeak-ng »)."
    )
    assert not list((tmp_path / "v").glob("*.wav"))
    unknown = run("questionnaires", "speak", "absent", "--output", str(tmp_path / "v"), home=home)
    assert unknown.returncode == 1
    assert unknown.stderr.strip() == (
        "Aucun questionnaire « absent » sur cet ordinateur (voyez « evaluation questionnaires"
        " list »)"
    )


def test_a_task_says_only_what_it_asks_and_the_note_is_not_said(home: Path, tmp_path: Path) -> None:
    """The grading (« Réussi sans aide »…) and the mediator's note are not the visitor's
    to hear: the task's WAV is its text alone, and the note has no WAV."""
    install_mini(home)
    out = tmp_path / "voix"
    assert run("questionnaires", "speak", "mini", "--output", str(out), home=home).returncode == 0
    alone = tmp_path / "alone.wav"
    synthesize("Allumez ce téléphone.", "fr", alone)  # the task's text, said by itself
    assert seconds(out / "02-switch_on.wav") == seconds(alone)
    assert not list(out.glob("*remark*"))
