"""Damaged, foreign and hostile input on the key: refused whole, nothing half-imported."""

from __future__ import annotations

import errno
import json
import os
import random
from pathlib import Path
from typing import Any
from uuid import uuid4

import pyrage
import pytest

from evaluation.files.disk import FileProblem, write_durably
from evaluation.problems import Problem
from evaluation.sync.bundle import MAX_BYTES, file_name
from evaluation.sync.inbox import Outcome
from evaluation.sync.key import KeyLayout
from evaluation.sync.laptop import sync_laptop
from evaluation.sync.outbox import Outbox
from evaluation.sync.pack import read_pack
from tests.conftest import EN
from tests.sync.helpers import OfficeSecret, Place, opened, sealed

DAMAGED = 200


def make_bundle(office: Place, laptop: Place, key: Path) -> Path:
    """A bundle of three interviews from a laptop the office enrolled."""
    office.pack(key)
    office.enrol(laptop)
    for n in range(3):
        laptop.interview(f"Personne {n}", choice=n)
    report = sync_laptop(laptop.workspace, laptop.folder, key)
    assert report.bundle is not None
    return report.bundle


def integrity(office: Place) -> str:
    return str(office.workspace.store.query("PRAGMA integrity_check")[0]["integrity_check"])


def office_rows(office: Place) -> tuple[int, ...]:
    store = office.workspace.store
    tables = ("interviews", "answers", "answer_history", "bundles_imported", "records_imported")
    return tuple(store.query(f"SELECT COUNT(*) AS n FROM {t}")[0]["n"] for t in tables)


def pending_laptops(office: Place) -> int:
    query = "SELECT COUNT(*) AS n FROM laptops WHERE status = 'pending'"
    return int(office.workspace.store.query(query)[0]["n"])


