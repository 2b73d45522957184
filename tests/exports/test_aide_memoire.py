"""The mediator's aide-mémoire, written by the real command and read back: two A4
pages holding every key F1 shows on the screens of a day, the consent words and what to
do when something fails, in French and in English."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from evaluation.i18n import translator
from evaluation.tui.keys import DAY, FAILURES, day_sections
from tests.cli.helpers import run
from tests.exports.test_sheet import poppler


def flat(text: str) -> str:
    """Text without its spaces: pdftotext reads "↑ ↓" as "↑↓", and a wrapped title has
    its line break where the source had a space."""
    return re.sub(r"\s+", "", text)


def column_texts(pdf: Path) -> list[str]:
    """Each page's left column, then its right one, as pdftotext reads them (a page read
    whole puts the two columns' lines side by side)."""
    columns = []
    for page in (1, 2):
        for x in (0, 298):
            crop = ["-f", str(page), "-l", str(page), "-x", str(x), "-y", "0", "-W", "298"]
            columns.append(
                subprocess.run(
                    [poppler("pdftotext"), *crop, "-H", "842", str(pdf), "-"],
                    capture_output=True,
                    text=True,
                    check=True,
                ).stdout
            )
    return columns


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_two_pages_with_every_key_of_the_day(tmp_path: Path, lang: str) -> None:
    pdf = tmp_path / "aide.pdf"
    done = run("--lang", lang, "aide-memoire", "--output", str(pdf), home=tmp_path / "home")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == str(pdf)
    reader = PdfReader(pdf)
    assert len(reader.pages) == 2
    for page in reader.pages:
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (595, 842)
    text = flat("".join(column_texts(pdf)))
    t = translator(lang)
    for section in day_sections(t):
        assert flat(section.title) in text
        for keys, does in section.keys:
            assert flat(keys) in text
            assert flat(does) in text, does
    assert flat(t("memo.consent.script")) in text
    for failure in FAILURES:
        assert flat(t(f"memo.failure.{failure}")) in text


def test_every_screen_of_the_day_lists_its_keys() -> None:
    """A screen of the day with no key would print an empty box: each has some, and the
    question screen has the digits, « Je ne sais pas » and the visitor view."""
    t = translator("fr")
    sections = dict(zip([title for title, _ in DAY], day_sections(t), strict=False))
    assert all(section.keys for section in sections.values())
    question = dict(sections["memo.section.question"].keys)
    assert question["1 … 9"] == t("key.choose")
    assert question["v"] == t("key.visitor_view")


def test_a_printer_that_refuses_is_said_in_one_line(tmp_path: Path) -> None:
    pdf = tmp_path / "aide.pdf"
    done = run(
        "aide-memoire",
        "--output",
        str(pdf),
        "--print",
        home=tmp_path / "home",
        env={"PATH": str(tmp_path / "no-lp")},
    )
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
    assert str(pdf) in done.stderr
    assert pdf.stat().st_size > 0
