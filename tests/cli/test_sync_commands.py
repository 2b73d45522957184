"""`evaluation office init|catalogue|pack|import|laptops|enrol|rotate` and `evaluation
sync`, as a user runs them."""

from __future__ import annotations

import re
from pathlib import Path

from evaluation.offers.catalogue import SAMPLE
from tests.cli.helpers import run
from tests.sync.helpers import PASSPHRASE, Place

SECRET = {"EVALUATION_OFFICE_PASSPHRASE": PASSPHRASE}
FINGERPRINT = re.compile(r"[A-Z2-7]{4}(-[A-Z2-7]{4}){3}")
OFFICE_PRINT = (
    "Empreinte du bureau (à donner aux médiateurs vous-même, par téléphone ou sur papier) : "
)


def test_office_and_laptop_commands_round_trip(tmp_path: Path) -> None:
    office, laptop, key = tmp_path / "office", tmp_path / "laptop", tmp_path / "key"
    key.mkdir()
    phrase = tmp_path / "phrase.txt"
    phrase.write_text(PASSPHRASE + "\n", encoding="utf-8")

    init = run("office", "init", "--passphrase-file", str(phrase), home=office)
    assert init.returncode == 0, init.stderr
    said, recipient = init.stdout.splitlines()
    office_print = said.removeprefix(OFFICE_PRINT)
    assert FINGERPRINT.fullmatch(office_print), said
    recipient = recipient.removeprefix("Clé de chiffrement du bureau : ")
    assert recipient.startswith("age1")
    again = run("office", "init", env=SECRET, home=office)
    assert again.returncode == 1
    assert "une clé de chiffrement du bureau existe déjà ; elle n'est jamais remplacée" in (
        again.stderr
    )

    assert run("office", "catalogue", str(SAMPLE), home=office).returncode == 0
    packed = run("office", "pack", str(key), "--passphrase-file", str(phrase), home=office)
    assert packed.returncode == 0, packed.stderr
    assert packed.stdout.splitlines() == [
        f"Clé USB préparée pour les ordinateurs portables ({key}) : 5 fichiers signés"
        " par le bureau",
        OFFICE_PRINT + office_print,
        f"Clé de chiffrement du bureau : {recipient}",
    ]
    assert (key / "evaluation" / "office" / "pack.sig").exists()

    Place.open(laptop).interview("Zoë")
    synced = run("sync", str(key), home=laptop, stdin="o\n")
    assert synced.returncode == 0, synced.stderr
    lines = synced.stdout.splitlines()
    laptop_print = lines[0].removeprefix("Empreinte de cet ordinateur : ")
    assert FINGERPRINT.fullmatch(laptop_print), lines[0]
    assert lines[1].startswith(
        f"Bureau enregistré sur cet ordinateur : empreinte {office_print} (clé de chiffrement "
        f"{recipient})."
    )
    assert lines[2] == "Catalogue des offres mis à jour : 11 services"
    assert "Envoi écrit sur la clé USB, chiffré pour le bureau : 1 entretien terminé." in lines
    assert lines[-2].startswith(f"Fichier de l'envoi : {key}/evaluation/bundles/evaluation-")
    assert lines[-2].endswith("-000001.age")
    assert lines[-1] == "Terminé : vous pouvez retirer la clé USB."

    wrong = run(
        "office", "import", str(key), env={"EVALUATION_OFFICE_PASSPHRASE": "non"}, home=office
    )
    assert (wrong.returncode, wrong.stderr.strip()) == (
        1,
        "Phrase de passe incorrecte pour la clé de chiffrement du bureau : retapez-la en "
        "vérifiant les majuscules et le clavier (AZERTY ou QWERTY) ; rien n'a été lu ni changé",
    )

    # A laptop never seen: its bundle waits on the key until the coordinator confirms it.
    waiting = run("office", "import", str(key), "--passphrase-file", str(phrase), home=office)
    assert waiting.returncode == 0, waiting.stderr
    assert "Accusés de réception" not in waiting.stdout  # nothing imported, nothing to confirm
    assert waiting.stdout.splitlines()[-2:] == [
        f"Nouvel ordinateur portable, empreinte {laptop_print} : 1 envoi attend votre"
        " confirmation.",
        "Comparez chaque empreinte avec celle que montre Réglages sur l'ordinateur portable, puis"
        " confirmez-le avec « evaluation office enrol EMPREINTE » et relancez l'import.",
    ]
    confirm_laptop(office, laptop_print)

    imported = run("office", "import", str(key), "--passphrase-file", str(phrase), home=office)
    assert imported.returncode == 0, imported.stderr
    assert imported.stdout.splitlines()[-2:] == [
        "Envois : 1 importé, déjà connus : 0, refusés : 0. Entretiens : 1 nouveau, déjà connus :"
        " 0, mis à jour : 0, en conflit : 0, effacés : 0.",
        "Accusés de réception écrits sur la clé pour 1 ordinateur portable.",
    ]
    assert run("office", "pack", str(key), env=SECRET, home=office).returncode == 0
    back = run("sync", str(key), home=laptop, stdin="o\n")
    assert "Envois confirmés par le bureau : 1" in back.stdout
    assert back.stdout.splitlines()[-2].startswith("Rien de nouveau à envoyer")


