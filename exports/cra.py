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

from evaluation.store.interviews import Store

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


def cra_rows(
    store: Store, start: str | None = None, end: str | None = None
) -> list[dict[str, str]]:
    """A CRA activity per finished and scored interview, oldest first (ISO date bounds)."""
    rows = store.query(
        "SELECT i.*, s.autonomie, s.materiel, s.thematiques, s.structure FROM interviews i"
        " JOIN scores s ON s.interview_id = i.id WHERE i.stage = 'finished'"
        " ORDER BY i.started_at"
    )
    activities = [_activity(row) for row in rows]
    return [a for a in activities if (start or "") <= a["date"] <= (end or "9999")]


def _activity(row: dict[str, Any]) -> dict[str, str]:
    started = datetime.fromisoformat(row["started_at"])
    finished = datetime.fromisoformat(row["finished_at"])
    minutes = max(1, math.ceil((finished - started).total_seconds() / 60))
    kept = [step.split("|") for step in json.loads(row["next_steps"] or "[]")]
    referred = any(service for _, service in kept) or row["structure"] is not None
    consent = bool(row["consent_given"])
    return {
        "type": "individuel",
        "date": started.astimezone().date().isoformat(),
        "duree": str(minutes),
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


def cra_csv(rows: list[dict[str, str]]) -> str:
    """The rows as CSV text (UTF-8, comma-separated, a header line of CRA field names)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()
