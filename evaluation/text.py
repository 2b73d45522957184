"""Text as a person reads it: compared without case or accents, and set by French rules.

French puts a space before « : ; ? ! » and inside « guillemets »; a line must never
break at that space (a line that starts with « ? » or « » » reads as a defect). Two
tools keep the rule, one for each kind of output:

- `typeset` writes those spaces as no-break spaces (U+00A0), for text wrapped by a
  tool that only breaks at plain spaces (click's help);
- `BREAKABLE_SPACE` and `WORD` say where a line may break, for the wrappers that break
  at any white space (Rich and Textual on screen, reportlab in the PDFs): never at a
  space before « : ; ? ! » » or after « « », nor at a no-break space. Every text on
  screen and paper is kept so, whether it comes from the catalogues, a questionnaire,
  the catalogue of local offers or a person's typing, and the texts stay as written.

Why U+00A0, where French printers use a thin no-break space (U+202F) before « ; ? ! »:
reportlab breaks lines at U+202F (it counts it as white space) but never at U+00A0; a
terminal draws every character one cell wide, so a thin space would not be thinner;
and U+00A0 is in every font (Latin-1), the Linux console's included.
"""

from __future__ import annotations

import re
import unicodedata

NO_BREAK_SPACE = "\u00a0"
_NO_BREAK = "\u00a0\u202f\u2007\u2060"
# A space a line must not break at: before closing punctuation, after « , or a no-break one.
_GLUED = rf"(?:\s(?=[:;?!»])|(?<=«)\s|[{_NO_BREAK}])"
BREAKABLE_SPACE = rf"(?:(?!{_GLUED})\s)"
WORD = rf"(?:\S|{_GLUED})+"
_BREAKS = re.compile(rf"{BREAKABLE_SPACE}+")

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


def words(text: str) -> list[str]:
    """`text` cut where a line may break (see `BREAKABLE_SPACE`)."""
    return [word for word in _BREAKS.split(text) if word]
