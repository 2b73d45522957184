"""What an interview is made of, beyond its answers: its stage, the visitor's profile,
and the next steps the mediator kept."""

from __future__ import annotations

import json
from dataclasses import dataclass
from enum import StrEnum


class Stage(StrEnum):
    """Where an interview stands; stored as this text in the database."""

    CONSENT = "consent"
    PROFILE = "profile"
    QUESTIONS = "questions"
    RESULTS = "results"
    FINISHED = "finished"


@dataclass(frozen=True)
class Profile:
    """What the visitor chose to tell; every field may stay empty."""

    first_name: str | None = None
    age_band: str = "non_communique"
    social_status: str = "non_communique"
    gender: str = "non_communique"
    commune: str | None = None
    postcode: str | None = None

    @property
    def home(self) -> str:
        """Where the visitor lives, as reports count it: the commune they told, else the
        postcode typed in its place, else "" (not told). The summary tables hold the same
        in SQL (`evaluation.store.summaries.HOME`)."""
        return self.commune or self.postcode or ""


def typed_home(text: str) -> tuple[str | None, str | None]:
    """What was typed in « Commune ou code postal »: (commune, postcode); five digits are
    a postcode, anything else a commune's name. The CRA export carries both fields."""
    text = text.strip()
    if text.isdigit() and len(text) == 5:
        return None, text
    return text or None, None


@dataclass(frozen=True, order=True)
class KeptStep:
    """A next step the mediator kept: a rule of the questionnaire and a service of the
    catalogue. A service added from the catalogue has no rule; a rule may have no service.
    """

    rule_id: str | None
    service_id: str | None

    def encode(self) -> str:
        """`rule|service`, the form stored and synced (empty for a missing part)."""
        return f"{self.rule_id or ''}|{self.service_id or ''}"

    @classmethod
    def decode(cls, text: str) -> KeptStep:
        rule, _, service = text.partition("|")
        return cls(rule or None, service or None)


def encode_steps(steps: tuple[KeptStep, ...] | list[KeptStep]) -> str:
    """The JSON list stored in `interviews.next_steps`."""
    return json.dumps([step.encode() for step in steps])


def decode_steps(text: str | None) -> tuple[KeptStep, ...] | None:
    """The kept steps, or None while the mediator has not chosen yet."""
    if text is None:
        return None
    return tuple(KeptStep.decode(item) for item in json.loads(text))
