"""The mediator's aide-mémoire: two printable pages, written where asked."""

from __future__ import annotations

from pathlib import Path

from evaluation.files.disk import write_output
from evaluation.i18n import Message
from evaluation.structure.aide_memoire import AideMemoire
from exports.aide_memoire import render_aide_memoire
from exports.printer import print_pdf


def write_aide_memoire(content: AideMemoire, path: Path) -> Path:
    """Write the two pages as a PDF at `path`; the file written."""
    write_output(path, render_aide_memoire(content))
    return path


def print_aide_memoire(path: Path) -> Message | None:
    """Send it to the default printer; why it did not go, or None."""
    return print_pdf(path)
