"""The read-aloud key and the Réglages option, driven with Pilot. Sound commands are
stand-ins on the PATH: a player that records the file it was given, one that finds no
sound output, one that plays until stopped; espeak-ng is the real one."""

from __future__ import annotations

import os
import shutil
import wave
from pathlib import Path

import pytest
from textual.widgets import Select

from evaluation.machine.device import device_id
from evaluation.questionnaire.library import shipped_dir
from evaluation.store import Store
from evaluation.tui.app import EvaluationApp
from evaluation.tui.screens.home import HomeScreen
from evaluation.tui.screens.question import QuestionScreen
from tests.conftest import FIXTURES
from tests.tui.driver import SIZE, answer_first_option, make_app, press, settle, start_interview

TONE = FIXTURES / "questionnaires" / "recorded" / "audio" / "fr" / "devices.wav"
ESPEAK = shutil.which("espeak-ng")


def recorded_version(home: Path) -> Path:
    """diagnostic-base v90 in the data folder (newer than any shipped): v2 with a
    recording of its first question."""
    folder = home / "questionnaires" / "diagnostic-base"
    folder.mkdir(parents=True)
    text = (shipped_dir() / "diagnostic-base" / "2.yaml").read_text(encoding="utf-8")
    text = text.replace("\nversion: 2\n", "\nversion: 90\n").replace(
        'en: "Which devices do you use?"}',
        'en: "Which devices do you use?", audio: {fr: audio/devices.wav}}',
    )
    (folder / "90.yaml").write_text(text, encoding="utf-8")
    (folder / "audio").mkdir()
    shutil.copy(TONE, folder / "audio" / "devices.wav")
    return folder / "audio" / "devices.wav"


def commands(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, player: str | None) -> Path:
    """A PATH holding espeak-ng and, if given, an `aplay` running `player` (shell); the
    files it was given are listed in `played.log`."""
    assert ESPEAK is not None, "espeak-ng is needed: sudo .ci/setup-debian installs it"
    bin_ = tmp_path / "bin"
    bin_.mkdir()
    (bin_ / "espeak-ng").symlink_to(ESPEAK)
    if player is not None:
        script = bin_ / "aplay"
        script.write_text(f"#!/bin/sh\n{player}\n", encoding="utf-8")
        script.chmod(0o755)
    monkeypatch.setenv("PATH", str(bin_))
    return tmp_path / "played.log"


def recorder(log: Path, copies: Path) -> str:
    """A player that notes its file and keeps a copy, to be read back."""
    copies.mkdir()
    cp, wc = shutil.which("cp"), shutil.which("wc")  # by their full path: PATH is ours
    return f'echo "$2" >> {log}\nn=$({wc} -l < {log})\n{cp} "$2" {copies}/$((n)).wav'


def notes(app: EvaluationApp) -> str:
    return " ".join(n.message for n in app._notifications)


async def test_the_key_plays_the_recording_then_the_voice_for_each_option(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    recording = recorded_version(home)
    log = commands(tmp_path, monkeypatch, recorder(tmp_path / "played.log", tmp_path / "copies"))
    app = make_app(home)
    async with app.run_test(size=SIZE) as pilot:
        await start_interview(pilot)
        screen = app.screen
        assert isinstance(screen, QuestionScreen) and screen.question_id == "devices"
        assert not log.exists()  # Réglages did not ask to read by itself
        await press(pilot, "l")
        played = log.read_text(encoding="utf-8").splitlines()
        # The question from its recording, then each of its five options in the voice.
        assert played[0] == str(recording)
        assert len(played) == 6
        assert all("evaluation-voice-" in p and p.endswith(".wav") for p in played[1:])
        for n in range(2, 7):
            with wave.open(str(tmp_path / "copies" / f"{n}.wav"), "rb") as said:
                assert said.getnframes() / said.getframerate() > 0.5
        await press(pilot, "l")  # again, on demand
        assert len(log.read_text(encoding="utf-8").splitlines()) == 12
        assert notes(app) == ""


async def test_every_new_question_is_read_when_reglages_say_so(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    recording = recorded_version(home)
    log = commands(tmp_path, monkeypatch, recorder(tmp_path / "played.log", tmp_path / "copies"))
    app = make_app(home)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "6")
        choice = app.screen.query_one("#read_aloud", Select)
        assert choice.value is False
        choice.focus()
        await press(pilot, "space", "down", "enter")  # open the list, « Oui », choose
        assert choice.value is True
        await press(pilot, "ctrl+s")
        assert isinstance(app.screen, HomeScreen)
        await start_interview(pilot)
        played = log.read_text(encoding="utf-8").splitlines()
        assert played[0] == str(recording)  # with no key pressed
        await answer_first_option(pilot)
        assert len(log.read_text(encoding="utf-8").splitlines()) > len(played)
    store = Store.open(home / "evaluation.sqlite3", device_id(home))
    assert store.settings().read_aloud is True
    store.close()


@pytest.mark.parametrize(
    ("player", "said"),
    [
        (None, "aucun lecteur de son n'est installé"),
        ("exit 1", "« aplay » n'a trouvé aucune sortie son"),
    ],
)
async def test_no_player_or_no_sound_output_is_said_in_words(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, player: str | None, said: str
) -> None:
    commands(tmp_path, monkeypatch, player)
    app = make_app(home)
    async with app.run_test(size=SIZE) as pilot:
        await start_interview(pilot)
        await press(pilot, "l")
        assert said in notes(app)
        assert isinstance(app.screen, QuestionScreen)  # the interview goes on


async def test_no_synthetic_voice_is_said_in_words(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    log = commands(tmp_path, monkeypatch, recorder(tmp_path / "played.log", tmp_path / "c"))
    (tmp_path / "bin" / "espeak-ng").unlink()
    app = make_app(home)
    async with app.run_test(size=SIZE) as pilot:
        await start_interview(pilot)
        await press(pilot, "l")
        assert "la voix de synthèse n'est pas installée (paquet Debian « espeak-ng »)" in notes(app)
    assert not log.exists()


async def test_leaving_the_screen_stops_the_sound(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pid_file = tmp_path / "player.pid"
    sleep = shutil.which("sleep")
    commands(tmp_path, monkeypatch, f"echo $$ > {pid_file}\nexec {sleep} 60")
    app = make_app(home)
    async with app.run_test(size=SIZE) as pilot:
        await start_interview(pilot)
        await pilot.press("l")
        for _ in range(100):  # the worker starts the player
            if pid_file.exists() and pid_file.read_text().strip():
                break
            await pilot.pause(0.05)
        pid = int(pid_file.read_text())
        # Leaving before any answer asks first; yes: back home, the question screen goes.
        await pilot.press("escape", "o")
        for _ in range(40):  # well before the 60 s the player would take
            await pilot.pause(0.05)
            if not alive(pid):
                break
        assert not alive(pid)
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
    # The discarded interview is said; the stopped player is no failure to tell.
    assert notes(app) == "Entretien sans réponse abandonné : il n'est pas gardé."


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True
