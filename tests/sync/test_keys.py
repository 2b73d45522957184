"""The keys: a laptop's signing key and fingerprint, the office's keys under its
passphrase, enrolment both ways and key rotation, round trips on the FAT key."""

from __future__ import annotations

import base64
import os
import re
from pathlib import Path

import pyrage
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from evaluation.files.disk import FileProblem
from evaluation.machine.paths import data_folder
from evaluation.operations.settings import load as settings_view
from evaluation.operations.sync import enrol_laptop, laptops, rotate_office
from evaluation.sync.importing import BundleStatus
from evaluation.sync.inbox import LaptopStatus
from evaluation.sync.key import KeyLayout
from evaluation.sync.keyring import OfficeKeys, endorse, follow, parse_keys
from evaluation.sync.laptop import OfficeKeyChanged, OfficeSeen
from evaluation.sync.office import IDENTITY_FILE, OfficeError, init_office, rotate, unlock
from evaluation.sync.signing import (
    DEVICE_KEY_FILE,
    device_key,
    fingerprint,
    public_text,
    same_fingerprint,
    sign,
    verifies,
)
from tests.conftest import EN
from tests.sync.helpers import PASSPHRASE, OfficeSecret, Place, sync

FINGERPRINT = re.compile(r"^[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}$")


def test_a_laptop_key_is_made_once_kept_private_and_shown_by_its_fingerprint(
    tmp_path: Path,
) -> None:
    root = tmp_path / "laptop"
    key = device_key(root)
    path = root / DEVICE_KEY_FILE
    assert path.stat().st_mode & 0o777 == 0o600
    assert path.read_bytes().startswith(b"-----BEGIN PRIVATE KEY-----")  # PKCS8
    assert public_text(device_key(root)) == public_text(key)  # the same one, every time
    shown = fingerprint(key)
    assert FINGERPRINT.match(shown), shown
    # The first 10 bytes of the SHA-256 of the raw public key, in base32.
    import hashlib

    raw = base64.b64decode(public_text(key))
    assert shown.replace("-", "") == base64.b32encode(hashlib.sha256(raw).digest()[:10]).decode()
    assert same_fingerprint(shown.lower().replace("-", " "), shown)
    assert not same_fingerprint(shown[:-1], shown)
    path.write_bytes(b"not a key")
    with pytest.raises(FileProblem) as refused:
        device_key(root)
    assert "signing key" in refused.value.render(EN)
    assert path.read_bytes() == b"not a key"  # never replaced behind the office's back


def test_settings_show_this_computers_fingerprint(laptop: Place, office: Place) -> None:
    view = settings_view(laptop.workspace)
    assert view.fingerprint == fingerprint(laptop.device_key)
    assert view.office_fingerprint is None and view.office_key is None
    assert settings_view(office.workspace).fingerprint is None  # the office shows its own
    (laptop.folder.root / DEVICE_KEY_FILE).write_bytes(b"abime")
    damaged = settings_view(laptop.workspace).fingerprint
    assert not isinstance(damaged, str) and damaged is not None
    assert EN.message(damaged).startswith("This computer's fingerprint: unreadable (this file")


def test_signatures_cover_exact_bytes() -> None:
    key = Ed25519PrivateKey.generate()
    signature = sign(key, b"abc")
    assert verifies(public_text(key), b"abc", signature)
    assert not verifies(public_text(key), b"abd", signature)
    assert not verifies(public_text(Ed25519PrivateKey.generate()), b"abc", signature)
    assert not verifies("not base64!", b"abc", signature)


def test_office_keys_live_under_the_passphrase_and_age_still_reads_them(tmp_path: Path) -> None:
    folder = data_folder(tmp_path / "office")
    made = init_office(folder, PASSPHRASE)
    path = folder.root / IDENTITY_FILE
    assert path.stat().st_mode & 0o777 == 0o600
    secret = path.read_bytes()
    assert b"AGE-SECRET-KEY" not in secret and b"signing-key" not in secret
    text = pyrage.passphrase.decrypt(secret, PASSPHRASE).decode()
    # An age identity file: any age tool opens bundles with it.
    identities = [line for line in text.splitlines() if not line.startswith("#")]
    assert identities == [str(made.identities[0])]
    unlocked = unlock(folder, PASSPHRASE)
    assert (unlocked.recipient, unlocked.signing_key) == (made.recipient, made.signing_key)
    with pytest.raises(OfficeError):
        unlock(folder, "pas la bonne phrase")


def test_an_office_made_before_signatures_gets_a_signing_key_at_its_next_unlock(
    tmp_path: Path,
) -> None:
    folder = data_folder(tmp_path / "office")
    folder.root.mkdir(parents=True)
    identity = pyrage.x25519.Identity.generate()
    legacy = pyrage.passphrase.encrypt(str(identity).encode("ascii"), PASSPHRASE)
    (folder.root / IDENTITY_FILE).write_bytes(legacy)
    keys = unlock(folder, PASSPHRASE)
    assert keys.recipient == str(identity.to_public())  # the same identity, kept
    again = unlock(folder, PASSPHRASE)
    assert again.signing_key == keys.signing_key  # made once, then kept with it


def test_a_damaged_keys_text_is_refused() -> None:
    keys = OfficeKeys.generate()
    assert parse_keys(keys.text()) is not None
    assert parse_keys(keys.text() + "surprise\n") is None
    assert parse_keys("# signing-key: ???\n" + str(keys.identities[0])) is None
    assert parse_keys("# nothing\n") is None


