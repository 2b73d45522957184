"""The CRA export: one row per interview, with the field names and values of La Coop de
la médiation numérique's activity report, so that a diagnostic done in the field is
reported without typing it twice.

List values are joined with commas in one cell; booleans are `true` / `false`.
`premierAccompagnement` (La Coop's mark on an accompaniment) is `false` for a return
visit, when the visitor gave the progress code of an earlier sheet.
"""

from __future__ import annotations

import csv
import io

from evaluation.machine.progress import Progress, ticking
from evaluation.structure.cra import Activity

COLUMNS = (
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
)


def cra_rows(activities: list[Activity], progress: Progress | None = None) -> list[dict[str, str]]:
    """The activities as CSV rows of codes (`progress` is told as they are made)."""
    return [_codes(a) for a in ticking(activities, progress)]


def _codes(a: Activity) -> dict[str, str]:
    return {
        "type": "individuel",
        "date": a.day.isoformat(),
        "duree": "" if a.minutes is None else str(a.minutes),
        "typeLieu": a.type_lieu,
        "lieuCodePostal": a.place_postcode,
        "lieuCommune": a.place_commune,
        "autonomie": a.autonomie or "",
        "materiel": ",".join(a.materiel),
        "thematiques": ",".join(a.thematiques),
        "orienteVersStructure": "true" if a.referred else "false",
        "structureDeRedirection": a.structure or "",
        "genre": a.genre,
        "trancheAge": a.tranche_age,
        "statutSocial": a.statut_social,
        "commune": a.commune,
        "communeCodePostal": a.postcode,
        "anonyme": "true" if a.anonymous else "false",
        "premierAccompagnement": "true" if a.first else "false",
    }


def cra_csv(rows: list[dict[str, str]]) -> str:
    """The rows as CSV text (UTF-8, comma-separated, a header line of CRA field names)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()
