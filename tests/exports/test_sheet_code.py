"""The progress code on both sheets, in every language: read back from the PDF with
pdftotext, it gives this visit's levels and month."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from evaluation.interview.return_code import PreviousVisit, read_code
from evaluation.operations.sheets import write_sheet
from evaluation.session import Session
from tests.exports.test_sheet import interview

CODE = re.compile(r"\b[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z*~$=](?![0-9A-Z])")
KEEP = {
    "fr": "Gardez cette feuille : la prochaine fois, donnez ce code, on verra vos progrès.",
    "en": "Keep this sheet: next time, give this code and we will see your progress.",
    "uk": "Gardez cette feuille : la prochaine fois, donnez ce code, on verra vos progrès.",
}


def pdftotext(path: Path) -> str:
    done = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True, text=True)
    return done.stdout


def code_on(path: Path) -> str:
    """The one progress code printed on a sheet."""
    found = CODE.findall(pdftotext(path))
    assert len(found) == 1, found
    return str(found[0])


def read_back(session: Session, code: str) -> PreviousVisit:
    known = [p.questionnaire for p in session.workspace.library.all()]
    read = read_code(code, known)
    assert isinstance(read, PreviousVisit), read
    return read


@pytest.mark.parametrize("large", [False, True])
@pytest.mark.parametrize("lang", ["fr", "en", "uk"])
def test_the_sheet_carries_this_visits_code(home: Path, lang: str, large: bool) -> None:
    session = interview(home, "Zoë", lowest=False)
    session.workspace.store.set_lang(session.id, lang)
    session = Session.load(session.workspace, session.id)
    path = write_sheet(session, large=large)
    read = read_back(session, code_on(path))
    levels = {c.competence_id: c.level_id for c in session.result().competences}
    assert read.levels == {k: v for k, v in levels.items() if v is not None}
    assert read.month == f"{session.day:%Y-%m}"
    assert (read.questionnaire_id, read.questionnaire_version) == (
        session.record.questionnaire_id,
        session.record.questionnaire_version,
    )
    assert KEEP[lang] in " ".join(pdftotext(path).split())


def test_two_visitors_with_other_levels_get_other_codes(home: Path) -> None:
    best = interview(home, "Zoë", lowest=False)
    lowest = interview(home, "Bjørn", lowest=True)
    codes = {code_on(write_sheet(s)) for s in (best, lowest)}
    assert len(codes) == 2


@pytest.mark.parametrize("large", [False, True])
def test_the_widest_code_is_never_cut_across_two_lines(home: Path, large: bool) -> None:
    """A code of the widest letters stays on one line (cut at a hyphen, it would not
    read back whole)."""
    from dataclasses import replace

    from evaluation.operations.sheets import sheet_content
    from exports.sheet import render_sheet
    from exports.sheet_large import render_large_sheet
    from tests.conftest import FR

    session = interview(home, "Zoë")
    content = replace(sheet_content(session), code="WWWWMMMMW")
    render = render_large_sheet if large else render_sheet
    path = home / "widest.pdf"
    path.write_bytes(render(content, FR))
    assert code_on(path) == "WWWW-MMMM-W"
