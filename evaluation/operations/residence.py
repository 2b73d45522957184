"""Where the visitor lives: « commune ou code postal » resolved through the communes table.

A postcode several communes share asks which (the mediator types its number); a name the
table does not know is kept as typed: nothing said is lost.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from evaluation.interview.record import Profile, typed_home
from evaluation.offers.communes import Commune, communes
from evaluation.operations.interviews import save_profile
from evaluation.session import Saved, Session


@dataclass(frozen=True)
class Residence:
    """What to store in the profile, or the communes to choose from."""

    commune: str | None = None
    postcode: str | None = None
    choices: tuple[Commune, ...] = ()


def residence(typed: str, choice: str | None = None) -> Residence:
    """`typed` a postcode, a name, or « name postcode »; `choice` the number the
    mediator typed among the choices offered for it (1, 2…), or "" when they left it
    blank (the postcode alone is kept)."""
    text = typed.strip()
    if not text:
        return Residence()
    postcode = text if text.isdigit() and len(text) == 5 else None
    found = communes().find(text)
    # « 75011 »: Paris 11e, not Paris as a whole as well
    found = tuple(c for c in found if not any(o.name.startswith(c.name + " ") for o in found))
    if postcode and len(found) > 1:
        if choice == "":  # asked which, and left blank: the postcode is what was said
            return Residence(None, postcode)
        picked = int(choice) if choice and choice.isdigit() else 0
        if 1 <= picked <= len(found):
            return Residence(found[picked - 1].name, postcode)
        return Residence(None, postcode, found)
    if len(found) == 1:
        commune = found[0]
        said = text.split()[-1]
        typed_postcode = said if said.isdigit() and said in commune.postcodes else None
        return Residence(commune.name, postcode or typed_postcode or commune.postcode)
    return Residence(*typed_home(text))  # unknown to the table: kept as typed


@dataclass(frozen=True)
class ProfileSaved:
    """Where the visitor lives, and what saving the profile stored (None: nothing was,
    a choice among `where.choices` is still needed)."""

    where: Residence
    saved: Saved | None


def save_profile_at(
    session: Session, profile: Profile, typed: str, choice: str | None
) -> ProfileSaved:
    """Save the profile with where the visitor lives, unless a choice is still needed
    (then nothing is saved and the choices are returned)."""
    where = residence(typed, choice)
    if where.choices:
        return ProfileSaved(where, None)
    home = replace(profile, commune=where.commune, postcode=where.postcode)
    return ProfileSaved(where, save_profile(session, home))
