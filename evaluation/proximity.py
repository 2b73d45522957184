"""How near a service is to where the mediator stands today.

Same commune first, then same département (from the postcode), then by distance where the
catalogue gives coordinates: the place's own position is the centre of the catalogue's
services in its commune or postcode (the app knows no map). A service in another
département, or farther than `FAR_KM`, is "far away" and said so.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from evaluation.catalogue import Catalogue, Service
from evaluation.text import folded

FAR_KM = 30.0
EARTH_KM = 6371.0


def departement(postcode: str | None) -> str | None:
    """The département of a French postcode ("79000" → "79"; overseas "97100" → "971")."""
    if not postcode or len(postcode) != 5 or not postcode.isdigit():
        return None
    return postcode[:3] if postcode.startswith(("97", "98")) else postcode[:2]


def _same_name(a: str | None, b: str | None) -> bool:
    """Commune names compared without case, accents, hyphens or spaces."""

    def plain(text: str) -> str:
        return "".join(c for c in folded(text) if c.isalnum())

    return bool(a and b) and plain(a or "") == plain(b or "")


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_KM * math.asin(math.sqrt(a))


@dataclass(frozen=True)
class Near:
    """Where the mediator stands today (the place of the interview)."""

    commune: str | None = None
    postcode: str | None = None

    @property
    def known(self) -> bool:
        return bool(self.commune or self.postcode)


class Proximity:
    """Ranks the services of a catalogue by how near they are to a place."""

    def __init__(self, catalogue: Catalogue, near: Near) -> None:
        self.near = near
        self.departement = departement(near.postcode)
        here = [
            s
            for s in catalogue.services
            if s.latitude is not None
            and s.longitude is not None
            and (
                _same_name(s.commune, near.commune)
                or (near.postcode is not None and s.code_postal == near.postcode)
            )
        ]
        self.centre = (
            (
                sum(s.latitude or 0 for s in here) / len(here),
                sum(s.longitude or 0 for s in here) / len(here),
            )
            if here
            else None
        )

    def distance(self, service: Service) -> float | None:
        if self.centre is None or service.latitude is None or service.longitude is None:
            return None
        return _km(*self.centre, service.latitude, service.longitude)

    def rank(self, service: Service) -> tuple[int, float]:
        """Lower is nearer: same commune, same département, by distance, the rest."""
        if not self.near.known:
            return (0, 0.0)
        distance = self.distance(service)
        if _same_name(service.commune, self.near.commune) or (
            self.near.postcode and service.code_postal == self.near.postcode
        ):
            return (0, distance or 0.0)
        if self.departement and departement(service.code_postal) == self.departement:
            return (1, distance or 0.0)
        if distance is not None:
            return (2, distance)
        return (3, 0.0)

    def far(self, service: Service) -> bool:
        """Another département, or farther than FAR_KM; online-only services never are."""
        if not self.near.known or service.modes_accueil == ["a-distance"]:
            return False
        distance = self.distance(service)
        if distance is not None:
            return distance > FAR_KM
        theirs = departement(service.code_postal)
        return bool(self.departement and theirs and theirs != self.departement)
