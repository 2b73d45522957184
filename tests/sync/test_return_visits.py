"""A return visit on the USB key: its earlier visit travels with the interview (format 3
only then), reaches the office, is counted in the report and erased with it; an older
record still imports; an absurd earlier visit is refused with its file named."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from evaluation.interview.return_code import PreviousVisit, make_code, read_code
from evaluation.operations.erasure import erase
from evaluation.operations.forgetting import forget_acknowledged
from evaluation.operations.reports import report
from evaluation.store.erasure import traces
from evaluation.structure.figures import Filters, Move
from evaluation.sync.bundle import Manifest, file_name
from evaluation.sync.importing import BundleStatus
from evaluation.sync.key import KeyLayout
from evaluation.workspace import DEFAULT_QUESTIONNAIRE
from tests.conftest import EN, FR
from tests.sync.helpers import OfficeSecret, Place, opened, sealed, sent_lines, sync
from tests.sync.test_forgetting import date_receipts_back, received_by_office

MONTH = "2026-09"


def earlier(place: Place, levels: dict[str, str]) -> PreviousVisit:
    """The earlier visit a code made for `levels` stands for, as the laptop reads it."""
    published = place.workspace.library.latest(DEFAULT_QUESTIONNAIRE)
    assert published is not None
    visit = read_code(make_code(published.questionnaire, MONTH, levels), [published.questionnaire])
    assert isinstance(visit, PreviousVisit)
    return visit


def returning(laptop: Place, levels: dict[str, str], choice: int = 3) -> str:
    """A finished interview of a visitor who gave the code of an earlier sheet."""
    interview_id = laptop.interview("Zoë", choice=choice)
    laptop.workspace.store.set_previous(interview_id, earlier(laptop, levels))
    return interview_id


def levels_now(place: Place, interview_id: str) -> dict[str, str | None]:
    rows = place.workspace.store.query(
        "SELECT levels FROM scores WHERE interview_id = ?", (interview_id,)
    )
    found: dict[str, str | None] = json.loads(rows[0]["levels"])
    return found


def test_a_return_visit_reaches_the_office_and_is_counted(
    office: Place, laptop: Place, key: Path, office_secret: OfficeSecret
) -> None:
    office.pack(key)
    office.enrol(laptop)
    first = laptop.interview("Ali")  # a first visit, in the same bundle
    before = {"device": "a_decouvrir", "information": "autonome", "safety": "en_progres"}
    back = returning(laptop, before)
    lines = sent_lines(laptop, key, office_secret.keys)
    assert json.loads(lines[0])["format"] == 3  # a return visit inside: an older office refuses
    records = {json.loads(line)["id"]: json.loads(line) for line in lines[1:]}
    assert "previous" not in records[first]  # a first visit's record is as before
    sent = records[back]["previous"]
    assert (sent["month"], sent["levels"]) == (MONTH, before)

    imported = office.import_key(key)
    assert [b.status for b in imported.bundles] == [BundleStatus.IMPORTED]
    store = office.workspace.store
    held = store.get(back).previous
    assert held == earlier(office, before)
    assert store.get(first).previous is None

    # The report counts one return visit and its moves, level before against level now.
    order = ["a_decouvrir", "debutant", "en_progres", "autonome"]
    now = levels_now(office, back)
    figures = report(office.workspace, Filters())
    assert (figures.interviews, figures.returns) == (2, 1)
    expected = {}
    for competence, level in before.items():
        reached = now.get(competence)
        if reached is None:
            moved = Move.NOT_NOW
        else:
            change = order.index(reached) - order.index(level)
            moved = Move.UP if change > 0 else Move.SAME if change == 0 else Move.DOWN
        expected[competence] = {moved: 1}
    for competence in set(figures.moves) - set(expected):  # not in the earlier code
        expected[competence] = {Move.NEITHER: 1}
    assert len(figures.moves) > len(before)
    assert {c: dict(m) for c, m in figures.moves.items()} == expected
    assert {m for c in expected.values() for m in c} >= {Move.UP, Move.DOWN}  # both seen

    # Erased at the office: the code and the levels before go with the interview.
    erase(office.workspace, back)
    assert store.query("SELECT COUNT(*) AS n FROM previous_levels")[0]["n"] == 0
    assert traces(store.path, sent["code"]) == []
    assert report(office.workspace, Filters()).returns == 0


def test_a_bundle_without_a_return_visit_is_format_2_and_imports(
    office: Place, laptop: Place, key: Path, office_secret: OfficeSecret
) -> None:
    """What an office one version behind reads: format 2, no `previous` field; and this
    office still imports such an older bundle."""
    office.pack(key)
    office.enrol(laptop)
    laptop.interview("Ali")
    lines = sent_lines(laptop, key, office_secret.keys)
    assert json.loads(lines[0])["format"] == 2
    assert all("previous" not in json.loads(line) for line in lines[1:])
    imported = office.import_key(key)
    assert [b.status for b in imported.bundles] == [BundleStatus.IMPORTED]
    assert office.workspace.store.count() == 1


def hand_made(
    laptop: Place, key: Path, secret: OfficeSecret, seq: int, manifest: Manifest, record: Any
) -> str:
    """A bundle written by hand with the laptop's own key (a stolen laptop could)."""
    head = manifest.model_copy(update={"seq": seq, "counts": {"interview": 1}})
    name = file_name(laptop.workspace.store.device, seq)
    body = [head.model_dump_json(), json.dumps(record)]
    (KeyLayout(key).bundles / name).write_bytes(sealed(body, laptop.device_key, secret.recipient))
    return name


