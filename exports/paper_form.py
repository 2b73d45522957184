"""The blank paper form: the same questionnaire version as on screen, to fill by hand.

One form per number, each starting on a new page; every page says which questionnaire
version it belongs to (id, version, hash prefix), its form number and its page, at
12 pt. Each option carries the digit the mediator keys when entering the form back, in a
square box for "several answers" and a round one for "one answer", readable in black and
white. The visitor's part of a question (`VisitorPart`) is printed where the visitor
writes; the mediator's (`MediatorPart`: a task's instruction and grading, the note) in a
shaded box titled for the mediator, who ticks the grading after watching (the digits
are keyed back like any other). A question never breaks across pages; a question shown
only after certain answers says in words where to go otherwise.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Paragraph, Spacer, Table
from reportlab.platypus.tables import TableStyle

from evaluation.i18n import Translator
from evaluation.questionnaire import Questionnaire
from evaluation.questionnaire.model import Condition, MediatorPart, Question, Value
from evaluation.questionnaire.visitor import for_visitor
from evaluation.structure.cra import GENRE_VALUES, STATUT_SOCIAL_VALUES, TRANCHE_AGE_VALUES
from exports import document as style

SINGLE, SEVERAL = "◯", "□"  # the boxes a visitor ticks (the larger square of the font)
INLINE_CHARS = 62  # options this short in all go on one line
MEDIATOR_SHADE = colors.HexColor("#e4e4e4")  # light enough for a toner-saving print


@dataclass(frozen=True)
class PaperFormContent:
    lang: str
    questionnaire: Questionnaire
    sha256: str
    numbers: tuple[str, ...]  # one form per number
    retention_months: int


@dataclass
class _Current:
    """The form being laid out when a page begins (set by `_Mark`)."""

    number: str = ""
    first_page: int = 1


class _Mark(Flowable):  # type: ignore[misc]
    """Takes no room: from the next page on, pages belong to form `number`."""

    def __init__(self, current: _Current, number: str) -> None:
        super().__init__()
        self.current, self.number = current, number

    def wrap(self, *_: Any) -> tuple[float, float]:
        return (0, 0)

    def draw(self) -> None:
        self.current.number = self.number
        self.current.first_page = self.canv.getPageNumber() + 1


def render_paper_form(content: PaperFormContent, t: Translator) -> bytes:
    """The forms as one PDF (the same input gives the same bytes). Laid out twice: the
    first time counts each form's pages, so that every footer says « page 2 sur 7 »."""
    counted: dict[str, int] = {}
    _render(content, t, counted)
    return _render(content, t, counted)


def _render(content: PaperFormContent, t: Translator, pages: dict[str, int]) -> bytes:
    """One layout; `pages` holds each form's page count when known, and is filled in."""
    rl_config.invariant = True
    q = content.questionnaire
    current = _Current(content.numbers[0] if content.numbers else "")
    story: list[Flowable] = []
    for index, number in enumerate(content.numbers):
        if index:
            story += [_Mark(current, number), PageBreak()]
        story += _form(content, number, t)
    version = t("paper.pdf.version", id=q.id, version=q.version, sha=content.sha256[:12])
    known = dict(pages)

    def decorate(canvas: Canvas, page: int) -> None:
        canvas.saveState()
        canvas.setFont(style.FONT, 12)
        canvas.setFillColor(style.INK)
        top = style.PAGE[1] - style.MARGIN + 3 * mm
        canvas.drawString(style.MARGIN, top, version)
        number, of_form = current.number, page - current.first_page + 1
        pages[number] = max(pages.get(number, 0), of_form)
        canvas.drawString(
            style.MARGIN,
            style.MARGIN - 7 * mm,
            t("paper.pdf.page", number=number, page=of_form, pages=known.get(number, "?")),
        )
        canvas.restoreState()

    return style.build_pdf(
        story, title=for_visitor(q.title, content.lang), author="", decorate=decorate
    )


def _styles() -> dict[str, ParagraphStyle]:
    base = style.styles()
    body = base["body"]
    return {
        **base,
        "question": ParagraphStyle("question", parent=body, fontName=style.BOLD, spaceBefore=8),
        "option": ParagraphStyle("option", parent=body, leftIndent=14, leading=16),
        "mediator": ParagraphStyle("mediator", parent=body, fontName=style.BOLD),
        "skip": ParagraphStyle("skip", parent=body, fontName=style.BOLD, spaceBefore=2),
        "number": ParagraphStyle(
            "number", parent=body, fontName=style.BOLD, fontSize=16, leading=20, alignment=2
        ),
    }


def _p(text: str, st: ParagraphStyle) -> Paragraph:
    return Paragraph(escape(text).replace("\n", "<br/>"), st)


