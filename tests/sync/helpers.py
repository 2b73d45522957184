"""Laptops, an office and USB keys for sync tests: real data folders and databases."""

from __future__ import annotations

import contextlib
import hashlib
import json
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pyrage
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from evaluation.files.disk import write_durably
from evaluation.interview.answers import Answer, Status
from evaluation.interview.record import Profile
from evaluation.machine.paths import DataFolder, data_folder
from evaluation.operations.sync import first_office
from evaluation.operations.sync import sync as sync_with_key
from evaluation.sync.importing import ImportReport, import_bundles
from evaluation.sync.inbox import Inbox, Laptop
from evaluation.sync.key import KeyLayout
from evaluation.sync.keyring import OfficeKeys
from evaluation.sync.laptop import LaptopSync
from evaluation.sync.office import IDENTITY_FILE, pack
from evaluation.sync.outbox import records
from evaluation.sync.pack import PackManifest
from evaluation.sync.records import record_sha256
from evaluation.sync.signing import device_key, public_text, signature_line
from evaluation.workspace import Workspace, open_workspace

PASSPHRASE = "une phrase de passe de test"


@dataclass
class Place:
    """A data folder with its open workspace: a laptop, or the office with its keys."""

    folder: DataFolder
    workspace: Workspace
    keys: OfficeKeys | None = None

    @classmethod
    def open(cls, root: Path, keys: OfficeKeys | None = None) -> Place:
        folder = data_folder(root)
        return cls(folder, open_workspace(folder, folder.database), keys)

    @property
    def device_key(self) -> Ed25519PrivateKey:
        """A laptop's signing key (made on first need, as its first sync would)."""
        return device_key(self.folder.root)

    @property
    def office_keys(self) -> OfficeKeys:
        assert self.keys is not None, "not an office"
        return self.keys

    def pack(self, key: Path) -> PackManifest:
        """The office packs the key (signed)."""
        return pack(self.workspace, self.folder, key, self.office_keys)

    def import_key(self, key: Path) -> ImportReport:
        """The office imports the bundles on the key."""
        return import_bundles(self.workspace, self.office_keys, key)

    def enrol(self, *laptops: Place) -> list[Laptop]:
        """The office enrols laptops, as if the coordinator had confirmed their
        fingerprints after a first import (see tests of the enrolment itself)."""
        inbox = Inbox(self.workspace.store)
        enrolled = []
        for laptop in laptops:
            seen = inbox.note_pending(laptop.workspace.store.device, public_text(laptop.device_key))
            assert seen is not None
            enrolled.append(inbox.enrol(seen.fingerprint))
        return enrolled

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
    """Office keys made once per test session (scrypt is slow on purpose)."""

    identity_file: bytes
    keys: OfficeKeys

    @property
    def recipient(self) -> str:
        return self.keys.recipient

    @property
    def identity(self) -> pyrage.x25519.Identity:
        return self.keys.identities[0]

    def install(self, folder: DataFolder) -> None:
        folder.root.mkdir(parents=True, exist_ok=True)
        (folder.root / IDENTITY_FILE).write_bytes(self.identity_file)


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


def sealed(lines: list[str], signer: Ed25519PrivateKey, recipient: str) -> bytes:
    """A bundle made by hand: these lines, signed by `signer`, encrypted for `recipient`
    (what a laptop, or someone holding its key, could write)."""
    body = ("\n".join(lines) + "\n").encode("utf-8")
    plain = body + signature_line(signer, body)
    data: bytes = pyrage.encrypt(plain, [pyrage.x25519.Recipient.from_str(recipient)])
    return data


def opened(data: bytes, keys: OfficeKeys) -> list[str]:
    """A bundle's lines without its signature line (decrypted with the office keys)."""
    plain: bytes = pyrage.decrypt(data, list(keys.identities))
    lines = plain.decode("utf-8").splitlines()
    assert lines[-1].startswith('{"type":"signature"')
    return lines[:-1]


def sent_lines(laptop: Place, key: Path, keys: OfficeKeys) -> list[str]:
    """The laptop syncs; the lines of the bundle it wrote, as the office opens them."""
    report = sync(laptop, key)
    assert report.bundle is not None
    return opened(report.bundle.read_bytes(), keys)


def sign_pack(key: Path, keys: OfficeKeys, changed: dict[str, bytes] | None = None) -> None:
    """Rewrite files of the pack on `key` and sign pack.json again with `keys`, as an
    office holding those keys would."""
    office = KeyLayout(key).office
    manifest = json.loads((office / "pack.json").read_text(encoding="utf-8"))
    for name, data in (changed or {}).items():
        write_durably(office / name, data)
        manifest["files"][name] = hashlib.sha256(data).hexdigest()
    manifest["office_recipient"] = keys.recipient
    manifest["office_signing_key"] = keys.signing_key
    raw = json.dumps(manifest).encode()
    write_durably(office / "pack.json", raw)
    write_durably(office / "pack.sig", signature_line(keys.signing, raw))


def confirmed(workspace: Workspace, key: Path) -> str | None:
    """What a face passes to the sync once the mediator said yes to the office's
    fingerprint at first use (`first_office`); None once an office is enrolled."""
    seen = first_office(workspace, key)
    return seen.fingerprint if seen is not None else None


def sync(laptop: Place, key: Path, office_fingerprint: str | None = None) -> LaptopSync:
    """The laptop's sync as the app and the command run it (scrub included), the
    mediator confirming the office at first use; `office_fingerprint` as the coordinator
    gave it, when the office's keys changed."""
    given = office_fingerprint or confirmed(laptop.workspace, key)
    return sync_with_key(laptop.workspace, key, given).report
