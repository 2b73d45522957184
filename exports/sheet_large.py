"""The skills sheet in large print and easy-to-read French (FALC): the same content as
the regular sheet (`SheetContent`, the same `standing` of each competence), laid out at
16 pt, nothing under 14 pt, left aligned, no italics, one idea per line.

Each competence says its level by the name « Le chemin parcouru » uses, what the visitor
already does and what comes next (the regular sheet's sentences), beside a pictogram of
its level's CRA autonomy drawn here with reportlab's shapes: one person filled (alone),
two people (with help), one person outlined (not yet). The
next steps give the day, the time, the address and the phone each on a line of its own.
Two A4 pages at most.
"""

from __future__ import annotations

import math
from enum import StrEnum
from xml.sax.saxutils import escape

from reportlab import rl_config
from reportlab.graphics.shapes import Circle, Drawing, Rect
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table
from reportlab.platypus.tables import TableStyle

from evaluation.i18n import Translator
from evaluation.i18n.dates import long_date
from evaluation.offers.opening_hours import when_to_come
from evaluation.questionnaire.model import Level
from evaluation.questionnaire.visitor import for_visitor
from exports import document as style
from exports.sheet import (
    ChosenStep,
    SheetContent,
    Standing,
    address,
    code_box,
    has_places,
    headings,
    how_far,
    places,
    price,
    said,
    standing,
    travelled,
    unbroken,
)

PICTOGRAM = 48  # points, beside each competence
MAX_PAGES = 2


class Can(StrEnum):
    """What the visitor can do in a competence, in the sheet's three words."""

    ALONE = "alone"
    WITH_HELP = "with_help"
    NOT_YET = "not_yet"


def can(level: Level) -> Can:
    """The level's CRA autonomy, as the pictogram draws it."""
    if level.autonomie == "autonome":
        return Can.ALONE
    if level.autonomie == "partiellement_autonome":
        return Can.WITH_HELP
    return Can.NOT_YET


def pictogram(what: Can, size: float = PICTOGRAM) -> Drawing:
    """People drawn in black and white: one filled (alone), a filled one beside an
    outlined helper (with help), one outlined and dashed (not yet)."""
    drawing = Drawing(size, size)
    if what is Can.WITH_HELP:
        _person(drawing, size * 0.26, size * 0.9, filled=True)
        _person(drawing, size * 0.74, size * 0.9, filled=False)
    else:
        _person(drawing, size / 2, size, filled=what is Can.ALONE, dashed=what is Can.NOT_YET)
    return drawing


def _person(drawing: Drawing, x: float, size: float, filled: bool, dashed: bool = False) -> None:
    """A head and a rounded body, `size` high, centred on `x`."""
    ink = {
        "fillColor": style.INK if filled else style.BAR_EMPTY,
        "strokeColor": style.INK,
        "strokeWidth": 2,
        "strokeDashArray": [4, 3] if dashed else None,
    }
    drawing.add(Circle(x, size * 0.78, size * 0.16, **ink))
    width = size * 0.42
    drawing.add(Rect(x - width / 2, 1, width, size * 0.52, rx=width / 3, ry=width / 3, **ink))


def lines(text: str, paragraph: ParagraphStyle) -> list[Flowable]:
    """One paragraph per line of `text` (a catalogue text written one idea per line)."""
    return [Paragraph(escape(line), paragraph) for line in text.split("\n") if line.strip()]


def render_large_sheet(content: SheetContent, t: Translator) -> bytes:
    """The large-print sheet as PDF bytes (A4, two pages at most): when the kept places
    do not all fit, it keeps as many as fit, in their order (the closing encouragement
    gives way first), and a line says how many ideas were left out and that the regular
    sheet lists them. The first place is always there: when it does not fit, the way
    travelled gives way to it (the regular sheet says it), never « no step chosen »
    beside the steps the regular sheet lists."""
    groups = places(content.steps)

    def with_places(kept: list[int], encourage: bool = False, way: bool = True) -> bytes:
        left_out = sum(len(headings(g)) for i, g in enumerate(groups) if i not in kept)
        return _render(content, t, [groups[i] for i in kept], left_out, encourage, way)

    every = list(range(len(groups)))
    best = with_places(every, encourage=True)
    if style.page_count(best) <= MAX_PAGES:
        return best  # the usual case: one rendering
    way = style.page_count(with_places(every[:1])) <= MAX_PAGES
    # First fit, in order: each place is kept if the sheet still fits with it, so a
    # smaller place after a large one still finds the room left. A place at least as
    # tall as one that did not fit is not tried (the room only shrinks as places join).
    kept: list[int] = every[:1]
    best = with_places(kept, way=way)
    too_tall = math.inf
    for index, group in enumerate(groups[1:], start=1):
        if _height(group, t, content) >= too_tall:
            continue
        tried = with_places([*kept, index], way=way)
        if style.page_count(tried) <= MAX_PAGES:
            kept, best = [*kept, index], tried
        else:
            too_tall = min(too_tall, _height(group, t, content))
    encouraged = with_places(kept, encourage=True, way=way)
    return encouraged if style.page_count(encouraged) <= MAX_PAGES else best


