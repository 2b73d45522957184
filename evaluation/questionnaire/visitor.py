"""What the visitor reads, in the visitor's language: a questionnaire's texts, and the
few fixed words of the catalogues they see (an answer's « Je ne sais pas », the sheet).

The visitor's language is chosen per interview among those the questionnaire version
offers; the mediator's menus keep the app's language. A text without a translation is
shown in French followed by `UNTRANSLATED`, so both see it was not translated.
"""

from __future__ import annotations

from evaluation.i18n import LANGUAGES, Translator, translator
from evaluation.questionnaire.model import Questionnaire
from evaluation.questionnaire.text import Text

UNTRANSLATED = "(FR)"


def offered(questionnaire: Questionnaire) -> tuple[str, ...]:
    """The languages a version offers: those its title is written in, French first."""
    return questionnaire.title.languages


def for_visitor(text: Text, lang: str) -> str:
    """`text` in `lang`; in French, marked, when it has no translation."""
    return text.get(lang) if text.has(lang) else f"{text.fr} {UNTRANSLATED}"


def words(lang: str) -> Translator:
    """The catalogue for the visitor's fixed words: theirs when the app speaks it (fr,
    en), else French (a third language has no catalogue)."""
    return translator(lang if lang in LANGUAGES else "fr")


def word(lang: str, key: str) -> str:
    """One fixed word for the visitor, marked when it is French standing in for `lang`."""
    said = words(lang)(key)
    return said if lang in LANGUAGES else f"{said} {UNTRANSLATED}"


def consent_words(lang: str, months: int, *, marked: bool = True) -> tuple[str, str]:
    """What the visitor reads, and hears, of the consent in `lang`: its text (kept
    `months` months) and the question, `marked` when in French for want of `lang` (the
    voice says it unmarked); the keys that answer it are the mediator's."""
    question = word(lang, "consent.question") if marked else words(lang)("consent.question")
    return words(lang)("consent.text", count=months), question
