"""The value lists of the data·inclusion service schema v1, read from the shipped copy.

The copy under `evaluation/data/data-inclusion-schema-v1/` is published by data·inclusion
under the Licence Ouverte 2.0 (its LICENSE.md sits beside it).
"""

from __future__ import annotations

import json
from functools import cache
from importlib.resources import files

SCHEMA_DIR = files("evaluation") / "data" / "data-inclusion-schema-v1"


@cache
def enumeration(name: str) -> frozenset[str]:
    """The allowed values of one list, e.g. `thematiques` or `frais`."""
    entries = json.loads((SCHEMA_DIR / f"{name}.json").read_text(encoding="utf-8"))
    return frozenset(entry["value"] for entry in entries)
