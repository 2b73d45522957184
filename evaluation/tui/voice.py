"""Reading aloud on a screen: one reading at a time, said in a worker, stopped when
another starts or the screen goes; a failure is said once in words, to whoever faces
the screen: the mediator in a toast, the visitor in a line of their own view (a toast
there would cover their answers, and outlive the view on the mediator's next screen)."""

from __future__ import annotations

from collections.abc import Callable

from textual.screen import Screen

from evaluation.speech.reading import Reading
from evaluation.tui.ui import Ui
from evaluation.tui.workers import run_blocking

VISITOR_VIEW = "-visitor"  # the class of a screen turned toward the visitor


class Voice:
    def __init__(self, screen: Screen[None], ui: Ui, tell_visitor: Callable[[str], None]) -> None:
        """`tell_visitor(key)` writes the visitor's fixed words `key` in their view."""
        self.screen = screen
        self.ui = ui
        self.tell_visitor = tell_visitor
        self.reading: Reading | None = None
        self.failed = False  # no sound: said once, not again at every question

    def say(self, reading: Reading | None, asked: bool) -> None:
        """Say `reading`, again from the start if it is saying one; None: there is
        nothing for the visitor to hear, told to the mediator when `asked`."""
        self.stop()
        self.reading = reading
        if reading is None:
            if asked and not self.screen.has_class(VISITOR_VIEW):
                self.screen.notify(self.ui.t("question.nothing_to_read"))
            return
        run_blocking(
            self.screen, self.ui, reading.run, lambda _: None, failed=self.not_said, group="speech"
        )

    def not_said(self, why: str) -> None:
        """Say why nothing was heard: to the mediator in full (which package to
        install), to the visitor facing the screen in plain words only."""
        self.failed = True
        if self.screen.has_class(VISITOR_VIEW):
            self.tell_visitor("speech.not_said_visitor")
        else:
            self.screen.notify(why, severity="warning")

    def stop(self) -> None:
        if self.reading is not None:
            self.reading.stop()
            self.reading = None
