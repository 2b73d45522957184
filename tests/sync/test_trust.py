"""Issue 25: what a stranger holding the key, a stolen laptop's key or a leaked office
passphrase can do to the sync, class by class (a planted file of every name, every
field with an absurd value, a symbolic link at every level, a replayed pack, a key
change the coordinator did not confirm, a record in another laptop's name)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any
from uuid import uuid4

import pytest

from evaluation.files.disk import write_durably
from evaluation.i18n import msg
from evaluation.interview.return_code import make_code
from evaluation.machine.clock import now
from evaluation.operations.erasure import erase
from evaluation.operations.interviews import listing, load
from evaluation.operations.sheets import sheet_content, write_sheet
from evaluation.problems import Problem
from evaluation.sync.bundle import Manifest, file_name
from evaluation.sync.importing import BundleStatus
from evaluation.sync.inbox import Outcome, stage_records
from evaluation.sync.key import KeyLayout
from evaluation.sync.keyring import OfficeKeys, endorse
from evaluation.sync.laptop import OfficeKeyChanged
from evaluation.sync.outbox import Outbox
from evaluation.sync.signing import fingerprint, signature_line
from evaluation.workspace import DEFAULT_QUESTIONNAIRE
from tests.cli.helpers import run
from tests.conftest import EN
from tests.sync.helpers import OfficeSecret, Place, sealed, sent_lines, sign_pack, sync
from tests.sync.test_authenticity import restore

# --- 1. the bundle number comes from the laptop alone --------------------------------


def test_a_planted_file_of_any_name_never_drives_the_bundle_number(
    office: Place, laptop: Place, key: Path
) -> None:
    office.pack(key)
    office.enrol(laptop)
    device = laptop.workspace.store.device
    layout = KeyLayout(key)
    planted = [
        layout.bundles / file_name(device, 999_998),
        layout.bundles / file_name(device, 999_999),
        layout.bundles / (file_name(device, 500_000) + ".tmp"),
        layout.bundles / file_name(str(uuid4()), 999_999),
        layout.bundles / "evaluation-notes.txt",
        layout.receipts / f"{device}.json",
        layout.office / "catalogue.json",
        layout.office / "erasures.json",
        layout.office / "questionnaires" / "diagnostic-base-v9.yaml",
    ]
    for path in planted:
        write_durably(path, b"")
    for seq in (1, 2):
        laptop.interview(f"Personne {seq}")
        report = sync(laptop, key)
        assert report.bundle == layout.bundles / file_name(device, seq)
    # A number the laptop wrote without recording it (stopped in between) is not reused.
    Outbox(laptop.workspace.store).reserve_seq()
    laptop.interview("Personne 4")
    assert sync(laptop, key).bundle == layout.bundles / file_name(device, 4)


# --- 5. every field of every record with an absurd value ----------------------------

ABSURD: tuple[Any, ...] = (
    None,
    True,
    -1,
    2**70,
    1.5,
    "",
    "pas une date",
    "2026-12-07T10:00:00",  # a time without its offset
    "[",
    '{"a": 1}',
    "\x1b]0;X\x07",
    [],
    {},
    "x" * 30_000,
)


def _hostile_records(
    template: dict[str, Any], previous: dict[str, Any]
) -> list[tuple[str, dict[str, Any]]]:
    """One record per field and absurd value: interview, answer, a return visit's
    earlier visit (`previous`, well formed as given) and erasure fields."""
    found = []
    for column in (*previous, "levels.device", None):
        for value in ABSURD:
            record = json.loads(json.dumps(template))
            record["id"] = record["interview"]["id"] = str(uuid4())
            record["previous"] = json.loads(json.dumps(previous))
            if column is None:
                record["previous"] = value
            elif column == "levels.device":
                record["previous"]["levels"]["device"] = value
            else:
                record["previous"][column] = value
            found.append((f"previous.{column}={value!r:.30}", record))
    interview_fields = [*template["interview"], "paper_form", "paper_date", "paper_minutes"]
    for column in interview_fields:
        for value in ABSURD:
            record = json.loads(json.dumps(template))
            record["id"] = record["interview"]["id"] = str(uuid4())
            record["interview"][column] = value
            found.append((f"interview.{column}={value!r:.30}", record))
    for column in template["answers"][0]:
        for value in ABSURD:
            record = json.loads(json.dumps(template))
            record["id"] = record["interview"]["id"] = str(uuid4())
            record["answers"][0][column] = value
            found.append((f"answers.{column}={value!r:.30}", record))
    device = template["interview"]["device_id"]
    for column in ("id", "device_id", "erased_at"):
        for value in ABSURD:
            erasure = {"type": "erasure", "id": str(uuid4()), "device_id": device}
            erasure["erased_at"] = now()
            erasure[column] = value
            found.append((f"erasure.{column}={value!r:.30}", erasure))
    return found


def test_every_field_of_every_record_with_an_absurd_value(
    office: Place, laptop: Place, office_secret: OfficeSecret, tmp_path: Path
) -> None:
    """Each record is refused with its bundle, or stored so that every later read works;
    a refused bundle never stops the others nor the receipts."""
    key = tmp_path / "cle"  # hundreds of bundles: a folder, faster than FAT through FUSE
    key.mkdir()
    office.pack(key)
    office.enrol(laptop)
    genuine = laptop.interview("Zoë")
    lines = sent_lines(laptop, key, office_secret.keys)
    manifest = Manifest.model_validate_json(lines[0])
    template = json.loads(lines[1])
    device = laptop.workspace.store.device
    published = laptop.workspace.library.latest(DEFAULT_QUESTIONNAIRE)
    assert published is not None
    q = published.questionnaire
    levels = {"device": "debutant", "safety": "autonome"}
    previous = {
        "code": make_code(q, "2026-09", levels),
        "questionnaire_id": q.id,
        "questionnaire_version": q.version,
        "month": "2026-09",
        "levels": levels,
    }
    returning = str(uuid4())  # a well-formed return visit, then absurd ones
    well_formed = {**template, "id": returning, "previous": previous}
    well_formed["interview"] = {**template["interview"], "id": returning}
    hostile = [("previous, well formed", well_formed), *_hostile_records(template, previous)]
    for seq, (_, record) in enumerate(hostile, start=2):
        kind = record.get("type", "interview")
        form = 3 if "previous" in record else manifest.format
        head = manifest.model_copy(update={"seq": seq, "counts": {kind: 1}, "format": form})
        body = [head.model_dump_json(), json.dumps(record)]
        data = sealed(body, laptop.device_key, office_secret.recipient)
        (KeyLayout(key).bundles / file_name(device, seq)).write_bytes(data)

    imported = office.import_key(key)  # never raises

    statuses = {b.name: b.status for b in imported.bundles}
    assert statuses.pop(file_name(device, 1)) is BundleStatus.IMPORTED  # the genuine one
    assert set(statuses.values()) <= {BundleStatus.IMPORTED, BundleStatus.REFUSED}
    assert imported.receipts == 1
    for (what, _), outcome in zip(hostile, imported.bundles[1:], strict=True):
        if outcome.status is BundleStatus.REFUSED:
            assert outcome.reason is not None, what
            assert EN.message(outcome.reason).startswith("the content does not follow"), what
    # Absurd times, numbers and JSON never get in; what got in reads back everywhere.
    workspace = office.workspace
    assert imported.bundles[1].status is BundleStatus.IMPORTED
    kept = workspace.store.get(returning).previous
    assert kept is not None and (kept.code, dict(kept.levels)) == (previous["code"], levels)
    codes = workspace.store.query("SELECT DISTINCT return_code FROM interviews")
    assert {r["return_code"] for r in codes} == {None, previous["code"]}
    stored = listing(workspace, "all")
    assert genuine in {item.record.id for item in stored}
    for item in stored:
        session = load(workspace, item.record.id)
        sheet_content(session)
    write_sheet(load(workspace, stored[-1].record.id), tmp_path / "fiche.pdf")
    shown = run("sessions", "list", "--json", home=office.folder.root)
    assert shown.returncode == 0, shown.stderr


def test_what_broke_the_office_before_is_refused_with_its_field(
    office: Place, laptop: Place, key: Path, office_secret: OfficeSecret
) -> None:
    """The three values the attack run used: a start that is not a date, a revision of
    2**70, steps that are not JSON; each refused by name, the genuine bundle imported."""
    office.pack(key)
    office.enrol(laptop)
    laptop.interview("Zoë")
    lines = sent_lines(laptop, key, office_secret.keys)
    manifest = Manifest.model_validate_json(lines[0])
    device = laptop.workspace.store.device
    for seq, (column, value) in enumerate(
        (("started_at", "hier"), ("revision", 2**70), ("steps_added", "pas du JSON")), start=2
    ):
        record = json.loads(lines[1])
        record["id"] = record["interview"]["id"] = str(uuid4())
        record["interview"][column] = value
        body = [manifest.model_copy(update={"seq": seq}).model_dump_json(), json.dumps(record)]
        data = sealed(body, laptop.device_key, office_secret.recipient)
        (KeyLayout(key).bundles / file_name(device, seq)).write_bytes(data)
    imported = office.import_key(key)
    said = [(b.status, EN.message(b.reason) if b.reason else "") for b in imported.bundles]
    assert said == [
        (BundleStatus.IMPORTED, ""),
        *(
            (BundleStatus.REFUSED, f"the content does not follow the bundle format (field {f})")
            for f in (
                "interview.interview.started_at",
                "interview.interview.revision",
                "interview.interview.steps_added",
            )
        ),
    ]
    assert imported.receipts == 1


# --- 8. a laptop speaks for itself only -----------------------------------------------


def test_a_laptop_can_neither_record_nor_erase_in_another_laptops_name(
    office: Place, laptop: Place, laptop2: Place, key: Path, office_secret: OfficeSecret
) -> None:
    office.pack(key)
    office.enrol(laptop, laptop2)
    theirs = laptop.interview("Zoë")  # not synced yet
    # laptop2 (a stolen key) pre-erases it, under its own name as the eraser.
    with laptop2.workspace.store.transaction() as db:
        db.execute(
            "INSERT INTO tombstones (interview_id, device_id, erased_at) VALUES (?, ?, ?)",
            (theirs, laptop2.workspace.store.device, now()),
        )
    # and sends a record of its own as if laptop had recorded it.
    forged = laptop2.interview("Faux")
    with laptop2.workspace.store.transaction() as db:
        db.execute(
            "UPDATE interviews SET device_id = ? WHERE id = ?",
            (laptop.workspace.store.device, forged),
        )
    sync(laptop2, key)
    office.import_key(key)
    assert forged not in {r.id for r in office.workspace.store.interviews()}
    sync(laptop, key)
    assert office.import_key(key).records()[Outcome.NEW] == 1
    office.pack(key)
    sync(laptop, key)
    # The interview lives on at its laptop and at the office.
    assert theirs in {r.id for r in laptop.workspace.store.interviews()}
    assert theirs in {r.id for r in office.workspace.store.interviews()}


def test_an_erasure_only_bundle_is_not_a_new_interview(
    office: Place, laptop: Place, key: Path
) -> None:
    office.pack(key)
    office.enrol(laptop)
    gone = laptop.interview("Zoë")
    erase(laptop.workspace, gone)  # never sent: only its erasure travels
    assert sync(laptop, key).sent_erasures == 1
    report = office.import_key(key)
    assert dict(report.records()) == {Outcome.ERASED: 1}
    first_line = EN.message(report.said()[0])
    assert first_line.endswith("(1 erased)"), first_line


# --- 9. a replayed pack ----------------------------------------------------------------


def test_an_older_pack_is_refused_and_says_which_is_installed(
    office: Place, laptop: Place, key: Path, tmp_path: Path
) -> None:
    office.pack(key)
    old = tmp_path / "old-pack"
    shutil.copytree(KeyLayout(key).office, old)
    sync(laptop, key)
    office.pack(key)  # number 2
    assert sync(laptop, key).problems == []
    restore(key, old)
    report = sync(laptop, key)
    assert [EN.message(p.message) for p in report.problems] == [
        "this office pack (no. 1) is older than the one already installed on this computer"
        " (no. 2): nothing from it was applied; use a USB key prepared more recently at the"
        " office"
    ]
    assert Outbox(laptop.workspace.store).pack_number() == 2


# --- 3 and 4. the office's keys change only with the coordinator's fingerprint ---------


def test_a_laptop_enrolled_before_signatures_asks_for_the_fingerprint(
    office: Place, laptop: Place, key: Path, office_secret: OfficeSecret
) -> None:
    """It holds the office's encryption key only: a stranger's pack naming that key is
    not trusted on its word, and never swaps the encryption key."""
    laptop.workspace.store.set_value("office_recipient", office_secret.recipient)
    office.pack(key)
    stranger = OfficeKeys.generate()
    sign_pack(key, stranger)
    # The stranger names the office's encryption key, signed by their own key.
    layout = KeyLayout(key)
    manifest = json.loads((layout.office / "pack.json").read_text(encoding="utf-8"))
    manifest["office_recipient"] = office_secret.recipient
    raw = json.dumps(manifest).encode()
    write_durably(layout.office / "pack.json", raw)
    write_durably(layout.office / "pack.sig", signature_line(stranger.signing, raw))
    report = sync(laptop, key)
    assert report.key_changed == OfficeKeyChanged(
        office_secret.recipient, fingerprint(stranger.signing)
    )
    assert report.enrolled is None and report.installed == []
    office_seen = Outbox(laptop.workspace.store).office()
    assert office_seen is not None and office_seen.signing_key is None
    # The genuine pack, with the fingerprint the coordinator gave.
    office.pack(key)
    genuine = fingerprint(office_secret.keys.signing)
    assert sync(laptop, key).key_changed is not None
    accepted = sync(laptop, key, genuine)
    assert accepted.enrolled is not None and accepted.enrolled.fingerprint == genuine


def test_a_fingerprint_given_at_first_use_is_the_only_one_taken(
    office: Place, laptop: Place, key: Path, office_secret: OfficeSecret
) -> None:
    """A new laptop synced with the fingerprint the coordinator gave takes no other
    office: a mistyped or a stranger's one enrols nothing and applies nothing."""
    office.pack(key)
    laptop.interview("Zoë")
    genuine = fingerprint(office_secret.keys.signing)
    refused = sync(laptop, key, "AAAA-BBBB-CCCC-DDDD")
    assert refused.enrolled is None and refused.installed == [] and refused.unsent == 1
    # One reason, the true one: not "the office has not prepared this key" (it has), and
    # not the key's own fingerprint, which a mediator would only copy back.
    said = [EN.message(p.message) for p in refused.problems]
    assert said == [EN.message(msg("sync.fingerprint_mismatch", typed="AAAA-BBBB-CCCC-DDDD"))]
    assert genuine not in said[0]
    assert Outbox(laptop.workspace.store).office() is None
    taken = sync(laptop, key, genuine)
    assert taken.enrolled is not None and taken.enrolled.fingerprint == genuine


