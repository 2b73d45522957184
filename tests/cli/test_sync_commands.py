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
    assert "an office identity already exists; it is never replaced" in again.stderr

    assert run("office", "catalogue", str(SAMPLE), home=office).returncode == 0
    packed = run("office", "pack", str(key), home=office)
    assert packed.stdout.splitlines() == [
        f"office pack written to {key}: 3 files",
        f"office key (laptops show it in Réglages): {recipient}",
    ]

    Place.open(laptop).interview("Zoë")
    synced = run("sync", str(key), home=laptop)
    assert synced.returncode == 0, synced.stderr
    lines = synced.stdout.splitlines()
    assert lines[0] == f"office key enrolled: {recipient}"
    assert lines[1] == "catalogue updated: 11 services"
    assert lines[-1].startswith(f"bundle written: {key}/evaluation/bundles/evaluation-")
    assert lines[-1].endswith("-000001.age (1 records)")

    wrong = run(
        "office", "import", str(key), env={"EVALUATION_OFFICE_PASSPHRASE": "non"}, home=office
    )
    assert (wrong.returncode, wrong.stderr.strip()) == (
        1,
        "wrong passphrase for the office identity",
    )

    imported = run("office", "import", str(key), "--passphrase-file", str(phrase), home=office)
    assert imported.returncode == 0, imported.stderr
    assert imported.stdout.splitlines()[-1] == (
        "bundles: 1 imported, 0 already known, 0 refused; interviews: 1 new, 0 already known,"
        " 0 conflicts, 0 erased"
    )
    back = run("sync", str(key), home=laptop)
    assert "bundles acknowledged by the office: 1" in back.stdout
    assert back.stdout.splitlines()[-1] == "nothing new to send"


def test_passphrase_is_asked_at_the_terminal(tmp_path: Path) -> None:
    office = tmp_path / "office"
    made = run("office", "init", home=office, stdin="court\ncourt\n")
    assert made.returncode == 1
    assert made.stderr.strip().endswith("the passphrase must have at least 10 characters")
    made = run("office", "init", home=office, stdin=f"{PASSPHRASE}\n{PASSPHRASE}\n")
    assert made.returncode == 0, made.stderr
    assert (office / "office-identity.age").read_bytes().startswith(b"age-encryption.org/v1")


def test_sync_without_office_pack_says_what_to_do(tmp_path: Path) -> None:
    key = tmp_path / "key"
    key.mkdir()
    out = run("sync", str(key), home=tmp_path / "laptop")
    assert out.returncode == 1
    assert out.stderr.strip() == (
        "problem: no office key yet: ask the office to prepare this USB key"
        " (evaluation office pack)"
    )
