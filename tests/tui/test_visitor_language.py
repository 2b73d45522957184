"""The visitor's language is chosen per interview, apart from the mediator's: a visitor
reading Ukrainian gets the questions and the sheet in Ukrainian while the mediator's
menus, keys, instructions and results screen stay French; a text without its translation is French,
marked « (FR) »."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from textual.pilot import Pilot

from evaluation.machine.paths import data_folder
from evaluation.operations.interviews import choose_language, load, start
from evaluation.problems import Problem
from evaluation.questionnaire.text import Text
from evaluation.questionnaire.visitor import UNTRANSLATED, for_visitor, word
from evaluation.store import Store
from evaluation.tui.dialogs.language import LanguageDialog
from evaluation.tui.screen import BaseModal, BaseScreen
from evaluation.workspace import open_workspace
from tests.conftest import FIXTURES
from tests.tui.driver import SIZE, make_app, press, question, settle

TRILINGUAL = FIXTURES / "questionnaires" / "trilingual" / "diagnostic-base" / "90.yaml"


def install_trilingual(home: Path) -> None:
    """diagnostic-base version 90 (fr, en, uk) becomes the newest: new interviews use it."""
    target = data_folder(home).questionnaires / "diagnostic-base" / "90.yaml"
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(TRILINGUAL, target)


def said(pilot: Pilot[None]) -> str:
    shown = " ".join(str(w.render()) for w in pilot.app.screen.query("Static"))
    screen = pilot.app.screen
    assert isinstance(screen, BaseScreen | BaseModal)
    footer = " ".join(screen.key_description(b.binding) for b in screen.active_bindings.values())
    return " ".join(f"{shown} {footer}".split())


def test_a_text_without_translation_is_french_and_marked() -> None:
    text = Text.model_validate({"fr": "Aucun", "en": "None"})
    assert for_visitor(text, "en") == "None"
    assert for_visitor(text, "uk") == f"Aucun {UNTRANSLATED}"
    assert for_visitor(text, "fr") == "Aucun"
    assert word("en", "question.dont_know") == "Don't know"
    assert word("uk", "question.dont_know") == f"Je ne sais pas {UNTRANSLATED}"


def test_only_an_offered_language_can_be_chosen(home: Path) -> None:
    install_trilingual(home)
    workspace = open_workspace(data_folder(home), data_folder(home).database)
    session = start(workspace, "en")
    assert session.lang == "en"  # the app's language, offered by the version
    choose_language(session, "uk")
    assert load(workspace, session.id).lang == "uk"  # stored
    with pytest.raises(Problem):
        choose_language(session, "de")
    assert load(workspace, session.id).lang == "uk"


async def test_an_interview_in_ukrainian_has_french_menus_and_a_ukrainian_sheet(
    home: Path,
) -> None:
    install_trilingual(home)
    app = make_app(home)  # the mediator's app in French
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "1")
        assert "Langue de la personne : français" in said(pilot)
        await press(pilot, "l")
        assert isinstance(pilot.app.screen, LanguageDialog)
        assert "ukrainien · українська" in said(pilot) + " ".join(
            str(o.prompt)
            for o in pilot.app.screen.query_one("#languages").options  # type: ignore[attr-defined]
        )
        await press(pilot, "down", "down", "enter")
        assert "Langue de la personne : ukrainien · українська (touche l pour la changer)" in said(
            pilot
        )
        await press(pilot, "o", "ctrl+s")

        shown = said(pilot)
        assert "Якими пристроями ви користуєтеся?" in shown
        assert "Partie 1 sur 2" in shown and "Обладнання" in shown  # French chrome
        assert "Plusieurs réponses possibles" in shown  # the mediator's hint
        assert "Enregistrer" in shown and "Vue visiteur" in shown  # French keys
        labels = [str(o.prompt) for o in question(pilot).query_one("#choices").options]  # type: ignore[attr-defined]
        assert "Смартфон" in labels[0]
        assert f"Aucun {UNTRANSLATED}" in labels[2]  # no Ukrainian: French, marked
        assert f"Je ne sais pas {UNTRANSLATED}" in labels[3]
        await press(pilot, "1", "enter", "2", "enter")

        assert type(pilot.app.screen).__name__ == "ResultsScreen"
        rows = pilot.app.screen.query_one("#levels").rows  # type: ignore[attr-defined]
        assert "Terminer" in said(pilot)
        # The results are the mediator's screen: in French; the sheet is Ukrainian.
        assert [r.label for r in rows] == ["Utiliser un appareil", "Se protéger"]
        await press(pilot, "f")
    store = Store.open(data_folder(home).database, "reader")
    (record,) = store.interviews()
    store.close()
    assert record.lang == "uk"

    pdf = data_folder(home).exports / "sheet.pdf"
    run = subprocess.run(
        ["uv", "run", "evaluation", "sheet", record.id[:8], "--output", str(pdf)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    flat = " ".join(text.split())
    assert "Користуватися пристроєм — Самостійно" in flat  # the visitor's language
    assert "Захищати себе — Самостійно" in flat
    assert f"Ensuite : continuez. {UNTRANSLATED}" in flat  # no Ukrainian: French, marked
    assert "Ви даєте собі раду." in flat or "користуватися смартфоном" in flat
    assert "Міні-діагностика" in flat  # the questionnaire's title, in the footer
    assert "Votre fiche de compétences numériques" in flat  # fixed words: French
    assert "Un atelier pour débuter" not in flat and "Using a device" not in flat


async def test_an_english_mediator_reads_a_french_visitors_results_in_english(
    home: Path,
) -> None:
    """The results screen is the mediator's: with `--lang en` and a visitor reading French,
    competences, levels and steps are in English, never a French word of the version in
    an English sentence (« Overall level: Débutant: … »)."""
    from evaluation.questionnaire import load_file
    from tests.tui.driver import SOURCES, answer_first_option, install

    install(home, SOURCES["shipped-2"])  # its levels differ in French (« Débutant »)
    q = load_file(SOURCES["shipped-2"]).questionnaire
    app = make_app(home, lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "1", "l", "up", "enter")  # the visitor reads French
        assert "Visitor's language: French" in said(pilot)
        await press(pilot, "o", "ctrl+s")
        while type(pilot.app.screen).__name__ == "QuestionScreen":
            await answer_first_option(pilot)
        screen = pilot.app.screen
        assert type(screen).__name__ == "ResultsScreen"
        steps = [str(o.prompt) for o in screen.query_one("#steps").options]  # type: ignore[attr-defined]
        shown = " ".join([said(pilot), *steps])
    texts = [
        *(level.label for level in q.levels),
        *(level.description for level in q.levels),
        *(c.label for c in q.competences),
        *(rule.title for rule in q.next_steps),
    ]
    french = [text.fr for text in texts if text.en and text.fr != text.en]
    assert [word for word in french if word in shown] == []
    overall = re.search(r"Overall level: (.+?) — ", shown)  # one colon, not two
    assert overall is not None and overall[1] in {lv.label.en for lv in q.levels}


def test_the_offer_to_pass_questions_names_the_level_as_the_version_does(home: Path) -> None:
    """« déjà Autonome » is the version's own name for that level, in the mediator's
    language: "Independent" in English (the catalogue said "Autonomous", a word the
    results never show)."""
    from evaluation.i18n import translator
    from evaluation.interview.return_code import make_code, printed
    from evaluation.operations.return_visit import proposal, take_code

    workspace = open_workspace(data_folder(home), data_folder(home).database)
    session = start(workspace, "en")
    assert session.published is not None
    q = session.published.questionnaire
    taken = take_code(session, printed(make_code(q, "2026-10", {"device": "autonome"})), "en")
    assert taken.saved is not None
    session.apply(taken.saved)  # as the screen does, on its own thread
    offer = proposal(session, "en")
    assert offer is not None and offer.level == "Independent"
    said = translator("en")(
        "question.spare", month="October 2026", names="", count=offer.questions, level=offer.level
    )
    assert 'already "Independent"' in said


@pytest.mark.parametrize("lang", ["fr", "en"])
async def test_the_language_dialog_is_drawn_in_the_middle(home: Path, lang: str) -> None:
    """`l` on the consent: the dialog stands in the middle of the screen, as every
    other dialog, not in its top-left corner."""
    async with make_app(home, lang).run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "1", "l")
        dialog = pilot.app.screen
        assert isinstance(dialog, LanguageDialog)
        box = dialog.query_one(".dialog").region
        width, height = SIZE
        assert abs(box.x - (width - box.right)) <= 1, box
        assert abs(box.y - (height - box.bottom)) <= 1, box
