"""Text compared as a person means it: without case or accents."""

from __future__ import annotations

import unicodedata


def folded(text: str) -> str:
    """ "Zoë" and "ZOE" as "zoe": lower case, accents dropped."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))
