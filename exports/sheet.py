"""The skills sheet (fiche de compétences): an A4 PDF the visitor takes home.

`render_sheet` lays out a `SheetContent` with reportlab's platypus in invariant mode (the
same input gives the same bytes), at 12 pt: the questionnaire's texts in the visitor's
language (French marked « (FR) » where a text has no translation), the fixed words in
theirs when the app speaks it (fr, en), else in French. What the person
already does and what comes next are said from their own answers; the level's sentences
only stand in where the answers say nothing. While the app still uses the bundled sample
catalogue, the sheet says in a box, and beside each place, that the addresses are
examples.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from xml.sax.saxutils import escape

from reportlab import rl_config
from reportlab.graphics.shapes import Drawing, Rect
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table
from reportlab.platypus.tables import TableStyle

from evaluation.french_text import after_colon
from evaluation.i18n import Translator
from evaluation.i18n.dates import long_date
from evaluation.interview.return_code import PreviousVisit, printed
from evaluation.interview.scoring import Result
from evaluation.interview.travelled import Told, told
from evaluation.offers.catalogue import Service
from evaluation.offers.opening_hours import when_to_come
from evaluation.offers.proximity import Away, From
from evaluation.questionnaire import Questionnaire
from evaluation.questionnaire.model import Competence, Level
from evaluation.questionnaire.visitor import for_visitor
from evaluation.structure.settings import Structure
from exports import document as style

CAN_DO_SHOWN = 2
NEXT_SHOWN = 1


@dataclass(frozen=True)
class ChosenStep:
    """A next step kept by the mediator: its title and its service, either may be absent;
    `far` when the service is far from the visitor's home (else the place of the day),
    `away` how far, when known."""

    title: str | None
    service: Service | None
    far: bool = False
    away: Away | None = None


@dataclass(frozen=True)
class SheetContent:
    lang: str
    day: date
    first_name: str | None
    place: str | None
    structure: Structure
    questionnaire: Questionnaire
    result: Result
    steps: tuple[ChosenStep, ...]
    sample: bool = False  # the services come from the bundled example catalogue
    code: str = ""  # this visit's progress code (canonical), printed for the next visit
    previous: PreviousVisit | None = None  # a returning visitor's earlier visit

    def travelled(self, t: Translator) -> Told | None:
        """The way travelled since the earlier visit, in the sheet's words."""
        if self.previous is None:
            return None
        now = {c.competence_id: c.level_id for c in self.result.competences}
        return told(t, self.lang, self.questionnaire, self.previous, now)


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
    q = content.questionnaire
    footer = t(
        "sheet.footer",
        title=for_visitor(q.title, content.lang),
        version=q.version,
        page="{page}",
        pages="{pages}",
    )

    def build(closing: bool, dense: bool = False) -> bytes:
        story = _story(content, t, closing, dense)  # flowables are used up by one build
        return style.build_pdf(story, t("sheet.title"), content.structure.name or "", footer=footer)

    pdf = build(closing=True)
    if style.page_count(pdf) > 1:
        # A second page for the closing sentence or a place or two is a page wasted:
        # without the closing sentence, then with lines a little closer, it may fit on one.
        for closing, dense in ((False, False), (True, True), (False, True)):
            shorter = build(closing, dense)
            if style.page_count(shorter) < style.page_count(pdf):
                return shorter
    return pdf


DENSE = 13  # points between lines when that saves a second page (12 pt type)