def _height(steps: list[ChosenStep], t: Translator, content: SheetContent) -> float:
    """How tall a place's lines are on the page."""
    width = style.PAGE[0] - 2 * style.MARGIN - 12
    flowables = _place(steps, t, content, style.large_styles())
    return float(sum(f.wrap(width, style.PAGE[1])[1] for f in flowables))


def _render(
    content: SheetContent,
    t: Translator,
    shown: list[list[ChosenStep]],
    left_out: int,
    encourage: bool,
    way: bool = True,
) -> bytes:
    rl_config.invariant = True
    s = style.large_styles()
    q = content.questionnaire
    title = t("large.title")
    story: list[Flowable] = [Paragraph(escape(title), s["title"])]
    if content.first_name:
        story.append(Paragraph(escape(t("sheet.for", name=content.first_name)), s["body"]))
    story.append(Paragraph(escape(t("large.day", day=long_date(content.day, t.lang))), s["body"]))
    if content.place:
        story.append(Paragraph(escape(t("large.place", place=content.place)), s["body"]))
    structure = content.structure
    if structure.phone:
        # The number first, the name after it in brackets: a name needs no article there
        # (« Appelez Association Numérique 79 » read wrong).
        phone = unbroken(structure.phone)
        call = (
            t("large.call", name=structure.name, phone=phone)
            if structure.name
            else t("large.call_phone", phone=phone)
        )
        story.append(Paragraph(escape(call), s["body"]))
    if content.code:
        story += [Spacer(1, 8), code_box(content.code, t, s, "large")]
    if content.sample and has_places(content.steps):
        story += [Spacer(1, 6), _boxed(lines(t("large.sample_notice"), s["warning"]))]
    story.append(Paragraph(escape(t("large.where_you_are")), s["heading"]))
    for competence in q.competences:
        story.append(KeepTogether([_competence(standing(competence, content), t, content.lang, s)]))
    if way:
        story += travelled(content, t, s)
    story.append(Paragraph(escape(t("large.steps")), s["heading"]))
    if not content.steps:
        story += lines(t("large.no_steps"), s["body"])
    for place in shown:
        story.append(KeepTogether(_place(place, t, content, s)))
    if left_out:
        story += [Spacer(1, 6), *lines(t("large.more_steps", count=left_out), s["warning"])]
    if encourage:
        story += [Spacer(1, 10), *lines(t("large.encouragement"), s["body"])]
    footer = t("large.footer", version=q.version, page="{page}", pages="{pages}")
    return style.build_pdf(
        story, title, structure.name or "", footer=footer, footer_size=style.LARGE
    )


def _boxed(flowables: list[Flowable]) -> Table:
    table = Table([[flowables]], colWidths=["100%"])
    table.setStyle(
        TableStyle(
            [
                ("BOX", (0, 0), (-1, -1), 2, style.INK),
                ("LEFTPADDING", (0, 0), (-1, -1), 8),
                ("TOPPADDING", (0, 0), (-1, -1), 6),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
            ]
        )
    )
    return table


def _competence(where: Standing, t: Translator, lang: str, s: dict[str, ParagraphStyle]) -> Table:
    column: list[Flowable] = [Paragraph(escape(where.label), s["competence"])]
    if where.level is None:
        column.append(Paragraph(escape(t("sheet.not_assessed")), s["body"]))
        picture: Flowable | str = ""
    else:
        picture = pictogram(can(where.level))
        # The level by its name, as « Le chemin parcouru » and the regular sheet say it.
        level = for_visitor(where.level.label, lang)
        column.append(Paragraph(f"<b>{escape(t('large.level', level=level))}</b>", s["body"]))
        column += [Paragraph(one.markup(), s["body"]) for one in said(where, t, "large")]
    table = Table([[picture, column]], colWidths=[PICTOGRAM + 14, None])
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (0, 0), 10),
            ]
        )
    )
    return table


def _place(
    steps: list[ChosenStep], t: Translator, content: SheetContent, s: dict[str, ParagraphStyle]
) -> list[Flowable]:
    """One place to go: why (each step's title), then its name, address, days and
    times, phone and price, one to a line."""
    service = steps[0].service
    titled = headings(steps)
    out: list[Flowable] = [Paragraph(escape(heading), s["step"]) for heading in titled]
    if service is None:
        return out
    said = [service.nom] if any(step.title for step in steps) else []
    place = address(service, t)
    if place:
        said.append(t("large.address", place=place))
    told = when_to_come(service.horaires_accueil, content.day, t)
    if told is not None and told.plain:
        said.append(t("large.when", hours=told.plain))
    if told is not None:
        said.append(told.line)
    if service.telephone:
        said.append(t("sheet.phone", phone=unbroken(service.telephone)))
    cost = price(service, t)
    if cost:
        said.append(cost)
    far = how_far(steps[0], t, "large")
    if far:
        said.append(far)
    out += [Paragraph(escape(line), s["detail"]) for line in said]
    if content.sample:
        out.append(Paragraph(escape(t("sheet.sample_mark")), s["warning"]))
    return out
