"""What the mediator and the visitor read on the screens is right: the consent turned to
the visitor and read aloud with their part only, key hints made from the footer's own
bindings, keys that say what they do, notices that never cover content, a place named
once, lines that wrap (hanging indent, the paper check), « … » for « ... »."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
from rich.console import Console
from textual.geometry import Region
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import Footer, OptionList, Static
from textual.widgets._footer import FooterKey
from textual.widgets._toast import Toast

from evaluation.i18n import translator
from evaluation.offers.catalogue import Service
from evaluation.operations.questionnaires import check
from evaluation.questionnaire.library import shipped_dir
from evaluation.speech.reading import Reading
from evaluation.tui.dialogs.confirm import ConfirmDialog
from evaluation.tui.screens.consent import ConsentScreen
from evaluation.tui.screens.question import QuestionScreen
from evaluation.tui.widgets.paper_lines import PaperLines, Row
from tests.tui.driver import (
    SIZE,
    answer_first_option,
    make_app,
    press,
    question,
    screen_text,
    settle,
    start_interview,
)

SIZES = [(80, 24), (60, 20), (50, 16)]


def visible(widget: Widget) -> bool:
    return all(n.display and n.visible for n in widget.ancestors_with_self if isinstance(n, Widget))


def footer_says(pilot: Pilot[None]) -> dict[str, tuple[str, str]]:
    """The footer's keys by action: (key as drawn, what it says)."""
    footer = pilot.app.screen.query_one(Footer)
    return {k.action: (k.key_display, k.description) for k in footer.query(FooterKey)}


# --- 1. the consent turned to the visitor, and read aloud -----------------------------


async def test_the_consent_turns_to_the_visitor_with_their_part_only(home: Path) -> None:
    from evaluation.questionnaire.visitor import consent_words

    app = make_app(home, lang="en")
    async with app.run_test(size=(50, 16)) as pilot:
        await settle(pilot)
        await press(pilot, "1", "v")
        screen = app.screen
        assert isinstance(screen, ConsentScreen) and screen.has_class("-visitor")
        for mediators in ("Header", "Footer", ".title", "#visitor-language", "#consent-keys"):
            assert not any(visible(w) for w in screen.query(mediators)), mediators
        text, asked = consent_words("en", 24)
        assert visible(screen.query_one("#consent-text")) and visible(
            screen.query_one("#consent-question")
        )
        assert str(screen.query_one("#consent-question", Static).render()) == asked
        assert str(screen.query_one("#consent-text", Static).render()) == text
        await press(pilot, "v")
        assert visible(screen.query_one(Footer))
        await press(pilot, "v", "o")  # the keys still answer, facing the visitor
        assert type(app.screen).__name__ == "ProfileScreen"


class Said:
    """A player that keeps what it was asked to play."""

    def __init__(self) -> None:
        self.played: list[Path] = []

    def play(self, path: Path) -> None:
        self.played.append(path)

    def stop(self) -> None:
        pass


async def test_the_consent_is_read_aloud_the_visitors_part_only(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import evaluation.tui.screens.consent as consent_screen

    readings: list[Reading] = []
    player = Said()
    from evaluation.operations import speech

    real = speech.consent_reading

    def recorded(session: object, _: object = None) -> Reading:
        readings.append(real(session, player))  # type: ignore[arg-type]
        return readings[-1]

    monkeypatch.setattr(consent_screen, "consent_reading", recorded, raising=False)
    app = make_app(home, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "1", "r")
        (reading,) = readings
        said = [piece.words for piece in reading.items]
        screen = pilot.app.screen
        assert said == [
            str(screen.query_one(f"#consent-{part}", Static).render())
            for part in ("text", "question")
        ]  # what the visitor reads, in their language
        shown = screen_text(pilot)
        for mediators in ("Visitor's language", "y: Yes", "anonymous interview"):
            assert mediators in shown and all(mediators not in s for s in said)
    if shutil.which("espeak-ng"):
        assert len(player.played) == 2


# --- 7. key hints made from the footer's bindings, 8. keys that say what they do ------


@pytest.mark.parametrize("lang", ["fr", "en"])
async def test_the_consent_names_the_keys_its_footer_shows(home: Path, lang: str) -> None:
    t = translator(lang)
    async with make_app(home, lang=lang).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "1")
        keys = footer_says(pilot)
        hint = str(pilot.app.screen.query_one("#consent-keys", Static).render())
        for action in ("answer(True)", "answer(False)"):
            key, does = keys[action]
            assert t("keys.hint", key=key, does=does) in hint, (hint, keys)
        assert "=" not in str(pilot.app.screen.query_one("#consent-question", Static).render())
        await press(pilot, "escape")
        assert isinstance(pilot.app.screen, ConfirmDialog)
        yes, no = t("keys.hint", key=keys["answer(True)"][0], does=t("key.yes")), "n"
        assert yes in screen_text(pilot) and f"{no}{t('keys.hint', key='', does='')}" in (
            screen_text(pilot)
        )


