"""Problems a person must be told about, raised by any floor, translated where shown.

A `Problem` holds one or more located messages: where it happened (a file, `FILE:LINE`,
a database), the field when there is one, and a `Message` (a catalogue key and its
values). The CLI prints each as one line; the TUI shows them in the reader's language.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from evaluation.i18n import Message, Translator, translator

SHOWN_AT_MOST = 80


def excerpt(value: object, limit: int = SHOWN_AT_MOST) -> str:
    """A value from a file, short enough to quote in one line (a hostile file may hold a
    megabyte in one field): the start of it, and `…` when cut."""
    text = " ".join(str(value).split()) if value is not None else ""
    return text if len(text) <= limit else text[: limit - 1] + "…"


@dataclass(frozen=True)
class Located:
    """One problem: where (may be empty), the field path (may be empty), what."""

    where: str
    message: Message
    field: str = ""

    def render(self, t: Translator) -> str:
        """`where: field: what`, to follow a place or a colon (« Problème : … »): the
        catalogues write a problem in lower case."""
        parts = [p for p in (self.where, self.field) if p]
        return ": ".join([*parts, t.message(self.message)])

    def sentence(self, t: Translator) -> str:
        """The problem on a line of its own: a sentence, so it starts with a capital
        unless a place (`where: …`) comes first."""
        line = self.render(t)
        return line if self.where or self.field else line[:1].upper() + line[1:]


class Problem(Exception):
    """Something went wrong that the person can understand and act on."""

    def __init__(self, message: Message, where: str = "", field: str = "") -> None:
        self.located: tuple[Located, ...] = (Located(where, message, field),)
        super().__init__(self.render(translator("fr")))

    @classmethod
    def many(cls, located: Iterable[Located]) -> Problem:
        """One problem made of several lines (a file with many mistakes)."""
        items = tuple(located)
        problem = cls(items[0].message, items[0].where, items[0].field)
        problem.located = items
        problem.args = (problem.render(translator("fr")),)
        return problem

    @property
    def message(self) -> Message:
        return self.located[0].message

    def lines(self, t: Translator) -> list[str]:
        """One sentence per located problem, each on a line of its own."""
        return [item.sentence(t) for item in self.located]

    def render(self, t: Translator) -> str:
        return "\n".join(item.render(t) for item in self.located)
