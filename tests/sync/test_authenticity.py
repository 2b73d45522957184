"""Authenticity both ways: the office takes bundles only from laptops it enrolled, and a
laptop applies a pack only when the enrolled office signed it.

Real parts throughout: SQLite files, age and Ed25519, the FAT key where it mounts.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from evaluation.files.disk import write_durably
from evaluation.machine.clock import now
from evaluation.operations.erasure import erase
from evaluation.operations.sync import enrol_laptop, import_and_pack, laptops
from evaluation.store import Store
from evaluation.sync.importing import BundleStatus
from evaluation.sync.inbox import LaptopStatus, Outcome
from evaluation.sync.key import KeyLayout
from evaluation.sync.keyring import Endorsement, OfficeKeys, Statement
from evaluation.sync.laptop import OfficeKeyChanged
from evaluation.sync.outbox import Outbox
from evaluation.sync.signing import fingerprint, public_text, sign
from tests.conftest import EN
from tests.sync.helpers import OfficeSecret, Place, opened, sealed, sign_pack, sync


def _next_version() -> int:
    from evaluation.questionnaire import Library

    latest = Library.discover().latest("diagnostic-base")
    assert latest is not None
    return latest.questionnaire.version + 1


NEW = _next_version()  # the version the office adds after the shipped ones


def snapshot(store: Store, *, but: tuple[str, ...] = ()) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table (in a stable order), to compare before and after."""
    tables = [
        str(r["name"])
        for r in store.query(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    return {
        table: sorted(
            (tuple(row.values()) for row in store.query(f"SELECT * FROM {table}")), key=repr
        )
        for table in sorted(tables)
        if table not in but
    }


def on_key(key: Path) -> list[str]:
    bundles = KeyLayout(key).bundles
    return sorted(p.name for p in bundles.glob("*.age")) if bundles.exists() else []


# --- the office: enrolment -------------------------------------------------------------


def test_a_bundle_from_an_unknown_laptop_waits_for_enrolment(
    office: Place, laptop: Place, key: Path, office_secret: OfficeSecret
) -> None:
    office.pack(key)
    mine = {laptop.interview("Zoë"), laptop.interview(None, choice=1)}
    written = sync(laptop, key).bundle
    assert written is not None
    before = snapshot(office.workspace.store, but=("laptops",))

    report = office.import_key(key)
    (waiting,) = report.bundles
    laptop_print = fingerprint(laptop.device_key)
    assert waiting.status is BundleStatus.WAITING
    assert waiting.reason is not None
    assert EN.message(waiting.reason) == (
        f"laptop not confirmed yet (fingerprint {laptop_print}): the bundle waits on the USB key"
    )
    assert [EN.message(m) for m in report.said()][-1] == (
        f"New laptop, fingerprint {laptop_print}: 1 bundle waits for your confirmation."
    )
    # Nothing applied, nothing acknowledged, the bundle stays; the laptop is pending.
    assert snapshot(office.workspace.store, but=("laptops",)) == before
    assert on_key(key) == [written.name]
    assert not KeyLayout(key).receipts.exists()
    (seen,) = laptops(office.workspace)
    assert (seen.status, seen.fingerprint, seen.device_id) == (
        LaptopStatus.PENDING,
        laptop_print,
        laptop.workspace.store.device,
    )
    assert seen.public_key == public_text(laptop.device_key) and seen.enrolled_at is None
    # Seen again: still one pending laptop, still nothing applied.
    assert [b.status for b in office.import_key(key).bundles] == [BundleStatus.WAITING]
    assert len(laptops(office.workspace)) == 1
    assert snapshot(office.workspace.store, but=("laptops",)) == before

    enrolled = enrol_laptop(office.workspace, laptop_print.lower())
    assert enrolled.status is LaptopStatus.ENROLLED and enrolled.enrolled_at is not None
    report = office.import_key(key)
    assert [b.status for b in report.bundles] == [BundleStatus.IMPORTED]
    assert {r.id for r in office.workspace.store.interviews()} == mine
    assert office.content() == laptop.content()
    assert on_key(key) == []


def test_the_coordinator_enrols_and_imports_in_one_pass(
    office: Place, laptop: Place, laptop2: Place, key: Path, office_secret: OfficeSecret
) -> None:
    """The office screen's pass: confirmed fingerprints are enrolled, then imported."""
    office.pack(key)
    laptop.interview("Zoë")
    laptop2.interview("Ayşe")
    sync(laptop, key)
    sync(laptop2, key)
    first = import_and_pack(office.workspace, office_secret.keys, key)
    assert {lap.fingerprint for lap, _ in first.report.waiting()} == {
        fingerprint(laptop.device_key),
        fingerprint(laptop2.device_key),
    }
    again = import_and_pack(
        office.workspace, office_secret.keys, key, enrol=(fingerprint(laptop.device_key),)
    )
    assert [lap.fingerprint for lap in again.enrolled] == [fingerprint(laptop.device_key)]
    assert sorted(b.status for b in again.report.bundles) == ["imported", "waiting"]
    assert office.content() == laptop.content()  # only the confirmed laptop's
    # Receipts only for applied bundles: the laptop whose bundle waits gets none.
    receipts = KeyLayout(key).receipts
    assert sorted(p.stem for p in receipts.iterdir()) == [laptop.workspace.store.device]


def test_enrolment_refuses_unknown_and_repeated_fingerprints(
    office: Place, laptop: Place, key: Path
) -> None:
    from evaluation.problems import Problem

    with pytest.raises(Problem) as unknown:
        enrol_laptop(office.workspace, "AAAA-BBBB-CCCC-DDDD")
    assert unknown.value.render(EN) == (
        "no waiting laptop has the fingerprint AAAA-BBBB-CCCC-DDDD: check it, or first import a"
        " bundle from that laptop"
    )
    office.enrol(laptop)
    with pytest.raises(Problem) as again:
        enrol_laptop(office.workspace, fingerprint(laptop.device_key))
    assert "is already confirmed" in again.value.render(EN)


def test_a_bundle_forged_in_an_enrolled_laptops_name_is_refused(
    office: Place, laptop: Place, key: Path, office_secret: OfficeSecret
) -> None:
    office.pack(key)
    office.enrol(laptop)
    laptop.interview("Zoë")
    sync(laptop, key)
    office.import_key(key)
    victim = next(iter(office.workspace.store.interviews())).id
    before = snapshot(office.workspace.store)

    # Someone holding the USB key (and so the office's public key) writes an erasure
    # of a real interview in the laptop's name, signed with a key of their own.
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from evaluation.sync.bundle import Manifest, file_name

    forger = Ed25519PrivateKey.generate()
    device = laptop.workspace.store.device
    manifest = Manifest(
        device=device,
        signing_key=public_text(forger),
        seq=2,
        created_at=now(),
        counts={"erasure": 1},
        questionnaires={},
    )
    erasure = {"type": "erasure", "id": victim, "device_id": device, "erased_at": now()}
    forged = KeyLayout(key).bundles / file_name(device, 2)
    lines = [manifest.model_dump_json(), json.dumps(erasure)]
    write_durably(forged, sealed(lines, forger, office_secret.recipient))
    report = office.import_key(key)
    (refused,) = report.bundles
    assert refused.status is BundleStatus.REFUSED and refused.reason is not None
    assert EN.message(refused.reason) == (
        f"signed by another key (fingerprint {fingerprint(forger)}) than the one confirmed for"
        f" this laptop (fingerprint {fingerprint(laptop.device_key)}): a bundle forged in its"
        " name?"
    )
    assert snapshot(office.workspace.store) == before  # no pending laptop recorded either
    assert on_key(key) == [forged.name]  # refused files stay, for a look

    # The same erasure with the laptop's real key but the signature line tampered with.
    body_lines = [
        manifest.model_copy(
            update={"signing_key": public_text(laptop.device_key)}
        ).model_dump_json(),
        json.dumps(erasure),
    ]
    tampered = sealed(body_lines, laptop.device_key, office_secret.recipient)
    plain = opened_plain(tampered, office_secret)
    other_id = "00000000-0000-4000-8000-000000000000"
    flipped = plain.replace(victim.encode(), other_id.encode())
    assert flipped != plain
    import pyrage

    recipient = pyrage.x25519.Recipient.from_str(office_secret.recipient)
    write_durably(forged, pyrage.encrypt(flipped, [recipient]))
    (refused,) = office.import_key(key).bundles
    assert refused.reason is not None
    assert EN.message(refused.reason) == (
        "the signature does not match the content: an altered or forged bundle"
    )
    # And with no signature line at all (what an older app, or a forger, writes).
    body = ("\n".join(body_lines) + "\n").encode()
    write_durably(forged, pyrage.encrypt(body, [recipient]))
    (refused,) = office.import_key(key).bundles
    assert refused.reason is not None
    assert EN.message(refused.reason) == (
        "not signed by the laptop (an older version of the app, or a forged bundle)"
    )
    assert snapshot(office.workspace.store) == before


def opened_plain(data: bytes, secret: OfficeSecret) -> bytes:
    import pyrage

    plain: bytes = pyrage.decrypt(data, list(secret.keys.identities))
    return plain


def test_a_bundle_in_the_offices_own_name_is_refused(
    office: Place, laptop: Place, key: Path, office_secret: OfficeSecret
) -> None:
    """Erasures from the office itself are authoritative: no bundle may speak for it."""
    from evaluation.sync.bundle import Manifest, file_name

    device = office.workspace.store.device
    manifest = Manifest(
        device=device,
        signing_key=public_text(laptop.device_key),
        seq=1,
        created_at=now(),
        counts={},
        questionnaires={},
    )
    path = KeyLayout(key).bundles / file_name(device, 1)
    write_durably(
        path, sealed([manifest.model_dump_json()], laptop.device_key, office_secret.recipient)
    )
    (refused,) = office.import_key(key).bundles
    assert refused.reason is not None
    assert EN.message(refused.reason) == (
        "the bundle claims to come from this office itself, while only laptops write bundles"
    )
    assert laptops(office.workspace) == []


def test_an_erasure_counts_only_from_the_laptop_that_recorded_the_interview(
    office: Place, laptop: Place, laptop2: Place, key: Path, office_secret: OfficeSecret
) -> None:
    office.pack(key)
    office.enrol(laptop, laptop2)
    theirs = laptop.interview("Zoë")
    mine_gone, mine_kept = laptop2.interview("Bjørn"), laptop2.interview("Ñuñez")
    sync(laptop, key)
    sync(laptop2, key)
    office.import_key(key)
    assert {r.id for r in office.workspace.store.interviews()} == {theirs, mine_gone, mine_kept}

    # laptop2 erases one of its own interviews, and claims an erasure of laptop's.
    erase(laptop2.workspace, mine_gone)
    with laptop2.workspace.store.transaction() as db:
        db.execute(
            "INSERT INTO tombstones (interview_id, device_id, erased_at) VALUES (?, ?, ?)",
            (theirs, laptop2.workspace.store.device, now()),
        )
    assert sync(laptop2, key).sent_erasures == 2
    report = office.import_key(key)
    (bundle,) = report.bundles
    assert dict(bundle.records) == {Outcome.ERASED: 1, Outcome.REFUSED: 1}
    lines = [EN.message(m) for m in report.said()]
    assert lines[0].endswith("(1 erased, 1 refused (another laptop's interview or erasure))"), (
        lines[0]
    )
    assert {r.id for r in office.workspace.store.interviews()} == {theirs, mine_kept}
    # Its recorder may still erase it.
    erase(laptop.workspace, theirs)
    sync(laptop, key)
    assert office.import_key(key).records()[Outcome.ERASED] == 1
    assert {r.id for r in office.workspace.store.interviews()} == {mine_kept}


# --- the laptop: a pack that does not verify changes nothing ----------------------------


def ready(office: Place, laptop: Place, key: Path) -> tuple[str, Path]:
    """A laptop that enrolled the office and sent two interviews; the office imported
    them, erased one, and packed a new questionnaire version, a catalogue, that erasure
    and the receipt. Returns the erased id and a copy of the pristine pack."""
    from evaluation.offers.catalogue import SAMPLE

    office.pack(key)
    office.enrol(laptop)
    gone = laptop.interview("Łukasz")
    laptop.interview("Ayşe")
    assert sync(laptop, key).sent == 2
    office.import_key(key)
    erase(office.workspace, gone)
    source = office.workspace.library.latest("diagnostic-base")
    assert source is not None
    shipped = source.questionnaire.version
    assert shipped + 1 == NEW
    added = office.folder.questionnaires / "diagnostic-base" / f"{NEW}.yaml"
    added.parent.mkdir(parents=True)
    added.write_text(
        source.path.read_text(encoding="utf-8").replace(
            f"\nversion: {shipped}\n", f"\nversion: {NEW}\n"
        ),
        encoding="utf-8",
    )
    office.folder.catalogue.write_bytes(SAMPLE.read_bytes())
    office.workspace = Place.open(office.folder.root).workspace  # sees its new files
    office.pack(key)
    pristine = key.parent / "pristine-office"
    shutil.copytree(KeyLayout(key).office, pristine)
    return gone, pristine


def restore(key: Path, pristine: Path) -> None:
    """The office folder on the key as the office packed it (FAT keeps no modes: files
    are copied by content)."""
    office = KeyLayout(key).office
    shutil.rmtree(office)
    for source in sorted(pristine.rglob("*")):
        if source.is_file():
            write_durably(office / source.relative_to(pristine), source.read_bytes())


def unchanged(laptop: Place, gone: str, enrolled: Any) -> None:
    """Nothing of the pack reached the laptop."""
    reopened = Place.open(laptop.folder.root)
    assert reopened.workspace.library.get("diagnostic-base", NEW) is None
    assert not laptop.folder.catalogue.exists()
    assert reopened.workspace.catalogue.sample
    assert gone in {r.id for r in laptop.workspace.store.interviews()}
    acknowledged = laptop.workspace.store.query(
        "SELECT COUNT(*) AS n FROM bundles_sent WHERE acknowledged_at IS NOT NULL"
    )
    assert acknowledged[0]["n"] == 0
    assert Outbox(laptop.workspace.store).office() == enrolled
    reopened.workspace.store.close()


def tamper_catalogue(key: Path, keys: OfficeKeys) -> None:
    path = KeyLayout(key).office / "catalogue.json"
    write_durably(path, path.read_bytes().replace(b"France Services", b"Faux Services"))


def tamper_and_rehash(key: Path, keys: OfficeKeys) -> None:
    import hashlib

    office = KeyLayout(key).office
    data = (office / "catalogue.json").read_bytes().replace(b"France Services", b"Faux Services")
    write_durably(office / "catalogue.json", data)
    manifest = json.loads((office / "pack.json").read_text(encoding="utf-8"))
    manifest["files"]["catalogue.json"] = hashlib.sha256(data).hexdigest()
    write_durably(office / "pack.json", json.dumps(manifest, indent=1).encode())


def add_listed_file(key: Path, keys: OfficeKeys) -> None:
    import hashlib

    office = KeyLayout(key).office
    data = (office / "questionnaires" / f"diagnostic-base-v{NEW}.yaml").read_bytes()
    data = data.replace(f"\nversion: {NEW}\n".encode(), f"\nversion: {NEW + 1}\n".encode())
    name = f"questionnaires/diagnostic-base-v{NEW + 1}.yaml"
    write_durably(office / name, data)
    manifest = json.loads((office / "pack.json").read_text(encoding="utf-8"))
    manifest["files"][name] = hashlib.sha256(data).hexdigest()
    write_durably(office / "pack.json", json.dumps(manifest, indent=1).encode())


def remove_signature(key: Path, keys: OfficeKeys) -> None:
    (KeyLayout(key).office / "pack.sig").unlink()


def sign_with_another_key(key: Path, keys: OfficeKeys) -> None:
    sign_pack(key, OfficeKeys.generate())


def forge_an_endorsement(key: Path, keys: OfficeKeys) -> None:
    """Another key, with an "endorsement" naming the enrolled key as the previous one
    but signed by the new key itself."""
    other = OfficeKeys.generate()
    statement = Statement(
        previous=keys.signing_key,
        recipient=other.recipient,
        signing_key=other.signing_key,
        created_at=now(),
    ).model_dump_json()
    forged = Endorsement(statement=statement, ed25519=sign(other.signing, statement.encode()))
    office = KeyLayout(key).office
    manifest = json.loads((office / "pack.json").read_text(encoding="utf-8"))
    manifest["endorsements"] = [forged.model_dump()]
    write_durably(office / "pack.json", json.dumps(manifest).encode())
    sign_pack(key, other)


BAD_SIGNATURE = (
    "office/pack.sig: the office's signature does not match pack.json (a changed file, or a copy"
    " cut short): nothing of the office pack was applied on this computer"
)
TAMPERING = [
    (tamper_catalogue, "office/pack.json: files of the office pack do not match"),
    (tamper_and_rehash, BAD_SIGNATURE),
    (add_listed_file, BAD_SIGNATURE),
    (
        remove_signature,
        "office/pack.sig: office pack not signed (no pack.sig file): nothing of it was applied"
        " on this computer",
    ),
    (sign_with_another_key, None),
    (forge_an_endorsement, None),
]


def test_a_pack_that_does_not_verify_changes_nothing_on_the_laptop(
    office: Place, laptop: Place, key: Path, office_secret: OfficeSecret
) -> None:
    gone, pristine = ready(office, laptop, key)
    enrolled = Outbox(laptop.workspace.store).office()
    assert enrolled is not None and enrolled.signing_key == office_secret.keys.signing_key
    laptop.interview("Nguyễn")
    for tamper, reason in TAMPERING:
        restore(key, pristine)
        tamper(key, office_secret.keys)
        report = sync(laptop, key)
        unchanged(laptop, gone, enrolled)
        assert report.installed == [] and report.catalogue is None and report.erased == []
        assert report.acknowledged == 0
        # The bundle is still written, for the enrolled office key.
        assert report.bundle is not None and report.sent_interviews == 3, tamper.__name__
        assert opened(report.bundle.read_bytes(), office_secret.keys)
        said = [p.render(EN) for p in report.problems]
        if reason is None:
            assert report.key_changed is not None, tamper.__name__
            assert report.key_changed.enrolled == fingerprint(office_secret.keys.signing)
            assert said == []
        else:
            assert report.key_changed is None
            assert said[-1].startswith(reason), (tamper.__name__, said)
        assert report.finished().key == "sync.done_problems"

    # A file merely added beside the pack, not named in pack.json, is never read; the
    # pack itself verifies and is applied whole.
    restore(key, pristine)
    stray = KeyLayout(key).office / "questionnaires" / "intrus-v1.yaml"
    write_durably(stray, b"id: intrus\n")
    report = sync(laptop, key)
    assert report.problems == [] and report.key_changed is None
    assert report.installed == [("diagnostic-base", NEW)]
    assert report.catalogue is not None and report.erased == [gone]
    assert report.acknowledged == 1
    assert not (laptop.folder.questionnaires / "intrus").exists()


def test_an_unsigned_pack_is_not_enrolled_on_first_use(
    office: Place, laptop: Place, key: Path
) -> None:
    office.pack(key)
    remove_signature(key, office.office_keys)
    laptop.interview("Zoë")
    report = sync(laptop, key)
    assert report.enrolled is None and report.bundle is None and report.unsent == 1
    assert Outbox(laptop.workspace.store).office() is None


def test_a_laptop_enrolled_before_signatures_learns_the_signing_key_when_confirmed(
    office: Place, laptop: Place, key: Path, office_secret: OfficeSecret
) -> None:
    """A laptop that enrolled only the office's age recipient (before packs were signed)
    takes the signing key once the mediator confirms its fingerprint (anyone can name
    a public recipient in a pack of their own: `tests/sync/test_trust.py`)."""
    laptop.workspace.store.set_value("office_recipient", office_secret.recipient)
    office.pack(key)
    asked = sync(laptop, key)
    assert asked.key_changed == OfficeKeyChanged(
        office_secret.recipient, fingerprint(office_secret.keys.signing)
    )
    report = sync(laptop, key, fingerprint(office_secret.keys.signing))
    assert report.enrolled is not None
    assert report.enrolled.fingerprint == fingerprint(office_secret.keys.signing)
    office_seen = Outbox(laptop.workspace.store).office()
    assert office_seen is not None and office_seen.signing_key == office_secret.keys.signing_key


def test_old_and_new_bundle_formats_are_told_apart(
    office: Place, laptop: Place, key: Path, office_secret: OfficeSecret
) -> None:
    from evaluation.sync.bundle import file_name

    office.enrol(laptop)
    device = laptop.workspace.store.device
    old = {
        "type": "manifest",
        "format": 1,
        "device": device,
        "seq": 1,
        "created_at": now(),
        "counts": {},
        "questionnaires": {},
    }
    import pyrage

    recipient = pyrage.x25519.Recipient.from_str(office_secret.recipient)
    path = KeyLayout(key).bundles / file_name(device, 1)
    write_durably(path, pyrage.encrypt(json.dumps(old).encode() + b"\n", [recipient]))
    (refused,) = office.import_key(key).bundles
    assert refused.reason is not None
    assert EN.message(refused.reason).startswith("bundle in format 1")
