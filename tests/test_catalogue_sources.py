"""The catalogue's sources as downloaded: a data·inclusion export in JSON and in CSV, and
a département's file of the national map of mediation places; records refused are named
and left out, the others load; a place ready for the visitor's language or eyesight
comes first for them."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from evaluation.interview.answers import Answer, Status
from evaluation.interview.scoring import score
from evaluation.machine.paths import data_folder
from evaluation.offers.catalogue import Catalogue, parse_catalogue
from evaluation.offers.catalogue_files import split_list
from evaluation.offers.communes import communes
from evaluation.offers.data_inclusion import ADMIN, ONLINE, RENAMED, enumeration
from evaluation.offers.eligibility import Visitor
from evaluation.offers.needs import Need, needs_of
from evaluation.offers.proximity import Near
from evaluation.operations.sync import keep_catalogue
from evaluation.questionnaire import Library
from evaluation.workspace import open_workspace
from tests.conftest import FR

FIXTURES = Path(__file__).parent / "fixtures"
EXPORT_JSON = FIXTURES / "data-inclusion" / "export-services-79.json"
EXPORT_CSV = FIXTURES / "data-inclusion" / "export-services-79.csv"
PLACES = FIXTURES / "lieux-mediation-numerique" / "lieux-inclusion-numerique-79-2026-11-30.csv"
DAY = date(2026, 12, 7)  # a Monday


def read(path: Path) -> Catalogue:
    return parse_catalogue(path.read_bytes(), path.name)


def lines(catalogue: Catalogue) -> list[str]:
    return [item.render(FR) for item in catalogue.refused]


def test_an_export_with_refused_records_loads_the_others() -> None:
    """On the old code one bad record refused the whole territory's catalogue."""
    catalogue = read(EXPORT_JSON)
    assert len(catalogue.services) == 8 and catalogue.refused_count == 2
    assert lines(catalogue) == [
        "export-services-79.json: services[8] (fixture--niort-refuse): thematiques: "
        "« numerique--teleportation » n'est pas dans la liste data·inclusion « thematiques »",
        "export-services-79.json: services[9] (fixture--bressuire-cp): code_postal: "
        "longueur refusée",
    ]


def test_the_csv_export_reads_as_the_json_one_and_names_lines() -> None:
    """List cells written as a JSON array, a PostgreSQL array or with commas all read."""
    from_json, from_csv = read(EXPORT_JSON), read(EXPORT_CSV)
    assert [s.model_dump() for s in from_csv.services] == [
        s.model_dump() for s in from_json.services
    ]
    assert lines(from_csv) == [
        "export-services-79.csv:10 (fixture--niort-refuse): thematiques: "
        "« numerique--teleportation » n'est pas dans la liste data·inclusion « thematiques »",
        "export-services-79.csv:11 (fixture--bressuire-cp): code_postal: longueur refusée",
    ]


@pytest.mark.parametrize(
    ("cell", "values"),
    [
        ('["a", "b"]', ["a", "b"]),
        ("{a,b}", ["a", "b"]),
        ("a, b", ["a", "b"]),
        ("a;b", ["a", "b"]),
        ("a|b", ["a", "b"]),
        ("a", ["a"]),
    ],
)
def test_list_cells_in_every_form(cell: str, values: list[str]) -> None:
    assert split_list(cell) == values


def test_a_semicolon_csv_from_a_spreadsheet_reads_too() -> None:
    text = EXPORT_CSV.read_text(encoding="utf-8").splitlines()
    import csv
    import io

    rows = list(csv.reader(io.StringIO("\n".join(text[:3]))))
    out = io.StringIO()
    csv.writer(out, delimiter=";").writerows(rows)
    catalogue = parse_catalogue(out.getvalue().encode("utf-8-sig"), "tableur.csv")
    assert [s.id for s in catalogue.services] == [s.id for s in read(EXPORT_CSV).services[:2]]


def test_a_csv_line_with_a_cell_too_many_is_named() -> None:
    text = EXPORT_CSV.read_text(encoding="utf-8").splitlines()
    text[2] += ",de trop"
    catalogue = parse_catalogue("\n".join(text[:4]).encode(), "c.csv")
    assert len(catalogue.services) == 2
    assert lines(catalogue) == [
        "c.csv:3 (fixture--parthenay-mediatheque): 1 cellule de plus que de champs dans "
        "l'en-tête : un séparateur de trop dans la ligne ?"
    ]


def test_a_pre_2025_thematique_is_read_as_the_2025_ones() -> None:
    service = read(EXPORT_JSON).by_id("fixture--niort-demarches")
    assert service is not None and service.thematiques == [ONLINE, ADMIN]


def test_every_renamed_slug_leads_to_current_ones() -> None:
    current = enumeration("thematiques")
    assert all(set(new) <= current and old not in current for old, new in RENAMED.items())


