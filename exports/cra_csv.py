"""The CRA export: one row per interview, with the field names and values of La Coop de
la médiation numérique's activity report, so that a diagnostic done in the field is
reported without typing it twice.

List values are joined with commas in one cell; booleans are `true` / `false`.
"""

from __future__ import annotations

import csv
import io
import json
import math
from datetime import datetime
from typing import Any

from evaluation.clock import local_day
from evaluation.interview import decode_steps

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
)


def cra_rows(rows: list[dict[str, Any]]) -> list[dict[str, str]]:
    """One CRA activity per finished and scored interview (`store.activities` rows)."""
    return [_activity(row) for row in rows]


def _activity(row: dict[str, Any]) -> dict[str, str]:
    minutes = _minutes(row)
    kept = decode_steps(row["next_steps"]) or ()
    referred = any(step.service_id for step in kept) or row["structure"] is not None
    consent = bool(row["consent_given"])
    return {
        "type": "individuel",
        "date": local_day(row["started_at"]).isoformat(),
        "duree": "" if minutes is None else str(minutes),
        "typeLieu": row["place_kind"] or "autre",
        "lieuCodePostal": row["place_postcode"] or "",
        "lieuCommune": row["place_commune"] or "",
        "autonomie": row["autonomie"] or "",
        "materiel": ",".join(json.loads(row["materiel"])),
        "thematiques": ",".join(json.loads(row["thematiques"])),
        "orienteVersStructure": "true" if referred else "false",
        "structureDeRedirection": row["structure"] or "",
        "genre": (row["gender"] if consent else None) or "non_communique",
        "trancheAge": (row["age_band"] if consent else None) or "non_communique",
        "statutSocial": (row["social_status"] if consent else None) or "non_communique",
        "commune": (row["commune"] if consent else None) or "",
        "communeCodePostal": (row["postcode"] if consent else None) or "",
        "anonyme": "false" if consent and row["first_name"] else "true",
    }


def _minutes(row: dict[str, Any]) -> int | None:
    """The real duration; a paper form's only when the mediator typed it (else unknown)."""
    if row.get("paper_form") is not None:
        return row.get("paper_minutes")
    started = datetime.fromisoformat(row["started_at"])
    finished = datetime.fromisoformat(row["finished_at"])
    return max(1, math.ceil((finished - started).total_seconds() / 60))


def cra_csv(rows: list[dict[str, str]]) -> str:
    """The rows as CSV text (UTF-8, comma-separated, a header line of CRA field names)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()