def _story(
    content: SheetContent, t: Translator, closing: bool, dense: bool = False
) -> list[Flowable]:
    s = style.styles()
    if dense:
        s = {name: _closer(st) for name, st in s.items()}
    story: list[Flowable] = [Paragraph(escape(t("sheet.title")), s["title"])]
    who = [t("sheet.for", name=content.first_name)] if content.first_name else []
    who += [long_date(content.day, t.lang)] + ([content.place] if content.place else [])
    phone = unbroken(content.structure.phone) if content.structure.phone else None
    structure = [v for v in (content.structure.name, phone) if v]
    story.append(Paragraph(escape(" · ".join(who + structure)), s["subtitle"]))
    if content.sample and has_places(content.steps):
        story.append(Spacer(1, 4))
        story.append(_boxed(Paragraph(escape(t("sheet.sample_notice")), s["warning"])))
    if content.code:
        # A line of its own above the heading: beside it, the box broke the heading
        # (« Where you / stand ») and touched the first competence's bars.
        story += [Spacer(1, 4), code_box(content.code, t, s, "sheet")]
    story.append(Paragraph(escape(t("sheet.where_you_are")), s["heading"]))
    for competence in content.questionnaire.competences:
        story.append(KeepTogether([_competence(competence, content, t, s)]))
    story += travelled(content, t, s)
    story.append(Paragraph(escape(t("sheet.steps")), s["heading"]))
    if not content.steps:
        story.append(Paragraph(escape(t("sheet.no_steps")), s["body"]))
    for place in places(content.steps):
        story.append(KeepTogether(_place(place, t, content, s)))
    if closing:
        story += [Spacer(1, 4), Paragraph(escape(t("sheet.encouragement")), s["body"])]
    return story


def _closer(paragraph: ParagraphStyle) -> ParagraphStyle:
    """The style with its lines `DENSE` apart (body text) and half the space above."""
    leading = DENSE if paragraph.fontSize == 12 else paragraph.leading
    return ParagraphStyle(
        paragraph.name, parent=paragraph, leading=leading, spaceBefore=paragraph.spaceBefore / 2
    )


def code_box(code: str, t: Translator, s: dict[str, ParagraphStyle], sheet: str) -> Table:
    """The progress code in large type, framed, with the one line that tells the visitor
    what it is for; `sheet` is the message family, "sheet" or "large" (one column)."""
    shown = Paragraph(escape(printed(code)), s["code"])
    if sheet == "large":
        title = Paragraph(escape(t("sheet.code_title")), s["competence"])
        keep = Paragraph(escape(t("sheet.code_keep")), s["body"])
        table = Table([[[title, shown, keep]]], colWidths=["100%"])
    else:  # one row, the line beside the code says what it is
        keep = Paragraph(escape(t("sheet.code_keep")), s["code_note"])
        # As wide as the code: a code cut at a hyphen would not read back whole.
        wide = stringWidth(printed(code), s["code"].fontName, s["code"].fontSize) + 14
        table = Table([[shown, keep]], colWidths=[wide, None])
    table.setStyle(
        TableStyle(
            [
                ("BOX", (0, 0), (-1, -1), 2 if sheet == "large" else 1.5, style.INK),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LEFTPADDING", (0, 0), (-1, -1), 6),
                ("RIGHTPADDING", (0, 0), (-1, -1), 6),
                ("TOPPADDING", (0, 0), (-1, -1), 1 if sheet == "sheet" else 4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3 if sheet == "sheet" else 6),
            ]
        )
    )
    return table


def travelled(content: SheetContent, t: Translator, s: dict[str, ParagraphStyle]) -> list[Flowable]:
    """The way travelled since the earlier visit (nothing on a first visit): a heading
    and one line per competence, kept together."""
    way = content.travelled(t)
    if way is None:
        return []
    lines = [Paragraph(escape(line), s["body"]) for line in way.lines]
    return [KeepTogether([Paragraph(escape(way.title), s["heading"]), *lines])]


def _boxed(paragraph: Paragraph) -> Table:
    """A paragraph in a black frame: seen at once, even printed in black and white."""
    table = Table([[paragraph]], colWidths=["100%"])
    table.setStyle(
        TableStyle(
            [
                ("BOX", (0, 0), (-1, -1), 1.5, style.INK),
                ("LEFTPADDING", (0, 0), (-1, -1), 6),
                ("RIGHTPADDING", (0, 0), (-1, -1), 6),
            ]
        )
    )
    return table


def phrase(text: str) -> str:
    """A text made to go on after a label and a colon (« Ensuite : », « Vous savez déjà : »):
    lower case first (`after_colon`), no full stop of its own (the sentence adds one)."""
    return after_colon(text.strip()).rstrip(" .")


