"""The skills sheet (fiche de compétences): an A4 PDF the visitor takes home.

`render_sheet` lays out a `SheetContent` with reportlab's platypus in invariant mode (the
same input gives the same bytes), in the visitor's language.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from xml.sax.saxutils import escape

from reportlab import rl_config
from reportlab.graphics.shapes import Drawing, Rect
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table
from reportlab.platypus.tables import TableStyle

from evaluation.catalogue import Service
from evaluation.i18n import Translator
from evaluation.i18n.dates import long_date
from evaluation.opening_hours import describe
from evaluation.questionnaire import Questionnaire
from evaluation.scoring import Result
from evaluation.store import Structure
from exports import document as style


@dataclass(frozen=True)
class ChosenStep:
    """A next step kept by the mediator: its title and its service, either may be absent."""

    title: str | None
    service: Service | None


@dataclass(frozen=True)
class SheetContent:
    lang: str
    day: date
    first_name: str | None
    place: str | None
    structure: Structure
    questionnaire: Questionnaire
    sha256: str
    result: Result
    steps: tuple[ChosenStep, ...]


def level_bar(rank: int, levels: int, width: float = 110, height: float = 14) -> Drawing:
    """One box per level, filled up to the level reached: readable in black and white."""
    drawing = Drawing(width, height)
    gap = 3
    box = (width - gap * (levels - 1)) / levels
    for n in range(levels):
        fill = style.BAR_FILL if n <= rank else style.BAR_EMPTY
        drawing.add(
            Rect(
                n * (box + gap),
                0,
                box,
                height,
                fillColor=fill,
                strokeColor=style.INK,
                strokeWidth=1,
            )
        )
    return drawing


def render_sheet(content: SheetContent, t: Translator) -> bytes:
    """The sheet as PDF bytes (A4, one page for a typical result, two at most)."""
    rl_config.invariant = True
    s = style.styles()
    lang = content.lang
    q = content.questionnaire
    title = t("sheet.title")
    story: list[Flowable] = [Paragraph(escape(title), s["title"])]
    who = [escape(t("sheet.for", name=content.first_name))] if content.first_name else []
    who += [escape(long_date(content.day, lang))]
    who += [escape(content.place)] if content.place else []
    story.append(Paragraph(" · ".join(who), s["subtitle"]))
    structure = [
        escape(v)
        for v in (content.structure.name, content.structure.phone, content.structure.address)
        if v
    ]
    if structure:
        story.append(Paragraph(" · ".join(structure), s["subtitle"]))
    story.append(Paragraph(escape(t("sheet.where_you_are")), s["heading"]))
    for comp in q.competences:
        outcome = content.result.competence(comp.id)
        if outcome.level_id is None:
            rows = [
                [
                    Paragraph(escape(comp.label.get(lang)), s["competence"]),
                    Paragraph(escape(t("sheet.not_assessed")), s["body"]),
                ]
            ]
        else:
            level = next(lv for lv in q.levels if lv.id == outcome.level_id)
            statement = comp.by_level[level.id]
            bar = level_bar(q.level_rank[level.id], len(q.levels))
            head = f"{escape(comp.label.get(lang))} — {escape(level.label.get(lang))}"
            text = (
                f"{escape(statement.can_do.get(lang))} <b>{escape(t('sheet.next'))}</b> "
                f"{escape(statement.next.get(lang))}"
            )
            rows = [[Paragraph(head, s["competence"]), bar], [Paragraph(text, s["body"]), ""]]
        commands: list[tuple[object, ...]] = [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
        ]
        if len(rows) > 1:
            commands.append(("SPAN", (0, 1), (1, 1)))
        table = Table(rows, colWidths=[None, 120])
        table.setStyle(TableStyle(commands))
        story.append(KeepTogether([table, Spacer(1, 4)]))
    story.append(Paragraph(escape(t("sheet.steps")), s["heading"]))
    if not content.steps:
        story.append(Paragraph(escape(t("sheet.no_steps")), s["body"]))
    for step in content.steps:
        story.append(KeepTogether(_step(step, t, lang, s)))
    story += [Spacer(1, 8), Paragraph(escape(t("sheet.encouragement")), s["body"]), Spacer(1, 6)]
    story.append(Paragraph(f"{q.id} version {q.version} · {content.sha256[:12]}", s["small"]))
    return style.build_pdf(story, title, content.structure.name or "")


def _step(
    step: ChosenStep, t: Translator, lang: str, s: dict[str, ParagraphStyle]
) -> list[Flowable]:
    service = step.service
    heading = step.title or (service.nom if service else "")
    out: list[Flowable] = [Paragraph(escape(heading), s["step"])]
    if service is None:
        return out
    place = ", ".join(
        v
        for v in (service.adresse, " ".join(v for v in (service.code_postal, service.commune) if v))
        if v
    )
    if not place and service.modes_accueil == ["a-distance"]:
        place = t("sheet.online")
    first = [f"<b>{escape(service.nom)}</b>"] if step.title else []
    first += [escape(place)] if place else []
    details = []
    hours = describe(service.horaires_accueil, t)
    if hours:
        details.append(escape(t("sheet.hours", hours=hours)))
    if service.telephone:
        details.append(escape(t("sheet.phone", phone=service.telephone)))
    if service.frais:
        price = t("sheet.free") if service.frais == "gratuit" else t("sheet.paid")
        if service.frais_precisions:
            price += f" ({service.frais_precisions})"
        details.append(escape(price))
    lines = [" — ".join(first), " · ".join(details)]
    out += [Paragraph(line, s["detail"]) for line in lines if line]
    return out
