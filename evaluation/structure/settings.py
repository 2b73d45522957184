"""Settings kept in the database: the structure, the place of the day, the mediator."""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from evaluation.structure.cra import TypeLieu
from evaluation.structure.retention import FORGET_DAYS_MAX, RETENTION_MONTHS_MAX


class Structure(BaseModel):
    model_config = ConfigDict(extra="ignore")

    name: str = ""
    phone: str = ""
    address: str = ""


class Place(BaseModel):
    """Where the mediator stands today."""

    model_config = ConfigDict(extra="ignore")

    name: str = ""
    commune: str = ""
    postcode: str = Field(default="", pattern=r"^(\d{5})?$")
    kind: TypeLieu = "autre"


class Settings(BaseModel):
    model_config = ConfigDict(extra="ignore")

    structure: Structure = Structure()
    place: Place = Place()
    place_date: str = ""  # the day the place was last confirmed (ISO date)
    mediator: str = ""
    retention_months: int = Field(default=24, ge=1, le=RETENTION_MONTHS_MAX)
    # Days after the office acknowledged an interview before this laptop forgets it.
    forget_after_days: int = Field(default=30, ge=1, le=FORGET_DAYS_MAX)
    high_contrast: bool = False  # the whole app in the high-contrast theme
    read_aloud: bool = False  # every new question is read aloud by itself


def parse_settings(text: str) -> Settings:
    """Settings from their stored JSON; a value that does not validate (an older version,
    a hand edit) falls back to its default, field by field, rather than stop the app."""
    try:
        return Settings.model_validate_json(text)
    except ValidationError:
        pass
    try:
        raw: Any = json.loads(text)
    except ValueError:
        return Settings()
    if not isinstance(raw, dict):
        return Settings()
    kept: dict[str, Any] = {}
    for name, value in raw.items():
        if name in {"place", "structure"} and isinstance(value, dict):
            model = Place if name == "place" else Structure
            kept[name] = {k: v for k, v in value.items() if _valid(model, {k: v})}
        elif _valid(Settings, {name: value}):
            kept[name] = value
    return Settings.model_validate(kept)


def _valid(model: type[BaseModel], data: dict[str, Any]) -> bool:
    try:
        model.model_validate(data)
    except ValidationError:
        return False
    return True
