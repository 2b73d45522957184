"""What screens tell the app; the app decides which screen comes next.

Screens never import each other: they post one of these, and the app routes. A message
that ends a screen names it (`origin`), so the app closes that one and no other.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from textual.message import Message
from textual.screen import Screen

if TYPE_CHECKING:
    from evaluation.operations.paper import Header
    from evaluation.session import Session


class Destination(StrEnum):
    """Where the home menu and the command palette lead."""

    NEW = "new"
    RESUME = "resume"
    TODAY = "today"
    FIND = "find"
    SYNC = "sync"
    SETTINGS = "settings"
    REPORT = "report"
    PAPER = "paper"


@dataclass
class Navigate(Message):
    destination: Destination


@dataclass
class OpenInterview(Message):
    """Show an interview: a finished one read-only, others where they stopped."""

    origin: Screen[Any]
    interview_id: str


@dataclass
class StageDone(Message):
    """The interview moved on (consent given, profile saved, questions done...)."""

    origin: Screen[Any]
    session: Session


@dataclass
class Paused(Message):
    """The mediator left the interview; it can be resumed where it stopped."""

    origin: Screen[Any]
    session: Session


@dataclass
class Finished(Message):
    origin: Screen[Any]
    session: Session


@dataclass
class ChangeFinished(Message):
    """The mediator asked to change a finished interview (confirmed by the app)."""

    origin: Screen[Any]
    session: Session


@dataclass
class BackToQuestions(Message):
    """From the results back to the last question."""

    origin: Screen[Any]
    session: Session


@dataclass
class Closed(Message):
    """A screen is done (settings saved, list closed...): back to where it came from."""

    origin: Screen[Any]


@dataclass
class PaperHeaderRead(Message):
    """The top of a paper form is typed and checked: key in its answers next."""

    origin: Screen[Any]
    header: Header


@dataclass
class PaperSaved(Message):
    """A paper form is stored: the next form of the stack comes, with the same top."""

    origin: Screen[Any]
    session: Session
    header: Header
