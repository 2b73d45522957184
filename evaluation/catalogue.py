"""The catalogue of local offers: services in the data·inclusion service schema v1.

A coordinator can drop in an export from their territory (a JSON list of services);
every value list is checked against the shipped schema, and a bad record is named by
its position, id and field.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError

from evaluation.data_inclusion import enumeration

SAMPLE = files("evaluation") / "data" / "catalogue-exemple.json"


class CatalogueError(Exception):
    """The catalogue was refused; `problems` holds one line per problem."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


def _values_in(name: str) -> Callable[[list[str] | None], list[str] | None]:
    def check(values: list[str] | None) -> list[str] | None:
        for value in values or ():
            if value not in enumeration(name):
                raise ValueError(f"'{value}' is not in the data·inclusion list '{name}'")
        return values

    return check


def _value_in(name: str) -> Callable[[str | None], str | None]:
    def check(value: str | None) -> str | None:
        _values_in(name)([value] if value else None)
        return value

    return check


Thematiques = Annotated[list[str] | None, AfterValidator(_values_in("thematiques"))]
Publics = Annotated[list[str] | None, AfterValidator(_values_in("publics"))]
ModesAccueil = Annotated[list[str] | None, AfterValidator(_values_in("modes-accueil"))]
ModesMobilisation = Annotated[list[str] | None, AfterValidator(_values_in("modes-mobilisation"))]
Frais = Annotated[str | None, AfterValidator(_value_in("frais"))]
TypeService = Annotated[str | None, AfterValidator(_value_in("types-de-services"))]


class Service(BaseModel):
    """One service; fields and value lists are those of data·inclusion, extra fields kept aside."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    id: str = Field(min_length=1)
    source: str = Field(min_length=1)
    structure_id: str = Field(min_length=1)
    nom: str = Field(min_length=3, max_length=150)
    description: str = Field(min_length=1)
    date_maj: str = Field(pattern=r"^\d{4}-\d{2}-\d{2}$")
    type: TypeService = None
    thematiques: Thematiques = None
    frais: Frais = None
    frais_precisions: str | None = None
    publics: Publics = None
    modes_accueil: ModesAccueil = None
    modes_mobilisation: ModesMobilisation = None
    adresse: str | None = None
    complement_adresse: str | None = None
    commune: str | None = None
    code_postal: str | None = Field(default=None, pattern=r"^\d{5}$")
    code_insee: str | None = None
    telephone: str | None = None
    courriel: str | None = None
    horaires_accueil: str | None = None
    lien_source: str | None = None


@dataclass(frozen=True)
class Catalogue:
    """The services of one territory, in file order."""

    services: tuple[Service, ...]

    def by_id(self, service_id: str) -> Service | None:
        return next((s for s in self.services if s.id == service_id), None)


def parse_catalogue(raw: bytes, name: str) -> Catalogue:
    """Validate catalogue JSON (a list of services, or `{"services": [...]}`)."""
    try:
        data: Any = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise CatalogueError([f"{name}: not UTF-8 text"]) from None
    except json.JSONDecodeError as exc:
        raise CatalogueError([f"{name}:{exc.lineno}: invalid JSON: {exc.msg}"]) from None
    if isinstance(data, dict) and isinstance(data.get("services"), list):
        data = data["services"]
    if not isinstance(data, list):
        raise CatalogueError([f"{name}: must be a JSON list of services"])
    services: list[Service] = []
    problems: list[str] = []
    for index, record in enumerate(data):
        try:
            services.append(Service.model_validate(record))
        except ValidationError as exc:
            ident = record.get("id", "?") if isinstance(record, dict) else "?"
            for err in exc.errors():
                field = ".".join(str(p) for p in err["loc"]) or "record"
                msg = str(err["msg"]).removeprefix("Value error, ")
                problems.append(f"{name}: services[{index}] (id '{ident}'): {field}: {msg}")
    seen: set[str] = set()
    for index, service in enumerate(services):
        if service.id in seen:
            problems.append(f"{name}: services[{index}]: duplicate id '{service.id}'")
        seen.add(service.id)
    if problems:
        raise CatalogueError(problems)
    return Catalogue(tuple(services))


def load_catalogue(path: Path | None = None) -> Catalogue:
    """The catalogue at `path`, or the shipped sample for a fictional territory."""
    if path is None:
        return parse_catalogue(SAMPLE.read_bytes(), "catalogue-exemple.json")
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise CatalogueError([f"{path}: cannot read file ({exc.strerror})"]) from None
    return parse_catalogue(raw, str(path))
