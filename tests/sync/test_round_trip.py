"""Laptop → key → office → receipts → laptop, on a real FAT filesystem where possible."""

from __future__ import annotations

import json
from pathlib import Path

import pyrage
import pytest

from evaluation.files.disk import write_durably
from evaluation.interview.record import KeptStep
from evaluation.operations.erasure import erase
from evaluation.store.erasure import traces
from evaluation.sync.inbox import Outcome
from evaluation.sync.key import KeyLayout
from evaluation.sync.keyring import OfficeKeys
from evaluation.sync.laptop import OfficeKeyChanged, OfficeSeen
from evaluation.sync.signing import fingerprint
from tests.conftest import EN
from tests.sync.helpers import OfficeSecret, Place, can_mount_fat, opened, sign_pack, sync


def test_two_laptops_reach_the_office_once(
    office: Place, laptop: Place, laptop2: Place, key: Path, office_secret: OfficeSecret
) -> None:
    office.pack(key)
    office.enrol(laptop, laptop2)
    mine = [laptop.interview("Zoë"), laptop.interview(None, choice=2)]
    theirs = [laptop2.interview("Nguyễn", choice=1)]

    first = sync(laptop, key)
    assert first.enrolled == OfficeSeen(
        fingerprint(office_secret.keys.signing), office_secret.recipient
    )
    assert first.fingerprint == fingerprint(laptop.device_key)
    assert first.sent == 2 and first.bundle is not None and first.bundle.exists()
    assert sync(laptop2, key).sent == 1

    bundles = KeyLayout(key).bundles
    copies = {p.name: p.read_bytes() for p in bundles.glob("*.age")}
    report = office.import_key(key)
    assert [b.status for b in report.bundles] == ["imported", "imported"]
    assert report.records()[Outcome.NEW] == 3
    assert office.content() == laptop.content() | laptop2.content()
    assert {r.id for r in office.workspace.store.interviews()} == set(mine + theirs)
    assert not list(bundles.glob("*.age"))  # taken off the key once in the database

    # The same bundles imported again (a copy of the key) change nothing.
    for name, data in copies.items():
        write_durably(bundles / name, data)
    again = office.import_key(key)
    assert [b.status for b in again.bundles] == ["known", "known"]
    assert office.content() == laptop.content() | laptop2.content()

    # Receipts come back: nothing left to send, so no new bundle.
    after = sync(laptop, key)
    assert after.acknowledged == 1 and after.sent == 0 and after.bundle is None
    assert laptop.content() == {r for r in office.content() if r[0] in mine}


def test_unacknowledged_records_are_sent_again_and_counted_once(
    office: Place, laptop: Place, key: Path, office_secret: OfficeSecret
) -> None:
    office.pack(key)
    office.enrol(laptop)
    laptop.interview()
    assert sync(laptop, key).sent == 1
    laptop.interview()
    assert sync(laptop, key).sent == 2  # no receipt yet: the first one goes again
    report = office.import_key(key)
    assert [dict(b.records) for b in report.bundles] == [{"new": 1}, {"known": 1, "new": 1}]
    assert office.content() == laptop.content()


