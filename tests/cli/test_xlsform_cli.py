"""`evaluation questionnaires import|export` with XLSForm workbooks, run as real commands."""

from __future__ import annotations

from pathlib import Path

from evaluation.questionnaire import Library, load_file
from tests.cli.helpers import run
from tests.questionnaire.xlsform_forms import save, set_cell, sheets


def test_export_then_import_prints_the_same_sha256_and_writes_a_checked_yaml(
    home: Path, tmp_path: Path
) -> None:
    published = Library.discover().get("diagnostic-base", 2)
    assert published is not None
    form = tmp_path / "diagnostic.xlsx"
    out = run(
        "questionnaires",
        "export",
        "diagnostic-base",
        "--version",
        "2",
        "--output",
        str(form),
        home=home,
    )  # fmt: skip  (XLSForm is the default, its only format)
    assert out.returncode == 0, out.stderr
    assert published.sha256 in out.stdout and form.stat().st_size > 5000
    out = run("questionnaires", "import", str(form), "--output", str(tmp_path / "q"), home=home)
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith(f"Version importée : diagnostic-base 2  sha256 {published.sha256}")
    written = tmp_path / "q" / "diagnostic-base" / "2.yaml"
    assert load_file(written).sha256 == published.sha256
    check = run("questionnaires", "check", str(written), home=home)
    assert check.returncode == 0, check.stderr
    again = run("questionnaires", "import", str(form), "--output", str(tmp_path / "q"), home=home)
    assert again.returncode == 0 and "Version déjà là, identique" in again.stdout


def test_import_never_replaces_a_version_with_other_content(home: Path, tmp_path: Path) -> None:
    form = save(tmp_path / "mini.xlsx", sheets())
    output = tmp_path / "q"
    assert (
        run("questionnaires", "import", str(form), "--output", str(output), home=home).returncode
        == 0
    )
    yaml = output / "mini-xls" / "3.yaml"
    before = yaml.read_bytes()
    changed = sheets()
    changed["survey"][2][2] = "Quels appareils avez-vous ?"
    save(form, changed)
    out = run("questionnaires", "import", str(form), "--output", str(output), home=home)
    assert out.returncode == 1
    assert out.stderr.strip() == (
        f"{yaml}: ce fichier existe déjà avec un autre contenu pour la version 3 de « mini-xls » : "
        "il n'est pas remplacé ; changez le numéro « version » de la feuille settings"
    )
    assert yaml.read_bytes() == before


def test_import_refuses_a_version_the_library_has_with_other_content(
    home: Path, tmp_path: Path
) -> None:
    content = sheets()
    content["settings"][1][0] = "diagnostic-base"
    content["settings"][1][1] = 1
    form = save(tmp_path / "f.xlsx", content)
    out = run("questionnaires", "import", str(form), "--output", str(tmp_path / "q"), home=home)
    assert out.returncode == 1
    assert "la version 1 de « diagnostic-base » existe déjà avec un autre contenu" in out.stderr
    assert not (tmp_path / "q").exists()


def test_import_copies_the_recordings_beside_the_yaml(home: Path, tmp_path: Path) -> None:
    content = sheets()
    set_cell(content, "survey", 3, "media::audio::Français (fr)", "sons/appareils.ogg")
    (tmp_path / "sons").mkdir()
    (tmp_path / "sons" / "appareils.ogg").write_bytes(b"OggS recording")
    form = save(tmp_path / "f.xlsx", content)
    out = run("questionnaires", "import", str(form), "--output", str(tmp_path / "q"), home=home)
    assert out.returncode == 0, out.stderr
    assert "1 enregistrement sonore copié à côté" in out.stdout
    copied = tmp_path / "q" / "mini-xls" / "sons" / "appareils.ogg"
    assert copied.read_bytes() == b"OggS recording"
    q = load_file(tmp_path / "q" / "mini-xls" / "3.yaml").questionnaire
    assert q.questions[0].text.recording("fr") == "sons/appareils.ogg"


