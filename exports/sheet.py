"""The skills sheet (fiche de compétences): an A4 PDF the visitor takes home.

`sheet_content` gathers what to print from a scored interview; `render_sheet` lays it out
with reportlab's platypus in invariant mode (the same input gives the same bytes).
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab import rl_config
from reportlab.graphics.shapes import Drawing, Rect
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table
from reportlab.platypus.tables import TableStyle

from evaluation.catalogue import Service
from evaluation.opening_hours import describe
from evaluation.questionnaire import Questionnaire
from evaluation.scoring import Result
from evaluation.session import Session
from evaluation.store.settings import Structure
from exports import sheet_style as style

WORDS = {
    "fr": {
        "title": "Votre fiche de compétences numériques",
        "for": "Pour {name}",
        "where_you_are": "Où vous en êtes",
        "not_assessed": "Pas évalué aujourd'hui.",
        "next": "Ensuite : ",
        "steps": "Vos prochaines étapes",
        "no_steps": "Continuez comme ça : vous pouvez revenir nous voir quand vous voulez.",
        "hours": "Horaires : ",
        "phone": "Téléphone : ",
        "free": "Gratuit",
        "paid": "Payant",
        "online": "En ligne",
        "encouragement": (
            "Bravo pour ce moment passé ensemble. Chacun apprend à son rythme : "
            "chaque petit pas compte."
        ),
        "months": "janvier février mars avril mai juin juillet août septembre octobre "
        "novembre décembre",
    },
    "en": {
        "title": "Your digital skills sheet",
        "for": "For {name}",
        "where_you_are": "Where you stand",
        "not_assessed": "Not assessed today.",
        "next": "Next: ",
        "steps": "Your next steps",
        "no_steps": "Keep it up: come back and see us whenever you like.",
        "hours": "Opening hours: ",
        "phone": "Phone: ",
        "free": "Free",
        "paid": "Paid",
        "online": "Online",
        "encouragement": (
            "Well done for the time we spent together. Everyone learns at their own pace: "
            "every small step counts."
        ),
        "months": "January February March April May June July August September October "
        "November December",
    },
}


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


def long_date(day: date, lang: str) -> str:
    month = WORDS[lang]["months"].split()[day.month - 1]
    return f"{day.day} {month} {day.year}" if lang == "fr" else f"{month} {day.day}, {day.year}"


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


def render_sheet(content: SheetContent) -> bytes:
    """The sheet as PDF bytes (A4, one page for a typical result, two at most)."""
    rl_config.invariant = True
    s = style.styles()
    words = WORDS[content.lang]
    lang = content.lang
    q = content.questionnaire
    story: list[Flowable] = [Paragraph(words["title"], s["title"])]
    who = [words["for"].format(name=escape(content.first_name))] if content.first_name else []
    who += [long_date(content.day, lang)] + ([escape(content.place)] if content.place else [])
    story.append(Paragraph(" · ".join(who), s["subtitle"]))
    structure = [
        escape(v)
        for v in (content.structure.name, content.structure.phone, content.structure.address)
        if v
    ]
    if structure:
        story.append(Paragraph(" · ".join(structure), s["subtitle"]))
    story.append(Paragraph(words["where_you_are"], s["heading"]))
    for comp in q.competences:
        outcome = content.result.competence(comp.id)
        if outcome.level_id is None:
            rows = [
                [
                    Paragraph(escape(comp.label.get(lang)), s["competence"]),
                    Paragraph(words["not_assessed"], s["body"]),
                ]
            ]
        else:
            level = next(lv for lv in q.levels if lv.id == outcome.level_id)
            statement = comp.by_level[level.id]
            bar = level_bar(q.level_rank[level.id], len(q.levels))
            head = f"{escape(comp.label.get(lang))} — {escape(level.label.get(lang))}"
            text = (
                f"{escape(statement.can_do.get(lang))} <b>{words['next']}</b>"
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
    story.append(Paragraph(words["steps"], s["heading"]))
    if not content.steps:
        story.append(Paragraph(words["no_steps"], s["body"]))
    for step in content.steps:
        story.append(KeepTogether(_step(step, lang, s)))
    story += [Spacer(1, 8), Paragraph(words["encouragement"], s["body"]), Spacer(1, 6)]
    story.append(Paragraph(f"{q.id} version {q.version} · {content.sha256[:12]}", s["small"]))
    return style.build_pdf(story, words["title"], content.structure.name or "")


def _step(step: ChosenStep, lang: str, s: dict[str, ParagraphStyle]) -> list[Flowable]:
    words = WORDS[lang]
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
        place = words["online"]
    first = [f"<b>{escape(service.nom)}</b>"] if step.title else []
    first += [escape(place)] if place else []
    details = []
    hours = describe(service.horaires_accueil, lang)
    if hours:
        details.append(words["hours"] + escape(hours))
    if service.telephone:
        details.append(words["phone"] + escape(service.telephone))
    if service.frais:
        price = words["free"] if service.frais == "gratuit" else words["paid"]
        if service.frais_precisions:
            price += f" ({service.frais_precisions})"
        details.append(escape(price))
    lines = [" — ".join(first), " · ".join(details)]
    lines = [line for line in lines if line]
    out += [Paragraph(line, s["detail"]) for line in lines]
    return out


def sheet_content(session: Session, structure: Structure, day: date) -> SheetContent:
    """What to print for one interview: the steps the mediator kept, else those proposed."""
    assert session.published is not None
    catalogue = session.workspace.catalogue
    result = session.result()
    titles = {
        rule.id: rule.title.get(session.lang) for rule in session.published.questionnaire.next_steps
    }
    if session.record.next_steps is not None:
        pairs = [tuple(item.split("|", 1)) for item in session.record.next_steps]
    else:
        pairs = [
            (st.rule_id, st.service_ids[0] if st.service_ids else "") for st in result.next_steps
        ]
    steps = tuple(
        ChosenStep(titles.get(rule), catalogue.by_id(service) if service else None)
        for rule, service in pairs
    )
    return SheetContent(
        lang=session.lang,
        day=day,
        first_name=session.record.profile.first_name,
        place=session.record.place_name,
        structure=structure,
        questionnaire=session.published.questionnaire,
        sha256=session.published.sha256,
        result=result,
        steps=steps,
    )


@dataclass(frozen=True)
class Written:
    """Where the sheet went: the file, and whether a printer took it (and why not)."""

    path: Path
    printed: bool
    problem: str | None = None

    def message(self, lang: str) -> str:
        if self.printed:
            return (
                f"Fiche imprimée : {self.path}" if lang == "fr" else f"Sheet printed: {self.path}"
            )
        if lang == "fr":
            return f"Fiche enregistrée : {self.path} (pas d'impression : {self.problem})"
        return f"Sheet saved: {self.path} (not printed: {self.problem})"


def write_sheet(session: Session, structure: Structure, folder: Path) -> Path:
    """Write the interview's sheet into `folder`; returns the file."""
    day = date.fromisoformat(session.record.started_at[:10])
    path = folder / f"fiche-{day.isoformat()}-{session.id[:8]}.pdf"
    folder.mkdir(parents=True, exist_ok=True)
    path.write_bytes(render_sheet(sheet_content(session, structure, day)))
    return path


def print_pdf(path: Path) -> str | None:
    """Send `path` to the default CUPS printer with `lp`; the problem in words, or None."""
    if shutil.which("lp") is None:
        return "no printer command (lp) on this computer"
    done = subprocess.run(["lp", "--", str(path)], capture_output=True, text=True, check=False)
    return None if done.returncode == 0 else (done.stderr.strip() or "lp failed")


def write_and_print(session: Session, structure: Structure, folder: Path) -> Written:
    path = write_sheet(session, structure, folder)
    problem = print_pdf(path)
    return Written(path, problem is None, problem)
