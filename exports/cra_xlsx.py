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
from pathlib import Path
from typing import Any

from evaluation.files.plain_xlsx import plain_workbook
from evaluation.machine.progress import Progress, ticking
from evaluation.structure.cra import Activity
from exports import coop_labels as labels

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


def cra_xlsx(
    activities: list[Activity], about: About, scratch: Path, progress: Progress | None = None
) -> bytes:
    """The workbook's bytes; its rows wait in a temp file in `scratch` until they are
    zipped (`progress` is told as they are written)."""
    out = io.BytesIO()
    with plain_workbook(out, scratch) as book:
        sheet = book.add_worksheet(SHEET)
        top = {"text_wrap": True, "valign": "top"}
        wrap, title = book.add_format(top), book.add_format({"bold": True, "font_size": 14})
        day = book.add_format({**top, "num_format": "dd/mm/yyyy"})
        for column, header in enumerate(HEADERS):
            sheet.set_column(column, column, WIDTHS.get(header, max(12, min(len(header) + 2, 30))))
        headers = _about(sheet, about, len(activities), title)
        sheet.autofilter(headers, 0, headers + len(activities), len(HEADERS) - 1)
        sheet.write_row(headers, 0, HEADERS, book.add_format({"bold": True}))
        for row, activity in enumerate(ticking(activities, progress), start=headers + 1):
            for column, value in enumerate(_labels(activity)):
                # Styled only where it shows: a date, and lists on several lines; an empty
                # cell is not written at all (it reads back empty, and a month writes faster).
                if isinstance(value, datetime):
                    sheet.write_datetime(row, column, value, day)
                elif isinstance(value, int):
                    sheet.write_number(row, column, value)
                elif value:
                    sheet.write_string(row, column, value, wrap if "\n" in value else None)
    return out.getvalue()


def _about(sheet: Any, about: About, total: int, title: Any) -> int:
    """Write La Coop's lines before the table; the table's first row (from 0)."""
    period = "Toutes les dates"
    if about.start or about.end:
        first = about.start.strftime("%d/%m/%Y") if about.start else "…"
        last = about.end.strftime("%d/%m/%Y") if about.end else "…"
        period = f"{first} - {last}"
    lines: list[list[Cell]] = [
        ["Informations export"],
        ["Structure", about.structure or "-"],
        ["Total", total],
        ["Date d’export", about.made.strftime("%d/%m/%Y")],
        ["Heure d’export", about.made.strftime("%H:%M")],
        [],
        ["Filtres"],
        ["Période", period],
        [],
    ]
    for row, line in enumerate(lines):
        sheet.write_row(
            row, 0, line, title if line[:1] in (["Informations export"], ["Filtres"]) else None
        )
    return len(lines)


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
