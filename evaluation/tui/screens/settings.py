"""Réglages: the place of the day (asked on first run), the structure, the mediator, how
long data is kept, the high-contrast theme; this computer's fingerprint and the office
keys this laptop trusts, to compare with the office; the catalogue in use, and a
catalogue file to load.

Enter goes to the next field; Ctrl+S saves; Esc leaves without saving.
"""

from __future__ import annotations

from pathlib import Path
from typing import cast

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Header, Input, Label, Select, Static

from evaluation.french_text import control_in, printable_lines
from evaluation.machine.clock import today
from evaluation.operations.settings import SettingsView, save
from evaluation.operations.sync import KeptCatalogue, keep_catalogue
from evaluation.structure.cra import TYPE_LIEU_VALUES, TypeLieu
from evaluation.structure.retention import FORGET_DAYS_MAX, RETENTION_MONTHS_MAX
from evaluation.structure.settings import Place, SettingError, Settings, Structure
from evaluation.tui.form import FormScreen
from evaluation.tui.messages import Closed
from evaluation.tui.screen import footer
from evaluation.tui.ui import Ui
from evaluation.tui.widgets.field_select import FieldSelect
from evaluation.tui.workers import run_blocking
from evaluation.workspace import Workspace

FIELDS = (
    ("place_name", "place.name"),
    ("place_commune", "place.commune"),
    ("place_postcode", "place.postcode"),
)
MORE = (
    ("mediator", "place.mediator"),
    ("structure_name", "place.structure_name"),
    ("structure_phone", "place.structure_phone"),
    ("structure_address", "place.structure_address"),
    ("retention_months", "place.retention"),
    ("forget_after_days", "place.forget"),
)