def test_questionnaire_version_and_catalogue_reach_a_laptop(
    office: Place, laptop: Place, key: Path, tmp_path: Path
) -> None:
    source = office.workspace.library.latest("diagnostic-base")
    assert source is not None
    newer = source.questionnaire.version + 1
    following = office.folder.questionnaires / "diagnostic-base" / f"{newer}.yaml"
    following.parent.mkdir(parents=True)
    following.write_text(
        source.path.read_text(encoding="utf-8").replace(
            f"\nversion: {newer - 1}\n", f"\nversion: {newer}\n"
        ),
        encoding="utf-8",
    )
    from evaluation.offers.catalogue import SAMPLE

    catalogue = SAMPLE.read_text(encoding="utf-8").replace(
        "France Services de", "Maison France Services de"
    )
    office.folder.catalogue.write_text(catalogue, encoding="utf-8")
    office = Place.open(office.folder.root, office.keys)  # the office sees its new files
    office.pack(key)

    report = sync(laptop, key)
    assert report.installed == [("diagnostic-base", newer)]
    assert report.catalogue == len(laptop.workspace.catalogue.services)
    assert report.problems == []
    reopened = Place.open(laptop.folder.root)
    latest = reopened.workspace.library.latest("diagnostic-base")
    assert latest is not None and latest.questionnaire.version == newer
    assert latest.origin == "installed"
    assert any(
        s.nom.startswith("Maison France Services") for s in reopened.workspace.catalogue.services
    )
    # Twice changes nothing.
    assert sync(laptop, key).installed == []


def test_a_published_version_is_never_replaced(
    office: Place, laptop: Place, key: Path, office_secret: OfficeSecret
) -> None:
    office.pack(key)
    layout = KeyLayout(key)
    name = "questionnaires/diagnostic-base-v1.yaml"
    changed = (layout.office / name).read_bytes().replace(b"Diagnostic", b"Autre diagnostic", 1)
    sign_pack(key, office_secret.keys, {name: changed})  # the office itself signed it

    report = sync(laptop, key)
    assert report.installed == []
    assert [p.render(EN) for p in report.problems] == [
        f"office/{name}: diagnostic-base version 1 differs from the published one, which is"
        " kept (a published version never changes)"
    ]
    assert not (laptop.folder.questionnaires / "diagnostic-base").exists()


def test_another_office_key_is_refused_unless_confirmed(
    office: Place, laptop: Place, key: Path, office_secret: OfficeSecret
) -> None:
    office.pack(key)
    sync(laptop, key)
    other = OfficeKeys.generate()  # not endorsed by the enrolled key
    sign_pack(key, other)
    laptop.interview()
    report = sync(laptop, key)
    assert report.key_changed == OfficeKeyChanged(
        fingerprint(office_secret.keys.signing), fingerprint(other.signing)
    )
    assert report.finished().key == "sync.done_problems"
    # Nothing of that pack was applied, and the bundle went to the known office.
    assert report.enrolled is None and report.acknowledged == 0
    assert report.bundle is not None and report.sent == 1
    assert opened(report.bundle.read_bytes(), office_secret.keys)
    # A fingerprint the coordinator did not give is not another key's way in.
    mistyped = sync(laptop, key, fingerprint(OfficeKeys.generate().signing))
    assert mistyped.enrolled is None and mistyped.key_changed == report.key_changed
    [problem] = mistyped.problems
    assert EN.message(problem.message).startswith("the fingerprint given (")
    accepted = sync(laptop, key, fingerprint(other.signing).lower().replace("-", " "))
    assert accepted.enrolled == OfficeSeen(fingerprint(other.signing), other.recipient)
    assert accepted.bundle is not None and accepted.sent == 1
    assert opened(accepted.bundle.read_bytes(), other)


def test_erasure_travels_and_stays_applied(
    office: Place, laptop: Place, key: Path, office_secret: OfficeSecret
) -> None:
    office.pack(key)
    office.enrol(laptop)
    gone, kept = laptop.interview("Łukasz"), laptop.interview("Ayşe")
    first = sync(laptop, key).bundle
    assert first is not None
    old_bundle = (first.name, first.read_bytes())
    office.import_key(key)
    erase(laptop.workspace, gone)
    sync(laptop, key)
    assert traces(office.folder.database, "Łukasz")
    report = office.import_key(key)
    assert report.records()[Outcome.ERASED] == 1
    assert {r.id for r in office.workspace.store.interviews()} == {kept}
    assert traces(office.folder.database, "Łukasz") == []
    # An old bundle still holding the interview does not bring it back.
    write_durably(KeyLayout(key).bundles / old_bundle[0], old_bundle[1])
    with office.workspace.store.transaction() as db:
        db.execute("DELETE FROM bundles_imported")
    office.import_key(key)
    assert {r.id for r in office.workspace.store.interviews()} == {kept}


