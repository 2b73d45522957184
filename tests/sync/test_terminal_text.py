"""No text from outside gives orders to the terminal.

Every path by which a text written by someone else reaches the screen, found by reading
the code: a file's name on the USB key (office import, laptop sync), a bundle's manifest,
a pack's questionnaire, a questionnaire file (YAML with escapes, XLSForm), a catalogue,
a place name typed in Réglages (shown by `sessions list`, `report`, the TUI), a value
quoted in an error message. Each carries ESC (OSC and CSI sequences), the one-byte CSI
(0x9b), BEL and a bidi override; what comes out is either refused in one French line
naming the file, line and field, or shown written out (`\\x1b`), never obeyed.
"""

from __future__ import annotations

import json
import re
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest

from evaluation.files.disk import write_durably
from evaluation.french_text import controls_in, printable
from evaluation.machine.clock import now
from evaluation.operations.sync import sync
from evaluation.structure.settings import Place as Where
from evaluation.sync.bundle import Manifest, file_name
from evaluation.sync.key import KeyLayout
from evaluation.sync.signing import public_text
from tests.cli.helpers import run
from tests.questionnaire.xlsform_forms import save, sheets
from tests.sync.helpers import PASSPHRASE, OfficeSecret, Place, sealed, sign_pack

OSC = "\x1b]0;pirate\x07"  # retitles the terminal window
CSI = "\x1b[2J"  # clears the screen
C1 = "\x9b31m"  # a CSI in one byte (C1 control)
BIDI = "\u202e"  # what follows reads right to left
HOSTILE = f"Marché{OSC}{CSI}{C1}{BIDI}"
SHOWN = printable(HOSTILE)  # how it is written out: \x1b]0;pirate\x07…
# What must never reach the terminal raw: C0 but line feed, DEL, C1, bidi controls.
RAW = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def questionnaire(written: str, version: int = 2) -> str:
    """The shipped questionnaire with its French title `written` as YAML writes it."""
    source = Path("questionnaires/diagnostic-base/2.yaml").read_text(encoding="utf-8")
    text = re.sub(r"(?m)^(title:\n  fr: ).*$", lambda m: m.group(1) + written, source, count=1)
    assert text != source
    return text.replace("\nversion: 2\n", f"\nversion: {version}\n", 1)


def clean(out: subprocess.CompletedProcess[str]) -> str:
    """stdout and stderr, asserted free of anything a terminal would obey."""
    both = out.stdout + out.stderr
    assert not RAW.search(both), repr(both)
    assert "Traceback" not in both, both
    return both


def test_the_one_function_writes_out_every_control_and_keeps_words() -> None:
    assert printable("Zoë à Saint-Étienne") == "Zoë à Saint-Étienne"
    assert SHOWN == "Marché\\x1b]0;pirate\\x07\\x1b[2J\\x9b31m\\u202e"
    for code in [*range(0x20), *range(0x7F, 0xA0), 0x202E, 0x2066, 0x200F]:
        assert not RAW.search(printable(chr(code)))
    assert controls_in({"a": ["ok\n\tfine", {"b\x1b": "x"}]}) == [(("a", 1, "b\x1b"), "0x1b")]


# --- files a coordinator is handed ----------------------------------------------------


@pytest.mark.parametrize(
    "written",
    [r'"Titre \e]0;pirate\a"', r'"Titre \x1b[2J"', r'"Titre \u009b31m"', r'"Titre \u202e"'],
)
def test_a_questionnaire_with_escapes_is_refused_naming_file_line_and_field(
    home: Path, tmp_path: Path, written: str
) -> None:
    text = questionnaire(written)
    path = tmp_path / "pirate.yaml"
    path.write_text(text, encoding="utf-8")
    out = run("questionnaires", "check", str(path), home=home)
    said = clean(out)
    assert out.returncode == 1
    line = text[: text.index(written)].count("\n") + 1
    assert f"{path}:{line}: title.fr: caractère de contrôle interdit (" in said


def test_an_installed_questionnaire_with_escapes_is_listed_as_refused(home: Path) -> None:
    installed = home / "questionnaires" / "diagnostic-base"
    installed.mkdir(parents=True)
    (installed / "9.yaml").write_text(questionnaire(r'"\e]0;pirate\a"', 9), encoding="utf-8")
    out = run("questionnaires", "list", home=home)
    said = clean(out)
    assert "9.yaml:" in said and "caractère de contrôle interdit (0x1b)" in said


def test_an_xlsform_with_escapes_is_refused_naming_the_cell(home: Path, tmp_path: Path) -> None:
    content = sheets()
    content["survey"][2][2] = f"Quels appareils {C1}{BIDI}?"  # a cell cannot hold ESC itself
    form = save(tmp_path / "pirate.xlsx", content)
    out = run("questionnaires", "import", str(form), "--output", str(tmp_path / "q"), home=home)
    said = clean(out)
    assert out.returncode == 1
    assert "survey" in said and "caractère de contrôle interdit (0x9b)" in said


