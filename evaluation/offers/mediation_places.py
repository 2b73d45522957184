"""Places of the national map of digital mediation, read as services of the catalogue.

The map (Cartographie nationale des lieux d'inclusion numérique, ANCT) exports one CSV a
département in the open standard « Lieux de médiation numérique » (LaMednum,
github.com/LaMednum/standard-mediation-num, Licence Ouverte 2.0 / etalab-2.0): one line
a place, several values in a cell separated by `;`. Only its value lists are used here
(facts, nothing copied). Each place becomes one service: its `services` are turned into
data·inclusion thematiques so that next-step rules find it, its
`prise_en_charge_specifique` into the kinds of visitors it is ready for (`Need`).
"""

from __future__ import annotations

from typing import Any

from evaluation.french_text import folded
from evaluation.i18n import Message, msg
from evaluation.offers.needs import Need

SOURCE = "lieux-mediation-numerique"
ID_PREFIX = "lieu--"
# Columns only this standard has: a CSV whose header holds one of them is a places file.
OWN_COLUMNS = frozenset({"prise_en_charge_specifique", "publics_specifiquement_adresses", "pivot"})
LIST_COLUMNS = frozenset(
    {
        "services",
        "publics_specifiquement_adresses",
        "prise_en_charge_specifique",
        "itinerance",
        "frais_a_charge",
        "modalites_accompagnement",
        "modalites_acces",
        "courriels",
        "site_web",
    }
)
REQUIRED = ("id", "nom", "commune", "code_postal", "adresse", "services", "date_maj")

ADMIN = "difficultes-administratives-ou-juridiques--accompagnement-aux-demarches-administratives"
BASICS = "numerique--maitriser-les-fondamentaux-du-numerique"
# The standard's kinds of help (compared without accents or case) → data·inclusion's.
SERVICES: dict[str, tuple[str, ...]] = {
    "aide aux demarches administratives": ("numerique--acceder-a-des-services-en-ligne", ADMIN),
    "maitrise des outils numeriques du quotidien": (BASICS,),
    "insertion professionnelle via le numerique": (
        BASICS,
        "preparer-sa-candidature--organiser-ses-demarches-de-recherche-demploi",
    ),
    "utilisation securisee du numerique": (BASICS,),
    "parentalite et education avec le numerique": (
        "famille--soutien-a-la-parentalite-et-a-leducation",
    ),
    "loisirs et creations numeriques": (BASICS,),
    "comprehension du monde numerique": (BASICS,),
    "acces internet et materiel informatique": ("numerique--acceder-a-une-connexion-internet",),
    "acquisition de materiel informatique a prix solidaire": ("numerique--acquerir-un-equipement",),
}
NEEDS: dict[str, Need] = {
    "surdite": Need.HEARING,
    "handicaps moteurs": Need.MOBILITY,
    "handicaps mentaux": Need.MENTAL,
    "illettrisme": Need.READING,
    "langues etrangeres (anglais)": Need.LANGUAGE,
    "langues etrangeres (autres)": Need.LANGUAGE,
    "deficience visuelle": Need.SIGHT,
}
PUBLICS = {
    "jeunes": "jeunes",
    "etudiants": "etudiants",
    "familles et/ou enfants": "familles",
    "seniors": "seniors",
    "femmes": "femmes",
    "personnes en situation de handicap": "personnes-en-situation-de-handicap",
}
FRAIS = {"gratuit": "gratuit", "gratuit sous condition": "gratuit", "payant": "payant"}


class PlaceRefused(Exception):
    """One place cannot be read: the field and what is wrong."""

    def __init__(self, field: str, message: Message) -> None:
        super().__init__(message.key)
        self.field = field
        self.message = message


def _key(value: str) -> str:
    """A value of the standard as compared: folded, the long form's explanation after
    « : » dropped (« Gratuit : Je peux accéder… » is « gratuit »)."""
    return " ".join(folded(value.split(" : ", 1)[0]).split())


def _known(row: dict[str, Any], column: str, table: dict[str, Any]) -> list[Any]:
    values = row.get(column) or []
    found = [table[k] for k in map(_key, values) if k in table]
    return list(dict.fromkeys(found))


def _first(row: dict[str, Any], column: str) -> Any:
    values = row.get(column)
    return values[0] if values else None


def service_record(row: dict[str, Any]) -> dict[str, Any]:
    """The service record for one place, in the catalogue's fields; `PlaceRefused` when a
    required field is missing or no kind of help is one the standard lists."""
    for field in REQUIRED:
        if not row.get(field):
            raise PlaceRefused(field, msg("q.missing"))
    thematiques = [t for found in _known(row, "services", SERVICES) for t in found]
    if not thematiques:
        shown = "; ".join(row["services"])
        raise PlaceRefused("services", msg("places.unknown_services", value=shown))
    remote_only = [_key(v) for v in row.get("modalites_accompagnement") or []] == [
        "a distance (par telephone ou en visioconference)"
    ]
    frais = _known(row, "frais_a_charge", FRAIS)
    resume, detail = row.get("presentation_resume"), row.get("presentation_detail")
    record = {
        "source": SOURCE,
        "id": ID_PREFIX + str(row["id"]),
        "structure_id": ID_PREFIX + str(row["id"]),
        "nom": row["nom"],
        "description": detail or resume or row["nom"],
        "date_maj": row["date_maj"],
        "thematiques": list(dict.fromkeys(thematiques)),
        "publics": _known(row, "publics_specifiquement_adresses", PUBLICS) or None,
        "frais": frais[0] if len(frais) == 1 else None,
        "modes_accueil": ["a-distance"] if remote_only else ["en-presentiel"],
        "adresse": row["adresse"],
        "complement_adresse": row.get("complement_adresse"),
        "commune": row["commune"],
        "code_postal": row["code_postal"],
        "code_insee": row.get("code_insee"),
        "latitude": row.get("latitude"),
        "longitude": row.get("longitude"),
        "telephone": row.get("telephone"),
        "courriel": _first(row, "courriels"),
        "horaires_accueil": row.get("horaires"),
        "accueil_adapte": [n.value for n in _known(row, "prise_en_charge_specifique", NEEDS)],
        "itinerant": "itinerant" in map(_key, row.get("itinerance") or []),
    }
    return {k: v for k, v in record.items() if v is not None}
