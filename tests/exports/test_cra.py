"""The CRA export: La Coop's field names and values, checked on hand-made interviews."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from datetime import datetime
from pathlib import Path
from typing import Any

import openpyxl

from evaluation.interview.record import KeptStep, Profile
from evaluation.interview.return_code import PreviousVisit, make_code, read_code
from evaluation.machine.paths import data_folder
from evaluation.store.activities import activities
from evaluation.store.scores import refresh_scores
from evaluation.structure import cra
from exports import coop_labels as labels
from exports.cra_csv import cra_csv, cra_rows
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
    "premierAccompagnement",
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
    "premierAccompagnement": ("true", "false"),
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

    rows = cra_rows(activities(Place.open(home).workspace.store, None, None))
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
        "premierAccompagnement": "true",
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


# La Coop's activities export headers (shared/reference/coop-cra-fields.md), a structure's
# own export: without the four columns a coordinator's export adds.
COOP_HEADERS = [
    "Date",
    "Enregistré le",
    "Dernière modification le",
    "Type",
    "Participants",
    "Canaux d’accompagnement",
    "Nom du lieu",
    "Adresse",
    "Commune",
    "Code postal",
    "Code Insee",
    "Durée (min)",
    "Nom de l’atelier",
    "Matériel numérique utilisé",
    "Thématique(s) d’accompagnement",
    "Tags",
    "Nom de la démarche administrative",
    "Niveau d’autonomie (ou de l’atelier)",
    "Bénéficiaire réorienté",
    "Structure de redirection",
    "Commune du bénéficiaire",
    "Code postal du bénéficiaire",
    "Code Insee du bénéficiaire",
    "Genre du bénéficiaire",
    "Tranche d’âge du bénéficiaire",
    "Statut du bénéficiaire",
    "ID CRA",
]


def read_table(path: Path) -> tuple[list[list[Any]], list[dict[str, Any]]]:
    """The lines above the table, and the table as one dict per row by header."""
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["Activités"]
    lines = [list(row) for row in book["Activités"].iter_rows(values_only=True)]
    top = next(n for n, line in enumerate(lines) if line[0] == "Date")
    assert list(lines[top]) == COOP_HEADERS
    return lines[:top], [dict(zip(COOP_HEADERS, line, strict=True)) for line in lines[top + 1 :]]


def test_xlsx_is_laid_out_like_la_coops_export(home: Path, tmp_path: Path) -> None:
    named_id, anonymous_id = two_interviews(home)
    output = tmp_path / "cra.xlsx"
    out = run("export", "cra", "--output", str(output), home=home)
    assert out.stdout.strip() == f"2 activités écrites dans {output}"
    about, rows = read_table(output)
    assert ["Total", 2] in [line[:2] for line in about]
    assert ["Structure", "Association Clic Solidaire"] in [line[:2] for line in about]
    assert [row["ID CRA"] for row in rows] == [named_id, anonymous_id]
    named, anonymous = rows
    assert named["Date"] == datetime(2026, 11, 20)  # a real date cell, shown dd/mm/yyyy
    assert isinstance(named["Enregistré le"], str)
    assert named["Enregistré le"].startswith("20/11/2026 à ")
    assert {k: named[k] for k in COOP_HEADERS[3:] if k != "ID CRA"} == {
        "Type": "Accompagnement individuel",
        "Participants": 1,
        "Canaux d’accompagnement": "Lieu d’activité",
        "Nom du lieu": None,
        "Adresse": None,
        "Commune": "Niort",
        "Code postal": "79000",
        "Code Insee": None,
        "Durée (min)": 8,
        "Nom de l’atelier": None,
        "Matériel numérique utilisé": "Téléphone",
        "Thématique(s) d’accompagnement": "Diagnostic numérique\n"
        "Aide aux démarches administratives\nPapiers - Élections - Citoyenneté",
        "Tags": None,
        "Nom de la démarche administrative": None,
        "Niveau d’autonomie (ou de l’atelier)": "1/3",
        "Bénéficiaire réorienté": "Oui",
        "Structure de redirection": "Structure d’aide aux démarches administratives "
        "(France Services…)",
        "Commune du bénéficiaire": "Niort",
        "Code postal du bénéficiaire": "79000",
        "Code Insee du bénéficiaire": None,
        "Genre du bénéficiaire": "Féminin",
        "Tranche d’âge du bénéficiaire": "70 ans et plus",
        "Statut du bénéficiaire": "Retraité",
    }
    assert anonymous["Niveau d’autonomie (ou de l’atelier)"] == "3/3"
    assert anonymous["Genre du bénéficiaire"] == "Non communiqué"
    assert anonymous["Statut du bénéficiaire"] == "Non communiqué ou hétérogène"
    assert anonymous["Commune du bénéficiaire"] is None
    # Never a code where La Coop shows a label, and never the visitor's first name.
    cells = {str(v) for row in rows for v in row.values()}
    assert not cells & {*cra.THEMATIQUE_VALUES, *cra.MATERIEL_VALUES, *cra.GENRE_VALUES}
    assert not any("Zoë" in c for c in cells)
    only = run("export", "cra", "--from", "2026-11-21", "--output", str(output), home=home)
    assert only.stdout.startswith("1 activité écrite")
    about, rows = read_table(output)
    assert [row["ID CRA"] for row in rows] == [anonymous_id]
    assert ["Période", "21/11/2026 - …"] in [line[:2] for line in about]


def test_xlsx_texts_that_look_like_formulas_stay_texts(home: Path, tmp_path: Path) -> None:
    """A place or a commune typed "=…", "+…" or "@…" must not run when the coordinator
    opens the file: each is a text cell, never a formula."""
    from tests.sync.helpers import Place

    named_id, _ = two_interviews(home)
    typed = {
        "place_name": '=HYPERLINK("https://exemple.invalid";"Cliquez")',
        "place_commune": "@SOMME(1;2)",
        "commune": "+33 6 00 00 00 00",
        "postcode": "-79000",
    }
    store = Place.open(home).workspace.store
    with store.transaction() as db:
        db.execute(
            f"UPDATE interviews SET {', '.join(f'{c} = ?' for c in typed)} WHERE id = ?",
            (*typed.values(), named_id),
        )
    output = tmp_path / "cra.xlsx"
    assert run("export", "cra", "--output", str(output), home=home).returncode == 0
    sheet = openpyxl.load_workbook(output)["Activités"]
    cells = {cell.value: cell.data_type for row in sheet.iter_rows() for cell in row}
    for text in typed.values():
        assert cells[text] == "s", text
    with zipfile.ZipFile(output) as xlsx:
        assert not any(b"<f>" in xlsx.read(name) for name in xlsx.namelist())
    # The rows waited in the data folder while the file was made, and are gone from it.
    assert not list(data_folder(home).root.glob(".export-*"))


def test_every_cra_value_has_la_coops_label() -> None:
    pairs: list[tuple[tuple[str, ...], dict[str, Any]]] = [
        (cra.TYPE_LIEU_VALUES, labels.TYPE_LIEU),
        (cra.MATERIEL_VALUES, labels.MATERIEL),
        (cra.THEMATIQUE_VALUES, labels.THEMATIQUE),
        (cra.AUTONOMIE_VALUES, labels.AUTONOMIE_STARS),
        (cra.STRUCTURE_REDIRECTION_VALUES, labels.STRUCTURE_REDIRECTION),
        (cra.GENRE_VALUES, labels.GENRE),
        (cra.TRANCHE_AGE_VALUES, labels.TRANCHE_AGE),
        (cra.STATUT_SOCIAL_VALUES, labels.STATUT_SOCIAL),
    ]
    for values, table in pairs:
        assert sorted(table) == sorted(values)


# La Coop's reference, as shared with the project (`shared/reference/coop-cra-fields.md`).
COOP_REFERENCE = Path(__file__).parent.parent / "fixtures" / "reference" / "coop-cra-fields.md"


def test_a_return_visit_is_marked_with_la_coops_first_accompaniment_flag(home: Path) -> None:
    """The column is La Coop's field for a first accompaniment, with its boolean values as
    the reference says; a return visit (a progress code typed) says `false`."""
    reference = COOP_REFERENCE.read_text(encoding="utf-8")
    section = reference.split("## Return visits", 1)[1]
    field = re.search(r"the boolean `(\w+)` of the `Accompagnement` record", section)
    assert field is not None
    assert field[1] == "premierAccompagnement" == cra_csv([]).strip().split(",")[-1]
    assert LISTS["premierAccompagnement"] == ("true", "false")  # how booleans are written

    named, anonymous = two_interviews(home)
    from tests.sync.helpers import Place

    workspace = Place.open(home).workspace
    published = workspace.library.latest("diagnostic-base")
    assert published is not None
    q = published.questionnaire
    visit = read_code(make_code(q, "2026-10", {"device": "debutant"}), [q])
    assert isinstance(visit, PreviousVisit)
    workspace.store.set_previous(anonymous, visit)
    done = activities(workspace.store, None, None)
    rows = {a.id: row for a, row in zip(done, cra_rows(done), strict=True)}
    assert rows[named]["premierAccompagnement"] == "true"
    assert rows[anonymous]["premierAccompagnement"] == "false"
