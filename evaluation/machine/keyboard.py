"""The French AZERTY keyboard's digit row: without Shift (or Caps Lock, or a keypad) its
keys type `& é " ' ( - è _ ç à`, so where only a digit makes sense those stand for
1 to 0, and a mediator keying answers on a laptop's own keyboard needs no Shift."""

from __future__ import annotations

AZERTY_DIGITS = {
    "&": "1",
    "é": "2",
    '"': "3",
    "'": "4",
    "(": "5",
    "-": "6",
    "è": "7",
    "_": "8",
    "ç": "9",
    "à": "0",
}


def digit_of(character: str | None) -> str | None:
    """The digit a key typed: a digit itself, or the digit on the AZERTY key it is."""
    if character is None:
        return None
    if len(character) == 1 and character.isdigit() and character.isascii():
        return character
    return AZERTY_DIGITS.get(character)


def digits_of(text: str) -> str:
    """`text` with every AZERTY digit-row character read as its digit, when the whole
    text is made of them (a postcode typed without Shift); else `text` as it is."""
    if text and all(c in AZERTY_DIGITS for c in text):
        return "".join(AZERTY_DIGITS[c] for c in text)
    return text
