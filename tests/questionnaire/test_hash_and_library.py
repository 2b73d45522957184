"""Content hash stability and the library of versions (shipped and installed)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from evaluation.files.safe_yaml import read_yaml
from evaluation.questionnaire import DefinitionError, Library, load_bytes
from evaluation.questionnaire.library import shipped_dir
from tests.conftest import EN, MINI, english

GOOD = MINI.read_text(encoding="utf-8")


def test_hash_ignores_formatting_comments_and_key_order() -> None:
    data = read_yaml(GOOD.encode()).data
    reordered = dict(reversed(list(data.items())))
    restyled = yaml.safe_dump(reordered, allow_unicode=True, default_flow_style=False, width=40)
    assert restyled != GOOD
    assert load_bytes(restyled.encode(), "a").sha256 == load_bytes(GOOD.encode(), "b").sha256


def test_hash_changes_with_content() -> None:
    changed = GOOD.replace("Un atelier pour débuter", "Un atelier pour commencer")
    assert load_bytes(changed.encode(), "a").sha256 != load_bytes(GOOD.encode(), "b").sha256


def test_hash_is_a_known_value_for_the_shipped_questionnaire() -> None:
    library = Library.discover()
    published = library.get("diagnostic-base", 1)
    assert published is not None
    # Recomputing from the file gives the same hash every time (stable across runs).
    again = load_bytes(published.path.read_bytes(), "again")
    assert again.sha256 == published.sha256


def install(home: Path, qid: str, version: int, text: str) -> Path:
    path = home / "questionnaires" / qid / f"{version}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_shipped_library_has_diagnostic_base() -> None:
    library = Library.discover()
    assert library.problems == []
    latest = library.latest("diagnostic-base")
    assert latest is not None
    assert latest.questionnaire.version == 3
    assert library.get("diagnostic-base", 1) is not None  # kept: old interviews use it
    assert latest.origin == "shipped"
    assert latest.path.parent.parent == shipped_dir()


def test_installed_versions_are_found_and_newest_is_default(home: Path) -> None:
    install(home, "mini", 1, GOOD)
    install(home, "mini", 2, GOOD.replace("version: 1", "version: 2"))
    library = Library.discover(home / "questionnaires")
    latest = library.latest("mini")
    assert latest is not None
    assert (latest.questionnaire.version, latest.origin) == (2, "installed")
    assert library.get("mini", 1) is not None


def test_same_version_different_content_is_refused(home: Path, tmp_path: Path) -> None:
    shipped = tmp_path / "shipped"
    (shipped / "mini").mkdir(parents=True)
    shutil.copy(MINI, shipped / "mini" / "1.yaml")
    install(home, "mini", 1, GOOD.replace("Mini diagnostic", "Autre diagnostic", 1))
    library = Library.discover(home / "questionnaires", shipped=shipped)
    published = library.get("mini", 1)
    assert published is not None
    assert published.origin == "shipped"
    assert len(library.problems) == 1
    assert "mini version 1 differs from" in library.problems[0].render(EN)
    assert "a published version is never edited" in library.problems[0].render(EN)


def test_same_version_same_content_is_accepted(home: Path, tmp_path: Path) -> None:
    shipped = tmp_path / "shipped"
    (shipped / "mini").mkdir(parents=True)
    shutil.copy(MINI, shipped / "mini" / "1.yaml")
    install(home, "mini", 1, "# a copy with a comment\n" + GOOD)
    library = Library.discover(home / "questionnaires", shipped=shipped)
    assert library.problems == []


def test_file_name_must_match_content(home: Path) -> None:
    path = install(home, "mini", 3, GOOD)
    library = Library()
    with pytest.raises(DefinitionError) as caught:
        library.add(path, "installed")
    assert "holds mini version 1, so it must be named mini/1.yaml" in english(caught.value)[0]


def test_broken_installed_file_does_not_hide_the_others(home: Path) -> None:
    install(home, "mini", 1, GOOD)
    install(home, "mini", 2, "id: [")
    library = Library.discover(home / "questionnaires")
    assert library.latest("mini") is not None
    assert len(library.problems) == 1
    assert "invalid YAML" in library.problems[0].render(EN)


def test_a_third_language_or_a_recording_changes_the_hash() -> None:
    base = load_bytes(GOOD.encode(), "b").sha256
    old = "title: {fr: Sécurité, en: Safety}"
    uk = GOOD.replace(old, "title: {fr: Sécurité, en: Safety, uk: Безпека}")
    assert load_bytes(uk.encode(), "a").sha256 != base
    recorded = GOOD.replace(old, "title: {fr: Sécurité, en: Safety, audio: {fr: securite.ogg}}")

    def hash_with(data: bytes) -> str:
        return load_bytes(recorded.encode(), "a", lambda file: data).sha256

    first = hash_with(b"OggS one recording")
    assert first not in {base, hash_with(b"OggS another recording")}
    assert first == hash_with(b"OggS one recording")
