"""The French communes, offline: INSEE code, names, postcodes and a centre point.

From evaluation/data/communes/communes.tsv.gz (sources and licences in SOURCES.md beside
it). « commune ou code postal » resolves here: a postcode may name several communes, a
name several places (Saint-Martin…): the caller asks which.
"""

from __future__ import annotations

import gzip
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files

from evaluation.french_text import folded


@dataclass(frozen=True)
class Commune:
    code: str  # INSEE
    name: str
    postcodes: tuple[str, ...]
    latitude: float | None = None
    longitude: float | None = None
    former: tuple[str, ...] = ()  # former names, now communes déléguées or associées

    @property
    def postcode(self) -> str | None:
        return self.postcodes[0] if self.postcodes else None

    @property
    def centre(self) -> tuple[float, float] | None:
        if self.latitude is None or self.longitude is None:
            return None
        return (self.latitude, self.longitude)


@lru_cache(maxsize=65536)
def plain(name: str) -> str:
    """A commune's name as compared: no case, accents, hyphens, spaces; « St » is Saint."""
    words = folded(name).replace("'", " ").replace("-", " ").split()
    words = [{"st": "saint", "ste": "sainte"}.get(w, w) for w in words]
    return "".join(c for c in "".join(words) if c.isalnum())


class Communes:
    """The table; a row becomes a `Commune` only when asked for (35,000 objects would
    take a second to build on a slow laptop)."""

    def __init__(self, text: str) -> None:
        self._rows: dict[str, list[str]] = {}
        self._by_postcode: dict[str, list[str]] = defaultdict(list)
        self._by_name: dict[str, list[str]] = defaultdict(list)
        for line in text.splitlines():
            row = line.split("\t")
            code = row[0]
            self._rows[code] = row
            for postcode in row[2].split():
                self._by_postcode[postcode].append(code)
            for key in row[6].split("|"):  # plain() of each name, computed at build time
                self._by_name[key].append(code)

    def by_code(self, code: str) -> Commune | None:
        row = self._rows.get(code)
        if row is None:
            return None
        _, name, postcodes, former, lat, lon, _ = row
        return Commune(
            code,
            name,
            tuple(postcodes.split()),
            float(lat) if lat else None,
            float(lon) if lon else None,
            tuple(former.split("|")) if former else (),
        )

    def _all(self, codes: list[str]) -> tuple[Commune, ...]:
        return tuple(c for c in map(self.by_code, codes) if c is not None)

    def find(self, text: str) -> tuple[Commune, ...]:
        """The communes a person means by `text`: a postcode, an INSEE code or a name
        (current or former), optionally followed by its postcode ("Niort 79000")."""
        words = text.strip().split()
        if not words:
            return ()
        if len(words) == 1 and words[0].isdigit():
            found = self._all(self._by_postcode.get(words[0], []))
            code = self.by_code(words[0])
            return found or ((code,) if code else ())
        postcode = words[-1] if words[-1].isdigit() and len(words[-1]) == 5 else None
        name = " ".join(words[:-1] if postcode else words)
        found = self._all(self._by_name.get(plain(name), []))
        if postcode:
            found = tuple(c for c in found if postcode in c.postcodes) or found
        return found

    def at(self, name: str | None, postcode: str | None) -> Commune | None:
        """The one commune of this name and postcode, or None when none or several."""
        found = self.find(" ".join(p for p in (name, postcode) if p))
        return found[0] if len(found) == 1 else None


@lru_cache(maxsize=1)
def communes() -> Communes:
    """The table, read once."""
    raw = (files("evaluation") / "data" / "communes" / "communes.tsv.gz").read_bytes()
    return Communes(gzip.decompress(raw).decode("utf-8"))
