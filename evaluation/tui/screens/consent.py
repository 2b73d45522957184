"""Consent: what is kept, why, how long, who sees it; the choice is recorded.

`l` chooses the visitor's language (the questions and the sheet speak it; the consent
text too when the app has it); the mediator's keys stay in the app's language, and the
line naming them is made from the footer's own bindings. `v` turns the screen toward the
visitor and `r` reads it aloud: both give the visitor's part only (the text and the
question), never the mediator's lines. Échap abandons: nothing is answered yet."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Header, Label, Static

from evaluation.i18n.dates import month_year
from evaluation.i18n.languages import language_name
from evaluation.operations.interviews import choose_language, consent, languages
from evaluation.operations.return_visit import CodeTaken, described, take_code
from evaluation.operations.speech import consent_reading
from evaluation.questionnaire.visitor import consent_words, word
from evaluation.session import Saved, Session
from evaluation.tui.dialogs.language import LanguageDialog
from evaluation.tui.messages import Paused, StageDone
from evaluation.tui.screen import BaseScreen, footer
from evaluation.tui.ui import Ui
from evaluation.tui.voice import Voice
from evaluation.tui.widgets.code_entry import CodeEntry
from evaluation.tui.workers import run_blocking


class ConsentScreen(BaseScreen):
    IN_INTERVIEW = True
    BINDINGS = [
        # o (oui) and y (yes) both agree; the footer and F1 show the reader's one.
        Binding(
            "o,y",
            "answer(True)",
            "key.yes",
            tooltip="key.consent_yes",
            key_display="keyname.consent_yes",
            id="consent.yes",
        ),
        Binding("n", "answer(False)", "key.no", tooltip="key.consent_no", id="consent.no"),
        Binding("escape", "pause", "key.abandon", tooltip="help.abandon", id="consent.pause"),
        Binding("l", "language", "key.language", id="consent.language"),
        Binding(
            "r", "read_aloud", "key.read_aloud", tooltip="help.read_consent", id="consent.read"
        ),
        Binding("v", "visitor_view", "key.visitor_view", id="consent.visitor_view"),
        Binding("c", "code", "key.code", tooltip="key.code_help", id="consent.code"),
    ]
    HELP_EXTRA = (("enter", "help.read_code"),)  # in the code field

    def __init__(self, ui: Ui, session: Session) -> None:
        super().__init__(ui)
        self.session = session
        self.voice = Voice(self, ui, self.tell_visitor)

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="consent"):
            yield Label(self.t("consent.title"), classes="title", markup=False)
            yield Static("", id="visitor-language", classes="hint", markup=False)
            yield Static("", id="consent-text", markup=False)
            yield Static("", id="consent-question", classes="prompt", markup=False)
            yield Static("", id="consent-keys", classes="hint", markup=False)
            yield Static("", id="visitor-said", markup=False)  # the visitor's view only
            entry = CodeEntry(self.t, id="code-entry")
            entry.display = False
            yield entry
        yield footer()

    def on_mount(self) -> None:
        super().on_mount()
        self.show_language()
        self.query_one("#consent-keys", Static).update(
            self.t("consent.keys", keys=self.keys_hint("consent.yes", "consent.no"))
        )
        self.query_one(CodeEntry).name_keys(self.keys_hint("enter", "code.close"))
        previous = self.session.record.previous
        if previous is not None:  # an interview resumed after its code was typed
            self.show_code(described(self.session, previous, self.t.lang))

    def action_code(self) -> None:
        # The field opens below the consent text, past the fold of a small terminal: the
        # page keeps to its end (the field, then what was read) while the footer changes.
        self.query_one("#consent", VerticalScroll).anchor()
        self.query_one(CodeEntry).open()

    def on_code_entry_typed(self, event: CodeEntry.Typed) -> None:
        event.stop()
        run_blocking(
            self,
            self.ui,
            lambda: take_code(self.session, event.text, self.t.lang),
            self.show_code,
            failed=lambda text: self.query_one(CodeEntry).say(text, refused=True),
            exclusive=True,
        )

    def on_code_entry_closed(self, event: CodeEntry.Closed) -> None:
        event.stop()
        self.query_one("#consent", VerticalScroll).anchor(False)
        self.focus_next()

    def show_code(self, taken: CodeTaken) -> None:
        """What the code says, under the consent question; the keys answer again."""
        if taken.saved is not None:
            self.session.apply(taken.saved)
        previous = taken.previous
        said = self.t(
            "code.read",
            code=taken.printed,
            month=month_year(previous.month, self.t.lang),
            count=len(previous.levels),
        )
        if taken.absent:
            said += " " + self.t("code.absent", names=", ".join(taken.absent))
        entry = self.query_one(CodeEntry)
        entry.display = True
        entry.say(said, refused=False)
        self.set_focus(None)

    def show_language(self) -> None:
        """The visitor's language, and the consent text in it when the app speaks it."""
        lang = self.session.lang
        name = language_name(lang, self.t.lang)
        self.query_one("#visitor-language", Static).update(
            self.t(
                "consent.visitor_language", language=name, key=self.key_shown("consent.language")
            )
        )
        text, question = consent_words(lang, self.session.settings.retention_months)
        self.query_one("#consent-text", Static).update(text)
        self.query_one("#consent-question", Static).update(question)  # asked in theirs

    def action_language(self) -> None:
        offered = languages(self.session)
        self.app.push_screen(LanguageDialog(self.ui, offered, self.session.lang), self.chosen)

    def chosen(self, lang: str | None) -> None:
        if lang is None or lang == self.session.lang:
            return
        run_blocking(
            self,
            self.ui,
            lambda: choose_language(self.session, lang),
            self.language_chosen,
        )

    def language_chosen(self, saved: Saved) -> None:
        self.session.apply(saved)
        self.show_language()

    def action_answer(self, given: bool) -> None:
        run_blocking(
            self,
            self.ui,
            lambda: consent(self.session, given),
            lambda saved: self.post_message(StageDone(self, self.session.apply(saved))),
            exclusive=True,
        )

    def action_pause(self) -> None:
        self.post_message(Paused(self, self.session))

    def action_read_aloud(self) -> None:
        self.voice.say(consent_reading(self.session), asked=True)

    def tell_visitor(self, key: str) -> None:
        """The visitor's fixed words `key`, in their language, in their view."""
        self.query_one("#visitor-said", Static).update(word(self.session.lang, key))

    def action_visitor_view(self) -> None:
        """Turn the screen toward the visitor (the text and the question, high contrast),
        or back; the keys still answer."""
        self.set_class(not self.has_class("-visitor"), "-visitor")
        self.query_one("#visitor-said", Static).update("")
        self.query_one("#consent", VerticalScroll).scroll_home(animate=False)

    def on_screen_suspend(self) -> None:
        self.voice.stop()

    def on_unmount(self) -> None:
        self.voice.stop()