async def test_escape_says_abandon_where_it_abandons_and_pause_where_it_pauses(
    home: Path,
) -> None:
    t = translator("fr")
    async with make_app(home).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "1")
        assert footer_says(pilot)["pause"][1] == t("key.abandon")
        consent = pilot.app.screen
        assert isinstance(consent, ConsentScreen)
        assert (t("keyname.escape"), t("help.abandon")) in consent.help_entries()
        await press(pilot, "o")
        assert footer_says(pilot)["pause"][1] == t("key.abandon")  # the profile
        await press(pilot, "ctrl+s")
        assert footer_says(pilot)["pause"][1] == t("key.abandon")  # question 1, no answer
        await answer_first_option(pilot)
        assert footer_says(pilot)["pause"][1] == t("key.pause")
        entries = {text: keys for keys, text in question(pilot).help_entries()}
        assert entries[t("key.pause")] == t("keyname.escape")


# --- 6. the note question has the back key the others have ----------------------------


@pytest.mark.parametrize("size", SIZES[:2], ids=lambda s: f"{s[0]}x{s[1]}")
async def test_every_question_shows_save_and_back_and_back_works(
    home: Path, size: tuple[int, int]
) -> None:
    async with make_app(home).run_test(size=size) as pilot:
        await start_interview(pilot)
        await answer_first_option(pilot)
        kinds = set()
        while isinstance(pilot.app.screen, QuestionScreen):
            screen = question(pilot)
            kinds.add(screen.question.kind)
            keys = {
                action.removeprefix("screen."): does
                for action, (_, does) in footer_says(pilot).items()
            }
            assert "back" in keys, (screen.question.kind, keys)
            if screen.question.kind != "info":
                assert "confirm" in keys or "submit" in keys or "select" in keys, keys
            asked = screen.question_id
            if screen.question.kind == "note":
                await press(pilot, "up")
                assert question(pilot).question_id != asked
                await press(pilot, "enter")  # its answer kept, saved again
                assert question(pilot).question_id == asked
            await answer_first_option(pilot)
        assert "note" in kinds


# --- 2. drop-downs and toasts never cover the footer nor the content ------------------


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_a_drop_down_stays_above_the_footer(home: Path, size: tuple[int, int]) -> None:
    async with make_app(home).run_test(size=size) as pilot:
        await settle(pilot)
        await press(pilot, "1", "o")
        screen = pilot.app.screen
        screen.query_one("#gender").focus()  # the profile's last drop-down
        await press(pilot, "space")
        overlay = screen.query_one("#gender").query_one("SelectOverlay")
        assert visible(overlay)
        footer = screen.query_one(Footer).region
        assert overlay.region.bottom <= footer.y, (overlay.region, footer)


def covered(pilot: Pilot[None]) -> list[str]:
    """The widgets with text (or a list) that a toast is drawn over."""
    screen = pilot.app.screen
    toasts = [toast.region for toast in screen.query(Toast)]
    assert toasts
    readable = (Static, FooterKey, OptionList)
    return [
        f"{type(widget).__name__}#{widget.id}"
        for widget, (region, clip) in screen._compositor.visible_widgets.items()
        if isinstance(widget, readable) and not isinstance(widget, Toast)
        for drawn in [region.intersection(clip)]
        if drawn.area and any(drawn.overlaps(toast) for toast in toasts)
    ]


@pytest.mark.parametrize("view", ["mediator", "visitor"])
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_a_toast_covers_neither_the_content_nor_the_footer(
    home: Path, size: tuple[int, int], view: str
) -> None:
    app = make_app(home)
    async with app.run_test(size=size, notifications=True) as pilot:
        await start_interview(pilot)
        if view == "visitor":
            await press(pilot, "v")
        said = "Lecture à voix haute impossible : aucun lecteur de son n'est installé " * 2
        app.notify(said + "fin-du-message")
        await settle(pilot)
        assert pilot.app.screen.query(Toast)
        assert covered(pilot) == []
        region = pilot.app.screen.query_one(Toast).region
        footer = pilot.app.screen.query_one(Footer)
        if footer.display:
            assert region.bottom <= footer.region.y
        assert Region(0, 0, *size).contains_region(region)
        assert "fin-du-message" in screen_text(pilot)  # drawn whole


# --- 3. a place named once -------------------------------------------------------------


def service(nom: str, commune: str | None) -> Service:
    return Service(
        id="s1", source="test", structure_id="st", nom=nom, description="d",
        date_maj="2026-01-01", commune=commune,
    )  # fmt: skip


