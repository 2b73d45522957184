"""The office imports the laptops' bundles from a USB key (its passphrase is asked
once), then readies the same key for the laptops (receipts, questionnaires, catalogue,
erasures)."""

from __future__ import annotations

from pathlib import Path

import pyrage
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Header, Input, Label, ProgressBar, Static

from evaluation.operations.sync import Imported, import_and_pack, unlock_office
from evaluation.sync.key import mounted_keys
from evaluation.tui.messages import Closed
from evaluation.tui.screen import BaseScreen, footer
from evaluation.tui.ui import Ui
from evaluation.tui.widgets.key_picker import KeyPicker
from evaluation.tui.workers import run_blocking
from evaluation.workspace import Workspace


class OfficeImportScreen(BaseScreen):
    BINDINGS = [Binding("escape", "back", "key.back", id="office.back")]
    HELP_EXTRA = (("↑ ↓", "help.move_in_list"), ("Entrée", "help.use_key"))

    def __init__(self, ui: Ui, workspace: Workspace) -> None:
        super().__init__(ui)
        self.workspace = workspace
        self.running = False
        self.identity: pyrage.x25519.Identity | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="sync"):
            yield Label(self.t("office.title"), classes="title", markup=False)
            yield KeyPicker(mounted_keys(), self.t, id="picker")
            yield Label(self.t("office.passphrase"), markup=False)
            yield Input(password=True, id="passphrase")
            yield ProgressBar(id="progress", show_eta=False)
            yield Static("", id="report", markup=False)
        yield footer()

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one(KeyPicker).focus_first()

    def on_key_picker_chosen(self, event: KeyPicker.Chosen) -> None:
        self.start(event.key)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "passphrase":
            key = self.query_one(KeyPicker).current()
            if key is not None:
                self.start(key)

    def start(self, key: Path) -> None:
        if self.running:
            return
        passphrase = self.query_one("#passphrase", Input).value
        if self.identity is None and not passphrase:
            self.show([self.t("office.need_passphrase")])
            self.query_one("#passphrase", Input).focus()
            return
        self.running = True
        self.show([self.t("office.importing")])
        run_blocking(
            self,
            self.ui,
            lambda: self.work(key, passphrase),
            self.done,
            failed=self.failed,
            group="sync",
            exclusive=True,
        )

    def work(self, key: Path, passphrase: str) -> Imported:
        if self.identity is None:
            self.identity = unlock_office(self.workspace.folder, passphrase)
        return import_and_pack(self.workspace, self.identity, key, self.progress)

    def progress(self, done: int, total: int, name: str) -> None:
        bar = self.query_one("#progress", ProgressBar)
        self.app.call_from_thread(bar.update, total=max(total, 1), progress=done)

    def failed(self, text: str) -> None:
        self.running = False
        self.query_one("#passphrase", Input).value = ""
        self.show([self.t("sync.error", error=text)])

    def done(self, imported: Imported) -> None:
        self.running = False
        self.query_one("#passphrase", Input).value = ""
        lines = [self.t.message(m) for m in imported.report.said()]
        lines.append(self.t("office.packed"))
        self.show(lines)

    def show(self, lines: list[str]) -> None:
        self.query_one("#report", Static).update("\n".join(lines))

    def action_back(self) -> None:
        if not self.running:
            self.post_message(Closed(self))
