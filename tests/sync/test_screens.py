"""The Sync screen of a laptop and the import screen of the office, driven by Pilot."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Input, ProgressBar, Static

from evaluation.sync.key import KeyLayout
from evaluation.sync.keyring import OfficeKeys
from evaluation.sync.laptop import sync_laptop
from evaluation.sync.signing import fingerprint
from evaluation.tui.dialogs.confirm import ConfirmDialog
from evaluation.tui.screens.office import OfficeImportScreen
from evaluation.tui.screens.sync import SyncScreen
from tests.sync.helpers import PASSPHRASE, OfficeSecret, Place, sign_pack
from tests.tui.driver import SIZE, make_app, press, settle


def report(pilot: Pilot[None]) -> str:
    return str(pilot.app.screen.query_one("#report", Static).render())


async def type_in(pilot: Pilot[None], field: str, text: str) -> None:
    pilot.app.screen.query_one(f"#{field}", Input).focus()
    await pilot.press(*text)
    await press(pilot, "enter")


def bundles(key: Path) -> int:
    return len(list(KeyLayout(key).bundles.glob("*.age")))


async def test_laptop_syncs_from_its_screen(
    office: Place, laptop: Place, key: Path, office_secret: OfficeSecret
) -> None:
    office.pack(key)
    laptop.interview("Zoë")
    office_print = fingerprint(office_secret.keys.signing)
    app = make_app(laptop.folder.root)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "5")
        assert isinstance(app.screen, SyncScreen)
        await type_in(pilot, "path", str(key))
        # First use: the office's fingerprint is shown and asked about before anything
        # is enrolled; « non » leaves the laptop as it was.
        assert isinstance(app.screen, ConfirmDialog)
        question = str(app.screen.query_one(Static).render())
        assert question.startswith("Première synchronisation de cet ordinateur.")
        assert office_print in question
        await press(pilot, "n")
        assert report(pilot).startswith("Bureau refusé : rien n'a été enregistré")
        assert laptop.workspace.store.value("office_recipient") is None and bundles(key) == 0
        app.screen.query_one("#path", Input).value = ""
        await type_in(pilot, "path", str(key))
        assert isinstance(app.screen, ConfirmDialog)
        await press(pilot, "o")
        text = report(pilot)
        assert text.startswith(f"Empreinte de cet ordinateur : {fingerprint(laptop.device_key)}")
        assert (
            f"Bureau enregistré sur cet ordinateur : empreinte {office_print} (clé de chiffrement "
            f"{office_secret.recipient})." in text
        )
        assert "Envoi écrit sur la clé USB, chiffré pour le bureau : 1 entretien terminé." in text
        assert text.endswith("Terminé : vous pouvez retirer la clé USB.")
        assert bundles(key) == 1

        # Other office keys, not endorsed by the known one: nothing of the pack is
        # applied, the bundle goes to the known office, and the mediator is asked.
        other = OfficeKeys.generate()
        sign_pack(key, other)
        laptop.interview("Ayşe")
        await press(pilot, "enter")
        assert isinstance(app.screen, ConfirmDialog)
        question = str(app.screen.query_one(Static).render())
        assert f"Empreinte connue :    {office_print}" in question
        assert f"Empreinte proposée : {fingerprint(other.signing)}" in question
        assert bundles(key) == 2  # written for the known office key already
        await press(pilot, "n")
        assert report(pilot).startswith(
            "Nouvelles clés du bureau refusées : rien de la clé USB n'a été appliqué, et l'envoi "
            "reste chiffré pour la clé connue."
        )
        await press(pilot, "enter", "o")
        assert "Bureau enregistré sur cet ordinateur : empreinte" in report(pilot)
        assert "Envoi écrit sur la clé USB" in report(pilot)
        assert bundles(key) == 4  # one more for the known key, then one for the new keys
        await press(pilot, "escape")
        assert type(app.screen).__name__ == "HomeScreen"
        # Réglages shows the keys to compare: this computer's, and the office's it trusts.
        await press(pilot, "6")
        await settle(pilot)
        mine = str(app.screen.query_one("#fingerprint", Static).render())
        assert mine.startswith(f"Empreinte de cet ordinateur : {fingerprint(laptop.device_key)}")
        shown = str(app.screen.query_one("#office_key", Static).render())
        assert shown == (
            "Bureau enregistré à la première synchronisation (à comparer avec l'empreinte que "
            f"donne le bureau) :\nempreinte : {fingerprint(other.signing)}\nclé de chiffrement : "
            f"{other.recipient}"
        )


async def test_office_imports_from_its_screen(
    office: Place, laptop: Place, key: Path, office_secret: OfficeSecret
) -> None:
    office.pack(key)
    laptop.interview("Łukasz")
    sync_laptop(laptop.workspace, laptop.folder, key)
    (KeyLayout(key).bundles / "notes.txt").write_bytes(b"?")
    laptop_print = fingerprint(laptop.device_key)
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
            "chiffrement du bureau : retapez-la en vérifiant les majuscules et le clavier "
            "(AZERTY ou QWERTY) ; rien n'a été lu ni changé"
        )
        app.screen.query_one("#passphrase", Input).value = ""
        await type_in(pilot, "passphrase", PASSPHRASE)
        await settle(pilot)

        # A laptop never seen: its bundle waits, and the coordinator is asked.
        assert isinstance(app.screen, ConfirmDialog)
        question = str(app.screen.query_one(Static).render())
        assert question.startswith(
            f"Nouvel ordinateur portable : empreinte {laptop_print} (1 envoi en attente)."
        )
        assert "Comparez avec l'empreinte que montre Réglages sur l'ordinateur portable." in (
            question
        )
        await press(pilot, "n")
        lines = report(pilot).splitlines()
        assert lines[0].startswith("en attente  evaluation-")
        assert lines[0].endswith(
            f" : ordinateur portable pas encore confirmé (empreinte {laptop_print}) : l'envoi "
            "attend sur la clé USB"
        )
        assert (
            f"Nouvel ordinateur portable, empreinte {laptop_print} : 1 envoi attend votre "
            "confirmation." in lines
        )
        assert office.workspace.store.interviews() == []
        assert bundles(key) == 1

        # Again, and this time the fingerprint matches: enrolled and imported at once.
        await type_in(pilot, "path", "")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmDialog)
        await press(pilot, "o")
        await settle(pilot)
        lines = report(pilot).splitlines()
        assert lines[0] == f"Ordinateur portable confirmé : empreinte {laptop_print}."
        assert lines[1].startswith("importé     evaluation-")
        assert lines[1].endswith(" (1 nouveau)")
        assert lines[2] == (
            "refusé      notes.txt : nom de fichier inattendu : ce n'est pas un envoi "
            "d'ordinateur portable"
        )
        assert lines[3].startswith(
            "Envois : 1 importé, déjà connus : 0, refusés : 1. Entretiens : 1 nouveau,"
        )
        assert lines[-2] == (
            "Clé USB prête pour les ordinateurs portables : questionnaires, catalogue, accusés "
            "de réception et effacements."
        )
        assert lines[-1] == (
            "Empreinte du bureau (à donner aux médiateurs vous-même, par téléphone ou sur "
            f"papier) : {fingerprint(office_secret.keys.signing)}"
        )
        bar = app.screen.query_one("#progress", ProgressBar)
        assert bar.total == 2 and bar.progress == 2
        # The passphrase was asked once: a further import needs none.
        assert app.screen.query_one("#passphrase", Input).value == ""
        await type_in(pilot, "path", "")  # the key is still typed there: Enter imports again
        await settle(pilot)
        assert "Envois : 0 importé, déjà connus : 0, refusés : 1." in report(pilot)
    assert {r.id for r in office.workspace.store.interviews()} == {
        r.id for r in laptop.workspace.store.interviews()
    }
