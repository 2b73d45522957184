"""The high-contrast theme, for the whole app when Réglages asks for it: white and yellow
on black, no muted grey. States are said in text anyway ([x], gardée, EXEMPLE)."""

from __future__ import annotations

from textual.theme import Theme

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
