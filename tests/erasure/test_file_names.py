"""One owner for the names of a person's files: `DataFolder` names every file written
into exports/ for an interview (`sheet`) and finds them for erasure (`files_of`).

Any other module joining a name onto the exports folder is a second owner, which erasure
would not know: only documents that hold nobody (the blank paper forms, the reports'
figures, the aide-mémoire) may be named where they are written.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import evaluation
from evaluation.files.disk import write_durably
from evaluation.machine.paths import data_folder

ROOT = Path(evaluation.__file__).parent
JOINS_EXPORTS = re.compile(r"\.exports\s*/")
HOLD_NOBODY = {
    "cli/aide_memoire.py": "the keys and commands, for the mediator",
    "operations/paper.py": "blank forms: numbers, no visitor",
    "operations/reports.py": "figures over every interview of a period",
}


def test_only_the_data_folder_names_files_in_exports() -> None:
    joining = {
        str(path.relative_to(ROOT))
        for path in ROOT.rglob("*.py")
        if JOINS_EXPORTS.search(path.read_text(encoding="utf-8"))
    }
    assert joining == {"machine/paths.py", *HOLD_NOBODY}


def test_files_of_finds_every_name_it_gives_and_nothing_of_another_interview(
    tmp_path: Path,
) -> None:
    folder = data_folder(tmp_path)
    one, other = "0a1b2c3d-0000-4000-8000-000000000001", "0a1b2c3e-0000-4000-8000-000000000002"
    written = []
    for interview_id in (one, other):
        for large in (False, True):
            for day in (date(2026, 1, 31), date(2026, 12, 7)):
                path = folder.sheet(interview_id, day, large)
                write_durably(path, b"%PDF")
                temp = path.with_name(f"{path.name}.tmp")  # a write cut short
                temp.write_bytes(b"%PDF")
                if interview_id == one:
                    written += [path, temp]
    assert folder.files_of(one) == sorted(written)
    removal = folder.remove_files_of(one)
    assert sorted(removal.removed) == sorted(written) and removal.failed == ()
    assert len(folder.files_of(other)) == 8
    assert folder.files_of("*") == folder.files_of("0a1b2c3[d-e]") == []  # ids, not patterns
