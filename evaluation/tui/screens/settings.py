"""Settings: the place of the day (asked on first run), the structure, the mediator;
and the office key this laptop encrypts to, to check against the office's."""

from __future__ import annotations

from datetime import date

from pydantic import ValidationError
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Footer, Header, Input, Label, Select

from evaluation.cra import TYPE_LIEU_VALUES
from evaluation.store import Place, Settings
from evaluation.store.settings import Structure
from evaluation.store.sync import Outbox
from evaluation.tui.screens.base import BaseScreen

FIELDS = (
    ("place_name", "place.name"),
    ("place_commune", "place.commune"),
    ("place_postcode", "place.postcode"),
    ("mediator", "place.mediator"),
    ("structure_name", "place.structure_name"),
    ("structure_phone", "place.structure_phone"),
    ("structure_address", "place.structure_address"),
    ("retention_months", "place.retention"),
)


class SettingsScreen(BaseScreen):
    BINDINGS = [
        Binding("ctrl+s", "save", "key.save", id="settings.save"),
        Binding("escape", "cancel", "key.cancel", id="settings.cancel"),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="form"):
            yield Label(self.tr("place.title"), classes="title")
            for field_id, key in FIELDS[:3]:
                yield Label(self.tr(key))
                yield Input(id=field_id, max_length=200)
            yield Label(self.tr("place.kind"))
            yield Select(
                [
                    (self.tr(f"kind.{k}"), k)
                    for k in ("autre", "lieu_activite", *TYPE_LIEU_VALUES[1:3])
                ],
                value="autre",
                allow_blank=False,
                id="place_kind",
            )
            for field_id, key in FIELDS[3:]:
                yield Label(self.tr(key))
                yield Input(id=field_id, max_length=200)
            yield Label(id="office_key")
        yield Footer()

    def on_mount(self) -> None:
        super().on_mount()
        self.load()

    @work(thread=True, group="db")
    def load(self) -> None:
        store = self.workspace.store
        self.app.call_from_thread(self.fill, store.settings(), Outbox(store).office_recipient())

    def fill(self, settings: Settings, office_key: str | None) -> None:
        values = {
            "place_name": settings.place.name,
            "place_commune": settings.place.commune,
            "place_postcode": settings.place.postcode,
            "mediator": settings.mediator,
            "structure_name": settings.structure.name,
            "structure_phone": settings.structure.phone,
            "structure_address": settings.structure.address,
            "retention_months": str(settings.retention_months),
        }
        for field_id, value in values.items():
            self.query_one(f"#{field_id}", Input).value = value
        self.query_one("#place_kind", Select).value = settings.place.kind
        self.query_one("#office_key", Label).update(
            self.tr("place.office_key", recipient=office_key)
            if office_key
            else self.tr("place.no_office_key")
        )
        self.query_one("#place_name", Input).focus()

    def _value(self, field_id: str) -> str:
        return self.query_one(f"#{field_id}", Input).value.strip()

    def action_save(self) -> None:
        if not self._value("place_name"):
            self.notify(self.tr("place.need_name"), severity="warning")
            return
        try:
            place = Place(
                name=self._value("place_name"),
                commune=self._value("place_commune"),
                postcode=self._value("place_postcode"),
                kind=self.query_one("#place_kind", Select).value,
            )
        except ValidationError:
            self.notify(self.tr("place.bad_postcode"), severity="warning")
            return
        months = self._value("retention_months")
        if not months.isdigit() or int(months) < 1:
            self.notify(self.tr("place.bad_retention"), severity="warning")
            return
        settings = Settings(
            retention_months=int(months),
            place=place,
            place_date=date.today().isoformat(),
            mediator=self._value("mediator"),
            structure=Structure(
                name=self._value("structure_name"),
                phone=self._value("structure_phone"),
                address=self._value("structure_address"),
            ),
        )
        self.save(settings)

    @work(thread=True, exclusive=True, group="db")
    def save(self, settings: Settings) -> None:
        self.workspace.store.save_settings(settings)
        self.app.call_from_thread(self.saved)

    def saved(self) -> None:
        self.notify(self.tr("place.saved"))
        self.dismiss()

    def action_cancel(self) -> None:
        self.dismiss()
