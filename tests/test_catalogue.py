"""The catalogue of local offers, validated against the data·inclusion schema's lists."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from evaluation.offers.catalogue import SAMPLE, load_catalogue, parse_catalogue
from evaluation.offers.catalogue_files import CatalogueError
from tests.conftest import FR


def sample_records() -> list[dict[str, object]]:
    data = json.loads(SAMPLE.read_text(encoding="utf-8"))
    assert isinstance(data, list)
    return data


def test_sample_catalogue_loads() -> None:
    catalogue = load_catalogue()
    assert 8 <= len(catalogue.services) <= 14
    assert len({s.id for s in catalogue.services}) == len(catalogue.services)


def test_sample_passes_data_inclusions_own_model() -> None:
    """Checked by the model data·inclusion publishes, independently of ours."""
    from data_inclusion.schema.v1.services import Service as Official

    for record in sample_records():
        Official.model_validate(record)


def test_a_rule_only_the_official_model_knows_is_applied() -> None:
    """« tous-publics » cannot stand with another public: the hand-kept lists missed it."""
    records = sample_records()
    records[1] = {**records[1], "publics": ["tous-publics", "seniors"]}
    catalogue = parse_catalogue(json.dumps(records).encode(), "territoire.json")
    [line] = [item.render(FR) for item in catalogue.refused]
    assert line.startswith(f"territoire.json: services[1] ({records[1]['id']}): publics: ")


def test_bad_record_is_named_with_its_field_and_the_others_load() -> None:
    records = sample_records()
    records[2] = {**records[2], "thematiques": ["numerique--teleportation"]}
    catalogue = parse_catalogue(json.dumps(records).encode(), "territoire.json")
    assert [s.id for s in catalogue.services] == [r["id"] for r in records if r is not records[2]]
    assert catalogue.refused_count == 1
    assert [item.render(FR) for item in catalogue.refused] == [
        f"territoire.json: services[2] ({records[2]['id']}): thematiques: "
        "« numerique--teleportation » n'est pas dans la liste data·inclusion « thematiques »"
    ]


def test_missing_required_field_and_bad_postcode() -> None:
    records = sample_records()
    broken = {k: v for k, v in records[0].items() if k != "nom"}
    broken["code_postal"] = "7500"
    with pytest.raises(CatalogueError) as caught:
        parse_catalogue(json.dumps([broken]).encode(), "c.json")
    assert caught.value.lines(FR) == [
        f"c.json: services[0] ({broken['id']}): nom: champ obligatoire manquant",
        f"c.json: services[0] ({broken['id']}): code_postal: longueur refusée",
    ]


def test_invalid_json_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "c.json"
    path.write_text('[\n  {"id": "a",\n  oops\n]', encoding="utf-8")
    with pytest.raises(CatalogueError) as caught:
        load_catalogue(path)
    assert caught.value.lines(FR) == [
        f"{path}:3: JSON invalide : nom de champ attendu, entre guillemets droits"
    ]


def test_data_inclusion_export_with_extra_fields_is_accepted() -> None:
    records = sample_records()
    records[0] = {**records[0], "score_qualite": 0.8, "_di_geocodage_score": 1}
    catalogue = parse_catalogue(json.dumps({"services": records}).encode(), "export.json")
    assert catalogue.services[0].id == records[0]["id"]


def test_a_file_that_is_not_a_catalogue_is_refused_quickly() -> None:
    import time

    junk = json.dumps([{"id": str(n)} for n in range(200_000)]).encode()  # 3 MB of nothing
    started = time.perf_counter()
    with pytest.raises(CatalogueError) as caught:
        parse_catalogue(junk, "x.json")
    assert time.perf_counter() - started < 5  # generous: it stops after the first problems
    assert caught.value.lines(FR)[-1] == (
        "x.json: trop d'erreurs : ce fichier ne semble pas être un catalogue de services "
        "data·inclusion ni de lieux de médiation numérique"
    )


def test_deep_json_and_huge_numbers_are_refused_in_words() -> None:
    for raw, said in (
        (b"[" * 1_000_000 + b"]" * 1_000_000, "x.json: imbrication trop profonde"),
        (b"[" + b"9" * 5000 + b"]", "x.json: nombre trop long (plus de 30 chiffres)"),
    ):
        with pytest.raises(CatalogueError) as caught:
            parse_catalogue(raw, "x.json")
        assert caught.value.lines(FR)[0].startswith(said)


def test_the_sample_is_marked_as_such(tmp_path: Path) -> None:
    assert load_catalogue().sample
    path = tmp_path / "c.json"
    path.write_bytes(SAMPLE.read_bytes())
    assert not load_catalogue(path).sample
