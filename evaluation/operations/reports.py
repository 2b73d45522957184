"""Activity reports and the CRA export: figures over the finished interviews."""

from __future__ import annotations

import stat
import tempfile
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from evaluation.files.disk import FileProblem, os_reason, write_output
from evaluation.i18n import Translator, msg
from evaluation.machine.clock import local_time, now, today
from evaluation.machine.progress import Progress
from evaluation.problems import Problem
from evaluation.questionnaire import Library
from evaluation.store.activities import activities
from evaluation.store.figures import figures, return_visits
from evaluation.store.scores import refresh_scores, unscored
from evaluation.structure.cra import AUTONOMIE_VALUES, TRANCHE_AGE_VALUES, Activity
from evaluation.structure.figures import Figures, Filters, Words
from evaluation.workspace import Workspace
from exports.cra_csv import cra_csv, cra_rows
from exports.report_csv import report_csv

if TYPE_CHECKING:
    from exports.cra_xlsx import About


class Kind(StrEnum):
    PDF = "pdf"
    CSV = "csv"


def report(workspace: Workspace, filters: Filters) -> Figures:
    """Score what changed since the last report, then count, return visits included."""
    refresh_scores(workspace.store, workspace.published_for)
    result = figures(workspace.store, filters)
    result.returns, result.moves = return_visits(workspace.store, filters, workspace.published_for)
    return result


def words(library: Library, t: Translator) -> Words:
    """The report's words for ids, its levels from the lowest up and its competences in
    the questionnaires' order."""
    levels: list[str] = []
    competences: list[str] = []
    for published in library.all():
        q = published.questionnaire
        levels += [lv.id for lv in q.levels if lv.id not in levels]
        competences += [c.id for c in q.competences if c.id not in competences]
    return Words(labels(library, t), levels, competences)


def labels(library: Library, t: Translator) -> dict[str, str]:
    """Words for the ids a report shows: competences, levels, next steps, CRA values."""
    words = {v: t(f"cra.autonomie.{v}") for v in AUTONOMIE_VALUES}
    words |= {v: t(f"age.{v}") for v in TRANCHE_AGE_VALUES if v != "non_communique"}
    words["non_communique"] = t("not_communicated")
    for published in library.all():  # newest version last: its words win
        q = published.questionnaire
        words.update({c.id: c.label.get(t.lang) for c in q.competences})
        words.update({lv.id: lv.label.get(t.lang) for lv in q.levels})
        words.update({r.id: r.title.get(t.lang) for r in q.next_steps})
    return words


def kind_of(output: Path) -> Kind:
    suffix = output.suffix.lower().lstrip(".")
    if suffix not in {k.value for k in Kind}:
        raise Problem(msg("report.pdf_or_csv"), str(output))
    return Kind(suffix)


def write_report(workspace: Workspace, filters: Filters, output: Path, t: Translator) -> Figures:
    """Write the figures as a PDF with charts or as CSV, by the file's suffix."""
    kind = kind_of(output)
    result = report(workspace, filters)
    if kind is Kind.CSV:
        data = report_csv(result).encode("utf-8")
    else:
        from exports.report_pdf import render_report  # reportlab: only for a PDF

        name = workspace.store.settings().structure.name
        title = t("report.pdf.title_of", name=name) if name else t("report.title")
        data = render_report(result, words(workspace.library, t), title, today(), t)
    _write(output, data)
    return result


def report_in_exports(workspace: Workspace, filters: Filters, kind: Kind, t: Translator) -> Path:
    """Write the report into the data folder's exports/, named by today's date."""
    output = workspace.folder.exports / f"rapport-{today().isoformat()}.{kind.value}"
    write_report(workspace, filters, output, t)
    return output


@dataclass(frozen=True)
class CraExport:
    rows: int
    unscored: int  # finished interviews of the period left out: not scored here


def export_cra(
    workspace: Workspace,
    output: Path,
    start: date | None,
    end: date | None,
    progress: Progress | None = None,
) -> CraExport:
    """One row per finished interview: La Coop's spreadsheet layout and labels when the
    file ends in .xlsx, else its CRA fields and codes as CSV (`progress` is told as rows
    are written: ten years take a while). Any other name is refused before anything is
    read: a CSV under another name would open as garbage in the program it names (a
    pipe or a device, such as /dev/stdout, gets the CSV)."""
    if output.suffix.lower() not in {".csv", ".xlsx"} and _a_file(output):
        raise Problem(msg("cra.csv_or_xlsx"), str(output))
    refresh_scores(workspace.store, workspace.published_for, start, end)  # that period only
    done = activities(workspace.store, start, end)
    if output.suffix.lower() == ".xlsx":
        from exports.cra_xlsx import About  # XlsxWriter: only for a workbook

        about = About(workspace.store.settings().structure.name, local_time(now()), start, end)
        data = _xlsx(workspace, done, about, progress)
    else:
        data = cra_csv(cra_rows(done, progress)).encode("utf-8")
    _write(output, data)
    return CraExport(len(done), unscored(workspace.store, start, end))


def _xlsx(
    workspace: Workspace, done: list[Activity], about: About, progress: Progress | None
) -> bytes:
    """The workbook; its rows wait until they are zipped in a temp folder inside the data
    folder, the one place that holds them anyway (not the system's temp folder)."""
    from exports.cra_xlsx import cra_xlsx

    folder = workspace.folder.root
    try:
        with tempfile.TemporaryDirectory(prefix=".export-", dir=folder) as scratch:
            return cra_xlsx(done, about, Path(scratch), progress)
    except OSError as exc:
        raise FileProblem(msg("file.cannot_write", reason=os_reason(exc)), str(folder)) from None


def _a_file(path: Path) -> bool:
    """Whether `path` is (or will be) a regular file, not a pipe or a device."""
    try:
        return stat.S_ISREG(path.stat().st_mode)
    except OSError:
        return True


def _write(output: Path, data: bytes) -> None:
    write_output(output, data)
