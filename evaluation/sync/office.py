"""The office: its keys and the pack for laptops (the import of bundles is
`evaluation.sync.importing`).

The keys (the age identities that open bundles, the signing key that signs packs, the
endorsements of past rotations: `evaluation.sync.keyring`) are stored encrypted with a
passphrase (age's scrypt mode) in the office's data folder, readable by its owner only;
they are unlocked once per session of work (import and pack).
"""

from __future__ import annotations

import os
from pathlib import Path

import pyrage

from evaluation.files.disk import FileProblem, os_reason, read_bounded, write_durably
from evaluation.files.safe_yaml import MAX_BYTES as MAX_YAML
from evaluation.i18n import msg
from evaluation.machine.paths import DataFolder
from evaluation.problems import Problem
from evaluation.questionnaire import Published, load_bytes
from evaluation.questionnaire.load import display_path
from evaluation.questionnaire.recordings import folder_source
from evaluation.sync.inbox import Inbox
from evaluation.sync.key import KeyLayout
from evaluation.sync.keyring import OfficeKeys, parse_keys
from evaluation.sync.pack import (
    PackManifest,
    VersionFiles,
    office_files,
    write_pack,
)
from evaluation.workspace import Workspace

IDENTITY_FILE = "office-identity.age"
MIN_PASSPHRASE = 10
MAX_IDENTITY = 1024 * 1024


class OfficeError(Problem):
    """The office cannot go on; the message says what to do."""


def identity_path(folder: DataFolder) -> Path:
    return folder.root / IDENTITY_FILE


def is_office(folder: DataFolder) -> bool:
    return identity_path(folder).exists()


def init_office(folder: DataFolder, passphrase: str) -> OfficeKeys:
    """Create the office's keys (age identity and signing key), protected by
    `passphrase`; never over existing ones."""
    path = identity_path(folder)
    if path.exists():
        raise OfficeError(msg("office.identity_exists"), str(path))
    if len(passphrase) < MIN_PASSPHRASE:
        raise OfficeError(msg("office.short_passphrase", count=MIN_PASSPHRASE))
    keys = OfficeKeys.generate()
    secret = _encrypt(keys, passphrase)
    try:
        folder.root.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as out:
            out.write(secret)
            out.flush()
            os.fsync(out.fileno())
    except OSError as exc:
        raise FileProblem(msg("file.cannot_write", reason=os_reason(exc)), str(path)) from None
    return keys


def unlock(folder: DataFolder, passphrase: str) -> OfficeKeys:
    """The office's keys, decrypted with `passphrase`. An office made before signatures
    gets its signing key now, kept with its identity."""
    path = identity_path(folder)
    if not path.exists():
        raise OfficeError(msg("office.no_identity"), str(path))
    secret = read_bounded(path, MAX_IDENTITY)
    try:
        text = pyrage.passphrase.decrypt(secret, passphrase).decode("ascii")
    except (pyrage.DecryptError, UnicodeDecodeError):
        raise OfficeError(msg("office.wrong_passphrase")) from None
    parsed = parse_keys(text)
    if parsed is None:
        raise OfficeError(msg("office.keys_damaged"), str(path))
    if parsed.signing is not None:
        return OfficeKeys(parsed.identities, parsed.signing, parsed.endorsements)
    upgraded = OfficeKeys.generate()
    keys = OfficeKeys(parsed.identities, upgraded.signing, parsed.endorsements)
    _save(folder, keys, passphrase)
    return keys


def rotate(folder: DataFolder, passphrase: str) -> tuple[OfficeKeys, OfficeKeys]:
    """New keys for the office, endorsed by the current signing key; the old identities
    are kept to open bundles written before the laptops learn the new key. Returns the
    keys before and after."""
    before = unlock(folder, passphrase)
    after = before.rotated()
    _save(folder, after, passphrase)
    return before, after


def _encrypt(keys: OfficeKeys, passphrase: str) -> bytes:
    encrypted: bytes = pyrage.passphrase.encrypt(keys.text().encode("ascii"), passphrase)
    return encrypted


def _save(folder: DataFolder, keys: OfficeKeys, passphrase: str) -> None:
    """Replace the keys file in one atomic write (temp file, fsync, rename)."""
    write_durably(identity_path(folder), _encrypt(keys, passphrase), mode=0o600)


def pack(workspace: Workspace, folder: DataFolder, key: Path, keys: OfficeKeys) -> PackManifest:
    """Put the office's public keys, questionnaires, catalogue, erasures and all receipts
    on the key, signed."""
    inbox = Inbox(workspace.store)
    catalogue = folder.catalogue.read_bytes() if folder.catalogue.exists() else None
    questionnaires = [_version_files(p) for p in workspace.library.all()]
    return write_pack(
        KeyLayout(key),
        number=inbox.next_pack_number(),
        office_device=workspace.store.device,
        keys=keys,
        files=office_files(questionnaires, catalogue),
        receipts={device: inbox.receipts(device) for device in inbox.devices()},
        erasures=inbox.erasures(),
    )


def _version_files(published: Published) -> VersionFiles:
    """A version's YAML and recordings as they are on disk now: the same content the
    library loaded (its hash), or the pack is not written."""
    path = published.path
    raw = read_bounded(path, MAX_YAML)
    loaded = load_bytes(raw, display_path(path), folder_source(path.parent))
    q = loaded.questionnaire
    if loaded.sha256 != published.sha256:
        changed = msg("pack.questionnaire_changed", id=q.id, version=q.version)
        raise Problem(changed, str(path))
    return VersionFiles(q.id, q.version, raw, loaded.recordings)
