"""`evaluation questionnaires list|check`, run as real commands."""

from __future__ import annotations

from pathlib import Path

from evaluation.questionnaire import Library
from tests.cli.helpers import ROOT, run
from tests.conftest import MINI


def test_list_shows_the_default_diagnostic(home: Path) -> None:
    out = run("questionnaires", "list", home=home)
    assert out.returncode == 0, out.stderr
    header, *rows = out.stdout.splitlines()
    assert header.split() == [
        "ID",
        "VERSION",
        "TITRE",
        "QUESTIONS",
        "COMPÉTENCES",
        "SHA256",
        "ORIGINE",
    ]
    row = next(r for r in rows if r.startswith("diagnostic-base "))
    published = Library.discover().get("diagnostic-base", 1)
    assert published is not None
    fields = row.split()
    assert fields[1] == "1"
    assert published.sha256[:12] in fields
    assert fields[-1] == "livré"
    assert str(len(published.questionnaire.questions)) in fields
    assert out.stderr == ""


def test_list_in_english_shows_english_title(home: Path) -> None:
    out = run("--lang", "en", "questionnaires", "list", home=home)
    published = Library.discover().get("diagnostic-base", 1)
    assert published is not None and published.questionnaire.title.en
    assert published.questionnaire.title.en in out.stdout


def test_list_reports_broken_installed_file(home: Path) -> None:
    broken = home / "questionnaires" / "mini" / "1.yaml"
    broken.parent.mkdir(parents=True)
    broken.write_text("id: mini\nversion: 1\nsurprise: true\n", encoding="utf-8")
    out = run("questionnaires", "list", home=home)
    assert out.returncode == 0
    assert "diagnostic-base" in out.stdout
    assert f"{broken}:3: surprise: clé inconnue" in out.stderr
    assert "Traceback" not in out.stderr


def test_check_every_shipped_file(home: Path) -> None:
    shipped = sorted((ROOT / "questionnaires").rglob("*.yaml"))
    assert shipped
    out = run("questionnaires", "check", *map(str, shipped), home=home)
    assert out.returncode == 0, out.stderr
    assert out.stdout.count("ok  ") == len(shipped)


def test_check_a_folder(home: Path) -> None:
    out = run("questionnaires", "check", "questionnaires", home=home)
    assert out.returncode == 0, out.stderr
    assert "diagnostic-base 1" in out.stdout


def test_check_refuses_a_broken_file_without_traceback(home: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(MINI.read_text(encoding="utf-8").replace("kind: frequency", "kind: dial"))
    out = run("questionnaires", "check", str(MINI), str(bad), home=home, cwd=tmp_path)
    assert out.returncode == 1
    assert "ok  " in out.stdout
    lines = out.stderr.splitlines()
    assert lines[0].startswith("bad.yaml:")
    assert "sections[1].questions[2].kind: type « dial » inconnu" in lines[0]
    assert lines[-1] == "1 fichier refusé sur 2"
    assert "Traceback" not in out.stderr


def test_check_missing_file(home: Path, tmp_path: Path) -> None:
    out = run("questionnaires", "check", "nowhere.yaml", home=home, cwd=tmp_path)
    assert out.returncode == 1
    assert out.stderr.splitlines() == [
        "nowhere.yaml: lecture impossible (introuvable)",
        "1 fichier refusé sur 1",
    ]


def test_every_command_has_help_with_an_example(home: Path) -> None:
    import click

    from evaluation.cli.group import cli

    ctx = click.Context(cli)
    paths: list[list[str]] = [[]]
    for name in cli.list_commands(ctx):
        command = cli.get_command(ctx, name)
        if isinstance(command, click.Group):
            paths += [[name, sub] for sub in command.list_commands(ctx)]
        else:
            paths.append([name])
    assert len(paths) > 15
    for args in paths:
        out = run(*args, "--help", home=home)
        assert out.returncode == 0, args
        page = out.stdout.replace("\u00a0", " ")  # French spaces are no-break ones there
        assert "Exemple : evaluation" in page, args
        assert "Utilisation :" in page, args  # click's own words are French too
        example = " ".join(page.split()).split("Exemple : evaluation", 1)[1]
        assert example.strip().startswith(" ".join(args)), (args, example)