def test_laptop_holds_no_secret_and_cannot_open_its_bundle(
    office: Place, laptop: Place, key: Path, office_secret: OfficeSecret
) -> None:
    office.pack(key)
    laptop.interview("Bjørn")
    report = sync(laptop, key)
    assert report.bundle is not None
    data = report.bundle.read_bytes()
    laptop.workspace.store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    for path in laptop.folder.root.rglob("*"):
        if path.is_file():
            content = path.read_bytes()
            assert b"AGE-SECRET-KEY" not in content.upper(), path
            assert b"Bj\xc3\xb8rn" not in content or path.name.startswith("evaluation.sqlite3")
    # Its one secret signs, it does not decrypt; only its owner can read it.
    signing = laptop.folder.root / "device-key.pem"
    assert signing.read_bytes().startswith(b"-----BEGIN PRIVATE KEY-----")
    assert signing.stat().st_mode & 0o777 == 0o600
    with pytest.raises(pyrage.DecryptError):
        pyrage.decrypt(data, [pyrage.x25519.Identity.generate()])
    # The standard age format: the office identity opens it with plain pyrage.
    plain = pyrage.decrypt(data, [office_secret.identity]).decode("utf-8")
    lines = plain.splitlines()
    assert '"type":"manifest"' in lines[0]
    assert json.loads(lines[-1]).keys() == {"type", "ed25519"}
    assert "Bjørn" in plain


def test_the_key_is_a_real_fat_filesystem_where_possible(key: Path) -> None:
    mounts = Path("/proc/mounts").read_text(encoding="utf-8")
    kinds = {line.split()[1]: line.split()[2] for line in mounts.splitlines()}
    assert kinds.get(str(key)) == ("fuse.fusefat" if can_mount_fat() else None)


def test_erasure_at_the_office_reaches_the_laptop(
    office: Place, laptop: Place, key: Path, office_secret: OfficeSecret
) -> None:
    office.pack(key)
    office.enrol(laptop)
    gone, kept = laptop.interview("Nguyễn"), laptop.interview("Zoë")
    sync(laptop, key)
    office.import_key(key)
    erase(office.workspace, gone)
    office.pack(key)
    report = sync(laptop, key)
    assert len(report.erased) == 1
    assert {r.id for r in laptop.workspace.store.interviews()} == {kept}
    assert traces(laptop.folder.database, "Nguyễn") == []
    # The office knows the erasure already: nothing goes back for it.
    assert report.bundle is None
    assert office.content() == laptop.content()


def test_unusual_text_travels_intact(
    office: Place, laptop: Place, key: Path, office_secret: OfficeSecret
) -> None:
    office.pack(key)
    office.enrol(laptop)
    interview_id = laptop.interview("Ñ" * 500)  # far longer than the app lets anyone type
    laptop.workspace.store.save_note(interview_id, "devices", "copié\u2028collé\u0085fin\r\n")
    assert sync(laptop, key).sent == 1
    report = office.import_key(key)
    assert [b.status for b in report.bundles] == ["imported"]
    assert office.workspace.store.notes(interview_id) == {
        "devices": "copié\u2028collé\u0085fin\r\n"
    }
    assert office.content() == laptop.content()


def test_sheets_go_with_an_erasure_from_the_office(
    office: Place, laptop: Place, key: Path, office_secret: OfficeSecret
) -> None:
    office.pack(key)
    office.enrol(laptop)
    gone = laptop.interview("Zoë")
    sheet = laptop.folder.exports / f"fiche-2026-11-23-{gone[:8]}.pdf"
    sheet.parent.mkdir(parents=True)
    sheet.write_bytes(b"%PDF")
    sync(laptop, key)
    office.import_key(key)
    erase(office.workspace, gone)
    office.pack(key)
    assert len(sync(laptop, key).erased) == 1
    assert not sheet.exists()


