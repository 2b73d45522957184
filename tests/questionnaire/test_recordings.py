"""Recordings a questionnaire declares: read with it, part of its hash, refused in one
located line when missing, not sound, or too large."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from evaluation.questionnaire import DefinitionError, Library, load_file
from evaluation.questionnaire.recordings import MAX_RECORDING
from tests.conftest import FIXTURES, english

RECORDED = FIXTURES / "questionnaires" / "recorded"


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    """The recorded questionnaire in a folder of its own, to change."""
    folder = tmp_path / "recorded"
    shutil.copytree(RECORDED, folder)
    return folder


def refused(path: Path) -> list[str]:
    with pytest.raises(DefinitionError) as caught:
        load_file(path, "recorded/1.yaml")
    return english(caught.value)


def test_the_recordings_are_read_with_their_version() -> None:
    loaded = load_file(RECORDED / "1.yaml")
    assert sorted(loaded.recordings) == [
        "audio/en/smartphone.wav",
        "audio/fr/devices.wav",
        "audio/fr/smartphone.wav",
    ]
    assert (
        loaded.recordings["audio/fr/devices.wav"]
        == (RECORDED / "audio/fr/devices.wav").read_bytes()
    )


def test_changing_a_recording_changes_the_version_hash(copy: Path) -> None:
    before = load_file(copy / "1.yaml").sha256
    wav = copy / "audio/fr/devices.wav"
    data = bytearray(wav.read_bytes())
    data[-1] ^= 1  # one sample, the YAML untouched
    wav.write_bytes(bytes(data))
    after = load_file(copy / "1.yaml").sha256
    assert after != before
    wav.write_bytes((RECORDED / "audio/fr/devices.wav").read_bytes())
    assert load_file(copy / "1.yaml").sha256 == before


def test_a_recording_missing_is_one_located_line(copy: Path) -> None:
    (copy / "audio/fr/devices.wav").unlink()
    assert refused(copy / "1.yaml") == [
        "recorded/1.yaml:41: sections[0].questions[0].text.audio.fr: recording"
        " 'audio/fr/devices.wav': cannot read (not found)"
    ]


def test_a_recording_that_is_not_sound_is_refused(copy: Path) -> None:
    (copy / "audio/fr/smartphone.wav").write_text("pas un son", encoding="utf-8")
    assert refused(copy / "1.yaml") == [
        "recorded/1.yaml:43: sections[0].questions[0].options[0].label.audio.fr:"
        " 'audio/fr/smartphone.wav' is not a sound file of the kind its name says: replace it"
        " with a real recording (WAV preferably)"
    ]


def test_a_recording_too_large_is_refused_unread(copy: Path) -> None:
    big = copy / "audio/en/smartphone.wav"
    with big.open("r+b") as out:
        out.truncate(MAX_RECORDING + 1)  # sparse: no time spent writing it
    assert refused(copy / "1.yaml") == [
        "recorded/1.yaml:43: sections[0].questions[0].options[0].label.audio.en: recording"
        " 'audio/en/smartphone.wav': file too large (17 MB; at most 16 MB)"
    ]


def test_a_recording_linked_from_elsewhere_is_refused(copy: Path, tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere.wav"
    shutil.copy(copy / "audio/fr/devices.wav", outside)
    (copy / "audio/fr/devices.wav").unlink()
    (copy / "audio/fr/devices.wav").symlink_to(outside)
    assert "symbolic link" in refused(copy / "1.yaml")[0]


def test_an_installed_version_finds_its_recordings_in_its_folder(home: Path) -> None:
    shutil.copytree(RECORDED, home / "questionnaires" / "recorded")
    library = Library.discover(home / "questionnaires")
    assert library.problems == []
    published = library.get("recorded", 1)
    assert published is not None and published.origin == "installed"
