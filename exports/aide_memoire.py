"""The mediator's aide-mémoire: two A4 pages to keep beside the laptop.

It renders plain data: the keys of each screen as the app's own help gives them (so the
paper never disagrees with F1), what to say about consent, and what to do when
something fails.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak, Paragraph, Spacer, Table

from evaluation.structure.aide_memoire import AideMemoire, KeyLine, KeySection
from exports.document import INK, MARGIN, PAGE, build_pdf, styles


def _cell(text: str, style_name: str) -> Paragraph:
    return Paragraph(escape(text), styles()[style_name])


COLUMN = (PAGE[0] - 2 * MARGIN - 6 * mm) / 2  # two columns a page, 6 mm apart


def _table(rows: tuple[KeyLine, ...], first_width: float) -> Table:
    table = Table(
        [[_cell(a, "competence"), _cell(b, "body")] for a, b in rows],
        colWidths=[first_width, COLUMN - first_width],
        hAlign="LEFT",
    )
    table.setStyle(
        [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LINEBELOW", (0, 0), (-1, -1), 0.3, INK),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 1.5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
        ]
    )
    return table


def _section(title: str, rows: tuple[KeyLine, ...], first_width: float) -> list[Flowable]:
    return [Paragraph(escape(title), styles()["heading"]), _table(rows, first_width)]


def _columns(left: list[Flowable], right: list[Flowable]) -> Table:
    """One page's two columns, side by side."""
    page = Table([[left, right]], colWidths=[COLUMN + 6 * mm, COLUMN], hAlign="LEFT")
    page.setStyle(
        [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ]
    )
    return page


def _halves(sections: tuple[KeySection, ...]) -> tuple[list[Flowable], list[Flowable]]:
    """The sections in two columns of about as many lines, in their order."""
    total = sum(len(s.keys) + 2 for s in sections)
    left: list[Flowable] = []
    right: list[Flowable] = []
    done = 0
    for section in sections:
        size = len(section.keys) + 2
        column = left if done + size / 2 <= total / 2 else right
        column += _section(section.title, section.keys, KEYS)
        done += size
    return left, right


KEYS = 24 * mm  # the width of the keys' column


def render_aide_memoire(content: AideMemoire) -> bytes:
    """The two pages as PDF bytes: the interview's screens on the first, the paper
    forms, the keys of every screen, consent and failures on the second."""
    s = styles()
    first = content.sections[: content.page_break_before]
    second = content.sections[content.page_break_before :]
    left, right = _halves(first)
    second_left: list[Flowable] = []
    for section in second:
        second_left += _section(section.title, section.keys, KEYS)
    second_right: list[Flowable] = [
        Paragraph(escape(content.consent_title), s["heading"]),
        Paragraph(escape(content.consent_script), s["body"]),
        Paragraph(escape(content.failures_title), s["heading"]),
    ]
    for what, to_do in content.failures:
        second_right += [_cell(what, "step"), _cell(to_do, "body")]
    story: list[Flowable] = [
        Paragraph(escape(content.title), s["title"]),
        Paragraph(escape(content.intro), s["subtitle"]),
        Spacer(1, 2 * mm),
        _columns(left, right),
        PageBreak(),
        _columns(second_left, second_right),
    ]
    return build_pdf(story, title=content.title, author="evaluation", footer=content.footer)