def test_a_leaked_signing_key_captures_no_laptop(
    office: Place, laptop: Place, key: Path, office_secret: OfficeSecret
) -> None:
    """Whoever learnt the old signing key endorses a key of their own, or swaps the
    encryption key under the old signature: the laptop follows neither. Once it took
    the rotated keys (their fingerprint confirmed), the old key is nothing to it."""
    office.pack(key)
    sync(laptop, key)
    old = office_secret.keys
    thief = OfficeKeys.generate()
    endorsed = endorse(old.signing, thief.recipient, thief.signing)
    captured = OfficeKeys(thief.identities, thief.signing, (endorsed,))
    office.keys = captured
    office.pack(key)
    report = sync(laptop, key)
    assert report.key_changed == OfficeKeyChanged(
        fingerprint(old.signing), fingerprint(thief.signing)
    )
    # The old key itself, naming the thief's encryption key.
    office.keys = OfficeKeys(thief.identities, old.signing)
    office.pack(key)
    swapped = sync(laptop, key)
    assert [EN.message(p.message) for p in swapped.problems] == [
        "the pack changes the office's encryption key without changing its signing key, which"
        " the office never does: nothing from it was applied; tell the coordinator"
    ]
    assert Outbox(laptop.workspace.store).office_recipient() == old.recipient
    # The coordinator rotates and reads the new fingerprint out to the mediator.
    rotated = old.rotated()
    office.keys = rotated
    office.pack(key)
    taken = sync(laptop, key, fingerprint(rotated.signing))
    assert taken.enrolled is not None and taken.problems == []
    # From now on, a pack signed by the old key is a change the mediator must confirm.
    office.keys = old
    office.pack(key)
    later = sync(laptop, key)
    assert later.key_changed == OfficeKeyChanged(
        fingerprint(rotated.signing), fingerprint(old.signing)
    )
    assert Outbox(laptop.workspace.store).office_recipient() == rotated.recipient


