"""How near a service is to the visitor: from their home when they gave their commune,
else from where the mediator stands today.

Places are put on the map by the offline table of communes (evaluation/offers/communes.py): the
origin is the centre of the visitor's commune (or of the place of the day); a service is
where the catalogue says, else at the centre of its commune. Same commune first, then
same département, then by distance; a service farther than `FAR_KM`, or in another
département when no distance is known, is "far away" and said so.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import Enum

from evaluation.offers.catalogue import Catalogue, Service
from evaluation.offers.communes import Commune, communes, plain

FAR_KM = 30.0
EARTH_KM = 6371.0


def departement(postcode: str | None) -> str | None:
    """The département of a French postcode ("79000" → "79"; overseas "97100" → "971")."""
    if not postcode or len(postcode) != 5 or not postcode.isdigit():
        return None
    return postcode[:3] if postcode.startswith(("97", "98")) else postcode[:2]


def _same_name(a: str | None, b: str | None) -> bool:
    """Commune names compared without case, accents, hyphens or spaces."""
    return bool(a and b) and plain(a or "") == plain(b or "")


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_KM * math.asin(math.sqrt(a))


@dataclass(frozen=True)
class Near:
    """A commune, as typed: the place of the interview, or the visitor's home."""

    commune: str | None = None
    postcode: str | None = None

    @property
    def known(self) -> bool:
        return bool(self.commune or self.postcode)


class From(Enum):
    """Where distances are counted from, as the sheet says it."""

    HOME = "home"  # « à 12 km de chez vous »
    HERE = "here"  # « à 800 m d'ici »


@dataclass(frozen=True)
class Away:
    """How far a service is, and from where."""

    km: float
    origin: From


class Proximity:
    """Ranks the services of a catalogue by how near they are to the visitor."""

    def __init__(self, catalogue: Catalogue, near: Near, home: Near | None = None) -> None:
        self.origin = From.HOME if home is not None and home.known else From.HERE
        self.near = home if home is not None and home.known else near
        self.departement = departement(self.near.postcode)
        self.commune = self._commune(self.near.commune, self.near.postcode)
        self.centre = self.commune.centre if self.commune else None
        if self.centre is None:
            self.centre = self._catalogue_centre(catalogue)
        self._places: dict[tuple[str | None, str | None, str | None], Commune | None] = {}

    @staticmethod
    def _commune(name: str | None, postcode: str | None) -> Commune | None:
        if not (name or postcode):
            return None
        found = communes().find(" ".join(p for p in (name, postcode) if p))
        if len(found) == 1 or (found and postcode and all(postcode in c.postcodes for c in found)):
            return found[0]  # one commune, or neighbours sharing the postcode typed
        return None

    def _catalogue_centre(self, catalogue: Catalogue) -> tuple[float, float] | None:
        """A place the table does not know: the centre of the catalogue's services there."""
        here = [
            (s.latitude, s.longitude)
            for s in catalogue.services
            if s.latitude is not None and s.longitude is not None and self._here(s)
        ]
        if not here:
            return None
        return (sum(p[0] for p in here) / len(here), sum(p[1] for p in here) / len(here))

    def _here(self, service: Service) -> bool:
        if self.commune is not None and service.code_insee == self.commune.code:
            return True
        return _same_name(service.commune, self.near.commune) or bool(
            self.near.postcode and service.code_postal == self.near.postcode
        )

    def position(self, service: Service) -> tuple[float, float] | None:
        """Where the catalogue puts the service, else the centre of its commune."""
        if service.latitude is not None and service.longitude is not None:
            return (service.latitude, service.longitude)
        key = (service.code_insee, service.commune, service.code_postal)
        if key not in self._places:
            table = communes()
            found = table.by_code(service.code_insee) if service.code_insee else None
            self._places[key] = found or (
                table.at(service.commune, service.code_postal) if service.commune else None
            )
        commune = self._places[key]
        return commune.centre if commune else None

    def distance(self, service: Service) -> float | None:
        position = self.position(service) if self.centre is not None else None
        if self.centre is None or position is None:
            return None
        return _km(*self.centre, *position)

    def away(self, service: Service) -> Away | None:
        """How far the visitor has to go, for the sheet; None for an online service."""
        if service.modes_accueil == ["a-distance"]:
            return None
        distance = self.distance(service)
        return Away(distance, self.origin) if distance is not None else None

    def rank(self, service: Service) -> tuple[int, float]:
        """Lower is nearer: same commune, same département, by distance, the rest."""
        if not self.near.known:
            return (0, 0.0)
        distance = self.distance(service)
        if self._here(service):
            return (0, distance or 0.0)
        if self.departement and departement(service.code_postal) == self.departement:
            return (1, distance or 0.0)
        if distance is not None:
            return (2, distance)
        return (3, 0.0)

    def tier(self, service: Service) -> int:
        """The head of `rank` without its distance: no arithmetic for a service farther
        down the list."""
        if not self.near.known or self._here(service):
            return 0
        if self.departement and departement(service.code_postal) == self.departement:
            return 1
        return 2 if self.centre is not None and self.position(service) is not None else 3

    def far(self, service: Service) -> bool:
        """Farther than FAR_KM, or in another département when no distance is known;
        online-only services never are."""
        if not self.near.known or service.modes_accueil == ["a-distance"]:
            return False
        distance = self.distance(service)
        if distance is not None:
            return distance > FAR_KM
        theirs = departement(service.code_postal)
        return bool(self.departement and theirs and theirs != self.departement)