def confirm_laptop(office: Path, laptop_print: str) -> None:
    """`office laptops` lists it as waiting; `office enrol` confirms it (any case, dashes
    or not), and refuses a fingerprint no waiting laptop has."""
    listed = run("office", "laptops", home=office)
    assert listed.returncode == 0, listed.stderr
    header, row = listed.stdout.splitlines()
    assert header.split()[:2] == ["ÉTAT", "EMPREINTE"]
    assert re.match(rf"en attente +{laptop_print}  ", row), row
    unknown = run("office", "enrol", "AAAA-BBBB-CCCC-DDDD", home=office)
    assert unknown.returncode == 1
    assert "Aucun ordinateur portable en attente n'a l'empreinte AAAA-BBBB-CCCC-DDDD" in (
        unknown.stderr
    )
    enrolled = run("office", "enrol", laptop_print.lower().replace("-", ""), home=office)
    assert enrolled.returncode == 0, enrolled.stderr
    assert enrolled.stdout.startswith(f"Ordinateur portable confirmé : empreinte {laptop_print}")
    confirmed = run("office", "laptops", home=office).stdout.splitlines()[1]
    assert re.match(rf"confirmé +{laptop_print}  ", confirmed), confirmed


def test_the_office_rotates_its_keys_and_laptops_take_them_on_the_coordinators_word(
    tmp_path: Path,
) -> None:
    office, laptop, key = tmp_path / "office", tmp_path / "laptop", tmp_path / "key"
    key.mkdir()
    phrase = tmp_path / "phrase.txt"
    phrase.write_text(PASSPHRASE + "\n", encoding="utf-8")
    init = run("office", "init", env=SECRET, home=office)
    office_print = init.stdout.splitlines()[0].removeprefix(OFFICE_PRINT)
    recipient = init.stdout.splitlines()[1].removeprefix("Clé de chiffrement du bureau : ")
    assert run("office", "pack", str(key), env=SECRET, home=office).returncode == 0
    assert run("sync", str(key), home=laptop, stdin="o\n").returncode == 0  # enrols the office

    # The office rotates its keys; the laptop takes them once the mediator types the new
    # fingerprint the coordinator gave them.
    rotated = run("office", "rotate", "--passphrase-file", str(phrase), home=office)
    assert rotated.returncode == 0, rotated.stderr
    first, key_line = rotated.stdout.splitlines()
    new_print = first.removeprefix("Nouvelles clés du bureau : empreinte ")[:19]
    assert FINGERPRINT.fullmatch(new_print) and new_print != office_print
    assert f"(avant : {office_print})" in first
    new_recipient = key_line.removeprefix("Clé de chiffrement du bureau : ")
    assert new_recipient.startswith("age1") and new_recipient != recipient
    assert run("office", "pack", str(key), env=SECRET, home=office).returncode == 0
    Place.open(laptop).interview("Ayşe")
    asked = run("sync", str(key), home=laptop, stdin="o\n")
    assert asked.returncode == 1
    assert "relancez avec --office-fingerprint suivi de cette empreinte" in asked.stderr
    followed = run("sync", str(key), "--office-fingerprint", new_print, home=laptop)
    assert followed.returncode == 0, followed.stderr
    assert any(
        line.startswith(f"Bureau enregistré sur cet ordinateur : empreinte {new_print}")
        for line in followed.stdout.splitlines()
    )
    laptop_print = followed.stdout.splitlines()[0].removeprefix("Empreinte de cet ordinateur : ")
    assert run("office", "import", str(key), env=SECRET, home=office).returncode == 0  # waits
    assert run("office", "enrol", laptop_print, home=office).returncode == 0
    again = run("office", "import", str(key), env=SECRET, home=office)
    # One bundle for the old key (while it asked), one for the new: both open.
    assert again.stdout.splitlines()[-2].startswith("Envois : 2 importés, déjà connus : 0,")


def test_a_pack_signed_by_another_office_changes_nothing_without_its_fingerprint(
    tmp_path: Path,
) -> None:
    first, second, laptop, key = (tmp_path / n for n in ("office", "other", "laptop", "key"))
    key.mkdir()
    for office in (first, second):
        assert run("office", "init", env=SECRET, home=office).returncode == 0
    assert run("office", "pack", str(key), env=SECRET, home=first).returncode == 0
    assert run("sync", str(key), home=laptop, stdin="o\n").returncode == 0
    assert run("office", "pack", str(key), env=SECRET, home=second).returncode == 0
    Place.open(laptop).interview("Zoë")
    refused = run("sync", str(key), home=laptop, stdin="o\n")
    assert refused.returncode == 1
    assert "ne sont pas celles que cet ordinateur connaît" in refused.stderr
    assert "relancez avec --office-fingerprint" in refused.stderr
    assert "Envoi écrit sur la clé USB, chiffré pour le bureau : 1 entretien terminé." in (
        refused.stdout
    )
    second_print = refused.stderr.split("(empreinte ")[1][:19]
    accepted = run("sync", str(key), "--office-fingerprint", second_print, home=laptop)
    assert accepted.returncode == 0, accepted.stderr
    assert "Bureau enregistré sur cet ordinateur : empreinte" in accepted.stdout