def test_endorsements_chain_from_the_enrolled_key_only() -> None:
    first = OfficeKeys.generate()
    second = first.rotated()
    third = second.rotated()
    chain = list(third.endorsements)
    assert len(chain) == 2
    reached = follow(chain, first.signing_key, third.signing_key)
    assert reached is not None and reached.recipient == third.recipient
    assert follow(chain, second.signing_key, third.signing_key) is not None
    assert follow(chain, third.signing_key, first.signing_key) is None  # never backwards
    stranger = OfficeKeys.generate()
    assert follow(chain, stranger.signing_key, third.signing_key) is None
    # An endorsement signed by anyone but the previous key counts for nothing.
    forged = endorse(stranger.signing, stranger.recipient, stranger.signing)
    fake = forged.model_copy(
        update={"statement": forged.statement.replace(stranger.signing_key, first.signing_key, 1)}
    )
    assert fake.checked() is None
    assert follow([fake], first.signing_key, stranger.signing_key) is None
    # Every identity stays, the newest first: old bundles still open.
    assert [str(i.to_public()) for i in third.identities] == [
        third.recipient,
        second.recipient,
        first.recipient,
    ]


def test_enrolment_and_rotation_round_trip_on_the_key(
    tmp_path: Path, laptop: Place, laptop2: Place, key: Path, office_secret: OfficeSecret
) -> None:
    """Laptop enrols office, office enrols laptop, interviews flow, the office rotates
    (twice), laptops take the new keys once the mediator confirms their fingerprint, and
    old and new bundles still import."""
    folder = data_folder(tmp_path / "office")
    office_secret.install(folder)
    office = Place.open(folder.root, unlock(folder, PASSPHRASE))
    first_print = fingerprint(office.office_keys.signing)
    office.pack(key)

    # The laptops enrol the office on first use, the office enrols them once the
    # coordinator compared their fingerprints.
    zoe = laptop.interview("Zoë")
    first = sync(laptop, key)
    assert first.enrolled is not None and first.enrolled.fingerprint == first_print
    assert sync(laptop2, key).enrolled is not None
    waiting = office.import_key(key)
    assert [b.status for b in waiting.bundles] == [BundleStatus.WAITING]
    enrol_laptop(office.workspace, first.fingerprint)
    assert [b.status for b in office.import_key(key).bundles] == [BundleStatus.IMPORTED]
    office.pack(key)
    assert sync(laptop, key).acknowledged == 1

    # The office rotates. A bundle written before the laptop learns it is for the old key.
    rotated = rotate_office(folder, PASSPHRASE)
    new_print = rotated.after.fingerprint
    assert (rotated.before.fingerprint, new_print != first_print) == (first_print, True)
    ayse = laptop.interview("Ayşe")
    old = sync(laptop, key)
    assert old.enrolled is None and old.bundle is not None
    office.keys = unlock(folder, PASSPHRASE)  # as the office unlocks it next time
    assert office.office_keys.recipient == rotated.after.recipient
    office.pack(key)
    nguyen = laptop.interview("Nguyễn")
    # Endorsed by the old key or not, a new key is taken only once the mediator confirms
    # the fingerprint the coordinator gave them: the old key may be in other hands.
    unconfirmed = sync(laptop, key)
    assert unconfirmed.key_changed == OfficeKeyChanged(first_print, new_print)
    new = sync(laptop, key, new_print)
    assert (new.enrolled, new.key_changed, new.problems) == (
        OfficeSeen(new_print, rotated.after.recipient),
        None,
        [],
    )
    assert new.bundle is not None
    with pytest.raises(pyrage.DecryptError):  # written for the new key only
        pyrage.decrypt(new.bundle.read_bytes(), [office_secret.identity])
    report = office.import_key(key)  # before the change, while asked, after: all open
    assert [b.status for b in report.bundles] == ["imported"] * 3
    assert {r.id for r in office.workspace.store.interviews()} == {zoe, ayse, nguyen}

    # A second rotation; laptop2, which saw only the first keys, follows both.
    _, after = rotate(folder, PASSPHRASE)
    office.keys = after
    office.pack(key)
    assert len(after.endorsements) == 2
    laptop2.interview("Bjørn")
    later = sync(laptop2, key, fingerprint(after.signing))
    assert later.enrolled is not None and later.enrolled.fingerprint == fingerprint(after.signing)
    office.enrol(laptop2)
    assert [b.status for b in office.import_key(key).bundles] == ["imported"]
    assert office.content() == laptop.content() | laptop2.content()
    assert {lap.status for lap in laptops(office.workspace)} == {LaptopStatus.ENROLLED}
    # Réglages on the laptop now shows the new office fingerprint.
    view = settings_view(laptop.workspace)
    assert view.office_fingerprint == new_print
    assert not list(KeyLayout(key).bundles.glob("*.age"))


def test_device_key_file_is_created_with_owner_only_mode_despite_umask(tmp_path: Path) -> None:
    old = os.umask(0o000)
    try:
        device_key(tmp_path / "laptop")
    finally:
        os.umask(old)
    assert (tmp_path / "laptop" / DEVICE_KEY_FILE).stat().st_mode & 0o777 == 0o600