def test_randomly_damaged_bundles_are_all_refused(
    office: Place, laptop: Place, key: Path, office_secret: OfficeSecret
) -> None:
    bundle = make_bundle(office, laptop, key)
    good = bundle.read_bytes()
    bundle.unlink()
    seed = int(os.environ.get("DAMAGE_SEED", "20261123"))
    rng = random.Random(seed)
    for attempt in range(DAMAGED):
        data = bytearray(good)
        if attempt % 2:
            del data[rng.randrange(len(data)) :]
            how = f"truncated to {len(data)} bytes"
        else:
            bit = rng.randrange(len(data) * 8)
            data[bit // 8] ^= 1 << (bit % 8)
            how = f"bit {bit} flipped"
        write_durably(bundle, bytes(data))
        report = office.import_key(key)
        assert [b.status for b in report.bundles] == ["refused"], f"seed {seed}: {how}"
        assert office_rows(office) == (0, 0, 0, 0, 0), f"seed {seed}: {how}"
        assert pending_laptops(office) == 0, f"seed {seed}: {how}"
        assert integrity(office) == "ok"
    write_durably(bundle, good)
    report = office.import_key(key)
    assert report.records()[Outcome.NEW] == 3


def refusal(office: Place, secret: OfficeSecret, key: Path) -> list[tuple[str, str]]:
    report = office.import_key(key)
    assert office_rows(office)[0] == 0
    assert integrity(office) == "ok"
    return [(b.status, EN.message(b.reason) if b.reason else "") for b in report.bundles]


def test_zero_length_renamed_foreign_and_odd_files_are_refused(
    office: Place, laptop: Place, key: Path, office_secret: OfficeSecret
) -> None:
    bundle = make_bundle(office, laptop, key)
    good = bundle.read_bytes()
    device = laptop.workspace.store.device
    bundle.unlink()
    empty = bundle.parent / file_name(device, 7)
    empty.write_bytes(b"")
    assert refusal(office, office_secret, key) == [("refused", "empty file (0 bytes)")]
    empty.unlink()

    write_durably(bundle.parent / file_name(device, 2), good)
    assert refusal(office, office_secret, key) == [
        ("refused", "the file name does not match its content (renamed?)")
    ]
    (bundle.parent / file_name(device, 2)).unlink()

    plain = pyrage.decrypt(good, list(office_secret.keys.identities))
    other = pyrage.x25519.Identity.generate().to_public()
    write_durably(bundle, pyrage.encrypt(plain, [other]))
    assert refusal(office, office_secret, key) == [
        ("refused", "encrypted for another office's encryption key")
    ]
    bundle.unlink()

    (bundle.parent / "notes.txt").write_bytes(b"hello")
    assert refusal(office, office_secret, key) == [
        ("refused", "unexpected file name: not a laptop's bundle")
    ]


def test_content_not_in_the_format_is_refused(
    office: Place, laptop: Place, key: Path, office_secret: OfficeSecret
) -> None:
    bundle = make_bundle(office, laptop, key)
    lines = opened(bundle.read_bytes(), office_secret.keys)
    record = json.loads(lines[1])
    record["interview"]["first_name"] = "x" * 5000
    record["interview"]["extra"] = 1
    # Signed by the laptop's own key: even an enrolled laptop's word is checked.
    hostile = [lines[0], json.dumps(record), *lines[2:]]
    write_durably(bundle, sealed(hostile, laptop.device_key, office_secret.recipient))
    [(status, reason)] = refusal(office, office_secret, key)
    assert status == "refused"
    assert reason.startswith("the content does not follow the bundle format (field interview.")


def test_symlinks_and_huge_files_are_refused(
    office: Place, laptop: Place, tmp_path: Path, office_secret: OfficeSecret
) -> None:
    key = tmp_path / "plain-key"  # FAT has no symbolic links: a plain folder here
    key.mkdir()
    bundle = make_bundle(office, laptop, key)
    secret = tmp_path / "secret.age"
    bundle.rename(secret)
    bundle.symlink_to(secret)
    assert refusal(office, office_secret, key) == [("refused", "symbolic link: refused")]
    bundle.unlink()
    with bundle.open("wb") as huge:
        huge.truncate(MAX_BYTES + 1)
    assert refusal(office, office_secret, key) == [
        ("refused", "file too large (65 MB; at most 64 MB)")
    ]


def test_hostile_pack_paths_are_refused(office: Place, laptop: Place, key: Path) -> None:
    office.pack(key)
    layout = KeyLayout(key)
    manifest = json.loads((layout.office / "pack.json").read_text(encoding="utf-8"))
    for hostile in ("../../.bashrc", "/etc/passwd", "questionnaires/../../x.yaml"):
        changed = {**manifest, "files": {hostile: "0" * 64}}
        write_durably(layout.office / "pack.json", json.dumps(changed).encode())
        with pytest.raises(Problem) as caught:
            read_pack(layout)
        said = f"pack.json: not a valid office pack (the file name '{hostile}' is not allowed)"
        assert caught.value.render(EN).endswith(said)
        report = sync_laptop(laptop.workspace, laptop.folder, key)
        assert report.problems[0].render(EN).endswith(said)
        assert not (laptop.folder.root / "questionnaires").exists()


def test_damaged_pack_file_is_refused_by_its_hash(office: Place, laptop: Place, key: Path) -> None:
    from evaluation.offers.catalogue import SAMPLE

    office.folder.catalogue.write_bytes(SAMPLE.read_bytes())
    office.pack(key)
    target = KeyLayout(key).office / "catalogue.json"
    write_durably(target, target.read_bytes()[:-20])
    report = sync_laptop(laptop.workspace, laptop.folder, key)
    assert [p.render(EN) for p in report.problems] == [
        f"{target}: damaged or changed file (its content differs from what the office signed)",
        "office/pack.json: files of the office pack do not match what the office signed: nothing"
        " of it was applied on this computer",
    ]
    assert report.catalogue is None and not laptop.folder.catalogue.exists()


def test_key_pulled_out_mid_write_keeps_everything_for_next_time(
    office: Place,
    laptop: Place,
    key: Path,
    office_secret: OfficeSecret,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    office.pack(key)
    office.enrol(laptop)  # its signing key is made here, before the key is pulled out
    laptop.interview("Zoë")
    real_fsync = os.fsync

    def pulled_out(fd: int) -> None:
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(os, "fsync", pulled_out)
    with pytest.raises(FileProblem, match="écriture impossible"):
        sync_laptop(laptop.workspace, laptop.folder, key)
    monkeypatch.setattr(os, "fsync", real_fsync)
    outbox = Outbox(laptop.workspace.store)
    assert outbox.last_seq() == 0 and len(outbox.pending()) == 1
    assert not list(KeyLayout(key).bundles.iterdir())  # no temp file left behind

    # A temp file left by a real pull-out is ignored by the office.
    (KeyLayout(key).bundles / (file_name(laptop.workspace.store.device, 1) + ".tmp")).write_bytes(
        b"x"
    )
    report = sync_laptop(laptop.workspace, laptop.folder, key)
    assert report.sent == 1 and report.bundle is not None
    assert report.bundle.name == file_name(laptop.workspace.store.device, 2)  # 1 never reused
    imported = office.import_key(key)
    assert [b.status for b in imported.bundles] == ["unfinished", "imported"]
    assert office.content() == laptop.content()


def test_records_that_contradict_themselves_are_refused(
    office: Place, laptop: Place, key: Path, office_secret: OfficeSecret
) -> None:
    bundle = make_bundle(office, laptop, key)
    lines = opened(bundle.read_bytes(), office_secret.keys)
    signer, recipient = laptop.device_key, office_secret.recipient

    def other_id(record: dict[str, Any]) -> None:
        record["interview"]["id"] = str(uuid4())

    def answered_twice(record: dict[str, Any]) -> None:
        record["answers"].append(record["answers"][0])

    for change in (other_id, answered_twice):
        record = json.loads(lines[1])
        change(record)
        hostile = [lines[0], json.dumps(record), *lines[2:]]
        write_durably(bundle, sealed(hostile, signer, recipient))
        [(status, reason)] = refusal(office, office_secret, key)
        assert status == "refused", reason
        assert reason == "the content does not follow the bundle format (field interview)"
    nested = "[" * 100_000 + "]" * 100_000
    write_durably(bundle, sealed([lines[0], nested], signer, recipient))
    [(status, reason)] = refusal(office, office_secret, key)
    assert status == "refused"
    assert reason.startswith("the content does not follow the bundle format")
