"""What a visitor may need from a place beyond its kind of help: to be welcomed in
another language, with poor eyesight… (the mediation-places standard's
`prise_en_charge_specifique`). A need is never guessed: only the interview says one."""

from __future__ import annotations

from enum import StrEnum

FRENCH = "fr"


class Need(StrEnum):
    LANGUAGE = "langues-etrangeres"
    SIGHT = "deficience-visuelle"
    READING = "illettrisme"
    HEARING = "surdite"
    MOBILITY = "handicap-moteur"
    MENTAL = "handicap-mental"


def needs_of(lang: str, said: frozenset[Need] = frozenset()) -> frozenset[Need]:
    """A visitor's needs: a language other than French for the interview is one; the
    rest are what their answers said (`said`)."""
    return said | {Need.LANGUAGE} if lang != FRENCH else said
