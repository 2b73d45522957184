"""Fixtures for sync tests: office keys per session, and a USB key per test."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from evaluation.machine.paths import data_folder
from evaluation.sync.office import IDENTITY_FILE, init_office, unlock
from tests.sync.helpers import PASSPHRASE, OfficeSecret, Place, can_mount_fat, fat_key


@pytest.fixture(scope="session")
def office_secret(tmp_path_factory: pytest.TempPathFactory) -> OfficeSecret:
    folder = data_folder(tmp_path_factory.mktemp("office-secret"))
    init_office(folder, PASSPHRASE)
    keys = unlock(folder, PASSPHRASE)
    return OfficeSecret((folder.root / IDENTITY_FILE).read_bytes(), keys)


@pytest.fixture
def office(tmp_path: Path, office_secret: OfficeSecret) -> Place:
    folder = data_folder(tmp_path / "office")
    office_secret.install(folder)
    return Place.open(folder.root, office_secret.keys)


@pytest.fixture
def laptop(tmp_path: Path) -> Place:
    return Place.open(tmp_path / "laptop")


@pytest.fixture
def laptop2(tmp_path: Path) -> Place:
    return Place.open(tmp_path / "laptop2")


@pytest.fixture
def key(tmp_path: Path) -> Iterator[Path]:
    """A FAT32 image mounted with fusefat where the machine allows it, else a folder."""
    if can_mount_fat():
        try:
            with fat_key(tmp_path / "key.img", tmp_path / "key") as mount:
                yield mount
            return
        except subprocess.CalledProcessError:
            pass
    folder = tmp_path / "key-folder"
    folder.mkdir()
    yield folder
