"""The activity report's PDF read back as figures: each heading with the (words, count)
pairs of its bars, the timeline's counts and the levels table's rows.

The PDF is read with pypdf, piece of text by piece of text, with its font: headings are
bold and large, a bar's count bold and small (`report_pdf.NUMBER_SIZE` at most).
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field

from pypdf import PdfReader

from exports.report_pdf import NUMBER_SIZE

HEADING_SIZE = 14  # headings (15 pt) are larger than any other text (12 pt at most)


@dataclass(frozen=True)
class Piece:
    text: str
    bold: bool
    size: float


@dataclass
class Section:
    heading: str
    pieces: list[Piece] = field(default_factory=list)

    def bars(self) -> list[tuple[str, int]]:
        """(words, count) per bar: the words come before their bar's count."""
        pairs: list[tuple[str, int]] = []
        words: list[str] = []
        for piece in self.pieces:
            if _is_count(piece):
                pairs.append((" ".join(words), int(piece.text)))
                words = []
            elif piece.text.strip():
                words.append(piece.text.strip())
        return pairs

    def counts(self) -> list[int]:
        """The counts written on the bars, in drawing order (left to right)."""
        return [int(p.text) for p in self.pieces if _is_count(p)]

    def text(self) -> str:
        return " ".join(p.text.strip() for p in self.pieces if not _is_count(p))

    def rows(self, columns: int) -> dict[str, list[int]]:
        """A table's rows: its words, then `columns` numbers (the header row left out)."""
        rows: dict[str, list[int]] = {}
        words: list[str] = []
        numbers: list[int] = []
        for piece in self.pieces:
            text = piece.text.strip()
            if piece.bold or not text:
                continue
            if text.isdigit():
                numbers.append(int(text))
                if len(numbers) == columns:
                    rows[" ".join(words)] = numbers
                    words, numbers = [], []
            else:
                words.append(text)
        return rows


def _is_count(piece: Piece) -> bool:
    return piece.bold and piece.size <= NUMBER_SIZE and piece.text.strip().isdigit()


def read_report(pdf: bytes) -> tuple[str, dict[str, Section]]:
    """The whole text (pages joined) and the sections by heading."""
    pieces: list[Piece] = []
    for page in PdfReader(io.BytesIO(pdf)).pages:

        def visit(text: str, cm: object, tm: object, font: object, size: float) -> None:
            if not text.strip() or not isinstance(font, dict):
                return
            bold = "Bold" in str(font.get("/BaseFont", ""))
            pieces.append(Piece(text, bold, size))

        page.extract_text(visitor_text=visit)
    whole = " ".join(" ".join(p.text for p in pieces).split())
    sections: dict[str, Section] = {}
    current = Section("")
    for piece in pieces:
        if piece.bold and piece.size >= HEADING_SIZE:
            if current.pieces or not current.heading:
                current = Section(piece.text.strip())
                sections[current.heading] = current
            else:  # a heading on two lines
                del sections[current.heading]
                current = Section(f"{current.heading} {piece.text.strip()}")
                sections[current.heading] = current
        else:
            current.pieces.append(piece)
    return whole, sections
