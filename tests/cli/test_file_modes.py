"""Every file the app writes about a person is its owner's only (0600, folders 0700):
another account on the laptop, or a shared one, reads none of them."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.cli.helpers import run
from tests.sync.helpers import Place


@pytest.fixture(autouse=True)
def open_umask() -> Iterator[None]:
    """The usual umask (022): what the app writes must not depend on the person's."""
    before = os.umask(0o022)
    yield
    os.umask(before)


def modes(*places: Path) -> dict[str, str]:
    """Every file and folder under `places` (and themselves) with its permission bits."""
    found = {}
    for place in places:
        for path in [place, *place.rglob("*")]:
            found[str(path)] = oct(stat.S_IMODE(path.lstat().st_mode))
    return found


def private(found: dict[str, str]) -> dict[str, str]:
    """What should be 0700 (a folder) or 0600 (a file) and is not."""
    return {
        name: mode
        for name, mode in found.items()
        if mode != ("0o700" if Path(name).is_dir() else "0o600")
    }


def test_the_data_folder_the_database_sheets_and_exports_are_the_owners_only(
    tmp_path: Path,
) -> None:
    home = tmp_path / "donnees"
    laptop = Place.open(home)
    interview = laptop.interview("Zoë")
    log = modes(*home.glob("evaluation.sqlite3-*"))  # while open: its log and shared memory
    assert sorted(Path(name).name for name in log) == [
        "evaluation.sqlite3-shm", "evaluation.sqlite3-wal",
    ]  # fmt: skip
    assert private(log) == {}
    laptop.workspace.store.close()
    outputs = tmp_path / "sorties"
    outputs.mkdir()
    for args in (
        ("sheet", interview[:8]),
        ("sheet", interview[:8], "--large"),
        ("report", "--output", str(outputs / "rapport.pdf")),
        ("report", "--output", str(outputs / "rapport.csv")),
        ("export", "cra", "--output", str(outputs / "cra.xlsx")),
        ("export", "cra", "--output", str(outputs / "cra.csv")),
        ("questionnaires", "paper", "diagnostic-base", "--output", str(outputs / "papier.pdf")),
    ):
        out = run(*args, home=home)
        assert out.returncode == 0, out.stderr
    written = modes(home)
    assert {Path(name).name for name in written} >= {
        "donnees", "evaluation.sqlite3", "exports", "device-id",
    }  # fmt: skip
    assert len(list((home / "exports").glob("*.pdf"))) == 2
    assert private(written) == {}
    documents = modes(*outputs.iterdir())
    assert len(documents) == 5
    assert private(documents) == {}


def test_an_older_data_folder_open_to_every_account_is_closed_at_the_next_start(
    tmp_path: Path,
) -> None:
    home = tmp_path / "donnees"
    laptop = Place.open(home)
    laptop.interview("Zoë")
    laptop.workspace.store.close()
    (home / "exports").mkdir(exist_ok=True)
    for path in [home, *home.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)  # as versions before this one left it
    out = run("sessions", "list", home=home)
    assert out.returncode == 0, out.stderr
    # The folders closed, no other account reaches what is in them; the database too.
    closed = {p.name: oct(stat.S_IMODE(p.stat().st_mode)) for p in (home, home / "exports")}
    assert closed == {"donnees": "0o700", "exports": "0o700"}
    assert oct(stat.S_IMODE((home / "evaluation.sqlite3").stat().st_mode)) == "0o600"
