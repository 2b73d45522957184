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

# Letters Unicode does not decompose into a base letter and an accent: "Łukasz" is found
# by "lukasz", "Øster" by "oster", "Cœur" by "coeur".
UNDECOMPOSED = str.maketrans(
    {"ł": "l", "ø": "o", "đ": "d", "ħ": "h", "ı": "i", "ŀ": "l", "æ": "ae", "œ": "oe", "þ": "th"}
)

NO_BREAK_SPACE = "\u00a0"
_NO_BREAK = "\u00a0\u202f\u2007\u2060"
# A space a line must not break at: before closing punctuation, after « , or a no-break one;
# beside a number, on either side (« 14 h », « 12 km », « 79990 Saint-Aubin », « 7 décembre
# 2026 », « de 14 h à 18 h », « Association Numérique 79 »); inside a range of hours (« 14 h
# à 18 h »): what French typography keeps on one line.
_GLUED = (
    rf"(?:\s(?=[:;?!»])|(?<=«)\s|[{_NO_BREAK}]"
    r"|(?<=\d)\s(?=[^\W\d])|(?<=[^\W\d])\s(?=\d)"
    r"|(?<=\d[ \u00a0]h)\s(?=à |to )|(?<=\d:\d\d)\s(?=to )"
    r")"
)
BREAKABLE_SPACE = rf"(?:(?!{_GLUED})\s)"
WORD = rf"(?:\S|{_GLUED})+"
_BREAKS = re.compile(rf"{BREAKABLE_SPACE}+")

_BEFORE_PUNCTUATION = re.compile(r"[ \u202f\u2009]+(?=[:;?!»])")
_AFTER_OPENING = re.compile(r"«[ \u202f\u2009]*")
_BEFORE_CLOSING = re.compile(r"(?<=[^\s\u00a0])»")
_ELLIPSIS = re.compile(r"\.\.\.")


def folded(text: str) -> str:
    """ "Zoë" and "ZOE" as "zoe", "Łukasz" as "lukasz": lower case, accents dropped."""
    decomposed = unicodedata.normalize("NFKD", text.casefold().translate(UNDECOMPOSED))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


# Characters a terminal takes as orders, not text: C0 and C1 controls (ESC starts CSI and
# OSC sequences, 0x9b is a CSI on its own), DEL, and the bidi controls that turn the
# order of what follows around (a file name read backwards, « Trojan Source »).
_BIDI = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_CONTROLS = frozenset(
    [*map(chr, range(0x20)), *map(chr, range(0x7F, 0xA0)), *_BIDI, "\u2028", "\u2029"]
)
_SHOWN = {ord(c): f"\\x{ord(c):02x}" if ord(c) < 0x100 else f"\\u{ord(c):04x}" for c in _CONTROLS}
_LINE_BREAKS = frozenset("\n\t")  # in a text a person wrote, as a file writes them


def printable(text: str) -> str:
    """`text` safe to show on a terminal, on one line: every control character, escape
    sequence opener and bidi control written out (`\\x1b`, `\\u202e`), never obeyed.

    The one function every text from outside (a key, a bundle, a pack, a questionnaire,
    a catalogue, a typed value) goes through before it reaches a terminal."""
    return text.translate(_SHOWN)


def printable_lines(text: str) -> str:
    """`text` of several lines, each made `printable`; the breaks between them kept."""
    return "\n".join(printable(line) for line in text.split("\n"))


# One pass in C rather than a loop over characters: a département's catalogue holds
# millions of characters, every one looked at.
_CONTROL = re.compile("[" + re.escape("".join(sorted(_CONTROLS - _LINE_BREAKS))) + "]")


def control_in(text: str) -> str | None:
    """The first control character of a text a file may hold (line breaks and tabs
    allowed), as `0x1b`; None when there is none."""
    found = _CONTROL.search(text)
    if found is None:
        return None
    char = found.group()
    return f"0x{ord(char):02x}" if ord(char) < 0x100 else f"U+{ord(char):04X}"


_JSON_SHOWN = {ord(c): f"\\u{ord(c):04x}" for c in _CONTROLS if c not in _LINE_BREAKS}


def printable_json(text: str) -> str:
    """JSON text (as `json.dumps` writes it) safe on a terminal: the controls it leaves
    raw inside strings (C1, DEL, bidi) written as `\\u` escapes, still valid JSON."""
    return text.translate(_JSON_SHOWN)


def controls_in(
    data: object, path: tuple[str | int, ...] = ()
) -> list[tuple[tuple[str | int, ...], str]]:
    """Where plain data read from a file (YAML, JSON, a spreadsheet) holds a control
    character in a key or a text, however it was written (`"\\e"`, `"\\u001b"`), and which."""
    found: list[tuple[tuple[str | int, ...], str]] = []
    if isinstance(data, str):
        code = control_in(data)
        return [(path, code)] if code else []
    if isinstance(data, dict):
        for key, value in data.items():
            code = control_in(key) if isinstance(key, str) else None
            found += [((*path, key), code)] if code else controls_in(value, (*path, key))
    elif isinstance(data, list):
        for index, item in enumerate(data):
            found += controls_in(item, (*path, index))
    return found


def dots(text: str) -> str:
    """« ... » written as the one character « … », in every language."""
    return _ELLIPSIS.sub("…", text)


def typeset(text: str, lang: str) -> str:
    """`text` with the typography of `lang`: « … » for « ... » in every language; in
    French, a no-break space before « : ; ? ! » and inside « guillemets »."""
    text = dots(text)
    if lang != "fr":
        return text
    text = _BEFORE_PUNCTUATION.sub(NO_BREAK_SPACE, text)
    text = _AFTER_OPENING.sub("«" + NO_BREAK_SPACE, text)
    return _BEFORE_CLOSING.sub(NO_BREAK_SPACE + "»", text)


def words(text: str) -> list[str]:
    """`text` cut where a line may break (see `BREAKABLE_SPACE`)."""
    return [word for word in _BREAKS.split(text) if word]


def after_colon(sentence: str) -> str:
    """A sentence placed after a label and a colon (« Ensuite : », « Pour le médiateur : »)
    goes on in lower case, as French writes it ("Découvrir…" → "découvrir…"); a first word
    with other capitals (FranceConnect, CAF) is a name and stays."""
    first = sentence.split(" ", 1)[0]
    if first[:1].isupper() and first[1:] == first[1:].lower():
        return sentence[0].lower() + sentence[1:]
    return sentence


_STRAIGHT = re.compile(r'"([^"]*)"')


def quotable(text: str, lang: str) -> str:
    """`text` ready to go inside the quotation marks of `lang`: its own quotes become the
    inner kind, never the same marks nested (« « Photos » » → « “Photos” »; in English,
    "…"Photos"…" → "…'Photos'…")."""
    if lang == "fr":
        return re.sub(r"[\s\u00a0]*»", "”", re.sub(r"«[\s\u00a0]*", "“", text))
    text = re.sub(r"«[\s\u00a0]*", "‘", re.sub(r"[\s\u00a0]*»", "’", text))
    return _STRAIGHT.sub(r"‘\1’", text.replace("“", "‘").replace("”", "’"))
