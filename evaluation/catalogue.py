"""The catalogue of local offers: services in the data·inclusion service schema v1.

A coordinator can drop in an export from their territory (a JSON list of services);
each record is checked by data·inclusion's own published model, and a bad record is
named by its position, id and field. Until the office sends one, the bundled sample of a
fictional territory is used, marked `sample` so that no screen or sheet passes its
addresses off as real.
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

from evaluation.data_inclusion import enumeration, refusals
from evaluation.files import read_bounded
from evaluation.i18n import msg
from evaluation.problems import Located, Problem, excerpt
from evaluation.safe_json import JsonRefused, read_json
from evaluation.text import controls_in, folded

SAMPLE = files("evaluation") / "data" / "catalogue-exemple.json"
SAMPLE_NAME = "catalogue-exemple.json"
MAX_BYTES = 16 * 1024 * 1024  # a département's export is a few MiB
MAX_REPORTED = 20


class CatalogueError(Problem):
    """The catalogue was refused; one located line per problem."""


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
    """Validate catalogue JSON (a list of services, or `{"services": [...]}`)."""
    if len(raw) > MAX_BYTES:
        raise CatalogueError(msg("catalogue.too_large", limit=MAX_BYTES // 1024 // 1024), name)
    try:
        data: Any = read_json(raw)
    except JsonRefused as exc:
        raise CatalogueError(exc.message, f"{name}:{exc.line}" if exc.line else name) from None
    if isinstance(data, dict) and isinstance(data.get("services"), list):
        data = data["services"]
    if not isinstance(data, list):
        raise CatalogueError(msg("catalogue.not_a_list"), name)
    services: list[Service] = []
    problems: list[Located] = []
    for index, record in enumerate(data):
        ident = excerpt(record.get("id", "?")) if isinstance(record, dict) else "?"
        where = f"{name}: services[{index}] ({ident})"
        if hidden := controls_in(record):  # orders to a terminal, not words to a person
            for path, code in hidden:
                field = ".".join(str(p) for p in path) or "record"
                problems.append(Located(where, msg("text.control_character", code=code), field))
            continue
        errors = refusals(record)  # data·inclusion's own model first
        if not errors:
            try:
                services.append(Service.model_validate(record))
            except ValidationError as exc:
                errors = exc.errors()
        for err in errors:
            field = ".".join(str(p) for p in err["loc"] if not isinstance(p, int))
            problems.append(Located(where, _message(err), field or "record"))
        if len(problems) > MAX_REPORTED:  # a file that is not a catalogue: say so quickly
            problems.append(Located(name, msg("catalogue.more")))
            raise CatalogueError.many(problems)
    seen: set[str] = set()
    for index, service in enumerate(services):
        if service.id in seen:
            problems.append(
                Located(f"{name}: services[{index}]", msg("catalogue.duplicate", id=service.id))
            )
        seen.add(service.id)
    if problems:
        raise CatalogueError.many(problems)
    return Catalogue(tuple(services), sample)


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
