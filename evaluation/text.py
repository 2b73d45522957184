"""Text compared as a person means it: without case or accents."""

from __future__ import annotations

import unicodedata

# Letters Unicode does not decompose into a base letter and an accent: "Łukasz" is found
# by "lukasz", "Øster" by "oster", "Cœur" by "coeur".
UNDECOMPOSED = str.maketrans(
    {"ł": "l", "ø": "o", "đ": "d", "ħ": "h", "ı": "i", "ŀ": "l", "æ": "ae", "œ": "oe", "þ": "th"}
)


def folded(text: str) -> str:
    """ "Zoë" and "ZOE" as "zoe", "Łukasz" as "lukasz": lower case, accents dropped."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(UNDECOMPOSED))
    return "".join(c for c in decomposed if not unicodedata.combining(c))