def test_an_absurd_earlier_visit_is_refused_with_its_file_named(
    office: Place, laptop: Place, key: Path, office_secret: OfficeSecret
) -> None:
    """Each bundle refused by name, nothing of it stored; the genuine one imported."""
    office.pack(key)
    office.enrol(laptop)
    returning(laptop, {"device": "debutant"})
    genuine = sync(laptop, key).bundle
    assert genuine is not None
    lines = opened(genuine.read_bytes(), office_secret.keys)
    manifest = Manifest.model_validate_json(lines[0])
    template = json.loads(lines[1])
    code = template["previous"]["code"]
    swapped = code[:2] + code[3] + code[2] + code[4:] if code[2] != code[3] else code[1:] + "0"
    absurd: list[tuple[str, Any]] = [
        ("levels", {"device": "x" * 30_000}),
        ("levels", {"device": "\x1b]0;X\x07"}),
        ("levels", {"device": "expert"}),  # an id, but not a level of that version
        ("levels", {"device": "autonome"}),  # a level the code does not say
        ("levels", {f"c{n}": "debutant" for n in range(300)}),
        ("month", "2026-13"),
        ("month", "1999-01"),
        ("month", "2026-10"),  # not the month the code says
        ("code", swapped),  # two neighbours swapped: the check fails
        ("code", "K7M2-9QX4-T"),  # as printed, not canonical
        ("code", ""),
        ("questionnaire_version", 2**70),
        ("questionnaire_id", "../../etc"),
    ]
    names = {}
    for seq, (field, value) in enumerate(absurd, start=2):
        record = json.loads(json.dumps(template))
        record["previous"][field] = value
        names[hand_made(laptop, key, office_secret, seq, manifest, record)] = (field, value)
    old = manifest.model_copy(update={"format": 2})  # a `previous` in a format-2 bundle
    names[hand_made(laptop, key, office_secret, 99, old, template)] = ("format", 2)

    imported = office.import_key(key)

    outcomes = {b.name: b for b in imported.bundles}
    assert outcomes.pop(genuine.name).status is BundleStatus.IMPORTED
    assert set(outcomes) == set(names)
    for name, outcome in outcomes.items():
        assert outcome.status is BundleStatus.REFUSED, names[name]
        assert outcome.reason is not None
        assert EN.message(outcome.reason).startswith(
            "the content does not follow the bundle format (field interview.previous"
        ), names[name]
        said = [FR.message(line) for line in imported.said()]
        assert any(line.startswith("refusé") and name in line for line in said), said
        assert (KeyLayout(key).bundles / name).exists()  # left on the key, for a look
    store = office.workspace.store
    assert store.count() == 1
    assert store.query("SELECT COUNT(*) AS n FROM previous_levels")[0]["n"] == 1
    assert imported.receipts == 1  # the refused files stop nothing


def test_an_office_refuses_a_newer_format_in_one_line(
    office: Place, laptop: Place, key: Path, office_secret: OfficeSecret
) -> None:
    """As an office one version behind refuses format 3: the format named, update said."""
    office.pack(key)
    office.enrol(laptop)
    laptop.interview("Ali")
    genuine = sync(laptop, key).bundle
    assert genuine is not None
    lines = opened(genuine.read_bytes(), office_secret.keys)
    head = json.loads(lines[0]) | {"format": 4, "seq": 2}
    name = file_name(laptop.workspace.store.device, 2)
    body = [json.dumps(head), *lines[1:]]
    (KeyLayout(key).bundles / name).write_bytes(
        sealed(body, laptop.device_key, office_secret.recipient)
    )
    imported = office.import_key(key)
    refused = [b for b in imported.bundles if b.status is BundleStatus.REFUSED]
    assert [b.name for b in refused] == [name]
    assert refused[0].reason is not None
    assert FR.message(refused[0].reason) == (
        "envoi au format 4, d'une autre version de l'application : mettez à jour"
        " l'application sur l'ordinateur portable et au bureau"
    )


def test_an_acknowledged_return_visit_is_forgotten_by_the_laptop(
    office: Place, laptop: Place, key: Path
) -> None:
    """The laptop recognises the content the office acknowledged, its earlier visit
    included, so a return visit leaves the laptop after the delay like any other."""
    office.pack(key)
    office.enrol(laptop)
    back = returning(laptop, {"device": "debutant", "safety": "autonome"})
    received_by_office(laptop, office, key)
    date_receipts_back(laptop, 31)
    assert forget_acknowledged(laptop.workspace).interviews == (back,)
    store = laptop.workspace.store
    assert store.count() == 0
    assert store.query("SELECT COUNT(*) AS n FROM previous_levels") == [{"n": 0}]
    assert office.workspace.store.get(back).previous is not None  # the office keeps its copy
