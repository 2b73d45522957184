"""A language's name as a person reads it (CLDR data through Babel): « ukrainien »,
and in itself, « українська ». Imported only where a name is shown."""

from __future__ import annotations

from babel import Locale, UnknownLocaleError


def language_name(code: str, reader: str) -> str:
    """`code`'s name in the reader's language, then in its own when it differs:
    « ukrainien · українська »; the code itself when CLDR does not know it."""
    try:
        locale = Locale.parse(code)
    except (ValueError, UnknownLocaleError):
        return code
    in_reader = locale.get_display_name(reader) or code
    own = locale.get_display_name(code) or in_reader
    return in_reader if own == in_reader else f"{in_reader} · {own}"