# --- 10. a symbolic link at every level of the key's folders -----------------------------

LEVELS = (
    "evaluation",
    "evaluation/bundles",
    "evaluation/office",
    "evaluation/office/receipts",
    "evaluation/office/questionnaires",
    "evaluation/office/pack.json",
)


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.is_symlink()
    }


@pytest.mark.parametrize("level", LEVELS)
def test_a_symbolic_link_at_any_level_of_the_key_is_never_followed(
    office: Place, laptop: Place, tmp_path: Path, level: str
) -> None:
    key = tmp_path / "cle-ext4"  # a key formatted by someone else may hold links
    key.mkdir()
    office.pack(key)
    office.enrol(laptop)
    laptop.interview("Zoë")
    sync(laptop, key)
    office.import_key(key)
    office.pack(key)
    laptop.interview("Ayşe")
    sync(laptop, key)
    # The level is moved outside the key and a link left in its place.
    outside = tmp_path / "ailleurs"
    outside.mkdir()
    target = outside / Path(level).name
    (key / level).rename(target)
    (key / level).symlink_to(target)
    before = _tree(outside)

    laptop.interview("Nguyễn")
    said = []
    for step in (lambda k: sync(laptop, k).problems, office.import_key, office.pack):
        try:
            step(key)
        except Problem as exc:
            said.append(exc.render(EN))
    assert all("symbolic link" in line for line in said), said

    assert _tree(outside) == before  # nothing read away, written or deleted there


