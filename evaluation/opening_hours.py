"""Opening hours in plain words, from the OpenStreetMap `opening_hours` syntax.

data·inclusion gives `horaires_accueil` in that syntax (e.g. "Mo-Fr 09:00-12:00,13:30-17:00;
Sa 09:00-12:00"). The common subset is written out in French or English; anything else
(public holidays, months, week numbers...) is returned as written rather than guessed.
"""

from __future__ import annotations

import re

DAYS = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")
DAY_NAMES = {
    "fr": ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"),
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
}
RULE_SEPARATOR = {"fr": " ; ", "en": "; "}
AND = {"fr": " et ", "en": " and "}
_DAY_PART = r"(?:Mo|Tu|We|Th|Fr|Sa|Su)(?:-(?:Mo|Tu|We|Th|Fr|Sa|Su))?"
_DAYS = re.compile(rf"^{_DAY_PART}(?:,{_DAY_PART})*$")
_TIME = re.compile(r"^([01]\d|2[0-4]):([0-5]\d)-([01]\d|2[0-4]):([0-5]\d)$")


def describe(spec: str | None, lang: str = "fr") -> str | None:
    """`spec` in plain words, or unchanged when it uses syntax beyond the common subset."""
    if spec is None or not spec.strip():
        return None
    if spec.strip() == "24/7":
        return "tous les jours, 24 h sur 24" if lang == "fr" else "every day, 24 hours a day"
    rules = [rule.strip() for rule in spec.split(";") if rule.strip()]
    described = [_rule(rule, lang) for rule in rules]
    if any(d is None for d in described):
        return spec.strip()
    return RULE_SEPARATOR[lang].join(d for d in described if d)


def _rule(rule: str, lang: str) -> str | None:
    parts = rule.split(None, 1)
    if len(parts) != 2 or not _DAYS.match(parts[0]):
        return None
    days = _days(parts[0], lang)
    if parts[1].strip() == "off":
        return f"{days} : fermé" if lang == "fr" else f"{days}: closed"
    spans = [_span(span, lang) for span in parts[1].split(",")]
    if any(s is None for s in spans):
        return None
    return f"{days} {AND[lang].join(s for s in spans if s)}"


def _days(text: str, lang: str) -> str:
    names = DAY_NAMES[lang]
    groups = []
    for group in text.split(","):
        if "-" in group:
            first, last = (names[DAYS.index(d)] for d in group.split("-"))
            groups.append(f"du {first} au {last}" if lang == "fr" else f"{first} to {last}")
        else:
            name = names[DAYS.index(group)]
            groups.append(f"le {name}" if lang == "fr" else name)
    return groups[0] if len(groups) == 1 else ", ".join(groups[:-1]) + AND[lang] + groups[-1]


def _span(text: str, lang: str) -> str | None:
    match = _TIME.match(text.strip())
    if match is None:
        return None
    h1, m1, h2, m2 = match.groups()
    if lang == "fr":
        return f"de {_fr_time(h1, m1)} à {_fr_time(h2, m2)}"
    return f"{h1}:{m1} to {h2}:{m2}"


def _fr_time(hours: str, minutes: str) -> str:
    return f"{int(hours)} h" if minutes == "00" else f"{int(hours)} h {minutes}"
