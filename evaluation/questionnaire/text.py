"""Bilingual text: French is required, English optional and falls back to French."""

from pydantic import BaseModel, ConfigDict, Field


class Text(BaseModel):
    """A visible text in French (required) and English (optional)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    fr: str = Field(min_length=1)
    en: str | None = Field(default=None, min_length=1)

    def get(self, lang: str) -> str:
        """The text in `lang`, or French when no translation exists."""
        if lang == "en" and self.en:
            return self.en
        return self.fr