def _form(content: PaperFormContent, number: str, t: Translator) -> list[Flowable]:
    s = _styles()
    q, lang = content.questionnaire, content.lang
    # The number on a line of its own, at the right: beside it, the title wrapped.
    title: list[Flowable] = [
        _p(t("paper.pdf.number", number=number), s["number"]),
        _p(for_visitor(q.title, lang), s["title"]),
    ]
    boxes = Table(
        [
            [_p(t("paper.pdf.date"), s["body"]), _p(t("paper.pdf.place"), s["body"])],
            [_p(t("paper.pdf.mediator"), s["body"]), _p(t("paper.pdf.minutes"), s["body"])],
        ],
        colWidths=["50%", "50%"],
        rowHeights=[11 * mm, 11 * mm],
    )
    boxes.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 1, style.INK),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    story: list[Flowable] = [*title, Spacer(1, 2 * mm), boxes, Spacer(1, 3 * mm)]
    story.append(_p(t("paper.pdf.how", one=SINGLE, several=SEVERAL), s["body"]))
    consent = [
        _p(t("consent.title"), s["heading"]),
        _p(t("consent.text", count=content.retention_months), s["body"]),
        _option(SINGLE, 1, t("paper.pdf.consent_yes"), s),
        _option(SINGLE, 2, t("paper.pdf.consent_no"), s),
    ]
    story.append(KeepTogether(consent))
    story.append(_p(t("paper.pdf.profile"), s["heading"]))
    # Every item the consent names has its box, as on screen (first name, gender too).
    story.append(
        KeepTogether(
            [_p(t("profile.first_name"), s["question"]), _p(t("paper.pdf.write_here"), s["option"])]
        )
    )
    for label, prefix, values in (
        ("profile.age_band", "age", TRANCHE_AGE_VALUES),
        ("profile.social_status", "status", STATUT_SOCIAL_VALUES),
        ("profile.gender", "gender", GENRE_VALUES),
    ):
        story.append(
            KeepTogether([_p(t(label), s["question"]), *_profile_options(t, prefix, values, s)])
        )
    story.append(
        KeepTogether(
            [
                _p(t("profile.commune"), s["question"]),
                _p(t("paper.pdf.write_here"), s["option"]),
                _option(SINGLE, 0, t("not_communicated"), s),
            ]
        )
    )
    numbers = {question.id: n for n, question in enumerate(q.questions, start=1)}
    section = None
    for question in q.questions:
        block: list[Flowable] = []
        if q.section_of[question.id] is not section:
            section = q.section_of[question.id]
            block.append(_p(for_visitor(section.title, lang), s["heading"]))
        block += _question(q, question, numbers, lang, t, s)
        story.append(KeepTogether(block))
    story.append(Spacer(1, 4 * mm))
    story.append(_p(t("paper.pdf.end"), s["body"]))
    return story


def _profile_options(
    t: Translator, prefix: str, values: Sequence[str], s: dict[str, ParagraphStyle]
) -> list[Flowable]:
    shown = [v for v in values if v != "non_communique"]
    lines = [
        _option(SINGLE, n, t(f"{prefix}.{value}"), s) for n, value in enumerate(shown, start=1)
    ]
    return [*lines, _option(SINGLE, 0, t("not_communicated"), s)]


def _question(
    q: Questionnaire,
    question: Question,
    numbers: dict[str, int],
    lang: str,
    t: Translator,
    s: dict[str, ParagraphStyle],
) -> list[Flowable]:
    """The visitor's part where the visitor writes (the question, the boxes they tick),
    the mediator's part in a shaded box titled for them: a task's instruction and the
    grading they tick after watching, the note they write."""
    n = numbers[question.id]
    out: list[Flowable] = []
    if question.show_if is not None:
        out.append(_p(skip_instruction(q, question, numbers, lang, t), s["skip"]))
    visitor = question.for_the_visitor()
    mediator = question.for_the_mediator()
    if visitor is not None:
        hint = t("paper.pdf.several" if visitor.multiple else "paper.pdf.one")
        said = f"{n}. {for_visitor(visitor.text, lang)}"
        out.append(_p(f"{said} ({hint})" if visitor.choices else said, s["question"]))
        labels = [for_visitor(c.label, lang) for c in visitor.choices]
        zero = t("question.dont_know") if labels and visitor.dont_know else None
        out += _answers(SEVERAL if visitor.multiple else SINGLE, labels, zero, s)
        if isinstance(question, Value):  # a number or a date, written in full
            out += [_p(t("paper.pdf.write_here"), s["option"]) for _ in range(2)]
    if mediator is not None:
        out += [Spacer(1, 2 * mm), _mediators_box(mediator, None if visitor else n, lang, t, s)]
    return out


