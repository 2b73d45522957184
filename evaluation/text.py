"""Text compared as a person means it: without case or accents."""

from __future__ import annotations

import unicodedata


def folded(text: str) -> str:
    """ "Zoë" and "ZOE" as "zoe": lower case, accents dropped."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
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


def control_in(text: str) -> str | None:
    """The first control character of a text a file may hold (line breaks and tabs
    allowed), as `0x1b`; None when there is none."""
    for char in text:
        if char in _CONTROLS and char not in _LINE_BREAKS:
            return f"0x{ord(char):02x}" if ord(char) < 0x100 else f"U+{ord(char):04X}"
    return None


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
