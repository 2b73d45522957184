"""One CRA activity per finished interview, in La Coop's stored values (codes).

The CSV writes these codes as they are; the XLSX writes La Coop's display labels for
them. Both start from the same `Activity`, so the two files never disagree.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from evaluation.clock import local_day, local_time
from evaluation.interview import decode_steps


@dataclass(frozen=True)
class Activity:
    """One individual accompaniment; a visitor's fields are None without consent."""

    id: str
    day: date
    recorded: datetime  # when the interview was finished (local time)
    modified: datetime | None  # last change after that, if any
    minutes: int | None  # a paper form's is unknown unless the mediator typed it
    type_lieu: str
    place_name: str
    place_postcode: str
    place_commune: str
    autonomie: str | None
    materiel: tuple[str, ...]
    thematiques: tuple[str, ...]
    referred: bool
    structure: str | None
    genre: str
    tranche_age: str
    statut_social: str
    commune: str
    postcode: str
    anonymous: bool


def activities_of(rows: list[dict[str, Any]]) -> list[Activity]:
    """One activity per finished and scored interview (`store.activities` rows)."""
    return [_activity(row) for row in rows]


def _activity(row: dict[str, Any]) -> Activity:
    kept = decode_steps(row["next_steps"]) or ()
    consent = bool(row["consent_given"])

    def given(field: str) -> Any:
        return row[field] if consent else None

    changed = row["updated_at"] != row["finished_at"]
    return Activity(
        id=row["id"],
        day=local_day(row["started_at"]),
        recorded=local_time(row["finished_at"]),
        modified=local_time(row["updated_at"]) if changed else None,
        minutes=_minutes(row),
        type_lieu=row["place_kind"] or "autre",
        place_name=row["place_name"] or "",
        place_postcode=row["place_postcode"] or "",
        place_commune=row["place_commune"] or "",
        autonomie=row["autonomie"],
        materiel=tuple(json.loads(row["materiel"])),
        thematiques=tuple(json.loads(row["thematiques"])),
        referred=any(step.service_id for step in kept) or row["structure"] is not None,
        structure=row["structure"],
        genre=given("gender") or "non_communique",
        tranche_age=given("age_band") or "non_communique",
        statut_social=given("social_status") or "non_communique",
        commune=given("commune") or "",
        postcode=given("postcode") or "",
        anonymous=not (consent and row["first_name"]),
    )


def _minutes(row: dict[str, Any]) -> int | None:
    """The real duration; a paper form's only when the mediator typed it (else unknown)."""
    if row.get("paper_form") is not None:
        minutes: int | None = row.get("paper_minutes")
        return minutes
    started = datetime.fromisoformat(row["started_at"])
    finished = datetime.fromisoformat(row["finished_at"])
    return max(1, math.ceil((finished - started).total_seconds() / 60))