def test_a_refused_workbook_is_one_line_per_problem_in_english_too(
    home: Path, tmp_path: Path
) -> None:
    content = sheets()
    content["survey"][3][0] = "geopoint"
    set_cell(content, "survey", 5, "relevant", "today() > 3")
    form = save(tmp_path / "f.xlsx", content)
    out = run("--lang", "en", "questionnaires", "import", str(form), home=home, cwd=tmp_path)
    assert out.returncode == 1
    assert out.stderr.splitlines() == [
        "f.xlsx: sheet « survey », row 4, column « type »: type « geopoint » not supported: only "
        "select_one <list> (or_other allowed), select_multiple <list>, text, note, integer, "
        "decimal, date, begin_group and end_group are "
        "(no repeat, calculation, GPS, file or image)",
        "f.xlsx: sheet « survey », row 5, column « relevant »: function « today » not supported: "
        "only selected(), count-selected() and not() are, with =, !=, >=, <=, >, <, and, or and "
        "brackets",
    ]
    assert not (tmp_path / "questionnaires").exists()


def test_export_of_an_unknown_questionnaire_is_one_line(home: Path, tmp_path: Path) -> None:
    out = run(
        "questionnaires", "export", "inconnu", "--xlsform", "--output", str(tmp_path / "x.xlsx"),
        home=home,
    )  # fmt: skip
    assert out.returncode == 1
    assert out.stderr.startswith("Aucun questionnaire « inconnu » ; versions connues : ")
    assert "Traceback" not in out.stderr and not (tmp_path / "x.xlsx").exists()


def test_both_commands_have_help_with_an_example(home: Path) -> None:
    for command in ("import", "export"):
        out = run("questionnaires", command, "--help", home=home)
        assert out.returncode == 0
        assert "Exemple : evaluation questionnaires " + command in " ".join(out.stdout.split())


def test_import_without_output_installs_the_version_in_the_data_folder(
    home: Path, tmp_path: Path
) -> None:
    form = save(tmp_path / "mini.xlsx", sheets())
    out = run("questionnaires", "import", str(form), home=home)
    assert out.returncode == 0, out.stderr
    assert (home / "questionnaires" / "mini-xls" / "3.yaml").is_file()
    listed = run("questionnaires", "list", home=home)
    row = next(r for r in listed.stdout.splitlines() if r.startswith("mini-xls "))
    assert row.split()[1] == "3" and row.split()[-1] == "installé"


def test_a_kobo_form_goes_from_starter_to_installed_version(home: Path, tmp_path: Path) -> None:
    from tests.questionnaire.test_xlsform_kobo import fill, kobo

    form = save(tmp_path / "kobo.xlsx", kobo())
    starter = tmp_path / "a-noter.xlsx"
    out = run("questionnaires", "import", str(form), "--starter", str(starter), home=home)
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith(f"classeur de départ écrit : {starter} (ajouté : by_level, ")
    refused = run("questionnaires", "import", str(starter), home=home, cwd=tmp_path)
    assert refused.returncode == 1
    assert refused.stderr.splitlines()[0] == (
        "a-noter.xlsx: feuille « competences », ligne 2, colonne « crcn » : champ obligatoire "
        "manquant"
    )
    fill(
        starter,
        {
            "competences": {"crcn": "1.1", "digcomp": "2.1"},
            "by_level": {"can_do::Français (fr)": "Vous savez.", "next::Français (fr)": "Après."},
        },
    )
    output = tmp_path / "q"
    done = run("questionnaires", "import", str(starter), "--output", str(output), home=home)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[0] == (
        "lignes qu'ODK remplit lui-même, laissées de côté : start, end, audit"
    )
    assert (output / "kobo-diag" / "1.yaml").is_file()
    again = run(
        "questionnaires", "import", str(starter), "--starter", str(tmp_path / "x.xlsx"), home=home
    )
    assert again.returncode == 1 and "rien à ajouter" in again.stderr
