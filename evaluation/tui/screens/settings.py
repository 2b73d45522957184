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

# Lines of a refused catalogue shown under its field (the count of the others last).
CATALOGUE_LINES = 4
POSTCODE_DIGITS = 5

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
                yield from self.field(field_id, key)
            yield Label(self.t("place.kind"), markup=False)
            yield FieldSelect(
                [(self.t(f"kind.{k}"), k) for k in ("autre", *TYPE_LIEU_VALUES[:3])],
                value="autre",
                id="place_kind",
            )
            for field_id, key in MORE:
                yield from self.field(field_id, key)
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
            # What was wrong with the file, under it: a few lines, never a pile of toasts.
            problem = Static("", id="catalogue-problem", classes="warning", markup=False)
            problem.display = False
            yield problem
        yield footer()

    def field(self, field_id: str, label: str) -> ComposeResult:
        """A labelled text field, and the line under it that says what is wrong with it
        (on the screen, not in a toast that would outlive it)."""
        yield Label(self.t(label), markup=False)
        if field_id == "place_postcode":  # five digits, no more
            yield Input(id=field_id, max_length=POSTCODE_DIGITS, restrict=r"[0-9]*")
        else:
            yield Input(id=field_id, max_length=200)
        problem = Static("", id=f"{field_id}-problem", classes="warning", markup=False)
        problem.display = False
        yield problem

    def refuse(self, field_id: str, text: str) -> None:
        """Say under `field_id` what is wrong with it, and go to it."""
        for problem in self.query(".field-problem"):
            problem.display = False
        problem = self.query_one(f"#{field_id}-problem", Static)
        problem.update(text)
        problem.display = True
        problem.add_class("field-problem")
        self.open_at(self.query_one(f"#{field_id}", Input))
        self.call_after_refresh(problem.scroll_visible, animate=False)

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
            failed=self.catalogue_refused,
        )

    def catalogue_refused(self, text: str) -> None:
        """The file was refused: its first lines under the field, and how many more."""
        lines = text.splitlines()
        if len(lines) > CATALOGUE_LINES:
            more = len(lines) - CATALOGUE_LINES + 1
            lines = [*lines[: CATALOGUE_LINES - 1], self.t("place.catalogue_more", count=more)]
        self.say_catalogue("\n".join(lines))

    def say_catalogue(self, text: str) -> None:
        problem = self.query_one("#catalogue-problem", Static)
        problem.update(text)
        problem.display = bool(text)
        self.call_after_refresh(problem.scroll_visible, animate=False)

    def catalogue_loaded(self, kept: KeptCatalogue) -> None:
        self.show_catalogue(kept.total, False)
        self.query_one("#catalogue_file", Input).value = ""
        self.notify(self.t("place.catalogue_loaded", count=kept.total))
        lines = [line.render(self.t) for line in kept.refused[: CATALOGUE_LINES - 1]]
        if kept.refused_count:
            lines.append(self.t("office.catalogue_refused", count=kept.refused_count))
        # a file's name and a record's id, as the file has them: never obeyed
        self.say_catalogue(printable_lines("\n".join(lines)))

    def _value(self, field_id: str) -> str:
        return self.query_one(f"#{field_id}", Input).value.strip()

    def _number(self, field_id: str, most: int) -> int | None:
        value = self._value(field_id)
        return int(value) if value.isdigit() and 1 <= int(value) <= most else None

    def action_save(self) -> None:
        typed = [i for i in self.query(Input) if i.id != "catalogue_file" and control_in(i.value)]
        if typed:  # pasted orders to a terminal: never kept, never shown
            self.refuse(str(typed[0].id), self.t("place.control_character"))
            return
        if not self._value("place_name"):
            self.refuse("place_name", self.t("place.need_name"))
            return
        try:
            place = Place(
                name=self._value("place_name"),
                commune=self._value("place_commune"),
                postcode=self._value("place_postcode"),
                kind=cast("TypeLieu", self.query_one("#place_kind", Select).value),  # checked
            )
        except SettingError:
            self.refuse("place_postcode", self.t("place.bad_postcode"))
            return
        months = self._number("retention_months", RETENTION_MONTHS_MAX)
        days = self._number("forget_after_days", FORGET_DAYS_MAX)
        if months is None or days is None:
            field_id, key, most = (
                ("retention_months", "place.bad_retention", RETENTION_MONTHS_MAX)
                if months is None
                else ("forget_after_days", "place.bad_forget", FORGET_DAYS_MAX)
            )
            self.refuse(field_id, self.t(key, count=most))
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
        run_blocking(
            self, self.ui, lambda: save(self.workspace, settings), self.saved, failed=self.refused
        )

    def refused(self, text: str) -> None:
        """Said, the screen kept open on the place's commune to correct."""
        self.notify(text, severity="warning")
        self.query_one("#place_commune", Input).focus()

    def saved(self, _: None) -> None:
        self.notify(self.t("place.saved"))
        self.post_message(Closed(self))

    def action_cancel(self) -> None:
        self.post_message(Closed(self))
