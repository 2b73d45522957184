"""The catalogue of local offers: services in the data·inclusion service schema v1.

A coordinator can drop in an export from their territory (data·inclusion's JSON or
CSV) and their département's file of the national map of mediation places (CSV); each
data·inclusion record is checked by data·inclusion's own published model, and a record
refused is named by its position, id and field and left out while the others load.
Until the office sends one, the bundled sample of a fictional territory is used, marked
`sample` so that no screen or sheet passes its addresses off as real.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property
from importlib.resources import files
from pathlib import Path
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError
from pydantic_core import PydanticCustomError

from evaluation.files.disk import read_bounded
from evaluation.french_text import controls_in, folded
from evaluation.i18n import msg
from evaluation.offers import mediation_places as places_standard
from evaluation.offers.catalogue_files import (
    CatalogueError,
    Record,
    header_of,
    looks_like_json,
    may_hold_controls,
    read_csv_records,
    read_json_records,
)
from evaluation.offers.data_inclusion import current_thematiques, enumeration, list_fields, refusals
from evaluation.offers.needs import Need
from evaluation.problems import Located, excerpt

SAMPLE = files("evaluation") / "data" / "catalogue-exemple.json"
SAMPLE_NAME = "catalogue-exemple.json"
MAX_BYTES = 16 * 1024 * 1024  # a département's export is a few MiB
MAX_REPORTED = 20


def _values_in(name: str) -> Callable[[list[str] | None], list[str] | None]:
    def check(values: list[str] | None) -> list[str] | None:
        for value in values or ():
            if value not in enumeration(name):
                raise PydanticCustomError(
                    "catalogue.not_in_list", "not in list", {"value": value, "list": name}
                )
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
    """One service; fields and value lists are those of data·inclusion, others ignored."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    id: str = Field(min_length=1, max_length=200)
    source: str = Field(min_length=1, max_length=200)
    structure_id: str = Field(min_length=1, max_length=200)
    nom: str = Field(min_length=3, max_length=150)
    description: str = Field(min_length=1, max_length=10_000)
    date_maj: str = Field(pattern=r"^\d{4}-\d{2}-\d{2}")
    type: TypeService = None
    thematiques: Thematiques = None
    frais: Frais = None
    frais_precisions: str | None = Field(default=None, max_length=2000)
    publics: Publics = None
    modes_accueil: ModesAccueil = None
    modes_mobilisation: ModesMobilisation = None
    adresse: str | None = Field(default=None, max_length=500)
    complement_adresse: str | None = Field(default=None, max_length=500)
    commune: str | None = Field(default=None, max_length=200)
    code_postal: str | None = Field(default=None, pattern=r"^\d{5}$")
    code_insee: str | None = Field(default=None, max_length=10)
    latitude: float | None = Field(default=None, ge=-90, le=90)
    longitude: float | None = Field(default=None, ge=-180, le=180)
    telephone: str | None = Field(default=None, max_length=100)
    courriel: str | None = Field(default=None, max_length=300)
    horaires_accueil: str | None = Field(default=None, max_length=2000)
    # INSEE codes: communes, départements, EPCI (9 digits), or "france"
    zone_eligibilite: list[str] | None = Field(default=None, max_length=5000)
    lien_source: str | None = Field(default=None, max_length=2000)
    # A place of the mediation-places standard: who it is ready for, and whether it
    # travels (a bus, a truck: its address is not where it will be).
    accueil_adapte: tuple[Need, ...] | None = None
    itinerant: bool = False

    @property
    def named(self) -> str:
        """Its name and, in brackets, its commune when the name does not say it already:
        « Atelier numérique (Niort) », but « France Services de Niort » once."""
        if not self.commune or folded(self.commune) in folded(self.nom):
            return self.nom
        return f"{self.nom} ({self.commune})"


@dataclass(frozen=True)
class Catalogue:
    """The services of one territory, in file order; `sample` for the bundled example."""

    services: tuple[Service, ...]
    sample: bool = False
    # The records left out, each named by its place and field (the first ones), and
    # how many there were.
    refused: tuple[Located, ...] = ()
    refused_count: int = 0

    def records(self) -> list[dict[str, Any]]:
        """The services as the data folder keeps them (JSON, read back by
        `parse_catalogue`)."""
        return [
            s.model_dump(mode="json", exclude_none=True, exclude_defaults=True)
            for s in self.services
        ]

    def by_id(self, service_id: str) -> Service | None:
        return next((s for s in self.services if s.id == service_id), None)

    @cached_property
    def _by_thematique(self) -> dict[str, tuple[tuple[int, Service], ...]]:
        index: dict[str, list[tuple[int, Service]]] = {}
        for position, service in enumerate(self.services):
            for thematique in service.thematiques or ():
                index.setdefault(thematique, []).append((position, service))
        return {k: tuple(v) for k, v in index.items()}

    def about(self, thematiques: Iterable[str]) -> list[Service]:
        """The services filed under any of `thematiques`, in file order, each once."""
        found = dict(pair for t in thematiques for pair in self._by_thematique.get(t, ()))
        return [found[position] for position in sorted(found)]


