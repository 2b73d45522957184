"""Profile: an optional first name or pseudonym and CRA value lists, all optional."""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Button, Footer, Header, Input, Label, Select

from evaluation.cra import GENRE_VALUES, STATUT_SOCIAL_VALUES, TRANCHE_AGE_VALUES
from evaluation.store.interviews import Profile
from evaluation.tui.screens.base import SessionScreen

LISTS = (
    ("age_band", "profile.age_band", "age", TRANCHE_AGE_VALUES),
    ("social_status", "profile.social_status", "status", STATUT_SOCIAL_VALUES),
    ("gender", "profile.gender", "gender", GENRE_VALUES),
)


class ProfileScreen(SessionScreen):
    BINDINGS = [
        Binding("ctrl+s", "save", "key.confirm", id="profile.save"),
        Binding("escape", "pause", "key.pause", id="profile.pause"),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="form"):
            yield Label(self.tr("profile.title"), classes="title")
            yield Label(self.tr("profile.first_name"))
            yield Input(id="first_name", max_length=80)
            for field_id, label, prefix, values in LISTS:
                yield Label(self.tr(label))
                options = [
                    (
                        self.tr("not_communicated")
                        if v == "non_communique"
                        else self.tr(f"{prefix}.{v}"),
                        v,
                    )
                    for v in values
                ]
                yield Select(options, value="non_communique", allow_blank=False, id=field_id)
            yield Label(self.tr("profile.commune"))
            yield Input(id="commune", max_length=120)
            yield Button(self.tr("profile.continue"), id="continue", variant="primary")
        yield Footer()

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#first_name", Input).focus()

    def on_input_submitted(self) -> None:
        self.action_save()

    def on_button_pressed(self) -> None:
        self.action_save()

    def action_save(self) -> None:
        commune = self.query_one("#commune", Input).value.strip()
        postcode = commune if commune.isdigit() and len(commune) == 5 else None
        profile = Profile(
            first_name=self.query_one("#first_name", Input).value.strip() or None,
            age_band=str(self.query_one("#age_band", Select).value),
            social_status=str(self.query_one("#social_status", Select).value),
            gender=str(self.query_one("#gender", Select).value),
            commune=None if postcode else (commune or None),
            postcode=postcode,
        )
        self.save(profile)

    @work(thread=True, exclusive=True, group="db")
    def save(self, profile: Profile) -> None:
        store = self.session.workspace.store
        store.save_profile(self.session.id, profile)
        self.session.record = store.get(self.session.id)
        self.app.call_from_thread(self.next_stage)
