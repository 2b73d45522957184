"""Settings kept in the database: the structure, the place of the day, the mediator.

Plain frozen dataclasses, checked as they are made: the home screen reads them at every
opening, before anything else is loaded (no validation library on that path)."""

from __future__ import annotations

import dataclasses
import json
import re
from dataclasses import dataclass, field
from typing import Any, TypeVar

from evaluation.structure.cra import TYPE_LIEU_VALUES, TypeLieu
from evaluation.structure.retention import FORGET_DAYS_MAX, RETENTION_MONTHS_MAX

POSTCODE = re.compile(r"(\d{5})?")


class SettingError(ValueError):
    """A value a setting cannot take (the field named)."""

    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.name = name


def _text(value: object, name: str) -> None:
    if not isinstance(value, str):
        raise SettingError(name)


def _whole(value: object, name: str, most: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= most:
        raise SettingError(name)


def _yes_no(value: object, name: str) -> None:
    if not isinstance(value, bool):
        raise SettingError(name)


@dataclass(frozen=True)
class Structure:
    name: str = ""
    phone: str = ""
    address: str = ""

    def __post_init__(self) -> None:
        for name in ("name", "phone", "address"):
            _text(getattr(self, name), name)


@dataclass(frozen=True)
class Place:
    """Where the mediator stands today."""

    name: str = ""
    commune: str = ""
    postcode: str = ""  # five digits, or nothing
    kind: TypeLieu = "autre"

    def __post_init__(self) -> None:
        for name in ("name", "commune", "postcode"):
            _text(getattr(self, name), name)
        if POSTCODE.fullmatch(self.postcode) is None:
            raise SettingError("postcode")
        if self.kind not in TYPE_LIEU_VALUES:
            raise SettingError("kind")


@dataclass(frozen=True)
class Settings:
    structure: Structure = field(default_factory=Structure)
    place: Place = field(default_factory=Place)
    place_date: str = ""  # the day the place was last confirmed (ISO date)
    mediator: str = ""
    retention_months: int = 24
    # Days after the office acknowledged an interview before this laptop forgets it.
    forget_after_days: int = 30
    high_contrast: bool = False  # the whole app in the high-contrast theme
    read_aloud: bool = False  # every new question is read aloud by itself

    def __post_init__(self) -> None:
        if not isinstance(self.structure, Structure):
            raise SettingError("structure")
        if not isinstance(self.place, Place):
            raise SettingError("place")
        _text(self.place_date, "place_date")
        _text(self.mediator, "mediator")
        _whole(self.retention_months, "retention_months", RETENTION_MONTHS_MAX)
        _whole(self.forget_after_days, "forget_after_days", FORGET_DAYS_MAX)
        _yes_no(self.high_contrast, "high_contrast")
        _yes_no(self.read_aloud, "read_aloud")

    def stored(self) -> str:
        """The JSON kept in the database (`parse_settings` reads it back)."""
        return json.dumps(dataclasses.asdict(self), ensure_ascii=False)


Made = TypeVar("Made", Settings, Place, Structure)


def parse_settings(text: str) -> Settings:
    """Settings from their stored JSON; a value that does not validate (an older version,
    a hand edit) falls back to its default, field by field, rather than stop the app.
    Names it does not know are left out."""
    try:
        raw: Any = json.loads(text)
    except ValueError:
        return Settings()
    if not isinstance(raw, dict):
        return Settings()
    parts = {
        "place": _kept(Place, raw.get("place")),
        "structure": _kept(Structure, raw.get("structure")),
    }
    return _kept(Settings, {**raw, **parts})


def _kept(kind: type[Made], raw: object) -> Made:
    """`kind` from the fields of `raw` it knows whose values it takes; others default."""
    if isinstance(raw, kind):
        return raw
    if not isinstance(raw, dict):
        return kind()
    kept: dict[str, Any] = {}
    for name in (f.name for f in dataclasses.fields(kind)):
        if name in raw:
            try:
                kind(**{**kept, name: raw[name]})
            except SettingError:
                continue
            kept[name] = raw[name]
    return kind(**kept)
