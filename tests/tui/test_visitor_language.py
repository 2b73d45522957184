"""The visitor's language is chosen per interview, apart from the mediator's: a visitor
reading Ukrainian gets the questions and the sheet in Ukrainian while the mediator's
menus, keys and instructions stay French; a text without its translation is French,
marked « (FR) »."""

from __future__ import annotations

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
        assert [r.label for r in rows] == ["Користуватися пристроєм", "Захищати себе"]
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