def parse_catalogue(raw: bytes, name: str, sample: bool = False) -> Catalogue:
    """Read a catalogue file: a data·inclusion export in JSON (a list of services, or
    `{"services": [...]}`) or CSV, or a département's file of the mediation-places
    standard (CSV). A record refused is named by its place and field and left out; the
    others load. Refused as a whole only when it is not such a file, or nothing loads."""
    if len(raw) > MAX_BYTES:
        raise CatalogueError(msg("catalogue.too_large", limit=MAX_BYTES // 1024 // 1024), name)
    kind = name.lower().rsplit(".", 1)[-1]
    if kind == "json" or (kind != "csv" and (looks_like_json(raw) or not raw.strip())):
        table = read_json_records(raw, name)
        places = False
    else:
        places = bool(places_standard.OWN_COLUMNS & set(header_of(raw)))
        lists = places_standard.LIST_COLUMNS if places else list_fields()
        table = read_csv_records(raw, name, lists)
    checked = may_hold_controls(raw)  # else no field of any record needs looking at
    services: list[Service] = []
    problems: list[Located] = []
    refused = 0
    seen: set[str] = set()
    for record in table.records:
        data = record.data
        ident = excerpt(data.get("id", "?")) if isinstance(data, dict) else "?"
        where = f"{name}{record.where} ({ident})"
        found = _service(record, places, checked)
        if isinstance(found, Service) and found.id in seen:
            found = [Located(where, msg("catalogue.duplicate", id=found.id))]
        if isinstance(found, Service):
            seen.add(found.id)
            services.append(found)
            continue
        refused += 1
        problems.extend(Located(where, p.message, p.field) for p in found)
        if not services and refused > MAX_REPORTED:  # not a catalogue: say so quickly
            more = Located(name, msg("catalogue.not_services"))
            raise CatalogueError.many((*_bounded(problems, name), more))
    if problems and not services:
        raise CatalogueError.many(_bounded(problems, name))
    return Catalogue(tuple(services), sample, _bounded(problems, name), refused)


def _bounded(problems: list[Located], name: str) -> tuple[Located, ...]:
    """The first problems, and a line saying there are more."""
    if len(problems) <= MAX_REPORTED:
        return tuple(problems)
    return (*problems[:MAX_REPORTED], Located(name, msg("catalogue.more", count=MAX_REPORTED)))


def _service(record: Record, places: bool, checked: bool = True) -> Service | list[Located]:
    """One record checked: the service, or its problems (`where` left for the caller)."""
    data = record.data
    if record.extra:
        return [Located("", msg("catalogue.csv_too_many_cells", count=record.extra))]
    if checked and (hidden := controls_in(data)):  # orders to a terminal, not words to a person
        return [
            Located("", msg("text.control_character", code=code), _field(path))
            for path, code in hidden
        ]
    if not isinstance(data, dict):
        return [Located("", msg("catalogue.wrong_type"))]
    if places:
        try:
            data = places_standard.service_record(data)
        except places_standard.PlaceRefused as exc:
            return [Located("", exc.message, exc.field)]
    elif isinstance(data.get("thematiques"), list):  # slugs renamed in 2025
        data = {**data, "thematiques": list(current_thematiques(map(str, data["thematiques"])))}
    # data·inclusion's own model first; a place is not one of its services
    errors = [] if data.get("source") == places_standard.SOURCE else refusals(data)
    if not errors:
        try:
            return Service.model_validate(data)
        except ValidationError as exc:
            errors = exc.errors()
    return [Located("", _message(err), _field(err["loc"])) for err in errors]


def _field(path: Iterable[str | int]) -> str:
    return ".".join(str(p) for p in path if not isinstance(p, int)) or "record"


def _message(err: Any) -> Any:
    kind = err["type"]
    ctx = err.get("ctx", {})
    if kind == "catalogue.not_in_list":
        return msg("catalogue.not_in_list", value=excerpt(ctx.get("value")), list=ctx.get("list"))
    if kind == "enum":  # data·inclusion's own model: the list is the field's
        field = str(err["loc"][0]).replace("_", "-")
        return msg("catalogue.not_in_list", value=excerpt(err.get("input")), list=field)
    if kind == "missing":
        return msg("q.missing")
    if kind in {"string_type", "model_type", "dict_type", "list_type"}:
        return msg("catalogue.wrong_type")
    if kind == "string_pattern_mismatch":
        return msg("q.bad_form", value=excerpt(err.get("input")))
    if kind in {"string_too_short", "string_too_long"}:
        return msg("catalogue.bad_length")
    return msg("q.invalid_value", detail=str(err.get("msg", kind)))


def load_catalogue(path: Path | None = None) -> Catalogue:
    """The catalogue at `path`, or the shipped sample for a fictional territory."""
    if path is None:
        return parse_catalogue(SAMPLE.read_bytes(), SAMPLE_NAME, sample=True)
    return parse_catalogue(read_bounded(path, MAX_BYTES), str(path))
