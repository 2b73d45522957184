"""`evaluation office init|catalogue|pack|import` and `evaluation sync`, as a user runs them."""

from __future__ import annotations

from pathlib import Path

from evaluation.catalogue import SAMPLE
from tests.cli.helpers import run
from tests.sync.helpers import PASSPHRASE, Place

SECRET = {"EVALUATION_OFFICE_PASSPHRASE": PASSPHRASE}


def test_office_and_laptop_commands_round_trip(tmp_path: Path) -> None:
    office, laptop, key = tmp_path / "office", tmp_path / "laptop", tmp_path / "key"
    key.mkdir()
    phrase = tmp_path / "phrase.txt"
    phrase.write_text(PASSPHRASE + "\n", encoding="utf-8")

    init = run("office", "init", "--passphrase-file", str(phrase), home=office)
    assert init.returncode == 0, init.stderr
    recipient = init.stdout.strip()
    assert recipient.startswith("age1")
    again = run("office", "init", env=SECRET, home=office)
    assert again.returncode == 1
    assert "une clé de chiffrement du bureau existe déjà ; elle n'est jamais remplacée" in (
        again.stderr
    )

    assert run("office", "catalogue", str(SAMPLE), home=office).returncode == 0
    packed = run("office", "pack", str(key), home=office)
    assert packed.stdout.splitlines() == [
        f"Clé USB préparée pour les ordinateurs portables ({key}) : 4 fichiers",
        "Clé de chiffrement du bureau (les ordinateurs portables la montrent dans Réglages) : "
        f"{recipient}",
    ]

    Place.open(laptop).interview("Zoë")
    synced = run("sync", str(key), home=laptop)
    assert synced.returncode == 0, synced.stderr
    lines = synced.stdout.splitlines()
    assert lines[0].startswith(
        f"Clé de chiffrement du bureau enregistrée sur cet ordinateur : {recipient}."
    )
    assert lines[1] == "Catalogue des offres mis à jour : 11 services"
    assert "Envoi écrit sur la clé USB, chiffré pour le bureau : 1 entretien terminé." in lines
    assert lines[-2].startswith(f"Fichier de l'envoi : {key}/evaluation/bundles/evaluation-")
    assert lines[-2].endswith("-000001.age")
    assert lines[-1] == "Terminé : vous pouvez retirer la clé USB."

    wrong = run(
        "office", "import", str(key), env={"EVALUATION_OFFICE_PASSPHRASE": "non"}, home=office
    )
    assert (wrong.returncode, wrong.stderr.strip()) == (
        1,
        "phrase de passe incorrecte pour la clé de chiffrement du bureau",
    )

    imported = run("office", "import", str(key), "--passphrase-file", str(phrase), home=office)
    assert imported.returncode == 0, imported.stderr
    assert imported.stdout.splitlines()[-1] == (
        "Envois : 1 importé, déjà connus : 0, refusés : 0. Entretiens : 1 nouveau, déjà connus :"
        " 0, mis à jour : 0, en conflit : 0, effacés : 0. Accusés de réception écrits sur la clé."
    )
    back = run("sync", str(key), home=laptop)
    assert "Envois confirmés par le bureau : 1" in back.stdout
    assert back.stdout.splitlines()[-2].startswith("Rien de nouveau à envoyer")


def test_passphrase_is_asked_at_the_terminal(tmp_path: Path) -> None:
    office = tmp_path / "office"
    made = run("office", "init", home=office, stdin="court\ncourt\n")
    assert made.returncode == 1
    assert made.stderr.strip().endswith("la phrase de passe doit avoir au moins 10 caractères")
    made = run("office", "init", home=office, stdin=f"{PASSPHRASE}\n{PASSPHRASE}\n")
    assert made.returncode == 0, made.stderr
    assert (office / "office-identity.age").read_bytes().startswith(b"age-encryption.org/v1")


def test_sync_without_office_pack_says_what_was_not_sent_and_why(tmp_path: Path) -> None:
    key = tmp_path / "key"
    key.mkdir()
    laptop = Place.open(tmp_path / "laptop")
    laptop.interview("Zoë")
    laptop.interview("Ayşe")
    out = run("sync", str(key), home=tmp_path / "laptop")
    assert out.returncode == 1
    assert "Non envoyés : 2 entretiens terminés restent sur cet ordinateur" in out.stdout
    assert out.stdout.splitlines()[-1].startswith("Terminé, mais voir les problèmes ci-dessus")
    assert out.stderr.strip() == (
        "Problème : rien n'a été envoyé : cet ordinateur ne connaît pas encore la clé de "
        "chiffrement du bureau ; demandez au bureau de préparer cette clé USB (« evaluation "
        "office pack »), puis recommencez"
    )
    assert not (key / "evaluation" / "bundles").exists()


def test_english_when_asked(tmp_path: Path) -> None:
    key = tmp_path / "key"
    key.mkdir()
    for env, args in (({}, ("--lang", "en")), ({"LANG": "en_GB.UTF-8"}, ())):
        out = run(*args, "sync", str(key / "nope"), home=tmp_path / "laptop", env=env)
        assert out.stderr.strip() == (
            f"{key / 'nope'}: folder not found: plug the USB key in or check the path"
        )