@dataclass(frozen=True)
class Standing:
    """Where the visitor stands in one competence, as both sheets say it, each text typed
    for its slot: `known`, phrases that go after « Vous savez déjà : », or `sentence`, a
    whole sentence that stands alone (the level's), never both; `coming`, a phrase that
    goes after « Ensuite : » (empty: nothing said)."""

    competence: Competence
    label: str
    level: Level | None  # None: not assessed
    known: tuple[str, ...] = ()
    sentence: str = ""
    coming: str = ""


def standing(competence: Competence, content: SheetContent) -> Standing:
    """What the sheets say of one competence, from one source only: the visitor's own
    answers when they said anything for it, else the level's pair of sentences (written
    together). Mixing them is how a sheet said « Vous savez allumer un appareil » beside
    « Ensuite : allumer et déverrouiller un téléphone » (a level's claim beside an answer's
    « no »), or « Vous savez déjà : utiliser un smartphone » beside the level's « apprendre à
    utiliser l'écran tactile »."""
    lang, q = content.lang, content.questionnaire
    outcome = content.result.competence(competence.id)
    label = for_visitor(competence.label, lang)
    if outcome.level_id is None:
        return Standing(competence, label, None)
    level = next(lv for lv in q.levels if lv.id == outcome.level_id)
    if outcome.can_do or outcome.next:
        known = tuple(phrase(for_visitor(p, lang)) for p in outcome.can_do[:CAN_DO_SHOWN])
        coming = [phrase(for_visitor(p, lang)) for p in outcome.next[:NEXT_SHOWN]]
        return Standing(competence, label, level, known, coming="".join(coming))
    statement = competence.by_level[level.id]
    sentence = for_visitor(statement.can_do, lang).strip()
    return Standing(
        competence,
        label,
        level,
        sentence=sentence if sentence.endswith((".", "!", "?", "…")) else sentence + ".",
        coming=phrase(for_visitor(statement.next, lang)),
    )


@dataclass(frozen=True)
class Said:
    """One sentence of a competence: a bold label (« Vous savez déjà : », « Ensuite : ») or
    none, then its text, typed for the place it goes."""

    label: str
    text: str

    def markup(self) -> str:
        if not self.label:
            return escape(self.text)
        return f"<b>{escape(self.label)}</b> {escape(self.text)}."


def said(where: Standing, t: Translator, family: str) -> list[Said]:
    """The sentences of one competence: what the visitor already does, then what comes
    next; `family` is "sheet" or "large" (the large print says one thing already done:
    the regular sheet has room for more)."""
    out = []
    if where.known:
        shown = where.known if family == "sheet" else where.known[:1]
        out.append(Said(t("sheet.you_can"), t("sheet.separator").join(shown)))
    elif where.sentence:
        out.append(Said("", where.sentence))
    if where.coming:
        out.append(Said(t("sheet.next"), where.coming))
    return out


def _competence(
    competence: Competence,
    content: SheetContent,
    t: Translator,
    s: dict[str, ParagraphStyle],
) -> Table:
    lang, q = content.lang, content.questionnaire
    where = standing(competence, content)
    label = escape(where.label)
    commands: list[tuple[object, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 1),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
    ]
    if where.level is None:
        rows = [
            [
                Paragraph(label, s["competence"]),
                Paragraph(escape(t("sheet.not_assessed")), s["body"]),
            ]
        ]
    else:
        level = where.level
        text = " ".join(sentence.markup() for sentence in said(where, t, "sheet"))
        head = f"{label} — {escape(for_visitor(level.label, lang))}"
        rows = [
            [Paragraph(head, s["competence"]), level_bar(q.level_rank[level.id], len(q.levels))],
            [Paragraph(text, s["body"]), ""],
        ]
        commands.append(("SPAN", (0, 1), (1, 1)))
    table = Table(rows, colWidths=[None, 120])
    table.setStyle(TableStyle(commands))
    return table


def address(service: Service, t: Translator) -> str:
    """Where the service is: street, postcode and commune; « À distance » online only."""
    place = ", ".join(
        v
        for v in (service.adresse, " ".join(v for v in (service.code_postal, service.commune) if v))
        if v
    )
    if not place and service.modes_accueil == ["a-distance"]:
        place = t("sheet.online")
    return place


