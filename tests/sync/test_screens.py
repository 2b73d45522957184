"""The Sync screen of a laptop and the import screen of the office, driven by Pilot."""

from __future__ import annotations

import json
from pathlib import Path

import pyrage
from textual.pilot import Pilot
from textual.widgets import Input, ProgressBar, Static

from evaluation.files import write_durably
from evaluation.sync.key import KeyLayout
from evaluation.sync.laptop import sync_laptop
from evaluation.sync.office import pack
from evaluation.tui.dialogs.confirm import ConfirmDialog
from evaluation.tui.screens.office import OfficeImportScreen
from evaluation.tui.screens.sync import SyncScreen
from tests.sync.helpers import PASSPHRASE, OfficeSecret, Place
from tests.tui.driver import SIZE, make_app, press, settle


def report(pilot: Pilot[None]) -> str:
    return str(pilot.app.screen.query_one("#report", Static).render())


async def type_in(pilot: Pilot[None], field: str, text: str) -> None:
    pilot.app.screen.query_one(f"#{field}", Input).focus()
    await pilot.press(*text)
    await press(pilot, "enter")


async def test_laptop_syncs_from_its_screen(
    office: Place, laptop: Place, key: Path, office_secret: OfficeSecret
) -> None:
    pack(office.workspace, office.folder, key)
    laptop.interview("Zoë")
    app = make_app(laptop.folder.root)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "5")
        assert isinstance(app.screen, SyncScreen)
        await type_in(pilot, "path", str(key))
        text = report(pilot)
        assert (
            "Clé de chiffrement du bureau enregistrée sur cet ordinateur : "
            f"{office_secret.recipient}." in text
        )
        assert "Envoi écrit sur la clé USB, chiffré pour le bureau : 1 entretien terminé." in text
        assert text.endswith("Terminé : vous pouvez retirer la clé USB.")
        assert len(list(KeyLayout(key).bundles.glob("*.age"))) == 1

        # The office key changed: the mediator is asked, and a refusal writes nothing.
        manifest = json.loads((KeyLayout(key).office / "pack.json").read_text(encoding="utf-8"))
        offered = str(pyrage.x25519.Identity.generate().to_public())
        manifest["office_recipient"] = offered
        write_durably(KeyLayout(key).office / "pack.json", json.dumps(manifest).encode())
        laptop.interview("Ayşe")
        await press(pilot, "enter")
        assert isinstance(app.screen, ConfirmDialog)
        question = str(app.screen.query_one(Static).render())
        assert f"Clé connue :    {office_secret.recipient}" in question
        assert f"Clé proposée : {offered}" in question
        await press(pilot, "n")
        assert report(pilot) == "Clé de chiffrement du bureau refusée : rien n'a été écrit."
        assert len(list(KeyLayout(key).bundles.glob("*.age"))) == 1
        await press(pilot, "enter", "o")
        assert "Envoi écrit sur la clé USB" in report(pilot)
        assert len(list(KeyLayout(key).bundles.glob("*.age"))) == 2
        await press(pilot, "escape")
        assert type(app.screen).__name__ == "HomeScreen"
        # Réglages shows the key this laptop now encrypts to, to check with the office.
        await press(pilot, "6")
        shown = str(app.screen.query_one("#office_key", Static).render())
        assert shown == (
            "Clé de chiffrement du bureau, enregistrée à la première synchronisation (à comparer "
            f"avec celle du bureau) :\n{offered}"
        )


async def test_office_imports_from_its_screen(
    office: Place, laptop: Place, key: Path, tmp_path: Path
) -> None:
    pack(office.workspace, office.folder, key)
    laptop.interview("Łukasz")
    sync_laptop(laptop.workspace, laptop.folder, key)
    (KeyLayout(key).bundles / "notes.txt").write_bytes(b"?")
    app = make_app(office.folder.root)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "5")
        assert isinstance(app.screen, OfficeImportScreen)
        await type_in(pilot, "path", str(key))
        assert report(pilot) == "Tapez d'abord la phrase de passe du bureau."
        await type_in(pilot, "passphrase", "pas la bonne")
        assert report(pilot) == (
            "La synchronisation n'a pas abouti : phrase de passe incorrecte pour la clé de "
            "chiffrement du bureau"
        )
        app.screen.query_one("#passphrase", Input).value = ""
        await type_in(pilot, "passphrase", PASSPHRASE)
        lines = report(pilot).splitlines()
        assert lines[0].startswith("importé     evaluation-")
        assert lines[0].endswith(" (1 nouveau)")
        assert lines[1] == (
            "refusé      notes.txt : nom de fichier inattendu : ce n'est pas un envoi "
            "d'ordinateur portable"
        )
        assert lines[2].startswith(
            "Envois : 1 importé, déjà connus : 0, refusés : 1. Entretiens : 1 nouveau,"
        )
        assert lines[-1] == (
            "Clé USB prête pour les ordinateurs portables : questionnaires, catalogue, accusés "
            "de réception et effacements."
        )
        bar = app.screen.query_one("#progress", ProgressBar)
        assert bar.total == 2 and bar.progress == 2
        # The passphrase was asked once: a second import needs none.
        assert app.screen.query_one("#passphrase", Input).value == ""
        await type_in(pilot, "path", "")  # the key is still typed there: Enter imports again
        assert "Envois : 0 importé, déjà connus : 0, refusés : 1." in report(pilot)
    assert {r.id for r in office.workspace.store.interviews()} == {
        r.id for r in laptop.workspace.store.interviews()
    }
