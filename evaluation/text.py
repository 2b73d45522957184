"""Text as a person reads it: compared without case or accents, set by the language's
typographic rules.

French puts a space before « : ; ? ! » and inside « guillemets », and that space must
never be where a line breaks (a line that starts with « ? » or « » » reads as a defect).
Every French text shown or printed passes through `typeset`, which makes those spaces
no-break spaces (U+00A0), and every face that wraps text keeps U+00A0 unbroken
(`BREAKABLE_SPACE`, `UNBREAKABLE`).

Why U+00A0 everywhere, where French printers use a thin no-break space (U+202F) before
« ; ? ! »: a terminal draws every character one cell wide, so a thin space cannot be
thinner there; the Linux console fonts (Terminus) have U+00A0 and not U+202F; and
reportlab, which writes the PDFs, breaks lines at U+202F but never at U+00A0.
"""

from __future__ import annotations

import re
import unicodedata

NO_BREAK_SPACE = "\u00a0"
# Spaces a line may break at, and the no-break ones that glue a word to its punctuation,
# as regular-expression character classes (for the wrapping of Rich and Textual).
UNBREAKABLE = "\u00a0\u202f\u2007\u2060"
BREAKABLE_SPACE = rf"[^\S{UNBREAKABLE}]"
WORD_CHARACTER = rf"[\S{UNBREAKABLE}]"

_BEFORE_PUNCTUATION = re.compile(r"[ \u202f\u2009]+(?=[:;?!»])")
_AFTER_OPENING = re.compile(r"«[ \u202f\u2009]*")
_BEFORE_CLOSING = re.compile(r"(?<=[^\s\u00a0])»")
_ELLIPSIS = re.compile(r"\.\.\.")


def folded(text: str) -> str:
    """ "Zoë" and "ZOE" as "zoe": lower case, accents dropped."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def typeset(text: str, lang: str) -> str:
    """`text` with the typography of `lang`: « … » for « ... » in every language; in
    French, a no-break space before « : ; ? ! » and inside « guillemets »."""
    text = _ELLIPSIS.sub("…", text)
    if lang != "fr":
        return text
    text = _BEFORE_PUNCTUATION.sub(NO_BREAK_SPACE, text)
    text = _AFTER_OPENING.sub("«" + NO_BREAK_SPACE, text)
    return _BEFORE_CLOSING.sub(NO_BREAK_SPACE + "»", text)
