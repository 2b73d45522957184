"""The CRA export laid out like La Coop's own activities export, for people and
spreadsheets (La Coop has no import of activities).

Sheet `Activités`: a few lines about the export and its filters, then a table with the
headers of La Coop's export (a structure's own export, without the mediator columns a
coordinator's export adds), one row per interview, display labels rather than codes.
Several values in one cell are separated by line breaks; autonomy is stars out of 3.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date, datetime, time

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import Cell as XlCell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from exports import coop_labels as labels
from exports.cra_activity import Activity
from exports.progress import Progress, ticking

SHEET = "Activités"
HEADERS = (
    "Date",
    "Enregistré le",
    "Dernière modification le",
    "Type",
    "Participants",
    "Canaux d’accompagnement",
    "Nom du lieu",
    "Adresse",
    "Commune",
    "Code postal",
    "Code Insee",
    "Durée (min)",
    "Nom de l’atelier",
    "Matériel numérique utilisé",
    "Thématique(s) d’accompagnement",
    "Tags",
    "Nom de la démarche administrative",
    "Niveau d’autonomie (ou de l’atelier)",
    "Bénéficiaire réorienté",
    "Structure de redirection",
    "Commune du bénéficiaire",
    "Code postal du bénéficiaire",
    "Code Insee du bénéficiaire",
    "Genre du bénéficiaire",
    "Tranche d’âge du bénéficiaire",
    "Statut du bénéficiaire",
    "ID CRA",
)
WIDTHS = {"Matériel numérique utilisé": 22, "Thématique(s) d’accompagnement": 36}
Cell = str | int | datetime


@dataclass(frozen=True)
class About:
    """The lines above the table: who exported, when, over which days."""

    structure: str
    made: datetime
    start: date | None
    end: date | None


def cra_xlsx(activities: list[Activity], about: About, progress: Progress | None = None) -> bytes:
    """The workbook's bytes (`progress` is told as rows are written)."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet(SHEET)
    for header in HEADERS:
        sheet.column_dimensions[get_column_letter(HEADERS.index(header) + 1)].width = WIDTHS.get(
            header, max(12, min(len(header) + 2, 30))
        )
    top = _about(sheet, about, len(activities))
    sheet.auto_filter.ref = f"A{top}:{get_column_letter(len(HEADERS))}{top + len(activities)}"
    bold = Font(bold=True)
    sheet.append([_cell(sheet, h, font=bold) for h in HEADERS])
    for activity in ticking(activities, progress):
        # Styled cells only where they show: a date, and lists on several lines; an
        # empty one is not written at all (it reads back empty, and a month writes faster).
        sheet.append(
            [
                _cell(sheet, value)
                if isinstance(value, datetime) or "\n" in str(value)
                else (value if value != "" else None)
                for value in _labels(activity)
            ]
        )
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _about(sheet: WriteOnlyWorksheet, about: About, total: int) -> int:
    """Write La Coop's lines before the table; the table's first row number."""
    period = "Toutes les dates"
    if about.start or about.end:
        first = about.start.strftime("%d/%m/%Y") if about.start else "…"
        last = about.end.strftime("%d/%m/%Y") if about.end else "…"
        period = f"{first} - {last}"
    title = Font(bold=True, size=14)
    lines: list[list[Cell | XlCell]] = [
        [_cell(sheet, "Informations export", font=title)],
        ["Structure", about.structure or "-"],
        ["Total", total],
        ["Date d’export", about.made.strftime("%d/%m/%Y")],
        ["Heure d’export", about.made.strftime("%H:%M")],
        [],
        [_cell(sheet, "Filtres", font=title)],
        ["Période", period],
        [],
    ]
    for line in lines:
        sheet.append(line)
    return len(lines) + 1


def _labels(a: Activity) -> list[Cell]:
    """One row in La Coop's words, in the order of `HEADERS`."""
    stars = labels.AUTONOMIE_STARS.get(a.autonomie or "")
    return [
        datetime.combine(a.day, time()),  # a real date cell, shown as dd/mm/yyyy
        _when(a.recorded),
        _when(a.modified) if a.modified else "",
        labels.TYPE_ACTIVITE["individuel"],
        1,
        labels.TYPE_LIEU[a.type_lieu],
        a.place_name,
        "",
        a.place_commune,
        a.place_postcode,
        "",
        "" if a.minutes is None else a.minutes,  # a paper form without a duration
        "",
        "\n".join(labels.MATERIEL[m] for m in a.materiel),
        "\n".join(labels.THEMATIQUE[t] for t in a.thematiques),
        "",
        "",
        f"{stars}/{len(labels.AUTONOMIE_STARS)}" if stars else "",
        labels.YES_NO[a.referred],
        labels.STRUCTURE_REDIRECTION[a.structure] if a.structure else "",
        a.commune,
        a.postcode,
        "",
        labels.GENRE[a.genre],
        labels.TRANCHE_AGE[a.tranche_age],
        labels.STATUT_SOCIAL[a.statut_social],
        a.id,
    ]


def _when(moment: datetime) -> str:
    return moment.strftime("%d/%m/%Y à %H:%M")


WRAP = Alignment(wrap_text=True, vertical="top")


def _cell(sheet: WriteOnlyWorksheet, value: Cell, font: Font | None = None) -> XlCell:
    cell = WriteOnlyCell(sheet, value=value)
    cell.alignment = WRAP
    if isinstance(value, datetime):
        cell.number_format = "dd/mm/yyyy"
    if font is not None:
        cell.font = font
    return cell
