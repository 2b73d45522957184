"""The CRA export: La Coop's field names and values, checked on hand-made interviews."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from evaluation import cra
from evaluation.interview import KeptStep, Profile
from evaluation.store.activities import activities
from evaluation.store.scores import refresh_scores
from exports.cra_csv import cra_csv
from exports.cra_csv import cra_rows as rows_of
from tests.cli.helpers import run
from tests.exports.test_sheet import interview

# The fields of `shared/reference/coop-cra-fields.md`, in the export's order.
REFERENCE = [
    "type",
    "date",
    "duree",
    "typeLieu",
    "lieuCodePostal",
    "lieuCommune",
    "autonomie",
    "materiel",
    "thematiques",
    "orienteVersStructure",
    "structureDeRedirection",
    "genre",
    "trancheAge",
    "statutSocial",
    "commune",
    "communeCodePostal",
    "anonyme",
]
LISTS = {
    "type": ("individuel", "collectif"),
    "typeLieu": cra.TYPE_LIEU_VALUES,
    "autonomie": cra.AUTONOMIE_VALUES,
    "structureDeRedirection": (*cra.STRUCTURE_REDIRECTION_VALUES, ""),
    "genre": cra.GENRE_VALUES,
    "trancheAge": cra.TRANCHE_AGE_VALUES,
    "statutSocial": cra.STATUT_SOCIAL_VALUES,
    "orienteVersStructure": ("true", "false"),
    "anonyme": ("true", "false"),
}


def two_interviews(home: Path) -> tuple[str, str]:
    named = interview(home, "Zoë", finish=False, wishes=("admin_online",))
    store = named.workspace.store
    store.save_profile(
        named.id,
        Profile(
            first_name="Zoë",
            age_band="soixante_dix_plus",
            social_status="retraite",
            gender="feminin",
            commune="Niort",
            postcode="79000",
        ),
    )
    store.finish(named.id, [KeptStep("admin-help", None)])
    anonymous = interview(home, None, lowest=False, wishes=("health",))
    with store.transaction() as db:
        db.execute(
            "UPDATE interviews SET started_at = '2026-11-20T10:00:00.000+00:00',"
            " finished_at = '2026-11-20T10:07:30.000+00:00', place_kind = 'lieu_activite',"
            " place_commune = 'Niort', place_postcode = '79000' WHERE id = ?",
            (named.id,),
        )
        db.execute(
            "UPDATE interviews SET consent_given = 0, first_name = NULL,"
            " started_at = '2026-11-21T14:00:00.000+00:00',"
            " finished_at = '2026-11-21T14:05:00.000+00:00' WHERE id = ?",
            (anonymous.id,),
        )
    assert refresh_scores(store, named.workspace.published_for) == 2
    return named.id, anonymous.id


def test_rows_hold_the_hand_computed_values(home: Path) -> None:
    two_interviews(home)
    from tests.sync.helpers import Place

    rows = rows_of(activities(Place.open(home).workspace.store, None, None))
    assert rows[0] == {
        "type": "individuel",
        "date": "2026-11-20",
        "duree": "8",
        "typeLieu": "lieu_activite",
        "lieuCodePostal": "79000",
        "lieuCommune": "Niort",
        "autonomie": "entierement_accompagne",
        "materiel": "telephone",
        "thematiques": "diagnostic_numerique,aide_aux_demarches_administratives,"
        "papiers_elections_citoyennete",
        "orienteVersStructure": "true",
        "structureDeRedirection": "aide_aux_demarches_administratives",
        "genre": "feminin",
        "trancheAge": "soixante_dix_plus",
        "statutSocial": "retraite",
        "commune": "Niort",
        "communeCodePostal": "79000",
        "anonyme": "false",
    }
    anonymous = rows[1]
    assert (anonymous["date"], anonymous["duree"], anonymous["anonyme"]) == (
        "2026-11-21",
        "5",
        "true",
    )
    assert anonymous["autonomie"] == "autonome"
    assert (anonymous["genre"], anonymous["trancheAge"], anonymous["commune"]) == (
        "non_communique",
        "non_communique",
        "",
    )
    assert anonymous["thematiques"].split(",")[0] == "diagnostic_numerique"
    assert {"sante", "social_sante"} <= set(anonymous["thematiques"].split(","))


def test_csv_columns_and_values_are_those_of_the_reference(home: Path, tmp_path: Path) -> None:
    two_interviews(home)
    output = tmp_path / "cra.csv"
    out = run("export", "cra", "--output", str(output), home=home)
    assert out.stdout.strip() == f"2 activités écrites dans {output}"
    reader = csv.DictReader(io.StringIO(output.read_text(encoding="utf-8")))
    assert reader.fieldnames == REFERENCE
    for row in reader:
        for field, values in LISTS.items():
            assert row[field] in values, (field, row[field])
        assert set(row["materiel"].split(",")) <= set(cra.MATERIEL_VALUES)
        assert set(row["thematiques"].split(",")) <= set(cra.THEMATIQUE_VALUES)
    only = run("export", "cra", "--from", "2026-11-21", "--output", str(output), home=home)
    assert only.stdout.startswith("1 activité écrite")
    assert cra_csv([]).strip() == ",".join(REFERENCE)
