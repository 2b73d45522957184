"""Value lists of La Coop de la médiation numérique's activity report (CRA).

Copied from the public data model (see README, "File formats"); the CRA export and the
questionnaire format both validate against these, so a diagnostic is reported without
typing it twice.
"""

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
