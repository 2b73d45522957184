"""data·inclusion's own published models (the `data-inclusion-schema` package, v1).

The value lists (thematiques, publics…) and each record's validation come from the
package that data·inclusion publishes, not from a copy kept by hand.
"""

from __future__ import annotations

from enum import Enum
from functools import cache
from typing import Any

from data_inclusion.schema import v1
from data_inclusion.schema.v1.services import Service as OfficialService
from pydantic import ValidationError
from pydantic_core import ErrorDetails

LISTS: dict[str, type[Enum]] = {
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
def enumeration(name: str) -> frozenset[str]:
    """The allowed values of one list, e.g. `thematiques` or `frais`."""
    return frozenset(str(member.value) for member in LISTS[name])


def refusals(record: Any) -> list[ErrorDetails]:
    """What data·inclusion's service model refuses in `record` (its warnings aside)."""
    try:
        OfficialService.model_validate(record)
    except ValidationError as exc:
        return exc.errors()
    return []