def test_a_value_that_still_cannot_be_stored_sets_its_bundle_aside(
    office: Place, laptop: Place, laptop2: Place, key: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Should a value pass the checks and still break Python or SQLite, only its bundle
    is refused: the other bundles and the receipts go through."""
    from evaluation.sync import importing

    office.pack(key)
    office.enrol(laptop, laptop2)
    laptop.interview("Zoë")
    laptop2.interview("Bjørn")
    sync(laptop, key)
    sync(laptop2, key)
    real = stage_records
    poisoned = laptop.workspace.store.device

    def stage(taken: Any, published_for: Any) -> Any:
        if taken[0][0].interview["device_id"] == poisoned:
            raise OverflowError("Python int too large to convert to SQLite INTEGER")
        return real(taken, published_for)

    monkeypatch.setattr(importing, "stage_records", stage)
    report = office.import_key(key)
    said = sorted((b.status, EN.message(b.reason) if b.reason else "") for b in report.bundles)
    assert said == [
        (BundleStatus.IMPORTED, ""),
        (
            BundleStatus.REFUSED,
            "a value in this file cannot be stored: it is set aside, on the key, and nothing of"
            " it was imported; the other bundles are",
        ),
    ]
    assert report.receipts == 1


def test_the_first_sync_asks_before_enrolling_the_office(
    office: Place, key: Path, tmp_path: Path, office_secret: OfficeSecret
) -> None:
    """The first sync enrolled whatever office keys the USB key carried. Now it shows
    their fingerprint and asks: « n » (or no answer) enrols nothing and sends nothing;
    a wrong `--office-fingerprint` is refused; « o » enrols them."""
    office.pack(key)
    laptop = tmp_path / "laptop"
    genuine = fingerprint(office_secret.keys.signing)
    refused = run("sync", str(key), home=laptop, stdin="n\n")
    assert refused.returncode == 1
    assert f"Première synchronisation : empreinte du bureau sur cette clé USB : {genuine}." in (
        refused.stderr
    )
    assert "Bureau refusé : rien n'a été enregistré, appliqué ni envoyé." in refused.stderr
    silent = run("sync", str(key), home=laptop)  # no terminal, no answer: no
    assert silent.returncode == 1
    wrong = fingerprint(OfficeKeys.generate().signing)
    mistyped = run("sync", str(key), "--office-fingerprint", wrong, home=laptop)
    assert mistyped.returncode == 1 and genuine not in mistyped.stderr
    assert Place.open(laptop).workspace.store.value("office_recipient") is None
    assert not list(KeyLayout(key).bundles.glob("*.age"))
    taken = run("sync", str(key), home=laptop, stdin="o\n")
    assert taken.returncode == 0, taken.stderr
    assert f"Bureau enregistré sur cet ordinateur : empreinte {genuine}" in taken.stdout


def test_no_caller_enrols_an_office_without_its_fingerprint_confirmed(
    office: Place, laptop: Place, key: Path, office_secret: OfficeSecret
) -> None:
    """The sync operation itself, given no fingerprint at first use, enrols nothing,
    applies nothing, sends nothing and says why (it used to trust the key's office)."""
    from evaluation.operations.sync import sync as sync_operation

    office.pack(key)
    laptop.interview()
    report = sync_operation(laptop.workspace, key, None).report
    assert report.enrolled is None
    assert laptop.workspace.store.value("office_recipient") is None
    assert report.bundle is None and report.installed == []
    assert "sync.office_unconfirmed" in [p.message.key for p in report.problems]
    genuine = fingerprint(office_secret.keys.signing)
    confirmed = sync_operation(laptop.workspace, key, genuine).report
    assert confirmed.enrolled is not None and confirmed.bundle is not None


def test_once_the_fingerprint_is_confirmed_the_sync_does_not_ask_to_check_it_again(
    office: Place, laptop: Place, key: Path, office_secret: OfficeSecret
) -> None:
    """The mediator compared the fingerprint before the office was enrolled: the report
    names the office enrolled, and no longer asks « Vérifiez que c'est bien l'empreinte »."""
    from evaluation.i18n import translator

    office.pack(key)
    report = sync(laptop, key)
    assert report.enrolled is not None
    said = " ".join(translator("fr").message(line) for line in report.said())
    assert f"Bureau enregistré sur cet ordinateur : empreinte {report.enrolled.fingerprint}" in said
    assert "Vérifiez" not in said