@pytest.mark.parametrize("field", ["nom", "commune", "telephone"])
def test_a_catalogue_with_escapes_is_refused_naming_the_service_and_field(
    home: Path, tmp_path: Path, field: str
) -> None:
    service = {
        "id": "atelier-1", "source": "s", "structure_id": "x", "nom": "Atelier",
        "description": "d", "date_maj": "2026-01-01", field: f"Niort{OSC}{CSI}",
    }  # fmt: skip
    path = tmp_path / "catalogue.json"
    path.write_text(json.dumps([service]), encoding="utf-8")  # written \u001b
    out = run("office", "catalogue", str(path), home=home)
    said = clean(out)
    assert out.returncode == 1
    assert f"{path}: services[0] (atelier-1): {field}: caractère de contrôle interdit (0x1b)" in (
        said
    )


# --- values typed or quoted -----------------------------------------------------------


@pytest.fixture
def laptop(tmp_path: Path) -> Place:
    """A laptop whose place of the day, typed in Réglages, holds escapes."""
    place = Place.open(tmp_path / "laptop")
    store = place.workspace.store
    settings = store.settings()
    store.save_settings(replace(settings, place=Where(name=HOSTILE)))
    place.interview(f"Zoë{CSI}")
    store.close()
    return place


@pytest.mark.parametrize(
    "args",
    [
        ("sessions", "list"),
        ("sessions", "list", "--json"),
        ("report", "--place", HOSTILE),
        ("sessions", "show", HOSTILE),
        ("erase", HOSTILE, "--yes"),
        ("sheet", OSC + "abcd"),
    ],
)
def test_typed_and_quoted_values_are_shown_written_out(
    laptop: Place, args: tuple[str, ...]
) -> None:
    out = run(*args, home=laptop.folder.root)
    said = clean(out)
    if "--json" in args:
        assert json.loads(out.stdout)[0]["place"] == HOSTILE  # still valid JSON, still the text
    elif args[0] != "sheet":
        assert SHOWN in said


# --- the USB key ----------------------------------------------------------------------


def office_import(office: Place, key: Path) -> str:
    office.workspace.store.close()
    out = run(
        "office", "import", str(key), home=office.folder.root,
        env={"EVALUATION_OFFICE_PASSPHRASE": PASSPHRASE},
    )  # fmt: skip
    return clean(out)


def test_a_file_name_on_the_key_is_shown_written_out_by_office_import(
    office: Place, tmp_path: Path
) -> None:
    key = tmp_path / "key"
    key.mkdir()
    office.pack(key)
    bundles = KeyLayout(key).bundles
    bundles.mkdir(parents=True, exist_ok=True)
    (bundles / f"evaluation-{OSC}{CSI}.age").write_bytes(b"age")
    said = office_import(office, key)
    assert printable(f"evaluation-{OSC}{CSI}.age") in said


def test_a_field_name_in_a_bundle_manifest_is_shown_written_out(
    office: Place, tmp_path: Path, office_secret: OfficeSecret
) -> None:
    key = tmp_path / "key"
    key.mkdir()
    office.pack(key)
    laptop = Place.open(tmp_path / "laptop")
    office.enrol(laptop)
    device = laptop.workspace.store.device
    manifest = Manifest(
        device=device, signing_key=public_text(laptop.device_key), seq=1, created_at=now(),
        counts={}, questionnaires={},
    ).model_dump()  # fmt: skip
    manifest[f"champ{OSC}{CSI}"] = 1
    path = KeyLayout(key).bundles / file_name(device, 1)
    write_durably(path, sealed([json.dumps(manifest)], laptop.device_key, office_secret.recipient))
    said = office_import(office, key)
    assert "refusé" in said


def test_a_pack_questionnaire_with_escapes_is_refused_by_the_laptop_sync(
    office: Place, tmp_path: Path, office_secret: OfficeSecret
) -> None:
    key = tmp_path / "key"
    key.mkdir()
    office.pack(key)
    laptop = Place.open(tmp_path / "laptop")
    office.enrol(laptop)
    sync(laptop.workspace, key)
    hostile = questionnaire(r'"\e]0;pirate\a"', 9)
    sign_pack(key, office_secret.keys, {"questionnaires/diagnostic-base-v9.yaml": hostile.encode()})
    laptop.workspace.store.close()
    out = run("sync", str(key), home=laptop.folder.root, stdin="o\n")
    said = clean(out)
    assert "caractère de contrôle interdit (0x1b)" in said
    assert not (laptop.folder.questionnaires / "diagnostic-base" / "9.yaml").exists()


def test_no_command_writes_to_the_terminal_but_through_the_one_door() -> None:
    """The kind kept out: the CLI shows text only through `evaluation.cli.show`."""
    for path in Path("evaluation/cli").glob("*.py"):
        if path.name == "show.py":
            continue
        text = path.read_text(encoding="utf-8")
        for raw in (
            r"click\.echo\(",
            r"click\.secho\(",
            r"\bprint\(",
            r"sys\.std(out|err)\.write",
            r"\.show\(\)",
        ):
            assert not re.search(raw, text), f"{path}: {raw}"
