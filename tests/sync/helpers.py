"""Laptops, an office and USB keys for sync tests: real data folders and databases."""

from __future__ import annotations

import contextlib
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pyrage

from evaluation.answers import Answer, Status
from evaluation.interview import Profile
from evaluation.paths import DataFolder, data_folder
from evaluation.sync.office import IDENTITY_FILE, RECIPIENT_FILE
from evaluation.sync.outbox import records
from evaluation.sync.records import record_sha256
from evaluation.workspace import Workspace, open_workspace

PASSPHRASE = "une phrase de passe de test"


@dataclass
class Place:
    """A data folder with its open workspace: a laptop or the office."""

    folder: DataFolder
    workspace: Workspace

    @classmethod
    def open(cls, root: Path) -> Place:
        folder = data_folder(root)
        return cls(folder, open_workspace(folder, folder.database))

    def interview(
        self, first_name: str | None = "Zoë", choice: int = 0, questions: int = 99
    ) -> str:
        """A finished interview: the first `questions` answered with option number `choice`."""
        store = self.workspace.store
        published = self.workspace.library.latest("diagnostic-base")
        assert published is not None
        q = published.questionnaire
        interview_id = store.start(q.id, q.version, published.sha256, "fr")
        store.record_consent(interview_id, True, "consentement-1")
        store.save_profile(interview_id, Profile(first_name=first_name))
        for question in q.questions[:questions]:
            options = question.choices()
            if options:
                pick = options[min(choice, len(options) - 1)]
                store.save_answer(
                    interview_id, question.id, Answer(Status.ANSWERED, (pick.id,)), None
                )
        store.finish(interview_id, [])
        return interview_id

    def content(self) -> set[tuple[str, str]]:
        """(id, content hash) of every finished interview and erasure."""
        return {(r.id, record_sha256(r)) for r in records(self.workspace.store)}


@dataclass(frozen=True)
class OfficeSecret:
    """An office identity made once per test session (scrypt is slow on purpose)."""

    identity_file: bytes
    recipient: str
    identity: pyrage.x25519.Identity

    def install(self, folder: DataFolder) -> None:
        folder.root.mkdir(parents=True, exist_ok=True)
        (folder.root / IDENTITY_FILE).write_bytes(self.identity_file)
        (folder.root / RECIPIENT_FILE).write_text(self.recipient + "\n", encoding="ascii")


@contextlib.contextmanager
def fat_key(image: Path, mount: Path) -> Iterator[Path]:
    """A FAT32 filesystem image mounted with fusefat: a real USB key's filesystem."""
    subprocess.run(["truncate", "-s", "40M", str(image)], check=True)
    subprocess.run(
        ["mkfs.vfat", "-F", "32", "-n", "CLE", str(image)], check=True, capture_output=True
    )
    mount.mkdir()
    subprocess.run(
        ["fusefat", "-o", "rw+", str(image), str(mount)], check=True, capture_output=True
    )
    try:
        yield mount
    finally:
        subprocess.run(["fusermount", "-u", str(mount)], check=False, capture_output=True)


def can_mount_fat() -> bool:
    return (
        all(shutil.which(tool) for tool in ("mkfs.vfat", "fusefat", "fusermount"))
        and Path("/dev/fuse").exists()
    )
