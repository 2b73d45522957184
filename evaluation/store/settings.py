"""Settings kept in the database: the structure, the place of the day, the mediator."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from evaluation.cra import TypeLieu


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
    retention_months: int = Field(default=24, ge=1)
