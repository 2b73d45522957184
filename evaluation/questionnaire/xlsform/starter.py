"""A first proposal for the scoring an ODK or Kobo form lacks, to edit rather than build.

One competence per section that asks something to choose (its id and title), the usual
four levels, one `by_level` row per competence and level, and a `points_<competence>`
column on `choices`: 1 per answer, 0 for the last answer of a list (often « non », « aucun »
or « ne sait pas »); on the fixed scales, 1 for yes, sometimes, often, alone, with help.
The framework codes (crcn, digcomp) and the sentences (can_do, next) are left blank: only
the coordinator can write them, and the import lists each blank cell.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from evaluation.files.safe_xlsx import Row, Sheet
from evaluation.questionnaire.xlsform.columns import language_name
from evaluation.questionnaire.xlsform.layout import (
    BY_LEVEL,
    CHOICES,
    COMPETENCES,
    LEVELS,
    POINTS,
    SETTINGS,
)

POINTS_PIECE = "points"  # not a sheet: the points columns on `choices`
_FR = language_name("fr")
LEVEL_ROWS = (
    ("a_decouvrir", "À découvrir", "0", "entierement_accompagne", "On découvre ensemble."),
    ("debutant", "Débutant", "25", "entierement_accompagne", "Les premiers gestes, avec aide."),
    ("en_progres", "En progrès", "50", "partiellement_autonome", "Parfois avec un coup de main."),
    ("autonome", "Autonome", "80", "autonome", "Sans aide."),
)
_SCALE_POINTS = {
    "yes": 1,
    "no": 0,
    "never": 0,
    "rarely": 0,
    "sometimes": 1,
    "often": 1,
    "alone": 1,
    "with_help": 1,
    "failed": 0,
}
# What a trial read puts in the cells left blank, so that the rest of the form is checked.
_TRIAL = {"crcn": "1.1", "digcomp": "1.1", "can_do": "…", "next": "…"}


@dataclass
class Scoring:
    """What the form's reading tells the proposal: its sections, which list each
    competence's questions use, the lists used on a fixed scale."""

    sections: list[tuple[str, str]] = field(default_factory=list)  # id, French title
    lists: dict[str, list[str]] = field(default_factory=dict)  # list name -> competences
    scales: set[str] = field(default_factory=set)

    def use(self, list_name: str, competence: str, scale: bool) -> None:
        used = self.lists.setdefault(list_name, [])
        if competence not in used:
            used.append(competence)
        if scale:
            self.scales.add(list_name)


def completed(
    sheets: dict[str, Sheet], scoring: Scoring, missing: set[str], *, trial: bool
) -> dict[str, Sheet]:
    """The sheets with every missing piece proposed; `trial` fills the blank cells too."""
    out = dict(sheets)
    scored = [(i, t) for i, t in scoring.sections if any(i in c for c in scoring.lists.values())]
    blank = _TRIAL if trial else {}
    if SETTINGS in missing:
        out[SETTINGS] = _sheet(
            SETTINGS, ("form_id", "version"), [("questionnaire", "1")] if trial else []
        )
    if COMPETENCES in missing:
        head = ("name", f"label::{_FR}", "crcn", "digcomp")
        rows = [(i, t, blank.get("crcn", ""), blank.get("digcomp", "")) for i, t in scored]
        out[COMPETENCES] = _sheet(COMPETENCES, head, rows)
    if LEVELS in missing:
        out[LEVELS] = _sheet(
            LEVELS,
            ("name", f"label::{_FR}", "min_percent", "autonomie", f"description::{_FR}"),
            LEVEL_ROWS,
        )
    if BY_LEVEL in missing:
        head = ("competence", "level", f"can_do::{_FR}", f"next::{_FR}")
        levels = [r[0] for r in LEVEL_ROWS] if LEVELS in missing else _ids(out, LEVELS)
        rows = [
            (c, lv, blank.get("can_do", ""), blank.get("next", ""))
            for c in ([i for i, _ in scored] if COMPETENCES in missing else _ids(out, COMPETENCES))
            for lv in levels
        ]
        out[BY_LEVEL] = _sheet(BY_LEVEL, head, rows)
    if POINTS_PIECE in missing and CHOICES in out:
        out[CHOICES] = _with_points(out[CHOICES], scoring)
    return out


def points(choices: Sheet, scoring: Scoring) -> dict[int, dict[str, int]]:
    """The proposed points of each `choices` row, by row number then competence."""
    by_list: dict[str, list[Row]] = {}
    for row in choices.rows:
        by_list.setdefault(row.cells.get("list_name", ""), []).append(row)
    out: dict[int, dict[str, int]] = {}
    for name, competences in scoring.lists.items():
        rows = by_list.get(name, [])
        for n, row in enumerate(rows):
            if name in scoring.scales:
                value = _SCALE_POINTS.get(row.cells.get("name", ""), 0)
            else:
                value = 0 if n == len(rows) - 1 else 1
            out.setdefault(row.number, {}).update(dict.fromkeys(competences, value))
    return out


def _with_points(choices: Sheet, scoring: Scoring) -> Sheet:
    proposed = points(choices, scoring)
    competences = [c for cs in scoring.lists.values() for c in cs]
    columns = (*choices.columns, *dict.fromkeys(f"{POINTS}{c}" for c in competences))
    rows = tuple(
        Row(
            r.number,
            {**r.cells, **{f"{POINTS}{c}": str(v) for c, v in proposed.get(r.number, {}).items()}},
        )
        for r in choices.rows
    )
    return Sheet(CHOICES, columns, rows)


def _ids(sheets: dict[str, Sheet], name: str) -> list[str]:
    sheet = sheets.get(name)
    return [r.cells["name"] for r in sheet.rows if r.cells.get("name")] if sheet else []


def _sheet(name: str, head: tuple[str, ...], rows: Sequence[tuple[str, ...]]) -> Sheet:
    return Sheet(
        name,
        head,
        tuple(
            Row(n, {c: v for c, v in zip(head, row, strict=True) if v})
            for n, row in enumerate(rows, start=2)
        ),
    )


def workbook(original: bytes, sheets: dict[str, Sheet], missing: set[str]) -> bytes:
    """The workbook `original` (already read and bounded by `safe_xlsx`) with the pieces
    in `missing` added from `sheets`: new sheets at the end, the points columns after the
    last column of `choices`; nothing else is touched."""
    import io
    import warnings

    from openpyxl import load_workbook

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # openpyxl warns, in English, of styles it skips
        book = load_workbook(io.BytesIO(original))
    for name in (SETTINGS, COMPETENCES, LEVELS, BY_LEVEL):
        if name in missing:
            if name in book.sheetnames:
                del book[name]  # present but empty
            sheet = book.create_sheet(name)
            sheet.append(list(sheets[name].columns))
            for row in sheets[name].rows:
                sheet.append([row.cells.get(c) for c in sheets[name].columns])
    if POINTS_PIECE in missing and CHOICES in book.sheetnames:
        sheet = book[CHOICES]
        rows = sheet.iter_rows(values_only=True)
        header = next(
            (n for n, r in enumerate(rows, start=1) if any(v not in (None, "") for v in r)), 1
        )
        added = [c for c in sheets[CHOICES].columns if c.startswith(POINTS)]
        last = max((c.column for c in sheet[header] if c.value not in (None, "")), default=0)
        for at, column in enumerate(added, start=last + 1):
            sheet.cell(header, at, column)
            for row in sheets[CHOICES].rows:
                if column in row.cells:
                    sheet.cell(row.number, at, int(row.cells[column]))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
