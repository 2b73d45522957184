"""Printing the sheet through a real CUPS queue that prints to PDF (cups-pdf).

`.ci/setup-debian` installs CUPS and cups-pdf and adds the `evaluation-pdf` queue; on a
machine without them this test is skipped and `test_sheet.py` checks the exact `lp` call.
"""

from __future__ import annotations

import os
import pwd
import re
import subprocess
import time
from pathlib import Path

import pytest

from evaluation.operations.sheets import write_sheet
from exports.printer import print_pdf
from tests.exports.test_sheet import interview, text_of

QUEUE = "evaluation-pdf"
CUPS_PDF_CONF = Path("/etc/cups/cups-pdf.conf")


def cups_pdf_output() -> Path:
    """Where cups-pdf writes the jobs of the current user (its `Out` setting)."""
    out = "${HOME}/PDF"
    for line in CUPS_PDF_CONF.read_text(encoding="utf-8").splitlines():
        if match := re.match(r"^Out\s+(\S+)", line):
            out = match.group(1)
    home = pwd.getpwuid(os.getuid()).pw_dir
    return Path(out.replace("${HOME}", home))


def queue_ready() -> bool:
    try:
        done = subprocess.run(["lpstat", "-p", QUEUE], capture_output=True, check=False)
    except FileNotFoundError:
        return False
    return done.returncode == 0 and CUPS_PDF_CONF.exists()


@pytest.mark.skipif(not queue_ready(), reason=f"no CUPS queue '{QUEUE}' (run .ci/setup-debian)")
def test_sheet_prints_on_a_real_cups_queue(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LPDEST", QUEUE)  # lp's own way to pick a queue; users get the default
    session = interview(home, "Łukasz")
    sheet = write_sheet(session)
    assert sheet.parent == home / "exports"
    output = cups_pdf_output()
    before = set(output.glob("*.pdf")) if output.exists() else set()

    assert print_pdf(sheet) is None

    printed: set[Path] = set()
    deadline = time.monotonic() + 60
    while not printed and time.monotonic() < deadline:
        time.sleep(0.2)
        ready = set(output.glob("*.pdf")) - before if output.exists() else set()
        printed = {p for p in ready if sheet.stem in p.name and p.stat().st_size > 0}
    assert printed, f"cups-pdf wrote nothing into {output} within 60 s"
    (path,) = printed
    time.sleep(0.5)  # cups-pdf renames the file into place once written
    pages, text = text_of(path.read_bytes())
    path.unlink()
    assert pages == text_of(sheet.read_bytes())[0]
    # cups-pdf re-distils with Ghostscript, which drops the map from glyphs back to
    # accented letters: only the plain-ASCII text can be read back from its output.
    assert "ukasz" in text
    assert "Association Clic Solidaire" in text
    assert re.search(r"version \d+ \S page \d sur \d", text) and "page 1" in text
