"""Profile: an optional first name or pseudonym and CRA value lists, all optional.

Enter in a text field goes to the next field; in the last one, or with Ctrl+S, it saves.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Button, Header, Input, Label, Select

from evaluation.interview.record import Profile
from evaluation.operations.interviews import nothing_answered
from evaluation.operations.residence import ProfileSaved, save_profile_at
from evaluation.session import Session
from evaluation.structure.cra import GENRE_VALUES, STATUT_SOCIAL_VALUES, TRANCHE_AGE_VALUES
from evaluation.tui.form import FormScreen
from evaluation.tui.messages import Paused, StageDone
from evaluation.tui.screen import footer
from evaluation.tui.ui import Ui
from evaluation.tui.widgets.field_select import FieldSelect
from evaluation.tui.workers import run_blocking

LISTS = (
    ("age_band", "profile.age_band", "age", TRANCHE_AGE_VALUES),
    ("social_status", "profile.social_status", "status", STATUT_SOCIAL_VALUES),
    ("gender", "profile.gender", "gender", GENRE_VALUES),
)


class ProfileScreen(FormScreen):
    IN_INTERVIEW = True
    BINDINGS = [
        Binding("ctrl+s", "save", "key.continue", id="profile.save"),
        Binding("escape", "pause", "key.pause", id="profile.pause"),
    ]
    HELP_EXTRA = (("tab", "help.next_field"), ("enter", "help.enter_next_field"))

    def __init__(self, ui: Ui, session: Session) -> None:
        super().__init__(ui)
        self.session = session
        self.offered: str | None = None  # the postcode whose communes are offered by number

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="form", can_focus=False):
            yield Label(self.t("profile.title"), classes="title", markup=False)
            yield Label(self.t("profile.first_name"), markup=False)
            yield Input(id="first_name", max_length=80)
            for field_id, label, prefix, values in LISTS:
                yield Label(self.t(label), markup=False)
                options = [
                    (
                        self.t("not_communicated")
                        if v == "non_communique"
                        else self.t(f"{prefix}.{v}"),
                        v,
                    )
                    for v in values
                ]
                yield FieldSelect(options, value="non_communique", digits=True, id=field_id)
            yield Label(self.t("profile.commune"), markup=False)
            yield Input(id="commune", max_length=120)
            yield Label("", id="communes", markup=False)
            yield Button(self.t("profile.continue"), id="continue", variant="primary")
        yield footer()

    def on_mount(self) -> None:
        super().on_mount()
        self.describe_leaving(nothing_answered(self.session))
        # Back from the first question: what was typed is there to correct.
        given = self.session.record.profile
        self.query_one("#first_name", Input).value = given.first_name or ""
        # « Niort 79000 »: the commune chosen among those of its postcode stays chosen.
        kept = (given.commune, given.postcode)
        self.query_one("#commune", Input).value = " ".join(p for p in kept if p)
        for field_id, value in (
            ("age_band", given.age_band),
            ("social_status", given.social_status),
            ("gender", given.gender),
        ):
            self.query_one(f"#{field_id}", FieldSelect).value = value
        self.open_at(self.query_one("#first_name", Input))

    def field_done(self, field: Input) -> None:
        if field.id == "commune":
            self.action_save()
        else:
            self.focus_next()

    def on_button_pressed(self) -> None:
        self.action_save()

    def action_save(self) -> None:
        typed = self.query_one("#commune", Input).value.strip()
        choice = None
        if self.offered and (not typed or (typed.isdigit() and len(typed) < 5)):
            # The number of one of the communes offered, or none: the postcode alone.
            typed, choice = self.offered, typed
        profile = Profile(
            first_name=self.query_one("#first_name", Input).value.strip() or None,
            age_band=str(self.query_one("#age_band", Select).value),
            social_status=str(self.query_one("#social_status", Select).value),
            gender=str(self.query_one("#gender", Select).value),
        )
        run_blocking(
            self,
            self.ui,
            lambda: save_profile_at(self.session, profile, typed, choice),
            self.saved,
            exclusive=True,
        )

    def saved(self, saving: ProfileSaved) -> None:
        where = saving.where
        if saving.saved is not None:
            self.post_message(StageDone(self, self.session.apply(saving.saved)))
            return
        self.offered = where.postcode
        numbered = ", ".join(f"{n} {c.name}" for n, c in enumerate(where.choices, 1))
        self.query_one("#communes", Label).update(
            self.t("profile.which_commune", postcode=where.postcode or "", choices=numbered)
        )
        field = self.query_one("#commune", Input)
        field.value = ""
        field.focus()

    def action_pause(self) -> None:
        self.post_message(Paused(self, self.session))
