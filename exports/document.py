"""The house layout of every A4 document (skills sheet, report, paper form), in one place.

Body text at 12 pt at least, black on white, DejaVu Sans (embedded, so every name
prints: Zoë, Nguyễn, Łukasz, Ayşe, Bjørn, Ñuñez).
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from functools import cache
from importlib.resources import as_file, files
from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, SimpleDocTemplate, paragraph

from evaluation.french_text import words

PAGE = A4
MARGIN = 13 * mm
FONT, BOLD = "DejaVuSans", "DejaVuSans-Bold"
INK = colors.black
MUTED = colors.HexColor("#333333")
BAR_FILL = colors.HexColor("#1f4e79")
BAR_EMPTY = colors.white


_split = paragraph.split


def _words(text: str | bytes, delim: str | None = None) -> list[str]:
    if delim is not None:
        return list(_split(text, delim))
    return words(text.decode("utf-8") if isinstance(text, bytes) else text)


def keep_french_spaces() -> None:
    """Make reportlab break lines only where French allows (`evaluation.french_text`): never
    before « : ; ? ! » » nor after « « ». Its Paragraph cuts words with the module's
    `split`, at any white space but U+00A0, and offers no setting: `split` is replaced
    by one that cuts the same way, at the spaces French lets a line break at."""
    paragraph.split = _words


keep_french_spaces()


@cache
def register_fonts() -> None:
    """Embed DejaVu Sans (Bitstream Vera licence, see evaluation/data/fonts/LICENSE)."""
    folder = files("evaluation") / "data" / "fonts"
    for name, file in ((FONT, "DejaVuSans.ttf"), (BOLD, "DejaVuSans-Bold.ttf")):
        with as_file(folder / file) as path:
            pdfmetrics.registerFont(TTFont(name, str(path)))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=BOLD)


def styles() -> dict[str, ParagraphStyle]:
    register_fonts()
    body = ParagraphStyle("body", fontName=FONT, fontSize=12, leading=14, textColor=INK)
    return {
        "title": ParagraphStyle("title", parent=body, fontName=BOLD, fontSize=20, leading=24),
        "subtitle": ParagraphStyle("subtitle", parent=body, textColor=MUTED),
        "heading": ParagraphStyle(
            "heading", parent=body, fontName=BOLD, fontSize=15, leading=18, spaceBefore=6
        ),
        "competence": ParagraphStyle("competence", parent=body, fontName=BOLD),
        "body": body,
        "step": ParagraphStyle("step", parent=body, fontName=BOLD, spaceBefore=3),
        "detail": ParagraphStyle("detail", parent=body, leftIndent=10),
        "warning": ParagraphStyle("warning", parent=body, fontName=BOLD),
        # The progress code, read aloud and typed at the next visit.
        "code": ParagraphStyle("code", parent=body, fontName=BOLD, fontSize=16, leading=18),
        "code_note": ParagraphStyle("code_note", parent=body, fontSize=9, leading=10.5),
        # The version line is for the mediator and the office, not the visitor.
        "small": ParagraphStyle("small", parent=body, fontSize=9, leading=11, textColor=MUTED),
    }


LARGE = 14  # the least size of a large-print document, its footer included


def large_styles() -> dict[str, ParagraphStyle]:
    """The house styles in large print (FALC): 16 pt body, nothing under 14 pt, left
    aligned, no italics, generous leading; the same names as `styles()`."""
    register_fonts()
    body = ParagraphStyle("large", fontName=FONT, fontSize=16, leading=21, textColor=INK)
    return {
        "title": ParagraphStyle("title", parent=body, fontName=BOLD, fontSize=26, leading=32),
        "subtitle": body,
        "heading": ParagraphStyle(
            "heading", parent=body, fontName=BOLD, fontSize=21, leading=26, spaceBefore=12
        ),
        "competence": ParagraphStyle("competence", parent=body, fontName=BOLD, spaceBefore=6),
        "body": body,
        "step": ParagraphStyle("step", parent=body, fontName=BOLD, fontSize=18, spaceBefore=10),
        "detail": ParagraphStyle("detail", parent=body, fontName=BOLD),
        "warning": ParagraphStyle("warning", parent=body, fontName=BOLD),
        "code": ParagraphStyle("code", parent=body, fontName=BOLD, fontSize=32, leading=40),
        "small": ParagraphStyle("small", parent=body, fontSize=LARGE, leading=18),
    }


def build_pdf(
    story: list[Flowable],
    title: str,
    author: str,
    footer: str = "",
    footer_size: float = 8,
    decorate: Callable[[Canvas, int], None] | None = None,
) -> bytes:
    """An A4 document with the house margins, built from `story`, as bytes; `footer` is
    printed in the bottom margin of every page (`footer_size` points, small unless large
    print asks), `{page}` in it replaced by the page number and `{pages}` by the number
    of pages; `decorate` draws more on each page (given the page number)."""
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=PAGE,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        title=title,
        author=author,
        creator="evaluation",
    )

    def draw_footer(canvas: Canvas, page: int, pages: int) -> None:
        canvas.saveState()
        canvas.setFont(FONT, footer_size)
        canvas.setFillColor(MUTED)
        said = footer.replace("{page}", str(page)).replace("{pages}", str(pages))
        canvas.drawString(MARGIN, MARGIN / 2, said)
        canvas.restoreState()

    def draw_page(canvas: Canvas, document: SimpleDocTemplate) -> None:
        if decorate is not None:
            decorate(canvas, document.page)

    footed = _footed(draw_footer) if footer else Canvas
    doc.build(story, onFirstPage=draw_page, onLaterPages=draw_page, canvasmaker=footed)
    return buffer.getvalue()


def _footed(draw: Callable[[Canvas, int, int], None]) -> type[Canvas]:
    """A canvas that holds its pages until the end, so that each footer can say how many
    pages there are (« page 1 sur 2 »): reportlab's recipe for numbered pages."""

    class Footed(Canvas):  # type: ignore[misc]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._held: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._held.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            for number, page in enumerate(self._held, start=1):
                self.__dict__.update(page)
                draw(self, number, len(self._held))
                super().showPage()
            super().save()

    return Footed


def page_count(pdf: bytes) -> int:
    """The pages of a PDF `build_pdf` wrote: one `/Type /Page` object each (the page
    tree is `/Type /Pages`)."""
    return len(re.findall(rb"/Type /Page(?![A-Za-z])", pdf))
