"""data·inclusion's own published models (the `data-inclusion-schema` package, v1).

The value lists (thematiques, publics…) and each record's validation come from the
package that data·inclusion publishes, not from a copy kept by hand.
"""

from __future__ import annotations

from collections.abc import Iterable
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


@cache
def list_fields() -> frozenset[str]:
    """The service fields that hold several values (a CSV cell splits into a list)."""
    return frozenset(
        name
        for name, field in _service_model().model_fields.items()
        if str(field.annotation).startswith(("set[", "list["))
    )


ADMIN = "difficultes-administratives-ou-juridiques--accompagnement-aux-demarches-administratives"
RIGHTS = "difficultes-administratives-ou-juridiques--accompagnement-pour-lacces-aux-droits"
BASICS = "numerique--maitriser-les-fondamentaux-du-numerique"
ONLINE = "numerique--acceder-a-des-services-en-ligne"
DEVICE = "numerique--acquerir-un-equipement"
# Thematiques of the schema before 2025 (v0) that a questionnaire or an older export may
# still name, each with the 2025 ones that say the same (our reading of both lists).
RENAMED: dict[str, tuple[str, ...]] = {
    "numerique": (BASICS,),
    "numerique--acceder-a-du-materiel": (DEVICE,),
    "numerique--s-equiper-en-materiel-informatique": (DEVICE,),
    "numerique--accompagner-les-demarches-de-sante": (ONLINE, "sante--acces-aux-soins"),
    "numerique--approfondir-ma-culture-numerique": (BASICS,),
    "numerique--creer-avec-le-numerique": (BASICS,),
    "numerique--creer-et-developper-mon-entreprise": (
        "creer-une-entreprise--developper-son-entreprise",
    ),
    "numerique--devenir-autonome-dans-les-demarches-administratives": (ONLINE,),
    "numerique--favoriser-mon-insertion-professionnelle": (
        "preparer-sa-candidature--organiser-ses-demarches-de-recherche-demploi",
    ),
    "numerique--prendre-en-main-un-ordinateur": (BASICS,),
    "numerique--prendre-en-main-un-smartphone-ou-une-tablette": (BASICS,),
    "numerique--promouvoir-la-citoyennete-numerique": (BASICS,),
    "numerique--realiser-des-demarches-administratives-avec-un-accompagnement": (ONLINE, ADMIN),
    "numerique--soutenir-la-parentalite-et-l-education-avec-le-numerique": (
        "famille--soutien-a-la-parentalite-et-a-leducation",
    ),
    "numerique--utiliser-le-numerique-au-quotidien": (BASICS,),
    "se-former--utiliser-le-numerique": (BASICS,),
    "illettrisme--utiliser-numerique": (BASICS,),
    "apprendre-francais--communiquer-vie-tous-les-jours": (
        "lecture-ecriture-calcul--maitriser-le-francais",
    ),
    "acces-aux-droits-et-citoyennete--accompagnement-dans-les-demarches-administratives": (ADMIN,),
    "acces-aux-droits-et-citoyennete--connaitre-ses-droits": (RIGHTS,),
    "sante--prevention-et-acces-aux-soins": ("sante--acces-aux-soins",),
}


def current_thematiques(values: Iterable[str]) -> tuple[str, ...]:
    """`values` with each pre-2025 slug replaced by its 2025 ones, each once, in order."""
    return tuple(dict.fromkeys(t for v in values for t in RENAMED.get(v, (v,))))
