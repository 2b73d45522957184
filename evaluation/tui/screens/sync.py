"""A laptop syncs with the office through a USB key: it reads the office pack and leaves
its bundle. The report says what was sent, what was not and why."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Header, Label, Static

from evaluation.french_text import printable_lines
from evaluation.operations.sync import Synced, first_office, sync
from evaluation.sync.key import mounted_keys
from evaluation.sync.laptop import OfficeKeyChanged, OfficeSeen
from evaluation.tui.dialogs.confirm import ConfirmDialog
from evaluation.tui.messages import Closed
from evaluation.tui.screen import BaseScreen, footer
from evaluation.tui.ui import Ui
from evaluation.tui.widgets.key_picker import KeyPicker
from evaluation.tui.workers import run_blocking
from evaluation.workspace import Workspace


class SyncScreen(BaseScreen):
    BINDINGS = [Binding("escape", "back", "key.back", id="sync.back")]
    HELP_EXTRA = (("up,down", "help.move_in_list"), ("enter", "help.use_key"))

    def __init__(self, ui: Ui, workspace: Workspace) -> None:
        super().__init__(ui)
        self.workspace = workspace
        self.running = False

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="sync", can_focus=False):
            yield Label(self.t("sync.title"), classes="title", markup=False)
            yield KeyPicker(mounted_keys, self.t, id="picker")
            yield Static("", id="report", markup=False)
        yield footer()

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one(KeyPicker).focus_first()

    def on_key_picker_chosen(self, event: KeyPicker.Chosen) -> None:
        if self.running:
            return
        key = event.key
        self.running = True
        self.show([self.t("sync.running")])
        run_blocking(
            self,
            self.ui,
            lambda: first_office(self.workspace, key),
            lambda seen: self.ask_first_office(key, seen),
            failed=self.failed,
            group="sync",
            exclusive=True,
        )

    def ask_first_office(self, key: Path, seen: OfficeSeen | None) -> None:
        """At the first sync, nothing is enrolled before the mediator compares the
        office's fingerprint with the one the coordinator gave them; no: nothing done."""
        self.running = False
        if seen is None:
            self.start(key)
            return

        def answered(accept: bool | None) -> None:
            if accept:
                self.start(key, confirmed=seen.fingerprint)
            else:
                self.show([self.t("sync.first_refused")])

        message = self.t("sync.first_office", fingerprint=seen.fingerprint)
        self.show([message])
        self.app.push_screen(ConfirmDialog(self.ui, message), answered)

    def start(self, key: Path, confirmed: str | None = None) -> None:
        if self.running:
            return
        self.running = True
        self.show([self.t("sync.running")])
        run_blocking(
            self,
            self.ui,
            lambda: sync(self.workspace, key, confirmed),
            lambda outcome: self.done(key, outcome),
            failed=self.failed,
            group="sync",
            exclusive=True,
        )

    def failed(self, text: str) -> None:
        self.running = False
        self.show([self.t("sync.error", error=text)])

    def done(self, key: Path, outcome: Synced) -> None:
        self.running = False
        report = outcome.report
        lines = [self.t.message(m) for m in report.said()]
        lines += [self.t("sync.problem", problem=p.render(self.t)) for p in report.problems]
        lines.append(self.t.message(report.finished()))
        lines += [self.t.message(said) for said in outcome.forgotten.said()]
        self.show(lines)
        if report.key_changed is not None:
            self.ask_new_office_key(key, report.key_changed, lines)

    def ask_new_office_key(self, key: Path, changed: OfficeKeyChanged, lines: list[str]) -> None:
        """Nothing of the pack was applied and the bundle went to the known key; the
        mediator confirms the offered fingerprint only if the coordinator gave it to
        them. That fingerprint, and no other key, is accepted on the next run."""

        def answered(accept: bool | None) -> None:
            if accept:
                self.start(key, confirmed=changed.offered)
            else:
                self.show([self.t("sync.key_refused"), "", *lines])

        message = self.t("sync.key_changed", enrolled=changed.enrolled, offered=changed.offered)
        self.app.push_screen(ConfirmDialog(self.ui, message), answered)

    def show(self, lines: list[str]) -> None:
        self.query_one("#report", Static).update(printable_lines("\n".join(lines)))

    def action_back(self) -> None:
        if not self.running:
            self.post_message(Closed(self))
