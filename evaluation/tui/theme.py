"""The high-contrast theme, for the whole app when Réglages asks for it: white and yellow
on black, no muted grey. States are said in text anyway ([x], gardée, EXEMPLE)."""

from __future__ import annotations

import re
from collections.abc import Mapping

import rich._wrap
import textual._wrap
from textual._border import BORDER_CHARS, get_box
from textual.scrollbar import ScrollBar, ScrollBarRender
from textual.theme import Theme

from evaluation.french_text import BREAKABLE_SPACE, WORD

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
    """Make Rich and Textual break lines only where French allows (`evaluation.french_text`).

    Both take any white space as a place to break, so « penser ? » could end a line with
    « penser » and start the next with « ? ». Neither offers a setting: their word patterns
    (`rich._wrap.re_word`, read by `divide_line`, which Textual's `Content` uses too, and
    `textual._wrap.re_chunk`) are replaced by the same patterns with French words.
    """
    rich._wrap.re_word = re.compile(rf"{BREAKABLE_SPACE}*{WORD}{BREAKABLE_SPACE}*")
    textual._wrap.re_chunk = re.compile(rf"{WORD}{BREAKABLE_SPACE}*|{BREAKABLE_SPACE}+")


# --- the Linux console ------------------------------------------------------------------
# Its fonts hold 512 glyphs at most: box-drawing lines, the full block and two shades, but
# none of the fractional blocks Textual draws its "tall", "wide" and "outer" borders
# (buttons, inputs, toasts) and its scrollbars with, nor the header's « ⭘ ».
CONSOLE = "-console"
_FULL_BLOCK_AND_SHADES = "█░▒"


def console_terminal(environ: Mapping[str, str]) -> bool:
    """Whether to draw only what a Linux console font has: under `TERM=linux`, or when
    `EVALUATION_CONSOLE=1` asks (a terminal that borrows the console's font)."""
    return environ.get("TERM") == "linux" or environ.get("EVALUATION_CONSOLE") == "1"


def _fractional(character: str) -> bool:
    return "\u2580" <= character <= "\u259f" and character not in _FULL_BLOCK_AND_SHADES


class ConsoleScrollBar(ScrollBarRender):
    """A scrollbar in whole cells: its thumb is coloured blanks, with no partial block."""

    VERTICAL_BARS = [" "] * 8
    HORIZONTAL_BARS = [" "] * 8


def use_console_glyphs() -> None:
    """Draw borders and scrollbars with the console font's characters only: a fractional
    block becomes the line of the "solid" border at the same place."""
    solid = BORDER_CHARS["solid"]
    # Boxes already drawn in this process are cached with the glyphs they had then.
    get_box.cache_clear()
    for kind, rows in list(BORDER_CHARS.items()):
        BORDER_CHARS[kind] = tuple(  # type: ignore[assignment]
            tuple(
                solid[r][c] if _fractional(character) else character
                for c, character in enumerate(row)
            )
            for r, row in enumerate(rows)
        )
    ScrollBar.renderer = ConsoleScrollBar
