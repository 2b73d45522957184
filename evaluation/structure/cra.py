"""Value lists of La Coop de la médiation numérique's activity report (CRA), and one
activity in its stored values (codes).

Copied from the public data model (see README, "File formats"); the CRA export and the
questionnaire format both validate against these, so a diagnostic is reported without
typing it twice.
"""

from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal, get_args

Autonomie = Literal["entierement_accompagne", "partiellement_autonome", "autonome"]
Materiel = Literal["ordinateur", "telephone", "tablette", "autre", "aucun"]
TypeLieu = Literal["lieu_activite", "domicile", "a_distance", "autre"]
StructureRedirection = Literal[
    "administration",
    "mediation_numerique",
    "operateur_ou_organisme_en_charge",
    "aide_sociale",
    "insertion_professionnelle",
    "aide_aux_demarches_administratives",
    "autre",
]
Thematique = Literal[
    "diagnostic_numerique",
    "prendre_en_main_du_materiel",
    "maintenance_de_materiel",
    "gere_ses_contenus_numeriques",
    "navigation_sur_internet",
    "email",
    "bureautique",
    "reseaux_sociaux",
    "sante",
    "banque_et_achats_en_ligne",
    "entrepreneuriat",
    "insertion_professionnelle",
    "securite_numerique",
    "parentalite",
    "scolarite_et_numerique",
    "creer_avec_le_numerique",
    "culture_numerique",
    "intelligence_artificielle",
    "aide_aux_demarches_administratives",
    "papiers_elections_citoyennete",
    "famille_scolarite",
    "social_sante",
    "travail_formation",
    "logement",
    "transports_mobilite",
    "argent_impots",
    "justice",
    "etrangers_europe",
    "loisirs_sports_culture",
    "associations",
]
Genre = Literal["masculin", "feminin", "non_communique"]
TrancheAge = Literal[
    "moins_de_douze",
    "douze_dix_huit",
    "dix_huit_vingt_quatre",
    "vingt_cinq_trente_neuf",
    "quarante_cinquante_neuf",
    "soixante_soixante_neuf",
    "soixante_dix_plus",
    "non_communique",
]
StatutSocial = Literal["scolarise", "sans_emploi", "en_emploi", "retraite", "non_communique"]

AUTONOMIE_VALUES: tuple[str, ...] = get_args(Autonomie)
MATERIEL_VALUES: tuple[str, ...] = get_args(Materiel)
TYPE_LIEU_VALUES: tuple[str, ...] = get_args(TypeLieu)
STRUCTURE_REDIRECTION_VALUES: tuple[str, ...] = get_args(StructureRedirection)
THEMATIQUE_VALUES: tuple[str, ...] = get_args(Thematique)
GENRE_VALUES: tuple[str, ...] = get_args(Genre)
TRANCHE_AGE_VALUES: tuple[str, ...] = get_args(TrancheAge)
STATUT_SOCIAL_VALUES: tuple[str, ...] = get_args(StatutSocial)


@dataclass(frozen=True)
class Activity:
    """One individual accompaniment, as the CRA export writes it: the CSV as these codes,
    the XLSX as La Coop's labels for them, so the two files never disagree. Made by the
    store (`evaluation.store.rows.activity_from_row`). Without consent, the visitor's
    fields say "non_communique" (or nothing for the commune)."""

    id: str
    day: date
    recorded: datetime  # when the interview was finished (local time)
    modified: datetime | None  # last change after that, if any
    minutes: int | None  # a paper form's is unknown unless the mediator typed it
    type_lieu: str
    place_name: str
    place_postcode: str
    place_commune: str
    autonomie: str | None
    materiel: tuple[str, ...]
    thematiques: tuple[str, ...]
    referred: bool
    structure: str | None
    genre: str
    tranche_age: str
    statut_social: str
    commune: str
    postcode: str
    anonymous: bool
    # La Coop's `premierAccompagnement`: False for a return visit (the visitor gave the
    # progress code of an earlier sheet); as far as the app knows, any other is a first.
    first: bool = True