def test_a_service_is_named_with_its_commune_once() -> None:
    assert service("Atelier numérique", "Niort").named == "Atelier numérique (Niort)"
    saint_aubin = service("France Services de Saint-Aubin-des-Prés", "Saint-Aubin-des-Prés")
    assert saint_aubin.named == "France Services de Saint-Aubin-des-Prés"
    assert service("Atelier numérique", None).named == "Atelier numérique"  # never (—)


async def test_the_results_name_each_place_once(home: Path) -> None:
    async with make_app(home).run_test(size=(120, 60)) as pilot:
        await start_interview(pilot)
        while isinstance(pilot.app.screen, QuestionScreen):
            await answer_first_option(pilot)
        shown = screen_text(pilot)
        assert "Saint-Aubin-des-Prés (Saint-Aubin-des-Prés)" not in shown.replace("\n", " ")
        assert "(—)" not in shown
        steps = pilot.app.screen.query_one("#steps")
        for option in steps.options:  # type: ignore[attr-defined]
            line = str(option.prompt)
            for commune in ("Saint-Aubin-des-Prés", "Niort"):
                assert line.count(commune) <= 1, line


# --- 5. options and steps wrap under their text ----------------------------------------


def test_a_wrapped_option_hangs_under_its_text() -> None:
    from evaluation.tui.hanging import Hanging

    console = Console(width=30, color_system=None)
    with console.capture() as out:
        console.print(Hanging("[x] 1.", "Par une messagerie (WhatsApp, Messenger, Signal)"))
    lines = out.get().splitlines()
    assert len(lines) > 1
    assert lines[0].startswith("[x] 1. Par")
    assert all(line.startswith(" " * 7) and line[7] != " " for line in lines[1:]), lines


@pytest.mark.parametrize("size", [(50, 16)], ids=["50x16"])
async def test_the_answers_on_screen_hang_under_their_text(
    home: Path, size: tuple[int, int]
) -> None:
    async with make_app(home).run_test(size=size) as pilot:
        await start_interview(pilot)
        await press(pilot, "v")  # the visitor's list fills the screen
        lines = [line for line in screen_text(pilot).splitlines() if line.strip()]
        numbered = [n for n, line in enumerate(lines) if "] 1." in line or ") 1." in line]
        assert numbered
        start = lines[numbered[0]].index("1.") + 3
        for line in lines[numbered[0] + 1 :]:
            text = line.strip()
            if text and not text.startswith(("[", "(")):  # a wrapped line of an answer
                assert line[:start].strip() == "", line


# --- 4. the paper check wraps a line with several ticks -------------------------------


async def test_the_paper_check_wraps_every_tick(home: Path) -> None:
    answers = ", ".join(f"{n}. une réponse cochée numéro {n}" for n in range(1, 7))
    rows = [Row(f"{n}. Une question du formulaire papier", answers) for n in range(1, 30)]
    app = make_app(home)
    async with app.run_test(size=(60, 20)) as pilot:
        await settle(pilot)
        lines = PaperLines()
        await app.screen.mount(lines)
        lines.show(rows, 20)
        await settle(pilot)
        drawn = "".join(strip.text for strip in lines.render_lines(Region(0, 0, 60, 400)))
        flat = " ".join(drawn.split())
        assert "cochée numéro 6" in flat
        assert "…" not in drawn
        assert lines.current_y > 20  # the rows above wrapped: the current one is lower


# --- 9. « … » where a published version wrote « ... » ---------------------------------


async def test_three_dots_are_shown_as_an_ellipsis(home: Path) -> None:
    async with make_app(home).run_test(size=(100, 40)) as pilot:
        await start_interview(pilot)
        seen = ""
        while isinstance(pilot.app.screen, QuestionScreen):
            seen += screen_text(pilot)
            await answer_first_option(pilot)
        assert "recettes…" in seen and "..." not in seen


def test_questionnaires_check_warns_of_three_dots() -> None:
    (checked,) = check([shipped_dir() / "diagnostic-base" / "2.yaml"])
    assert checked.loaded is not None  # a warning, not a refusal
    where = [w.where for w in checked.warnings]
    assert "sections[2].questions[0].text.fr" in " ".join(where)
    assert all("diagnostic-base/2.yaml" in w for w in where)


async def test_a_failed_reading_tells_the_visitor_plain_words_only(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With no voice or sound player on the laptop, `l` in the visitor's view says so in
    words for the visitor; which package to install is for the mediator's view alone."""
    monkeypatch.setenv("PATH", str(Path(sys.executable).parent))  # no espeak-ng, no player
    app = make_app(home)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await start_interview(pilot)
        await press(pilot, "v", "l")
        await settle(pilot)
        said = " ".join(str(toast.render()) for toast in pilot.app.screen.query(Toast))
        assert "la personne qui vous aide peut lire pour vous" in said, said
        assert "paquet" not in said and "espeak" not in said
