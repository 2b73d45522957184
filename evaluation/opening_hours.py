"""Opening hours in plain words, from the OpenStreetMap `opening_hours` syntax.

data·inclusion gives `horaires_accueil` in that syntax (e.g. "Mo-Fr 09:00-12:00,13:30-17:00;
Sa 09:00-12:00"). The common subset is written out in the reader's language; anything
else (public holidays, months, week numbers...) is returned as written rather than guessed.
"""

from __future__ import annotations

import re

from evaluation.i18n import Translator

DAYS = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")
_DAY_PART = r"(?:Mo|Tu|We|Th|Fr|Sa|Su)(?:-(?:Mo|Tu|We|Th|Fr|Sa|Su))?"
_DAYS = re.compile(rf"^{_DAY_PART}(?:,{_DAY_PART})*$")
_TIME = re.compile(r"^([01]\d|2[0-4]):([0-5]\d)-([01]\d|2[0-4]):([0-5]\d)$")


def describe(spec: str | None, t: Translator) -> str | None:
    """`spec` in plain words, or unchanged when it uses syntax beyond the common subset."""
    if spec is None or not spec.strip():
        return None
    if spec.strip() == "24/7":
        return t("hours.always")
    rules = [rule.strip() for rule in spec.split(";") if rule.strip()]
    described = [_rule(rule, t) for rule in rules]
    if any(d is None for d in described):
        return spec.strip()
    return t("hours.rule_separator").join(d for d in described if d)


def _rule(rule: str, t: Translator) -> str | None:
    parts = rule.split(None, 1)
    if len(parts) != 2 or not _DAYS.match(parts[0]):
        return None
    days = _days(parts[0], t)
    if parts[1].strip() == "off":
        return t("hours.closed", days=days)
    spans = [_span(span, t) for span in parts[1].split(",")]
    if any(s is None for s in spans):
        return None
    return t("hours.open", days=days, spans=_join([s for s in spans if s], t))


def _days(text: str, t: Translator) -> str:
    groups = []
    for group in text.split(","):
        if "-" in group:
            first, last = (t(f"hours.day.{d.lower()}") for d in group.split("-"))
            groups.append(t("hours.day_range", first=first, last=last))
        else:
            groups.append(t("hours.on_day", day=t(f"hours.day.{group.lower()}")))
    return _join(groups, t)


def _join(items: list[str], t: Translator) -> str:
    if len(items) == 1:
        return items[0]
    return ", ".join(items[:-1]) + t("hours.and") + items[-1]


def _span(text: str, t: Translator) -> str | None:
    match = _TIME.match(text.strip())
    if match is None:
        return None
    h1, m1, h2, m2 = match.groups()
    return t("hours.span", start=_time(h1, m1, t), end=_time(h2, m2, t))


def _time(hours: str, minutes: str, t: Translator) -> str:
    if minutes == "00":
        return t("hours.time_whole", h=int(hours))
    return t("hours.time", h=int(hours), mm=minutes)
