"""Hand-made XLSForm workbooks for the tests, built with openpyxl as a coordinator's
spreadsheet would be: a good one using every supported type, then broken copies."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

Sheets = dict[str, list[list[Any]]]

SURVEY_HEAD = [
    "type",
    "name",
    "label::fr",
    "label::English (en)",
    "hint::fr",
    "relevant",
    "kind",
    "instruction::fr",
    "required",
]
CHOICES_HEAD = [
    "list_name",
    "name",
    "label::Français (fr)",
    "label::English (en)",
    "points_device",
    "points_safety",
    "materiel",
    "exclusive",
    "can_do_fr",
    "next_fr",
]
SHOW_SCAM = (
    "not(${internet} = 'none') and (selected(${devices}, 'phone') or "
    "selected(${devices}, 'computer'))"
)

GOOD: Sheets = {
    "survey": [
        SURVEY_HEAD,
        ["begin_group", "equipment", "Équipement", "Equipment"],  # row 2
        ["select_multiple devices", "devices", "Quels appareils ?", "Which devices?", "Plusieurs"],
        ["select_one internet", "internet", "Internet chez vous ?", "Internet at home?"],
        [
            "select_one switch",
            "switch_on",
            "Allumez ce téléphone.",
            "Switch it on.",
            None,
            "selected(${devices}, 'phone')",
            "task",
            "Tendez le téléphone éteint.",
            "yes",
        ],
        ["end_group"],  # row 6
        ["begin group", "habits", "Habitudes", "Habits"],
        [
            "select_one updates",
            "updates",
            "Faites-vous les mises à jour ?",
            None,
            None,
            "${internet} != 'none'",
            "frequency",
        ],
        ["select_one scam", "scam", "Un SMS bizarre ?", None, None, SHOW_SCAM, "yes_no"],
        ["text", "remark", "Remarque du médiateur"],  # row 10
        ["note", "other", "Autre remarque"],
        ["end group"],
    ],
    "choices": [
        CHOICES_HEAD,
        ["devices", "phone", "Un téléphone", "A phone", 1, None, "telephone"],  # row 2
        ["devices", "computer", "Un ordinateur", "A computer", 1, None, "ordinateur"],
        ["devices", "none", "Aucun", "None", None, None, "aucun", "yes", None, "choisir"],
        ["internet", "box", "Une box", "A box"],  # row 5
        ["internet", "phone_data", "Sur le téléphone", "On the phone"],
        ["internet", "none", "Non", "No"],
        ["switch", "alone", "Réussi sans aide", "Done alone", 2, None, None, None, "allumer"],
        ["switch", "with_help", "Avec de l'aide", "With help", 1],  # row 9
        ["switch", "failed", "Pas réussi", "Not done"],
        ["updates", "never", "Jamais", "Never"],
        ["updates", "rarely", "Rarement", "Rarely"],
        ["updates", "sometimes", "Parfois", "Sometimes", None, 1],
        ["updates", "often", "Souvent", "Often", None, 2],  # row 14
        ["scam", "yes", "Oui", "Yes", None, 1],
        ["scam", "no", "Non", "No"],
    ],
    "settings": [
        ["form_id", "version", "form_title", "default_language"],
        ["mini-xls", 3, "Mini tableur", "Français (fr)"],
    ],
    "competences": [
        ["name", "label::fr", "label::en", "crcn", "digcomp"],
        ["device", "Utiliser un appareil", "Using a device", 5.2, "5.2"],
        ["safety", "Se protéger", "Staying safe", "4.1 4.2", "4.1"],
    ],
    "by_level": [
        ["competence", "level", "can_do::fr", "next::fr"],
        ["device", "low", "Vous êtes curieux.", "Un atelier."],
        ["device", "high", "Vous vous débrouillez.", "Continuez."],
        ["safety", "low", "Vous êtes prudent.", "Un atelier."],
        ["safety", "high", "Vous repérez les arnaques.", "Continuez."],
    ],
    "levels": [
        ["name", "label::fr", "min_percent", "autonomie", "description::fr"],
        ["low", "À découvrir", 0, "entierement_accompagne", "On commence ensemble."],
        ["high", "Autonome", 50, "autonome", "Vous faites sans aide."],
    ],
    "next_steps": [
        [
            "name",
            "title::fr",
            "competence",
            "level_at_most",
            "when",
            "thematiques",
            "cra_thematiques",
            "structure",
            "priority",
        ],
        [
            "basics",
            "Un atelier pour débuter",
            "device",
            "low",
            None,
            "numerique--maitriser-les-fondamentaux-du-numerique",
            "prendre_en_main_du_materiel",
            "mediation_numerique",
        ],
        [
            "paperwork",
            "De l'aide pour vos démarches",
            None,
            None,
            "${internet} = 'none'",
            "numerique--acceder-a-des-services-en-ligne",
            None,
            None,
            3,
        ],
    ],
}


def sheets() -> Sheets:
    """A fresh copy of the good workbook's sheets, to break."""
    return copy.deepcopy(GOOD)


def save(path: Path, content: Sheets) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.worksheets[0])  # a new workbook opens on one empty sheet
    for name, rows in content.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


def column(content: Sheets, sheet: str, name: str) -> int:
    return content[sheet][0].index(name)


def set_cell(content: Sheets, sheet: str, row: int, name: str, value: Any) -> None:
    """Set the cell of spreadsheet row `row` (1 is the header) in column `name`."""
    if name not in content[sheet][0]:
        content[sheet][0].append(name)
    line = content[sheet][row - 1]
    index = column(content, sheet, name)
    line.extend([None] * (index + 1 - len(line)))
    line[index] = value


# What a plain ODK form saved as `f.xlsx` lacks first: the scoring sheets and points.
NO_SCORING = [
    "f.xlsx: feuille absente ou vide : ajoutez une feuille « competences », une ligne par "
    "compétence, colonnes name, label::Français (fr), crcn et digcomp (codes séparés par des "
    "espaces, ex. 1.1 2.1)",
    "f.xlsx: feuille absente ou vide : ajoutez une feuille « levels », au moins deux "
    "niveaux, colonnes name, label::Français (fr), min_percent, autonomie et "
    "description::Français (fr)",
    "f.xlsx: feuille absente ou vide : ajoutez une feuille « by_level », une ligne par "
    "compétence et par niveau, colonnes competence, level, can_do::Français (fr) et "
    "next::Français (fr)",
    "f.xlsx: aucune colonne de points : ajoutez à la feuille « choices » une colonne "
    "points_<compétence> par compétence (ex. points_device), avec les points de chaque "
    "réponse",
]
