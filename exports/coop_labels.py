"""La Coop de la médiation numérique's display labels for its CRA values.

Copied from La Coop's public source (repository `inclusion-numerique/coop-mediation-numerique`,
`features/activites/use-cases/cra/fields/*.ts` and `features/beneficiaire/domain/*.ts`):
its own spreadsheet export writes these words, so ours does too. They are La Coop's
vocabulary, in French only, like the column names of its export.
"""

from __future__ import annotations

TYPE_ACTIVITE = {"individuel": "Accompagnement individuel", "collectif": "Atelier collectif"}
TYPE_LIEU = {
    "lieu_activite": "Lieu d’activité",
    "autre": "Autre lieu",
    "domicile": "À domicile",
    "a_distance": "À distance",
}
MATERIEL = {
    "ordinateur": "Ordinateur",
    "telephone": "Téléphone",
    "tablette": "Tablette",
    "autre": "Autre",
    "aucun": "Pas de matériel",
}
THEMATIQUE = {
    "diagnostic_numerique": "Diagnostic numérique",
    "prendre_en_main_du_materiel": "Prendre en main du matériel",
    "maintenance_de_materiel": "Maintenance de matériel",
    "gere_ses_contenus_numeriques": "Gérer ses contenus numériques",
    "navigation_sur_internet": "Navigation sur internet",
    "email": "E-mail",
    "bureautique": "Bureautique",
    "reseaux_sociaux": "Réseaux sociaux communication",
    "sante": "Santé",
    "banque_et_achats_en_ligne": "Banque et achats en ligne",
    "entrepreneuriat": "Accompagner un professionnel",
    "insertion_professionnelle": "Insertion professionnelle",
    "securite_numerique": "Prévention en sécurité numérique",
    "parentalite": "Parentalité",
    "scolarite_et_numerique": "Scolarité et numérique",
    "creer_avec_le_numerique": "Créer avec le numérique",
    "culture_numerique": "Culture numérique",
    "intelligence_artificielle": "Intelligence artificielle (IA)",
    "aide_aux_demarches_administratives": "Aide aux démarches administratives",
    "papiers_elections_citoyennete": "Papiers - Élections - Citoyenneté",
    "famille_scolarite": "Famille - Scolarité",
    "social_sante": "Social - Santé",
    "travail_formation": "Travail - Formation - Entreprise",
    "logement": "Logement",
    "transports_mobilite": "Transports - Mobilité",
    "argent_impots": "Argent - Impôts",
    "justice": "Justice",
    "etrangers_europe": "Étrangers - Europe",
    "loisirs_sports_culture": "Loisirs - Sports - Culture",
    "associations": "Associations",
}
# Autonomy is written as stars out of 3, not as words.
AUTONOMIE_STARS = {"entierement_accompagne": 1, "partiellement_autonome": 2, "autonome": 3}
STRUCTURE_REDIRECTION = {
    "administration": "Administration (mairie, préfecture…)",
    "mediation_numerique": "Autre structure de médiation numérique",
    "operateur_ou_organisme_en_charge": (
        "Opérateur ou organisme en charge de la démarche administrative"
    ),
    "aide_sociale": "Structure d’aide sociale (maison des solidarités, centre social…)",
    "insertion_professionnelle": (
        "Structure d’insertion professionnelle (France Travail, mission locale, "
        "chambre de commerce…)"
    ),
    "aide_aux_demarches_administratives": (
        "Structure d’aide aux démarches administratives (France Services…)"
    ),
    "autre": "Autre",
}
GENRE = {"masculin": "Masculin", "feminin": "Féminin", "non_communique": "Non communiqué"}
TRANCHE_AGE = {
    "soixante_dix_plus": "70 ans et plus",
    "soixante_soixante_neuf": "60 - 69 ans",
    "quarante_cinquante_neuf": "40 - 59 ans",
    "vingt_cinq_trente_neuf": "25 - 39 ans",
    "dix_huit_vingt_quatre": "18 - 24 ans",
    "douze_dix_huit": "12 - 17 ans",
    "moins_de_douze": "Moins de 12 ans",
    "non_communique": "Non communiqué",
}
STATUT_SOCIAL = {
    "retraite": "Retraité",
    "sans_emploi": "Sans emploi",
    "en_emploi": "En emploi",
    "scolarise": "Scolarisé",
    "non_communique": "Non communiqué ou hétérogène",
}
YES_NO = {True: "Oui", False: "Non"}
