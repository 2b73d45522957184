"""Reading aloud on a screen: one reading at a time, said in a worker, stopped when
another starts or the screen goes; a failure is said once in words."""

from __future__ import annotations

from textual.screen import Screen

from evaluation.speech.reading import Reading
from evaluation.tui.ui import Ui
from evaluation.tui.workers import run_blocking


class Voice:
    def __init__(self, screen: Screen[None], ui: Ui) -> None:
        self.screen = screen
        self.ui = ui
        self.reading: Reading | None = None
        self.failed = False  # no sound: said once, not again at every question

    def say(self, reading: Reading | None, asked: bool) -> None:
        """Say `reading`, again from the start if it is saying one; None: there is
        nothing for the visitor to hear, told when `asked`."""
        self.stop()
        self.reading = reading
        if reading is None:
            if asked:
                self.screen.notify(self.ui.t("question.nothing_to_read"))
            return
        run_blocking(
            self.screen, self.ui, reading.run, lambda _: None, failed=self.not_said, group="speech"
        )

    def not_said(self, why: str) -> None:
        """Say why nothing was heard: to the mediator in full (which package to
        install), to the visitor facing the screen in plain words only."""
        self.failed = True
        if self.screen.has_class("-visitor"):
            why = self.ui.t("speech.not_said_visitor")
        self.screen.notify(why, severity="warning")

    def stop(self) -> None:
        if self.reading is not None:
            self.reading.stop()
            self.reading = None
