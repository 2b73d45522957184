"""A version's recordings travel with it: listed and signed in the office pack,
checked and installed on the laptop before its YAML, refused when tampered with."""

from __future__ import annotations

import shutil
from pathlib import Path

from evaluation.files.disk import sha256, write_durably
from evaluation.sync.key import KeyLayout
from tests.conftest import EN, FIXTURES
from tests.sync.helpers import OfficeSecret, Place, sign_pack, sync

RECORDED = FIXTURES / "questionnaires" / "recorded"
FILES = ("audio/en/smartphone.wav", "audio/fr/devices.wav", "audio/fr/smartphone.wav")


def office_with_recordings(office: Place) -> Place:
    shutil.copytree(RECORDED, office.folder.questionnaires / "recorded")
    return Place.open(office.folder.root, office.keys)  # the office sees its new files


def test_recordings_reach_the_laptop_with_their_version(
    office: Place, laptop: Place, key: Path
) -> None:
    office = office_with_recordings(office)
    published = office.workspace.library.get("recorded", 1)
    assert published is not None
    manifest = office.pack(key)
    on_key = KeyLayout(key).office / "questionnaires" / "recorded"
    for file in FILES:  # listed with their hash, so pack.sig covers them
        assert manifest.files[f"questionnaires/recorded/{file}"] == sha256(
            (on_key / file).read_bytes()
        )

    report = sync(laptop, key)
    assert report.problems == []
    assert ("recorded", 1) in report.installed
    installed = laptop.folder.questionnaires / "recorded"
    for file in FILES:
        assert (installed / file).read_bytes() == (RECORDED / file).read_bytes()
    reopened = Place.open(laptop.folder.root).workspace.library.get("recorded", 1)
    assert reopened is not None and reopened.origin == "installed"
    assert reopened.sha256 == published.sha256  # the same version, recordings included


def test_a_tampered_recording_is_refused_and_nothing_is_installed(
    office: Place, laptop: Place, key: Path
) -> None:
    office_with_recordings(office).pack(key)
    target = KeyLayout(key).office / "questionnaires" / "recorded" / "audio/fr/devices.wav"
    data = bytearray(target.read_bytes())
    data[-1] ^= 0xFF  # one sample changed after the office signed
    write_durably(target, bytes(data))  # FAT through FUSE cannot truncate in place

    report = sync(laptop, key)
    assert report.installed == []
    assert report.problems[0].render(EN) == (
        f"{target}: damaged or changed file (its content differs from what the office signed)"
    )
    assert not (laptop.folder.questionnaires / "recorded").exists()


def test_a_recording_missing_from_a_signed_pack_refuses_its_version(
    office: Place, laptop: Place, key: Path, office_secret: OfficeSecret
) -> None:
    office_with_recordings(office).pack(key)
    office_folder = KeyLayout(key).office
    name = "questionnaires/recorded/audio/fr/smartphone.wav"
    (office_folder / name).unlink()
    manifest = (office_folder / "pack.json").read_text(encoding="utf-8")
    renamed = manifest.replace(f'"{name}"', '"questionnaires/recorded/audio/fr/autre.wav"')
    write_durably(office_folder / "pack.json", renamed.encode())
    write_durably(
        office_folder / "questionnaires/recorded/audio/fr/autre.wav",
        (RECORDED / "audio/fr/smartphone.wav").read_bytes(),
    )
    sign_pack(key, office_secret.keys)  # the office itself signed it that way

    report = sync(laptop, key)
    assert ("recorded", 1) not in report.installed
    assert [p.render(EN) for p in report.problems] == [
        "office/questionnaires/recorded-v1.yaml:43: sections[0].questions[0].options[0].label"
        ".audio.fr: recording 'audio/fr/smartphone.wav': not on the key (the key was packed"
        ' without it: run "office pack" again)'
    ]
    assert not (laptop.folder.questionnaires / "recorded" / "1.yaml").exists()


def test_a_recording_of_another_version_is_never_replaced(
    office: Place, laptop: Place, key: Path
) -> None:
    office_with_recordings(office).pack(key)
    squatted = laptop.folder.questionnaires / "recorded" / "audio/fr/devices.wav"
    squatted.parent.mkdir(parents=True)
    squatted.write_bytes((RECORDED / "audio/fr/smartphone.wav").read_bytes())

    report = sync(laptop, key)
    assert ("recorded", 1) not in report.installed
    assert [p.render(EN) for p in report.problems] == [
        f"{squatted}: the recording 'audio/fr/devices.wav' of questionnaire 'recorded' already"
        " exists with other content: a published recording never changes, give the new one"
        " another name"
    ]
    assert not (laptop.folder.questionnaires / "recorded" / "1.yaml").exists()
