"""The office imports the laptops' bundles from a USB key (its passphrase is asked
once), then readies the same key for the laptops (receipts, questionnaires, catalogue,
erasures, signed). When bundles of laptops not enrolled yet were left waiting, the
coordinator confirms each new laptop by its fingerprint, and its bundles are imported in
the same pass."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Header, Input, Label, ProgressBar, Static

from evaluation.french_text import printable_lines
from evaluation.operations.sync import Imported, import_and_pack, unlock_office
from evaluation.sync.inbox import Laptop
from evaluation.sync.key import mounted_keys
from evaluation.sync.keyring import OfficeKeys
from evaluation.tui.dialogs.confirm import ConfirmDialog
from evaluation.tui.messages import Closed
from evaluation.tui.screen import BaseScreen, footer
from evaluation.tui.ui import Ui
from evaluation.tui.widgets.key_picker import KeyPicker
from evaluation.tui.workers import run_blocking
from evaluation.workspace import Workspace


class OfficeImportScreen(BaseScreen):
    BINDINGS = [Binding("escape", "back", "key.back", id="office.back")]
    HELP_EXTRA = (("up,down", "help.move_in_list"), ("enter", "help.use_key"))

    def __init__(self, ui: Ui, workspace: Workspace) -> None:
        super().__init__(ui)
        self.workspace = workspace
        self.running = False
        self.keys: OfficeKeys | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="sync", can_focus=False):
            yield Label(self.t("office.title"), classes="title", markup=False)
            yield KeyPicker(mounted_keys, self.t, id="picker")
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

    def start(self, key: Path, enrol: tuple[str, ...] = ()) -> None:
        if self.running:
            return
        passphrase = self.query_one("#passphrase", Input).value
        if self.keys is None and not passphrase:
            self.show([self.t("office.need_passphrase")])
            self.query_one("#passphrase", Input).focus()
            return
        self.running = True
        self.show([self.t("office.importing")])
        if self.keys is not None:
            self.import_with(self.keys, key, enrol)
            return
        folder = self.workspace.folder
        run_blocking(
            self,
            self.ui,
            lambda: unlock_office(folder, passphrase),
            lambda keys: self.import_with(keys, key, enrol),
            failed=self.failed,
            group="sync",
            exclusive=True,
        )

    def import_with(self, keys: OfficeKeys, key: Path, enrol: tuple[str, ...]) -> None:
        """The office's keys unlocked (kept for the next pass): import, then pack."""
        self.keys = keys
        run_blocking(
            self,
            self.ui,
            lambda: import_and_pack(self.workspace, keys, key, self.progress, enrol),
            lambda imported: self.done(key, imported, ask=not enrol),
            failed=self.failed,
            group="sync",
            exclusive=True,
        )

    def progress(self, done: int, total: int, name: str) -> None:
        """Called in the worker: the bar is moved on the app's thread."""
        self.app.call_from_thread(self.advance, done, total)

    def advance(self, done: int, total: int) -> None:
        self.query_one("#progress", ProgressBar).update(total=max(total, 1), progress=done)

    def failed(self, text: str) -> None:
        self.running = False
        self.query_one("#passphrase", Input).value = ""
        self.show([self.t("sync.error", error=text)])

    def done(self, key: Path, imported: Imported, ask: bool) -> None:
        self.running = False
        self.query_one("#passphrase", Input).value = ""
        lines = [
            self.t("office.enrolled", fingerprint=laptop.fingerprint)
            for laptop in imported.enrolled
        ]
        lines += [self.t.message(m) for m in imported.report.said()]
        lines.append(self.t("office.packed"))
        lines.append(self.t("office.fingerprint_is", fingerprint=imported.office))
        self.show(lines)
        if ask:
            self.ask_new_laptops(key, imported.report.waiting(), ())

    def ask_new_laptops(
        self, key: Path, waiting: list[tuple[Laptop, int]], confirmed: tuple[str, ...]
    ) -> None:
        """One question per new laptop; then the confirmed ones are enrolled and their
        bundles imported (and the key packed again) in the same pass."""
        if not waiting:
            if confirmed:
                self.start(key, enrol=confirmed)
            return
        (laptop, count), rest = waiting[0], waiting[1:]

        def answered(yes: bool | None) -> None:
            self.ask_new_laptops(key, rest, (*confirmed, laptop.fingerprint) if yes else confirmed)

        question = self.t("office.confirm_laptop", fingerprint=laptop.fingerprint, count=count)
        self.app.push_screen(ConfirmDialog(self.ui, question), answered)

    def show(self, lines: list[str]) -> None:
        self.query_one("#report", Static).update(printable_lines("\n".join(lines)))

    def action_back(self) -> None:
        if not self.running:
            self.post_message(Closed(self))
