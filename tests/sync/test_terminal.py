"""End to end in real terminals (tmux): a laptop syncs on a FAT key, the office imports."""

from __future__ import annotations

from pathlib import Path

from evaluation.sync.signing import fingerprint
from tests.e2e.terminal import Terminal, seed_place
from tests.sync.helpers import PASSPHRASE, OfficeSecret, Place


def test_laptop_and_office_through_their_screens(
    office: Place, laptop: Place, key: Path, office_secret: OfficeSecret
) -> None:
    office.pack(key)
    seed_place(laptop.folder.root)
    seed_place(office.folder.root)
    laptop.interview("Ñuñez")

    term = Terminal(laptop.folder.root)
    try:
        term.wait_for("Marché (Niort)")  # the workspace is open
        term.keys("5")
        term.wait_for("Dossier de la clé USB")
        term.type(str(key))
        term.keys("Enter")
        # First use: the office's fingerprint is compared before anything is enrolled.
        office_print = fingerprint(office_secret.keys.signing)
        asked = term.wait_for("Première synchronisation", timeout=30)
        assert office_print in asked
        term.keys("o")
        screen = term.wait_for("vous pouvez retirer la clé USB", timeout=30)
        flat = " ".join(screen.split())
        assert f"Empreinte de cet ordinateur : {fingerprint(laptop.device_key)}" in flat
        assert f"Bureau enregistré sur cet ordinateur : empreinte {office_print}" in flat
        assert office_secret.recipient in "".join(screen.split())  # however it wraps
        assert "chiffré pour le bureau : 1 entretien terminé." in flat
    finally:
        term.close()

    term = Terminal(office.folder.root)
    try:
        term.wait_for("Marché (Niort)")  # the workspace is open
        term.keys("5")
        term.wait_for("Phrase de passe du bureau")
        term.type(str(key))
        term.keys("Enter")  # no passphrase yet: the screen asks for it and moves there
        term.wait_for("Tapez d'abord la phrase de passe du bureau.")
        term.type(PASSPHRASE)
        term.keys("Enter")
        # A laptop never seen: the coordinator compares its fingerprint, and confirms.
        screen = term.wait_for("Nouvel ordinateur portable : empreinte", timeout=30)
        assert fingerprint(laptop.device_key) in screen
        term.keys("o")
        screen = term.wait_for("Ordinateur portable confirmé", timeout=30)
        screen = term.wait_for("Clé USB prête pour les ordinateurs portables", timeout=30)
        assert "Envois : 1 importé, déjà connus : 0, refusés : 0." in " ".join(screen.split())
        assert PASSPHRASE not in screen
    finally:
        term.close()
    assert office.content() == laptop.content()
