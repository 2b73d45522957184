"""What goes where in our XLSForm workbooks: sheets, their columns, the text fields.

The standard sheets (`survey`, `choices`, `settings`) keep ODK's columns; what XLSForm
has no word for travels in extra columns (ODK tools ignore them) and extra sheets
(`questionnaire`, `competences`, `by_level`, `levels`, `next_steps`).
"""

from __future__ import annotations

from dataclasses import dataclass

from evaluation.questionnaire.xlsform.columns import language_name

SURVEY, CHOICES, SETTINGS = "survey", "choices", "settings"
ABOUT, COMPETENCES, BY_LEVEL, LEVELS, NEXT_STEPS = (
    "questionnaire",
    "competences",
    "by_level",
    "levels",
    "next_steps",
)

# Plain columns, then the text fields (one column per language, and recordings).
PLAIN = {
    SETTINGS: ("form_id", "version", "form_title", "default_language"),
    ABOUT: (),
    SURVEY: ("type", "name", "relevant", "kind", "required", "appearance"),
    CHOICES: ("list_name", "name", "materiel", "exclusive", "accueil"),
    COMPETENCES: ("name", "crcn", "digcomp", "min_answers"),
    BY_LEVEL: ("competence", "level"),
    LEVELS: ("name", "min_percent", "autonomie"),
    NEXT_STEPS: (
        "name",
        "competence",
        "level_at_most",
        "when",
        "thematiques",
        "cra_thematiques",
        "structure",
        "priority",
        "group",
    ),
}
TEXTS = {
    SETTINGS: (),
    ABOUT: ("title", "description"),
    SURVEY: ("label", "hint", "instruction", "required_message", "constraint_message"),
    CHOICES: ("label", "can_do", "next"),
    COMPETENCES: ("label",),
    BY_LEVEL: ("can_do", "next"),
    LEVELS: ("label", "description"),
    NEXT_STEPS: ("title",),
}
# On `choices`, pyxform refuses unknown `::` columns: our texts there are `can_do_fr`.
UNDERSCORED = {(CHOICES, "can_do"), (CHOICES, "next")}
POINTS = "points_"
# ODK's messages: kept when written in French, else left aside as before (never refused),
# and written back only in a workbook that has some.
MESSAGES = frozenset({(SURVEY, "required_message"), (SURVEY, "constraint_message")})


@dataclass(frozen=True)
class Column:
    """A column as read: its field, its language code when it has one, a recording."""

    field: str
    lang: str | None = None
    audio: bool = False


def text_column(sheet: str, field: str, lang: str) -> str:
    if (sheet, field) in UNDERSCORED:
        return f"{field}_{lang}"
    return f"{field}::{language_name(lang)}"


def audio_column(sheet: str, field: str, lang: str) -> str:
    if (sheet, field) in UNDERSCORED:
        return f"{field}_audio_{lang}"
    if field == "label" and sheet in {SURVEY, CHOICES}:
        return f"media::audio::{language_name(lang)}"
    return f"{field}_audio::{language_name(lang)}"