def has_places(steps: tuple[ChosenStep, ...]) -> bool:
    """Whether any step points at a service (only then do sample addresses show)."""
    return any(step.service is not None for step in steps)


def places(steps: tuple[ChosenStep, ...]) -> list[list[ChosenStep]]:
    """The kept steps grouped by service, in order: a place is told once, with every
    reason to go there (three reasons to go to one workshop are one place to go)."""
    groups: dict[object, list[ChosenStep]] = {}
    for n, step in enumerate(steps):
        key = step.service.id if step.service is not None else n
        groups.setdefault(key, []).append(step)
    return list(groups.values())


def headings(place: list[ChosenStep]) -> list[str]:
    """The reasons to go to one place, as headed on both sheets: each step's title, or
    the service's name when no step has one."""
    service = place[0].service
    titles = [step.title for step in place if step.title]
    return titles or ([service.nom] if service else [])


def unbroken(phone: str) -> str:
    """A phone number never cut across two lines (no-break spaces between its digits)."""
    return phone.replace(" ", "\u00a0")


def price(service: Service, t: Translator) -> str | None:
    """« Gratuit », or « Payant » with what the catalogue says of the price."""
    if not service.frais:
        return None
    if service.frais == "gratuit":
        return t("sheet.free")
    detail = (service.frais_precisions or "").strip().rstrip(".")
    return t("sheet.paid_detail", detail=after_colon(detail)) if detail else t("sheet.paid")


# (message family, counted from home, far) → the words; one literal each, for the catalogue
_AWAY = {
    ("sheet", True, False): "sheet.away_home",
    ("sheet", True, True): "sheet.away_home_far",
    ("sheet", False, False): "sheet.away_here",
    ("sheet", False, True): "sheet.away_here_far",
    ("large", True, False): "large.away_home",
    ("large", True, True): "large.away_home_far",
    ("large", False, False): "large.away_here",
    ("large", False, True): "large.away_here_far",
}


def how_far(step: ChosenStep, t: Translator, sheet: str) -> str | None:
    """« (à 12 km de chez vous) », « (à 800 m d'ici : c'est loin) »; `sheet` is the
    message family, "sheet" or "large"."""
    if step.away is None:
        return t("sheet.far" if sheet == "sheet" else "large.far") if step.far else None
    km = step.away.km
    distance = (
        t("distance.m", m=max(100, round(km * 10) * 100))
        if km < 0.95
        else t("distance.km", km=max(1, round(km)))
    )
    return t(_AWAY[(sheet, step.away.origin is From.HOME, step.far)], distance=distance)


def _place(
    steps: list[ChosenStep], t: Translator, content: SheetContent, s: dict[str, ParagraphStyle]
) -> list[Flowable]:
    """One place to go: each reason (a step's title) in bold, then the place once."""
    service = steps[0].service
    titled = headings(steps)
    out: list[Flowable] = [Paragraph(escape(heading), s["step"]) for heading in titled]
    if service is None:
        return out
    place = address(service, t)
    first = [f"<b>{escape(service.nom)}</b>"] if any(step.title for step in steps) else []
    first += [escape(place)] if place else []
    marks = []
    if content.sample:
        marks.append(f"<b>{escape(t('sheet.sample_mark'))}</b>")
    far = how_far(steps[0], t, "sheet")
    if far:
        marks.append(escape(far))
    details = []
    # One line per place on this one-page sheet: the week in plain words when it is a
    # common one, else the next opening or the telephone (the large-print sheet says both).
    told = when_to_come(service.horaires_accueil, content.day, t)
    if told is not None:
        details.append(escape(t("sheet.hours", hours=told.plain) if told.plain else told.line))
    if service.telephone:
        details.append(escape(t("sheet.phone", phone=unbroken(service.telephone))))
    cost = price(service, t)
    if cost:
        details.append(escape(cost))
    where = " — ".join(first) + (" " + " ".join(marks) if marks else "")
    text = " · ".join(part for part in (where, " · ".join(details)) if part.strip())
    if text:
        out.append(Paragraph(text, s["detail"]))
    return out
