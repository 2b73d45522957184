"""An XLSForm `note` stays a note: read-only text for the visitor (kind `info`), shown
and said, never typed nor scored, written back as `note`; the app's typed mediator note
(kind `note`) stays `text`."""

from __future__ import annotations

import io
from pathlib import Path

from openpyxl import load_workbook
from pypdf import PdfReader

from evaluation.i18n import translator
from evaluation.interview.answers import Answer, Status
from evaluation.interview.paper_keying import Keying
from evaluation.interview.scoring import score
from evaluation.questionnaire import Loaded
from evaluation.questionnaire.model import Info, Note
from evaluation.questionnaire.xlsform.read import read_form
from evaluation.questionnaire.xlsform.write import workbook_bytes
from exports.paper_form import PaperFormContent, render_paper_form
from tests.conftest import FR
from tests.questionnaire.xlsform_forms import save, sheets


def survey_types(path: Path) -> dict[str, str]:
    sheet = load_workbook(path, read_only=True)["survey"]
    rows = list(sheet.iter_rows(values_only=True))
    head = list(rows[0])
    name, kind = head.index("name"), head.index("type")
    return {str(r[name]): str(r[kind]) for r in rows[1:] if r[name]}


def test_an_xlsform_note_stays_a_note_both_ways(tmp_path: Path) -> None:
    from pyxform.xls2xform import convert

    converted = read_form(save(tmp_path / "form.xlsx", sheets()), "form.xlsx").loaded
    q = converted.questionnaire
    info, remark = q.question_index["other"], q.question_index["remark"]
    assert isinstance(info, Info) and isinstance(remark, Note)
    assert info.for_the_visitor().text.fr == "Autre remarque"  # the visitor's words
    assert info.for_the_mediator() is None and remark.for_the_mediator() is not None
    again = tmp_path / "again.xlsx"
    again.write_bytes(workbook_bytes(q))
    types = survey_types(again)
    assert (types["other"], types["remark"]) == ("note", "text")
    assert read_form(again, "again.xlsx").loaded.sha256 == converted.sha256
    result = convert(xlsform=str(again), validate=False)
    assert result.warnings == []
    # ODK shows it read-only, as the coordinator wrote it
    assert 'nodeset="/data/habits/other" readonly="true()"' in result.xform


def test_an_info_is_never_scored(mini: Loaded) -> None:
    q = mini.questionnaire
    assert isinstance(q.question_index["last_part"], Info)
    answers = {"devices": Answer(Status.ANSWERED, ("smartphone",))}
    without = score(q, answers)
    seen = score(q, {**answers, "last_part": Answer(Status.ANSWERED)})
    skipped = score(q, {**answers, "last_part": Answer(Status.SKIPPED)})
    assert without == seen == skipped


def test_an_info_is_printed_without_boxes_and_never_keyed(mini: Loaded) -> None:
    q = mini.questionnaire
    content = PaperFormContent("fr", q, mini.sha256, ("AB12-0001",), 24)
    data = render_paper_form(content, translator("fr"))
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(data)).pages)
    number = [x.id for x in q.questions].index("last_part") + 1
    shown = text.split(f"{number}. Pour finir, parlons de vos envies.")[1]
    assert shown.lstrip().startswith(f"{number + 1}. Qu'aimeriez-vous")  # no box, no « 0 »
    keying = Keying(q, consent=False)
    assert "last_part" not in [line.key for line in keying.lines()]
    assert keying.final()["last_part"] == Answer(Status.ANSWERED)  # printed: shown


def test_sessions_show_says_an_info_was_read(mini: Loaded) -> None:
    from evaluation.cli.sessions import _answer_words

    info = mini.questionnaire.question_index["last_part"]
    assert _answer_words(FR, info, Answer(Status.ANSWERED)) == "lu à la personne"
