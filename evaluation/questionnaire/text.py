"""A visible text in several languages: French is required, any other is optional.

`fr` and `en` are named fields; any other language is one more key, its code in two or
three lower-case letters (ISO 639: `ar`, `uk`, `ber`...). A language without its
translation falls back to French. `audio` names, per language, a recording of the text
in a file next to the questionnaire.
"""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

from evaluation.french_text import dots

LANGUAGE = re.compile(r"^[a-z]{2,3}$")
Language = Annotated[str, Field(pattern=LANGUAGE.pattern)]
# A recording's file, relative to the questionnaire's folder; every part of the path
# starts with a letter or digit, so it cannot climb out with `..` or start at `/`.
AudioFile = Annotated[
    str,
    Field(
        pattern=r"^([A-Za-z0-9][A-Za-z0-9_-]*/)*[A-Za-z0-9][A-Za-z0-9._-]*\.(wav|ogg|opus|mp3|flac)$"
    ),
]
_NAMED = frozenset({"fr", "en", "audio"})


class Text(BaseModel):
    """A visible text in French (required) and other languages (optional)."""

    model_config = ConfigDict(extra="allow", frozen=True)
    __pydantic_extra__: dict[str, Annotated[str, Field(min_length=1)]]

    fr: str = Field(min_length=1)
    en: str | None = Field(default=None, min_length=1)
    # Added after versions were published: left out of the canonical content when unset.
    audio: dict[Language, AudioFile] | None = Field(
        default=None, exclude_if=lambda value: value is None
    )

    @model_validator(mode="before")
    @classmethod
    def _language_keys(cls, data: Any) -> Any:
        if isinstance(data, dict):
            for key in data:
                if key not in _NAMED and not (isinstance(key, str) and LANGUAGE.match(key)):
                    raise PydanticCustomError("q.text_language", "language", {"key": str(key)})
        return data

    @property
    def languages(self) -> tuple[str, ...]:
        """The languages this text is written in, French first."""
        others = sorted(self.__pydantic_extra__ or {})
        return ("fr", *(["en"] if self.en else []), *others)

    def has(self, lang: str) -> bool:
        """Whether the text is written in `lang` (French always is)."""
        return lang in self.languages

    def get(self, lang: str) -> str:
        """The text in `lang`, or French when no translation exists, as shown to a
        person: « ... » set as « … » (published versions wrote three dots)."""
        return dots(self.get_as_written(lang))

    def get_as_written(self, lang: str) -> str:
        """The text in `lang` (French without a translation), as the file writes it."""
        if lang == "en" and self.en:
            return self.en
        extra = self.__pydantic_extra__ or {}
        return extra.get(lang, self.fr)

    def recording(self, lang: str) -> str | None:
        """The recording declared for `lang`, relative to the questionnaire's folder."""
        return (self.audio or {}).get(lang)
