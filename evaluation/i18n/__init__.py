"""Every text a person reads, in French first: gettext catalogues with stable keys.

The catalogues are `fr.po` and `en.po` beside this file (the translators' format:
Poedit, Weblate), compiled into `.mo` files that the standard library's `gettext`
reads at start-up in a millisecond. Keys are stable ids (`home.new`); each catalogue
gives the text, with `{name}` placeholders and real plural forms (`ngettext`, the
language's own rule from its `Plural-Forms` header). A missing key falls back to
French. `python -m evaluation.i18n.compile` rebuilds the `.mo` files after an edit.

Code that cannot know the reader's language (the domain, the store, the sync) says
what happened as a `Message`: a key and its values, translated where it is shown.
"""

from __future__ import annotations

import gettext
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cache
from importlib.resources import files
from typing import Any

LANGUAGES = ("fr", "en")
DEFAULT = "fr"


@dataclass(frozen=True)
class Message:
    """Something to tell a person: a catalogue key and the values of its placeholders.

    `count` picks the plural form (and fills `{count}`); a value that is itself a
    `Message` (or a tuple of them) is translated in the same language before it is placed.
    """

    key: str
    values: Mapping[str, Any] = field(default_factory=dict)
    count: int | None = None


def msg(key: str, /, **values: Any) -> Message:
    """A message; `count=` chooses the plural form."""
    count = values.get("count")
    return Message(key, values, count if isinstance(count, int) else None)


class Translator:
    """The texts of one language."""

    def __init__(self, lang: str) -> None:
        self.lang = lang if lang in LANGUAGES else DEFAULT
        self._catalogue = _catalogue(self.lang)

    def __call__(self, key: str, /, **values: Any) -> str:
        """The text `key`, with `{names}` filled in (`count=` picks the plural form)."""
        count = values.get("count")
        text = key
        if isinstance(count, int) and not isinstance(count, bool) and key in _plurals(self.lang):
            text = self._catalogue.ngettext(key, key, count)
        if text == key:
            text = self._catalogue.gettext(key)
        # Every text is a format string (a literal brace is written twice), values or not.
        return text.format(**{k: self._shown(v) for k, v in values.items()})

    def _shown(self, value: Any) -> Any:
        """A message in this language; a tuple of messages as a list ("a, b"); a day as
        this language writes it (never ISO to a person)."""
        if isinstance(value, date) and not isinstance(value, datetime):
            from evaluation.i18n.dates import long_date  # Babel: only where a day is said

            return long_date(value, self.lang)
        if isinstance(value, Message):
            return self.message(value)
        if isinstance(value, tuple) and value and all(isinstance(v, Message) for v in value):
            return ", ".join(self.message(v) for v in value)
        return value

    def message(self, message: Message) -> str:
        values = dict(message.values)
        if message.count is not None:
            values["count"] = message.count
        return self(message.key, **values)

    def has(self, key: str) -> bool:
        return key in _keys(self.lang)


@cache
def translator(lang: str) -> Translator:
    return Translator(lang)


def default_language(environ: Mapping[str, str] | None = None) -> str:
    """French, unless the environment's locale asks for another language we speak."""
    env = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name, "")
        if value:
            code = value.split(".")[0].split("_")[0].lower()
            return code if code in LANGUAGES else DEFAULT
    return DEFAULT


@cache
def _catalogue(lang: str) -> gettext.NullTranslations:
    with (files(__package__) / f"{lang}.mo").open("rb") as source:
        catalogue = gettext.GNUTranslations(source)
    if lang != DEFAULT:
        catalogue.add_fallback(_catalogue(DEFAULT))
    return catalogue


@cache
def _plurals(lang: str) -> frozenset[str]:
    """Keys that have plural forms (in this catalogue or the French one)."""
    found: set[str] = set()
    for code in {lang, DEFAULT}:
        raw: dict[Any, str] = getattr(_catalogue(code), "_catalog", {})
        found.update(k[0] for k in raw if isinstance(k, tuple))
    return frozenset(found)


@cache
def _keys(lang: str) -> frozenset[str]:
    catalogue = _catalogue(lang)
    raw: dict[Any, str] = getattr(catalogue, "_catalog", {})
    return frozenset(k if isinstance(k, str) else k[0] for k in raw if k)


__all__ = ["LANGUAGES", "Message", "Translator", "default_language", "msg", "translator"]
