"""Who a service is for: its `zone_eligibilite` and its `publics` (data·inclusion), against
what the visitor chose to tell. Nothing is guessed: a field the visitor left empty never
excludes nor favours a service.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from evaluation.offers.catalogue import Service
from evaluation.offers.communes import Commune
from evaluation.offers.needs import Need

NOT_GIVEN = "non_communique"
ALL = "tous-publics"
FRANCE = frozenset({"france", "99100"})
SENIOR_AGES = frozenset({"soixante_soixante_neuf", "soixante_dix_plus"})
YOUNG_AGES = frozenset({"moins_de_douze", "douze_dix_huit", "dix_huit_vingt_quatre"})


class Fit(Enum):
    YES = "yes"
    NO = "no"
    UNKNOWN = "unknown"  # the visitor did not say, or the profile cannot tell


@dataclass(frozen=True)
class Visitor:
    """What the visitor said: their commune (resolved), age band and situation, and
    what a place must be ready for (another language…)."""

    commune: Commune | None = None
    age_band: str = NOT_GIVEN
    social_status: str = NOT_GIVEN
    needs: frozenset[Need] = frozenset()


def _said(value: str, yes: frozenset[str]) -> Fit:
    if value == NOT_GIVEN:
        return Fit.UNKNOWN
    return Fit.YES if value in yes else Fit.NO


def fits(public: str, visitor: Visitor) -> Fit:
    """Whether the visitor is of this public, as far as their profile tells."""
    if public == ALL:
        return Fit.YES
    if public == "seniors":
        by_age = _said(visitor.age_band, SENIOR_AGES)
        retired = visitor.social_status == "retraite"
        return Fit.YES if retired else by_age
    if public == "jeunes":
        return _said(visitor.age_band, YOUNG_AGES)
    if public == "demandeurs-emploi":
        return _said(visitor.social_status, frozenset({"sans_emploi"}))
    if public == "etudiants":
        return _said(visitor.social_status, frozenset({"scolarise"}))
    return Fit.UNKNOWN  # families, women, disability…: the profile does not ask


def in_zone(service: Service, commune: Commune | None) -> Fit:
    """Whether the visitor's commune is in the service's zone (commune, département or
    France); an EPCI code (nine digits) cannot be told offline and never excludes."""
    zone = set(service.zone_eligibilite or ())
    if not zone or commune is None or zone & FRANCE:
        return Fit.UNKNOWN if commune is None and zone else Fit.YES
    code = commune.code
    dept = code[:3] if code.startswith("97") else code[:2]
    if code in zone or dept in zone:
        return Fit.YES
    return Fit.UNKNOWN if any(len(z) == 9 for z in zone) else Fit.NO


def eligible(service: Service, visitor: Visitor) -> bool:
    """False only when the visitor's own answers put them outside the service."""
    if in_zone(service, visitor.commune) is Fit.NO:
        return False
    publics = service.publics or []
    if not publics or ALL in publics:
        return True
    return any(fits(p, visitor) is not Fit.NO for p in publics)


def favoured(service: Service, visitor: Visitor) -> bool:
    """A service meant for the visitor's public (seniors, young people, job seekers,
    students) rather than for everyone."""
    return any(fits(p, visitor) is Fit.YES for p in service.publics or [] if p != ALL)


def adapted(service: Service, visitor: Visitor) -> bool:
    """A place ready for what this visitor needs (their language, their eyesight…)."""
    return bool(visitor.needs and visitor.needs.intersection(service.accueil_adapte or ()))