def _mediators_box(
    part: MediatorPart, n: int | None, lang: str, t: Translator, s: dict[str, ParagraphStyle]
) -> Table:
    """What only the mediator fills in, shaded and titled so the visitor leaves it be;
    `n`: the question's number when the box is the whole question (a note)."""
    inside: list[Flowable] = [_p(t("paper.pdf.for_mediator"), s["mediator"])]
    if part.note is not None:
        inside.append(_p(f"{n}. {part.note.get(lang)}", s["body"]))
        inside += [_p(t("paper.pdf.write_here"), s["option"]) for _ in range(2)]
    if part.instruction is not None:
        inside.append(_p(part.instruction.get(lang), s["body"]))
    if part.grading:
        labels = [o.label.get(lang) for o in part.grading]
        inside += _answers(SINGLE, labels, t("question.not_observed"), s)
    box = Table([[inside]], colWidths=["100%"])
    box.setStyle(
        TableStyle(
            [
                ("BOX", (0, 0), (-1, -1), 1.5, style.INK),
                ("BACKGROUND", (0, 0), (-1, -1), MEDIATOR_SHADE),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ]
        )
    )
    return box


def _answers(
    box: str, labels: list[str], zero: str | None, s: dict[str, ParagraphStyle]
) -> list[Flowable]:
    """The boxes to tick, each with its digit from 1, then `zero` with 0 (« Je ne sais
    pas », « Pas pu l'observer »), as paper keying reads them."""
    pairs = list(enumerate(labels, start=1)) + ([(0, zero)] if zero is not None else [])
    if not pairs:
        return []
    labels = [label for _, label in pairs]
    # A short scale (oui / non, jamais … souvent) fits on one line: shorter forms.
    if sum(len(label) + 8 for label in labels) <= INLINE_CHARS:
        inline = ("&nbsp;" * 6).join(_markup(box, d, label) for d, label in pairs)
        return [Paragraph(inline, s["option"])]
    return [_option(box, d, label, s) for d, label in pairs]


def _markup(box: str, digit: int, label: str) -> str:
    """A box, its digit and its words; the square drawn as large as the circle."""
    size = 16 if box == SEVERAL else 12
    return f'<font size="{size}">{box}</font>&nbsp;{digit}&nbsp;&nbsp;{escape(label)}'


def _option(box: str, digit: int, label: str, s: dict[str, ParagraphStyle]) -> Paragraph:
    return Paragraph(_markup(box, digit, label), s["option"])


def skip_instruction(
    q: Questionnaire, question: Question, numbers: dict[str, int], lang: str, t: Translator
) -> str:
    """Where to go when a question does not apply, in words (its show-if, read aloud)."""
    condition = question.show_if
    assert condition is not None
    after = [
        other
        for other in q.questions[numbers[question.id] :]  # those printed after it
        if other.show_if != condition
    ]
    target = t("paper.pdf.goto", n=numbers[after[0].id]) if after else t("paper.pdf.goto_end")
    if condition.question is not None and condition.any_of is not None:
        labels = _labels(q, condition, lang) or list(condition.any_of)
        key = "paper.pdf.skip_one" if len(labels) == 1 else "paper.pdf.skip_none_of"
        return t(
            key,
            options=_joined(labels, t("paper.pdf.nor"), t),
            n=numbers[condition.question],
            target=target,
        )
    return t("paper.pdf.only_if", condition=_said(q, condition, numbers, lang, t), target=target)


def _labels(q: Questionnaire, condition: Condition, lang: str = "fr") -> list[str]:
    question = q.question_index[condition.question or ""]
    wanted = condition.any_of or condition.none_of or ()
    return [for_visitor(o.label, lang) for o in question.choices() if o.id in wanted]


def _joined(labels: list[str], word: str, t: Translator) -> str:
    return f" {word} ".join(t("paper.pdf.quoted", text=label) for label in labels)


def _said(
    q: Questionnaire, condition: Condition, numbers: dict[str, int], lang: str, t: Translator
) -> str:
    if condition.all_ is not None or condition.any_ is not None:
        word = t("paper.pdf.and") if condition.all_ is not None else t("paper.pdf.or")
        parts = condition.all_ or condition.any_ or ()
        return f" {word} ".join(_said(q, c, numbers, lang, t) for c in parts)
    n = numbers[condition.question or ""]
    test, value = condition.test()
    if test == "answered":
        return t("paper.pdf.answered" if value else "paper.pdf.not_answered", n=n)
    if test in _BOUNDS:  # a number, or how many are ticked
        return t(_BOUNDS[test], n=n, value=_number(value, lang))
    labels = _labels(q, condition, lang) or list(value)  # a typed value: as it is
    key = "paper.pdf.ticked" if test == "any_of" else "paper.pdf.not_ticked"
    return t(key, options=_joined(labels, t("paper.pdf.or"), t), n=n)


_BOUNDS = {
    "at_least": "paper.pdf.at_least",
    "at_most": "paper.pdf.at_most",
    "above": "paper.pdf.above",
    "below": "paper.pdf.below",
    "selected_at_least": "paper.pdf.selected_at_least",
    "selected_at_most": "paper.pdf.selected_at_most",
}


def _number(value: float, lang: str) -> str:
    written = str(value)
    return written.replace(".", ",") if lang == "fr" else written
