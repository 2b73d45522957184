"""Column names that carry a language: `label::Français (fr)` or `label::fr`.

XLSForm writes a language after `::`, as a name with its code in brackets (ODK's advice)
or as the bare code. Our extra columns on the `choices` sheet use `can_do_fr`: pyxform
chokes on unknown `::` columns there.
"""

from __future__ import annotations

import re
from functools import cache

from evaluation.questionnaire.text import LANGUAGE

_NAMED = re.compile(r"^.*\(([a-z]{2,3})\)$")


def language_name(code: str) -> str:
    """`fr` -> `Français (fr)`: the language in its own words, then its code."""
    from babel import Locale, UnknownLocaleError

    try:
        name = Locale.parse(code).get_display_name(code) or code
    except (UnknownLocaleError, ValueError):
        # no locale of its own (`ber`): its English name, else the code, always with
        # the code in brackets, without which pyxform warns that it has no code
        name = Locale.parse("en").languages.get(code, code)
    if name != code:
        name = f"{name[:1].upper()}{name[1:]}"
    return f"{name} ({code})"


def language_code(written: str) -> str | None:
    """The code in `Français (fr)` or `fr`, or of a language named without its code
    (`French`, `Français`, as Kobo writes them); None when none of these is used."""
    written = written.strip()
    if LANGUAGE.match(written):
        return written
    match = _NAMED.match(written)
    if match:
        return match.group(1)
    return _by_name().get(written.casefold())


@cache
def _by_name() -> dict[str, str]:
    """Language names in English, in French and in the language itself -> code; only
    two- and three-letter codes, as ours."""
    from babel import Locale, UnknownLocaleError

    names: dict[str, str] = {}
    for locale in ("en", "fr"):
        for code, name in Locale.parse(locale).languages.items():
            if LANGUAGE.match(code):
                names.setdefault(name.casefold(), code)
    for code in tuple(names.values()):
        try:
            own = Locale.parse(code).get_display_name(code)
        except (UnknownLocaleError, ValueError):
            continue
        if own:
            names.setdefault(own.casefold(), code)
    return names


def split(column: str) -> tuple[str, str | None]:
    """`label::Français (fr)` -> ('label', 'Français (fr)'); `name` -> ('name', None).

    `media::audio::fr` and `audio::fr` are the label's recording: ('audio', 'fr').
    """
    parts = column.split("::")
    if parts[0] == "media" and len(parts) == 3 and parts[1] == "audio":
        return "audio", parts[2]
    if len(parts) == 2:
        return parts[0], parts[1]
    return column, None
