"""What the mediator's aide-mémoire says, as plain data: the TUI's keys fill it
(`evaluation.tui.keys`), the document prints it (`exports.aide_memoire`)."""

from __future__ import annotations

from dataclasses import dataclass

KeyLine = tuple[str, str]  # (keys as a person reads them, what they do)


@dataclass(frozen=True)
class KeySection:
    """The keys of one screen."""

    title: str
    keys: tuple[KeyLine, ...]


@dataclass(frozen=True)
class AideMemoire:
    """Everything the two pages say, in the reader's language."""

    title: str
    intro: str
    sections: tuple[KeySection, ...]  # page 1: the interview, then the rest
    consent_title: str
    consent_script: str
    failures_title: str
    failures: tuple[KeyLine, ...]  # (what happens, what to do)
    footer: str
    page_break_before: int  # the first section printed on page 2