class SettingsScreen(FormScreen):
    BINDINGS = [
        Binding("ctrl+s", "save", "key.save", id="settings.save"),
        Binding("escape", "cancel", "key.cancel", id="settings.cancel"),
    ]
    HELP_EXTRA = (("tab", "help.next_field"), ("enter", "help.enter_next_field"))

    def __init__(
        self, ui: Ui, workspace: Workspace, view: SettingsView, first_run: bool = False
    ) -> None:
        """`view`: the settings as stored, read before the screen opens, so that nothing
        fills the fields once a person has started typing in them."""
        super().__init__(ui)
        self.workspace = workspace
        self.first_run = first_run
        self.view = view

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="form", can_focus=False):
            yield Label(self.t("place.title"), classes="title", markup=False)
            if self.first_run:
                yield Static(self.t("place.first_run"), classes="hint", markup=False)
            for field_id, key in FIELDS:
                yield Label(self.t(key), markup=False)
                yield Input(id=field_id, max_length=200)
            yield Label(self.t("place.kind"), markup=False)
            yield FieldSelect(
                [(self.t(f"kind.{k}"), k) for k in ("autre", *TYPE_LIEU_VALUES[:3])],
                value="autre",
                id="place_kind",
            )
            for field_id, key in MORE:
                yield Label(self.t(key), markup=False)
                yield Input(id=field_id, max_length=200)
            yield from self.switch(
                "high_contrast", "place.theme", "place.theme_standard", "place.theme_contrast"
            )
            yield from self.switch(
                "read_aloud", "place.read_aloud", "place.read_aloud_no", "place.read_aloud_yes"
            )
            yield Static("", id="fingerprint", markup=False)
            yield Static("", id="refused", classes="warning", markup=False)
            yield Static("", id="office_key", markup=False)
            yield Static("", id="catalogue", markup=False)
            yield Label(self.t("place.catalogue_file"), markup=False)
            yield Input(placeholder=self.t("place.catalogue_placeholder"), id="catalogue_file")
        yield footer()

    def switch(self, field_id: str, label: str, off: str, on: str) -> ComposeResult:
        """A setting that is on or off, said in words: a checkbox's tick is only a colour."""
        yield Label(self.t(label), markup=False)
        yield FieldSelect([(self.t(off), False), (self.t(on), True)], value=False, id=field_id)

    def on_mount(self) -> None:
        super().on_mount()
        self.fill(self.view)

    def fill(self, view: SettingsView) -> None:
        self.view = view
        settings = view.settings
        values = {
            "place_name": settings.place.name,
            "place_commune": settings.place.commune,
            "place_postcode": settings.place.postcode,
            "mediator": settings.mediator,
            "structure_name": settings.structure.name,
            "structure_phone": settings.structure.phone,
            "structure_address": settings.structure.address,
            "retention_months": str(settings.retention_months),
            "forget_after_days": str(settings.forget_after_days),
        }
        for field_id, value in values.items():
            self.query_one(f"#{field_id}", Input).value = value
        self.query_one("#place_kind", Select).value = settings.place.kind
        self.query_one("#high_contrast", Select).value = settings.high_contrast
        self.query_one("#read_aloud", Select).value = settings.read_aloud
        fingerprint = self.query_one("#fingerprint", Static)
        fingerprint.display = view.fingerprint is not None
        if isinstance(view.fingerprint, str):
            fingerprint.update(self.t("place.fingerprint", fingerprint=view.fingerprint))
        elif view.fingerprint is not None:
            fingerprint.update(self.t.message(view.fingerprint))
        if view.office_key is None:
            office = self.t("place.no_office_key")
        elif view.office_fingerprint is None:  # enrolled before packs were signed
            office = self.t("place.office_key", recipient=view.office_key)
        else:
            office = self.t(
                "place.office_keys", fingerprint=view.office_fingerprint, recipient=view.office_key
            )
        self.query_one("#office_key", Static).update(office)
        self.show_catalogue(view.services, view.sample_catalogue)
        refused = self.query_one("#refused", Static)
        refused.display = bool(view.refused)
        lines = [self.t("place.refused_files"), *(p.render(self.t) for p in view.refused)]
        refused.update(printable_lines("\n".join(lines)))
        if self.focused is None:
            self.open_at(self.query_one("#place_name", Input))

    def show_catalogue(self, services: int, sample: bool) -> None:
        key = "place.catalogue_sample" if sample else "place.catalogue_office"
        self.query_one("#catalogue", Static).update(self.t(key, count=services))

    def field_done(self, field: Input) -> None:
        """Enter walks every field; in the last one it loads the catalogue file typed, or
        saves when none is, as F1 says."""
        if field.id != "catalogue_file":
            self.focus_next()
        elif field.value.strip():
            self.load_catalogue(field.value.strip())
        else:
            self.action_save()

    def load_catalogue(self, path: str) -> None:
        run_blocking(
            self,
            self.ui,
            lambda: keep_catalogue(self.workspace, Path(path).expanduser()),
            self.catalogue_loaded,
        )

    def catalogue_loaded(self, kept: KeptCatalogue) -> None:
        self.show_catalogue(kept.total, False)
        self.query_one("#catalogue_file", Input).value = ""
        self.notify(self.t("place.catalogue_loaded", count=kept.total))
        if kept.refused_count:
            lines = [line.render(self.t) for line in kept.refused[:3]]
            lines.append(self.t("office.catalogue_refused", count=kept.refused_count))
            # a file's name and a record's id, as the file has them: never obeyed
            self.notify(printable_lines("\n".join(lines)), severity="warning", markup=False)

    def _value(self, field_id: str) -> str:
        return self.query_one(f"#{field_id}", Input).value.strip()

    def _number(self, field_id: str, most: int) -> int | None:
        value = self._value(field_id)
        return int(value) if value.isdigit() and 1 <= int(value) <= most else None

    def action_save(self) -> None:
        typed = [i for i in self.query(Input) if i.id != "catalogue_file" and control_in(i.value)]
        if typed:  # pasted orders to a terminal: never kept, never shown
            self.notify(self.t("place.control_character"), severity="warning")
            typed[0].focus()
            return
        if not self._value("place_name"):
            self.notify(self.t("place.need_name"), severity="warning")
            self.query_one("#place_name", Input).focus()
            return
        try:
            place = Place(
                name=self._value("place_name"),
                commune=self._value("place_commune"),
                postcode=self._value("place_postcode"),
                kind=cast("TypeLieu", self.query_one("#place_kind", Select).value),  # checked
            )
        except SettingError:
            self.notify(self.t("place.bad_postcode"), severity="warning")
            self.query_one("#place_postcode", Input).focus()
            return
        months = self._number("retention_months", RETENTION_MONTHS_MAX)
        days = self._number("forget_after_days", FORGET_DAYS_MAX)
        if months is None or days is None:
            key, most = (
                ("place.bad_retention", RETENTION_MONTHS_MAX)
                if months is None
                else ("place.bad_forget", FORGET_DAYS_MAX)
            )
            self.notify(self.t(key, count=most), severity="warning")
            return
        settings = Settings(
            retention_months=months,
            forget_after_days=days,
            read_aloud=self.query_one("#read_aloud", Select).value is True,
            place=place,
            place_date=today().isoformat(),
            mediator=self._value("mediator"),
            high_contrast=self.query_one("#high_contrast", Select).value is True,
            structure=Structure(
                name=self._value("structure_name"),
                phone=self._value("structure_phone"),
                address=self._value("structure_address"),
            ),
        )
        run_blocking(self, self.ui, lambda: save(self.workspace, settings), self.saved)

    def saved(self, _: None) -> None:
        self.notify(self.t("place.saved"))
        self.post_message(Closed(self))

    def action_cancel(self) -> None:
        self.post_message(Closed(self))