def test_changed_content_under_a_known_id_is_kept_aside_as_a_conflict(
    office: Place, laptop: Place, key: Path, office_secret: OfficeSecret
) -> None:
    office.pack(key)
    office.enrol(laptop)
    interview_id = laptop.interview("Zoë")
    sync(laptop, key)
    office.import_key(key)
    received = office.content()
    # A finished interview edited after it was sent: same id, other content.
    laptop.workspace.store.save_note(interview_id, "devices", "ajouté après l'envoi")
    assert sync(laptop, key).sent == 1
    report = office.import_key(key)
    assert [dict(b.records) for b in report.bundles] == [{"conflict": 1}]
    assert office.content() == received  # the first copy stays as it was
    (conflict,) = office.workspace.store.query("SELECT * FROM sync_conflicts")
    assert conflict["record_id"] == interview_id
    assert (interview_id, conflict["record_sha256"]) in laptop.content()
    assert "ajouté après l'envoi" in str(conflict["record"])


def test_the_office_hashes_each_record_as_the_laptop_does(
    office: Place, laptop: Place, key: Path, office_secret: OfficeSecret
) -> None:
    office.pack(key)
    office.enrol(laptop)
    laptop.interview("Ayşe")
    laptop.interview(None, choice=1)
    sync(laptop, key)
    office.import_key(key)
    imported = office.workspace.store.query("SELECT record_id, record_sha256 FROM records_imported")
    assert {(r["record_id"], r["record_sha256"]) for r in imported} == laptop.content()


def test_only_final_answers_travel(
    office: Place, laptop: Place, key: Path, office_secret: OfficeSecret
) -> None:
    office.pack(key)
    office.enrol(laptop)
    interview_id = laptop.interview("Zoë", choice=0)
    store = laptop.workspace.store
    question = store.query(
        "SELECT question_id, choices FROM answers WHERE interview_id = ? ORDER BY 1 LIMIT 1",
        (interview_id,),
    )[0]
    corrected = '["corrige"]'
    with store.transaction() as db:
        db.execute(
            "UPDATE answers SET choices = ? WHERE interview_id = ? AND question_id = ?",
            (corrected, interview_id, question["question_id"]),
        )
    bundle = sync(laptop, key).bundle
    assert bundle is not None
    lines = opened(bundle.read_bytes(), office_secret.keys)
    (record,) = [json.loads(line) for line in lines[1:]]
    assert set(record) == {"type", "id", "interview", "answers"}
    sent = {a["question_id"]: a["choices"] for a in record["answers"]}
    assert sent[question["question_id"]] == corrected
    office.import_key(key)
    assert office.workspace.store.query("SELECT * FROM answer_history") == []
    assert store.query("SELECT COUNT(*) AS n FROM answer_history")[0]["n"] > 0


def test_a_finished_interview_changed_on_its_laptop_replaces_the_office_copy(
    office: Place, laptop: Place, key: Path, office_secret: OfficeSecret
) -> None:
    office.pack(key)
    office.enrol(laptop)
    interview_id = laptop.interview("Zoë")
    sync(laptop, key)
    office.import_key(key)
    store = laptop.workspace.store
    store.reopen(interview_id)  # the mediator changed it, after confirming
    store.finish(interview_id, [KeptStep(None, "svc-atelier")])
    assert sync(laptop, key).sent == 1
    report = office.import_key(key)
    assert [dict(b.records) for b in report.bundles] == [{"updated": 1}]
    record = office.workspace.store.get(interview_id)
    assert (record.revision, record.next_steps) == (1, (KeptStep(None, "svc-atelier"),))
    assert office.content() == laptop.content()
    assert office.workspace.store.query("SELECT * FROM sync_conflicts") == []