def test_places_of_the_mediation_standard_become_services() -> None:
    catalogue = read(PLACES)
    by_id = {s.id: s for s in catalogue.services}
    assert list(by_id) == [f"lieu--lieu-fictif-{n}" for n in (1, 2, 3, 4)]
    assert by_id["lieu--lieu-fictif-2"].accueil_adapte == (Need.LANGUAGE,)
    assert by_id["lieu--lieu-fictif-3"].accueil_adapte == (Need.SIGHT, Need.READING)
    assert by_id["lieu--lieu-fictif-3"].publics == ["seniors"]
    assert by_id["lieu--lieu-fictif-4"].itinerant
    assert by_id["lieu--lieu-fictif-1"].thematiques == [ONLINE, ADMIN, BASICS]
    assert by_id["lieu--lieu-fictif-1"].horaires_accueil == "Mo-Fr 09:00-12:00"
    assert lines(catalogue) == [
        "lieux-inclusion-numerique-79-2026-11-30.csv:6 (lieu-fictif-5): services: "
        "champ obligatoire manquant",
        "lieux-inclusion-numerique-79-2026-11-30.csv:7 (lieu-fictif-6): services: aucun des "
        "services du standard des lieux de médiation numérique : « Réparation de vélos »",
    ]


BASICS = "numerique--maitriser-les-fondamentaux-du-numerique"


def first_service(
    rule_id: str, visitor: Visitor, wishes: tuple[str, ...], welcome: tuple[str, ...] = ()
) -> str:
    published = Library.discover().latest("diagnostic-base")
    assert published is not None
    answers = {"wishes": Answer(Status.ANSWERED, wishes)}
    if welcome:
        answers["welcome"] = Answer(Status.ANSWERED, welcome)
    result = score(
        published.questionnaire,
        answers,
        read(PLACES),
        near=Near("Niort", "79000"),
        day=DAY,
        visitor=visitor,
    )
    [step] = [s for s in result.next_steps if s.rule_id == rule_id]
    return step.service_ids[0]


def test_a_place_taking_visitors_in_another_language_comes_first_for_them() -> None:
    niort = communes().at("Niort", "79000")
    assert first_service("admin-help", Visitor(niort), ("admin_online",)) == "lieu--lieu-fictif-1"
    other_language = Visitor(niort, needs=needs_of("en"))
    assert first_service("admin-help", other_language, ("admin_online",)) == "lieu--lieu-fictif-2"


def test_a_place_for_poor_eyesight_comes_first_for_them() -> None:
    niort = communes().at("Niort", "79000")
    plain = Visitor(niort)
    assert first_service("device-wish", plain, ("use_device",)) != "lieu--lieu-fictif-3"
    sight = Visitor(niort, needs=frozenset({Need.SIGHT}))
    assert first_service("device-wish", sight, ("use_device",)) == "lieu--lieu-fictif-3"


def test_the_interview_that_asks_for_large_print_gets_that_place_first() -> None:
    """Version 3 asks what would help in a place; the answer ranks, nothing is guessed."""
    niort = Visitor(communes().at("Niort", "79000"))
    said = first_service("device-wish", niort, ("use_device",), ("large_print",))
    assert said == "lieu--lieu-fictif-3"
    nothing = first_service("device-wish", niort, ("use_device",), ("nothing_special",))
    assert nothing != "lieu--lieu-fictif-3"


def test_french_is_no_need() -> None:
    assert needs_of("fr") == frozenset()
    assert needs_of("en") == {Need.LANGUAGE}


def test_the_office_keeps_both_sources_side_by_side(home: Path) -> None:
    folder = data_folder(home)
    workspace = open_workspace(folder, folder.database)
    first = keep_catalogue(workspace, EXPORT_CSV)
    assert (first.loaded, first.refused_count, first.places, first.total) == (8, 2, False, 8)
    places = keep_catalogue(workspace, PLACES)
    assert (places.loaded, places.places, places.total) == (4, True, 12)
    again = keep_catalogue(workspace, EXPORT_JSON)  # a newer export replaces the old one
    assert again.total == 12
    kept = parse_catalogue(folder.catalogue.read_bytes(), "catalogue.json")
    assert not kept.refused and {s.id for s in kept.services} == {
        s.id for s in workspace.catalogue.services
    }
    place = kept.by_id("lieu--lieu-fictif-2")
    assert place is not None and place.accueil_adapte == (Need.LANGUAGE,)
    assert json.loads(folder.catalogue.read_text(encoding="utf-8"))["services"]


@pytest.mark.parametrize(
    ("near", "home"),
    [
        (Near("Niort", "79000"), None),
        (Near("Niort", "79000"), Near("Bressuire", None)),
        (Near(), None),
    ],
)
def test_the_tier_alone_is_the_head_of_the_rank(near: Near, home: Near | None) -> None:
    """Steps sort by tier first and work out distances only where needed: the tier must
    be the one the full rank gives."""
    from evaluation.offers.proximity import Proximity

    catalogue = Catalogue(read(EXPORT_JSON).services + read(PLACES).services)
    proximity = Proximity(catalogue, near, home)
    assert [proximity.tier(s) for s in catalogue.services] == [
        proximity.rank(s)[0] for s in catalogue.services
    ]
