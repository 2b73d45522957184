"""data·inclusion's own published models (the `data-inclusion-schema` package, v1).

The value lists (thematiques, publics…) and each record's validation come from the
package that data·inclusion publishes, not from a copy kept by hand.
"""

from __future__ import annotations

from enum import Enum
from functools import cache
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

# The package takes most of a second to import (pendulum, e-mail checks): it is imported
# when a list or a record is first checked, not when a command merely starts.


@cache
def _lists() -> dict[str, type[Enum]]:
    from data_inclusion.schema import v1

    return {
        "thematiques": v1.Thematique,
        "publics": v1.Public,
        "frais": v1.Frais,
        "modes-accueil": v1.ModeAccueil,
        "modes-mobilisation": v1.ModeMobilisation,
        "types-de-services": v1.TypeService,
        "personnes-mobilisatrices": v1.PersonneMobilisatrice,
        "reseaux-porteurs": v1.ReseauPorteur,
    }


@cache
def _service_model() -> type[BaseModel]:
    from data_inclusion.schema.v1.services import Service

    model: type[BaseModel] = Service
    return model


@cache
def enumeration(name: str) -> frozenset[str]:
    """The allowed values of one list, e.g. `thematiques` or `frais`."""
    return frozenset(str(member.value) for member in _lists()[name])


def refusals(record: Any) -> list[ErrorDetails]:
    """What data·inclusion's service model refuses in `record` (its warnings aside)."""
    try:
        _service_model().model_validate(record)
    except ValidationError as exc:
        return exc.errors()
    return []