def test_passphrase_is_asked_at_the_terminal(tmp_path: Path) -> None:
    office = tmp_path / "office"
    made = run("office", "init", home=office, stdin="court\ncourt\n")
    assert made.returncode == 1
    assert made.stderr.strip().endswith("La phrase de passe doit avoir au moins 10 caractères")
    made = run("office", "init", home=office, stdin=f"{PASSPHRASE}\n{PASSPHRASE}\n")
    assert made.returncode == 0, made.stderr
    assert (office / "office-identity.age").read_bytes().startswith(b"age-encryption.org/v1")


def test_sync_without_office_pack_says_what_was_not_sent_and_why(tmp_path: Path) -> None:
    key = tmp_path / "key"
    key.mkdir()
    laptop = Place.open(tmp_path / "laptop")
    laptop.interview("Zoë")
    laptop.interview("Ayşe")
    out = run("sync", str(key), home=tmp_path / "laptop", stdin="o\n")
    assert out.returncode == 1
    assert "Non envoyés : 2 entretiens terminés restent sur cet ordinateur" in out.stdout
    assert out.stdout.splitlines()[-1].startswith("Terminé, mais voir les problèmes ci-dessus")
    assert out.stderr.strip() == (
        "Problème : rien n'a été envoyé : cet ordinateur ne connaît pas encore la clé de "
        "chiffrement du bureau ; donnez cette clé USB au bureau pour qu'il la prépare (menu "
        "« Synchroniser » de son ordinateur), puis recommencez"
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


def test_a_withdrawn_laptop_is_refused_and_what_it_sent_stays(tmp_path: Path) -> None:
    office, laptop, key = tmp_path / "office", tmp_path / "laptop", tmp_path / "key"
    key.mkdir()
    assert run("office", "init", env=SECRET, home=office).returncode == 0
    assert run("office", "pack", str(key), env=SECRET, home=office).returncode == 0
    Place.open(laptop).interview("Zoë")
    synced = run("sync", str(key), home=laptop, stdin="o\n")
    laptop_print = synced.stdout.splitlines()[0].removeprefix("Empreinte de cet ordinateur : ")
    assert run("office", "import", str(key), env=SECRET, home=office).returncode == 0  # waits
    assert run("office", "enrol", laptop_print, home=office).returncode == 0
    assert run("office", "import", str(key), env=SECRET, home=office).returncode == 0

    # The laptop is stolen: the coordinator withdraws it.
    unknown = run("office", "withdraw", "AAAA-BBBB-CCCC-DDDD", home=office)
    assert (unknown.returncode, unknown.stderr.strip()) == (
        1,
        "Aucun ordinateur portable connu du bureau n'a l'empreinte AAAA-BBBB-CCCC-DDDD"
        " (« evaluation office laptops » les liste)",
    )
    withdrawn = run("office", "withdraw", laptop_print, home=office)
    assert withdrawn.returncode == 0, withdrawn.stderr
    assert withdrawn.stdout.startswith(f"Ordinateur portable retiré : empreinte {laptop_print}")
    row = run("office", "laptops", home=office).stdout.splitlines()[1]
    day = r"\d\d/\d\d/\d{4}"  # as a French table writes a day, never ISO
    assert re.fullmatch(rf"retiré +{laptop_print} +\S+ +({day}) +\1 +\1", row), row
    # seen, confirmed and withdrawn today, under headers that never run together
    header = run("office", "laptops", home=office).stdout.splitlines()[0]
    assert re.search(r"VU LE +CONFIRMÉ LE +RETIRÉ LE$", header), header
    twice = run("office", "withdraw", laptop_print, home=office)
    assert twice.returncode == 1 and "est déjà retiré" in twice.stderr
    back = run("office", "enrol", laptop_print, home=office)
    assert back.returncode == 1
    assert "a été retiré : pour le reprendre, supprimez le fichier device-key.pem" in back.stderr

    # Whoever holds it now signs a bundle with its key: refused, and it changes nothing.
    Place.open(laptop).interview("Ayşe")
    assert run("sync", str(key), home=laptop, stdin="o\n").returncode == 0
    refused = run("office", "import", str(key), env=SECRET, home=office)
    assert "signé par un ordinateur portable retiré le " in refused.stdout
    assert not re.search(r"\d{4}-\d\d-\d\d", refused.stdout)  # its day in words
    assert "Envois : 0 importé, déjà connus : 0, refusés : 1." in refused.stdout
    assert Place.open(office).workspace.store.count() == 1  # what it sent before stays
