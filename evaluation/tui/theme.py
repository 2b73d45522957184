"""The high-contrast theme, for the whole app when Réglages asks for it: white and yellow
on black, no muted grey. States are said in text anyway ([x], gardée, EXEMPLE)."""

from __future__ import annotations

import re

import rich._wrap
import textual._wrap
from textual.theme import Theme

from evaluation.text import BREAKABLE_SPACE, WORD_CHARACTER

CONTRAST = "evaluation-contraste"
STANDARD = "textual-dark"

HIGH_CONTRAST = Theme(
    name=CONTRAST,
    primary="#ffff00",
    secondary="#00ffff",
    accent="#ffff00",
    warning="#ffff00",
    error="#ff8080",
    success="#80ff80",
    foreground="#ffffff",
    background="#000000",
    surface="#000000",
    panel="#1a1a1a",
    dark=True,
    variables={
        "text-muted": "#ffffff",
        "block-cursor-background": "#ffff00",
        "block-cursor-foreground": "#000000",
        "block-cursor-text-style": "bold",
        "block-cursor-blurred-background": "#ffffff",
        "block-cursor-blurred-foreground": "#000000",
        "footer-key-foreground": "#ffff00",
        "footer-description-foreground": "#ffffff",
        "input-selection-background": "#ffff00 40%",
    },
)


def theme_name(high_contrast: bool) -> str:
    return CONTRAST if high_contrast else STANDARD


def keep_no_break_spaces() -> None:
    """Make Rich and Textual wrap lines only at spaces a line may break at.

    Both take any `\\s` as a place to break, U+00A0 included, so « penser ? » could end a
    line with « penser » and start the next with « ? ». Neither offers a setting: their
    word patterns (`rich._wrap.re_word`, read by `divide_line`, which Textual's `Content`
    uses too, and `textual._wrap.re_chunk`) are replaced by the same patterns where a
    no-break space belongs to the word.
    """
    rich._wrap.re_word = re.compile(rf"{BREAKABLE_SPACE}*{WORD_CHARACTER}+{BREAKABLE_SPACE}*")
    textual._wrap.re_chunk = re.compile(rf"{WORD_CHARACTER}+{BREAKABLE_SPACE}*|{BREAKABLE_SPACE}+")
