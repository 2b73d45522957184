"""USB key screens: a laptop syncs with the office; the office imports the bundles.

Both list the keys mounted under /media and /run/media, and accept a typed folder.
The work (files on the key, SQLite, encryption) runs in thread workers.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Footer, Header, Input, Label, OptionList, ProgressBar, Static
from textual.widgets.option_list import Option

from evaluation.tui.screens.base import BaseModal, BaseScreen

if TYPE_CHECKING:
    import pyrage

    from exports.laptop_sync import OfficeKeyChanged, SyncReport
    from exports.office import ImportReport


class KeyScreen(BaseScreen):
    """Pick a key (mounted, or typed), then `use_key` runs on it."""

    TITLE_KEY = ""
    running = False

    def compose(self) -> ComposeResult:
        from exports.usb import mounted_keys

        keys = mounted_keys()
        yield Header()
        with VerticalScroll(id="sync"):
            yield Label(self.tr(self.TITLE_KEY), classes="title")
            yield Label(self.tr("sync.keys") if keys else self.tr("sync.none"))
            yield OptionList(*(Option(str(k), id=str(k)) for k in keys), id="keys")
            yield Label(self.tr("sync.path"))
            yield Input(id="path")
            yield from self.compose_extra()
            yield Static("", id="report")
        yield Footer()

    def compose_extra(self) -> ComposeResult:
        yield from ()

    def on_mount(self) -> None:
        super().on_mount()
        keys = self.query_one("#keys", OptionList)
        (keys if keys.option_count else self.query_one("#path", Input)).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.start(Path(str(event.option.id)))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "path" and event.value.strip():
            self.start(Path(event.value.strip()).expanduser())

    def start(self, key: Path) -> None:
        if self.running:
            return
        if not key.is_dir():
            self.show([self.tr("sync.no_folder", path=key)])
            return
        self.use_key(key)

    def use_key(self, key: Path) -> None:
        raise NotImplementedError

    def show(self, lines: list[str]) -> None:
        self.query_one("#report", Static).update("\n".join(lines))

    def failed(self, error: Exception) -> None:
        """Say why in words: the message of an expected error, the kind of any other."""
        from evaluation.store import StoreError
        from exports.office import OfficeError
        from exports.usb import KeyFileError

        expected = (KeyFileError, OfficeError, StoreError, OSError)
        text = str(error) if isinstance(error, expected) else f"{type(error).__name__}: {error}"
        self.running = False
        self.show([self.tr("sync.error", error=text)])

    def action_back(self) -> None:
        if not self.running:
            self.dismiss()


class SyncScreen(KeyScreen):
    """A laptop: read the office pack, leave a bundle for the office."""

    TITLE_KEY = "sync.title"
    BINDINGS = [Binding("escape", "back", "key.back", id="sync.back")]

    def use_key(self, key: Path, accept: bool = False) -> None:
        self.running = True
        self.show([self.tr("sync.running")])
        self.run_sync(key, accept)

    @work(thread=True, exclusive=True, group="sync", exit_on_error=False)
    def run_sync(self, key: Path, accept: bool) -> None:
        from exports.laptop_sync import OfficeKeyChanged, sync_laptop

        try:
            report = sync_laptop(self.workspace, self.evaluation.folder, key, accept)
        except OfficeKeyChanged as changed:
            self.app.call_from_thread(self.ask_new_office_key, key, changed)
            return
        except Exception as exc:  # never leave the screen stuck on "running"
            self.app.call_from_thread(self.failed, exc)
            return
        self.app.call_from_thread(self.done, report)

    def ask_new_office_key(self, key: Path, changed: OfficeKeyChanged) -> None:
        self.running = False

        def answered(accept: bool | None) -> None:
            if accept:
                self.use_key(key, accept=True)
            else:
                self.show([self.tr("sync.key_refused")])

        message = self.tr("sync.key_changed", enrolled=changed.enrolled, offered=changed.offered)
        self.app.push_screen(ConfirmScreen(message), answered)

    def done(self, report: SyncReport) -> None:
        self.running = False
        lines = []
        if report.enrolled:
            lines.append(self.tr("sync.enrolled", recipient=report.enrolled))
        lines += [self.tr("sync.installed", name=name) for name in report.installed]
        if report.catalogue is not None:
            lines.append(self.tr("sync.catalogue", count=report.catalogue))
        lines.append(self.tr("sync.acknowledged", count=report.acknowledged))
        if report.bundle is not None:
            lines.append(self.tr("sync.sent", count=report.sent))
        else:
            lines.append(self.tr("sync.nothing"))
        lines += [self.tr("sync.problem", problem=p) for p in report.problems]
        lines.append(self.tr("sync.done"))
        self.show(lines)


class OfficeImportScreen(KeyScreen):
    """The office: unlock its key once, import every bundle, then pack the key for the
    laptops (receipts, questionnaires, catalogue, erasures)."""

    TITLE_KEY = "office.title"
    BINDINGS = [Binding("escape", "back", "key.back", id="office.back")]
    identity: pyrage.x25519.Identity | None = None

    def compose_extra(self) -> ComposeResult:
        yield Label(self.tr("office.passphrase"))
        yield Input(password=True, id="passphrase")
        yield ProgressBar(id="progress", show_eta=False)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "passphrase":
            path = self.query_one("#path", Input).value.strip()
            keys = self.query_one("#keys", OptionList)
            highlighted = keys.highlighted_option
            if path:
                self.start(Path(path).expanduser())
            elif highlighted is not None:
                self.start(Path(str(highlighted.id)))
            return
        super().on_input_submitted(event)

    def use_key(self, key: Path) -> None:
        passphrase = self.query_one("#passphrase", Input).value
        if self.identity is None and not passphrase:
            self.show([self.tr("office.need_passphrase")])
            self.query_one("#passphrase", Input).focus()
            return
        self.running = True
        self.show([self.tr("office.importing")])
        self.run_import(key, passphrase)

    @work(thread=True, exclusive=True, group="sync", exit_on_error=False)
    def run_import(self, key: Path, passphrase: str) -> None:
        from exports.office import import_bundles, pack, unlock

        try:
            if self.identity is None:
                self.identity = unlock(self.evaluation.folder, passphrase)
            report = import_bundles(self.workspace, self.identity, key, self.progress)
            # The same key goes back out: give it the office's files and receipts at once.
            pack(self.workspace, self.evaluation.folder, key)
        except Exception as exc:  # never leave the screen stuck on "running"
            self.app.call_from_thread(self.failed, exc)
            return
        self.app.call_from_thread(self.done, report)

    def progress(self, done: int, total: int, name: str) -> None:
        bar = self.query_one("#progress", ProgressBar)
        self.app.call_from_thread(bar.update, total=max(total, 1), progress=done)

    def done(self, report: ImportReport) -> None:
        self.running = False
        self.query_one("#passphrase", Input).value = ""
        lines = [
            self.tr(
                "office.bundle",
                status=self.tr(f"office.status.{b.status}"),
                name=b.name,
                reason=f" : {b.reason}" if b.reason else "",
            )
            for b in report.bundles
        ]
        records = report.records()
        lines.append(
            self.tr(
                "office.summary",
                imported=report.count("imported"),
                known=report.count("known"),
                refused=report.count("refused"),
                new=records["new"],
                already=records["known"],
                conflicts=records["conflict"],
                erased=records["erased"],
            )
        )
        lines.append(self.tr("office.packed"))
        self.show(lines)


class ConfirmScreen(BaseModal):
    """A yes/no question; dismissed with True or False."""

    BINDINGS = [
        Binding("o,y", "answer(True)", "key.yes", id="confirm.yes"),
        Binding("n,escape", "answer(False)", "key.no", id="confirm.no"),
    ]

    def __init__(self, message: str) -> None:
        super().__init__()
        self.message = message

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self.message)
            yield Label(self.tr("confirm.keys"))

    def action_answer(self, accept: bool) -> None:
        self.dismiss(accept)
