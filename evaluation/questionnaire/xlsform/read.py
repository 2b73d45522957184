"""An XLSForm workbook read into a questionnaire version, checked like any YAML file.

The sheets become the same plain data a YAML file holds, with the cell each value came
from; the models and cross-checks then run as for YAML, and each problem is told at its
cell: `FILE: sheet survey, row 12, column relevant: message`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from evaluation.files.safe_xlsx import Row, Sheet, XlsxRefused, read_xlsx
from evaluation.files.safe_yaml import Path_
from evaluation.i18n import Message, msg
from evaluation.problems import Located, Problem, excerpt
from evaluation.questionnaire.load import DefinitionError, Loaded, canonical_hash, validate
from evaluation.questionnaire.model import FREQUENCY, OTHER, TASK, YES_NO, Condition
from evaluation.questionnaire.recordings import checked, folder_source
from evaluation.questionnaire.xlsform import aliases, relevant, starter
from evaluation.questionnaire.xlsform.columns import language_code, split
from evaluation.questionnaire.xlsform.layout import (
    ABOUT,
    BY_LEVEL,
    CHOICES,
    COMPETENCES,
    LEVELS,
    MESSAGES,
    NEXT_STEPS,
    PLAIN,
    POINTS,
    SETTINGS,
    SURVEY,
    TEXTS,
    UNDERSCORED,
    Column,
)

SCALES = {"yes_no": YES_NO, "frequency": FREQUENCY, "task": TASK}
# ODK columns that only change how a form looks, nags or is sent: read and left aside.
IGNORED = {
    SURVEY: frozenset({"guidance_hint"}),
    SETTINGS: frozenset(
        {"style", "instance_name", "public_key", "submission_url", "allow_choice_duplicates"}
    ),
}
# What a begin_group row may hold: an id, a title and a condition for its questions;
# its appearance (Kobo's `field-list`: one page) is read and left aside, as every
# question has a screen of its own.
_GROUP_COLUMNS = frozenset({"type", "name", "relevant", "appearance"})
_VALUE_TYPES = frozenset({"integer", "decimal", "date"})
_YES = frozenset({"yes", "true", "true()", "1"})
_NO = frozenset({"no", "false", "false()", "0"})
# Rows ODK fills by itself (time, device, audit): nothing to ask, ignored and said once.
METADATA = frozenset(
    {
        "start",
        "end",
        "today",
        "deviceid",
        "subscriberid",
        "simserial",
        "phonenumber",
        "username",
        "email",
        "audit",
        "imei",
    }
)
_ALIASES = {SURVEY: aliases.SURVEY, CHOICES: aliases.CHOICES, SETTINGS: aliases.SETTINGS}
# What the model says of a question that is not there because its row was refused.
_ECHOES = frozenset({"ref.unknown_question", "ref.not_before", "ref.no_options"})
MAX_LISTED = 200  # problems told in one run; a real form has a few dozen at most
_GROUP_TYPES = {"begin_group", "begin group"}
_END_TYPES = {"end_group", "end group"}
_END_REPEAT = {"end_repeat", "end repeat"}
_ADD_SHEET = {
    SETTINGS: "xlsform.add.settings",
    COMPETENCES: "xlsform.add.competences",
    LEVELS: "xlsform.add.levels",
    BY_LEVEL: "xlsform.add.by_level",
}
_REFERENCE = re.compile(r"\$\{([^}]*)\}")
_UNDERSCORED = re.compile(r"^(can_do|next)(_audio)?_([a-z]{2,3})$")


@dataclass(frozen=True)
class Cell:
    """Where a value came from; `row` 0 is the whole sheet, `column` empty the whole row."""

    sheet: str
    row: int = 0
    column: str = ""


@dataclass(frozen=True)
class Converted:
    """A valid version read from a workbook, and the recordings it names."""

    loaded: Loaded
    recordings: tuple[str, ...]
    ignored: tuple[str, ...] = ()  # metadata rows (start, end…) left aside, by name


@dataclass
class _Form:
    """The workbook as plain data, with the cell of every value."""

    sheets: dict[str, Sheet]
    default_lang: str = "fr"
    where: dict[Path_, Cell] = field(default_factory=dict)
    problems: list[tuple[Cell | None, Message]] = field(default_factory=list)
    columns: dict[tuple[str, str], Column] = field(default_factory=dict)
    written: dict[tuple[str, str], str] = field(default_factory=dict)  # header as written
    ignored: list[str] = field(default_factory=list)
    missing: set[str] = field(default_factory=set)  # scoring pieces absent, to propose
    scoring: starter.Scoring = field(default_factory=starter.Scoring)
    refused: set[str] = field(default_factory=set)  # names of the rows refused
    no_french: set[tuple[str, str]] = field(default_factory=set)  # (sheet, text field)
    messages_aside: set[str] = field(default_factory=set)  # ODK messages with no French

    def refuse(self, cell: Cell | None, key: str, **values: Any) -> None:
        self.problems.append((cell, msg(key, **values)))

    def rows(self, sheet: str) -> tuple[Row, ...]:
        found = self.sheets.get(sheet)
        return found.rows if found else ()

    def put(self, target: dict[str, Any], key: str, value: Any, path: Path_, cell: Cell) -> None:
        self.where[(*path, key)] = cell  # a missing value is told where it belongs
        if value not in (None, "", [], {}):
            target[key] = value

    def text(
        self, target: dict[str, Any], key: str, row: Row, sheet_field: tuple[str, str], path: Path_
    ) -> Cell:
        """Put the text `field` of a row, in every language written and with its recordings,
        at `key`; returns its French cell, where a missing text is to be written."""
        sheet, name = sheet_field
        out: dict[str, Any] = {}
        audio: dict[str, str] = {}
        french = ""
        for column, parsed in self.columns.items():
            if column[0] != sheet or parsed.field != name:
                continue
            lang = parsed.lang or self.default_lang
            if not french and lang == "fr" and not parsed.audio:
                french = column[1]
            value = row.cells.get(column[1])
            if value and parsed.audio:
                audio[lang] = value
                self.where[(*path, key, "audio", lang)] = Cell(sheet, row.number, column[1])
            elif value:
                out[lang] = value
        if audio:
            out["audio"] = audio
        cell = Cell(sheet, row.number, french or name)
        self.put(target, key, out, path, cell)
        return cell


def read_form(path: Path, shown_as: str) -> Converted:
    """The questionnaire in the workbook at `path`; `DefinitionError` lists every problem
    of the workbook at once, by sheet and row."""
    form = _read(path, shown_as)
    data = _data(form)
    if SURVEY not in form.sheets:
        raise _refusal(shown_as, form)
    questionnaire = _checked(form, data)
    files = dict(_recordings(form, path.parent))
    if form.problems or questionnaire is None:
        raise _refusal(shown_as, form)
    loaded = Loaded(questionnaire, canonical_hash(questionnaire, files), files)
    return Converted(loaded, tuple(files), tuple(form.ignored))


def read_starter(path: Path, shown_as: str) -> tuple[dict[str, Sheet], set[str]]:
    """The workbook's sheets with the scoring it lacks proposed (see `starter`), and what
    was missing; `DefinitionError` if it has no survey."""
    form = _read(path, shown_as)
    _data(form)
    if SURVEY not in form.sheets:
        raise _refusal(shown_as, form)
    return starter.completed(form.sheets, form.scoring, form.missing, trial=False), form.missing


def _read(path: Path, shown_as: str) -> _Form:
    try:
        sheets = read_xlsx(path)
    except XlsxRefused as exc:
        cell = Cell(exc.sheet, exc.row, exc.column) if exc.sheet else None
        raise DefinitionError.many([_located(shown_as, cell, exc.message)]) from None
    except Problem as exc:  # unreadable, too large, not a regular file
        raise DefinitionError(exc.message, shown_as) from None
    form = _Form({})
    form.sheets = {name: _canonical(form, sheet) for name, sheet in sheets.items()}
    return form


def _canonical(form: _Form, sheet: Sheet) -> Sheet:
    """The sheet with pyxform's spellings of its headers made ours (`list name`,
    `value`, `bind:relevant`, `label:French`), each remembered as written."""
    if sheet.name not in _ALIASES and sheet.name not in PLAIN:
        return sheet
    names = aliases.sheet_headers(sheet.columns, _ALIASES.get(sheet.name, {}))
    kept: dict[str, str] = {}
    for written, name in names.items():
        if name in kept:
            form.refuse(Cell(sheet.name, 1, written), "xlsform.twice", first=excerpt(kept[name]))
            continue
        kept[name] = written
        form.written[(sheet.name, name)] = written
    ours = {written: name for name, written in kept.items()}
    columns = tuple(ours.get(c, "") for c in sheet.columns)
    rows = tuple(
        Row(r.number, {ours[c]: v for c, v in r.cells.items() if c in ours}) for r in sheet.rows
    )
    return Sheet(sheet.name, columns, rows)


def _checked(form: _Form, data: dict[str, Any]) -> Any:
    """The questionnaire, or None with the model's problems added to the form's, those
    already told on the same row left out. When scoring is missing, the rest is checked
    on the form completed with the proposal, so that one run tells everything."""
    if form.missing:
        sheets = starter.completed(form.sheets, form.scoring, form.missing, trial=True)
        trial = _Form(sheets)
        data = _data(trial)
        where = trial
    else:
        where = form
    questionnaire, issues = validate(data)
    told = {(c.sheet, c.row) for c, _ in form.problems if c is not None and c.row}
    for issue in issues:
        if issue.message.values.get("id") in form.refused and issue.message.key in _ECHOES:
            continue  # a question refused above, named again by a later condition
        cell = _cell_of(where, issue.line_path or issue.path)
        if form.missing and (cell is None or _proposed(cell, form.missing)):
            continue
        if cell is not None and (cell.sheet, cell.row) in told:
            continue
        if cell is not None and (cell.sheet, cell.column) in form.no_french:
            continue  # told once at the header
        form.problems.append((cell, issue.message))
    return None if form.missing else questionnaire


def _proposed(cell: Cell, missing: set[str]) -> bool:
    if cell.sheet in missing:
        return True
    return starter.POINTS_PIECE in missing and cell.sheet == CHOICES and cell.row == 0


def _refusal(name: str, form: _Form) -> Problem:
    """Every problem, those of the whole workbook first, then by sheet and row."""
    order = {sheet: i for i, sheet in enumerate(form.sheets)}

    def key(item: tuple[Cell | None, Message]) -> tuple[int, int]:
        cell = item[0]
        if cell is None or not cell.sheet:
            return (-1, 0)
        return (order.get(cell.sheet, len(order)), cell.row)

    problems = sorted(form.problems, key=key)[:MAX_LISTED]
    located = [_located(name, _as_written(form, c), m) for c, m in problems]
    if len(form.problems) > MAX_LISTED:
        located.append(Located(name, msg("q.more", count=len(form.problems) - MAX_LISTED)))
    return DefinitionError.many(located)


def _as_written(form: _Form, cell: Cell | None) -> Cell | None:
    if cell is None or not cell.column:
        return cell
    written = form.written.get((cell.sheet, cell.column), cell.column)
    return Cell(cell.sheet, cell.row, written)


def _located(name: str, cell: Cell | None, message: Message) -> Located:
    if cell is None or not cell.sheet:
        return Located(name, message)
    if not cell.row:
        return Located(name, msg("xlsform.at_sheet", sheet=cell.sheet, problem=message))
    if not cell.column:
        return Located(name, msg("xlsform.at_row", sheet=cell.sheet, row=cell.row, problem=message))
    return Located(
        name,
        msg(
            "xlsform.at_cell",
            sheet=cell.sheet,
            row=cell.row,
            column=excerpt(cell.column, 40),
            problem=message,
        ),
    )


def _cell_of(form: _Form, path: Path_) -> Cell | None:
    for end in range(len(path), -1, -1):
        cell = form.where.get(tuple(path[:end]))
        if cell is not None:
            return cell
    return None


def _data(form: _Form) -> dict[str, Any]:
    if SURVEY not in form.sheets:
        form.refuse(None, "xlsform.no_survey")
        return {}
    settings = form.rows(SETTINGS)
    written = settings[0].cells.get("default_language") if settings else None
    form.default_lang = (language_code(written) if written else None) or "fr"
    for sheet in form.sheets.values():
        _read_columns(form, sheet)
    _missing_pieces(form)
    data: dict[str, Any] = {"format": 1}
    _settings(form, data)
    _competences(form, data)
    _levels(form, data)
    _survey(form, data)
    _xlsform_names(form)
    _next_steps(form, data)
    return data


def _xlsform_names(form: _Form) -> None:
    """XLSForm's rules that ODK tools hold the export to: a survey name starts with a
    letter or `_`, and a `${name}` in a label or hint names a row of the survey."""
    names = {r.cells["name"] for r in form.rows(SURVEY) if r.cells.get("name")}
    for row in form.rows(SURVEY):
        name = row.cells.get("name", "")
        if name[:1].isdigit():
            form.refuse(Cell(SURVEY, row.number, "name"), "xlsform.name_start", name=excerpt(name))
        for column, value in row.cells.items():
            parsed = form.columns.get((SURVEY, column))
            if parsed is None or parsed.field not in {"label", "hint"} or parsed.audio:
                continue
            for found in _REFERENCE.findall(value):
                if found not in names:
                    form.refuse(
                        Cell(SURVEY, row.number, column),
                        "xlsform.label_reference",
                        name=excerpt(found),
                    )


def _read_columns(form: _Form, sheet: Sheet) -> None:
    """Classify each header of a sheet we read; refuse the ones we do not understand."""
    if sheet.name not in PLAIN:
        return
    texts = TEXTS[sheet.name]
    seen: dict[Column, str] = {}
    for column in sheet.columns:
        if not column:
            continue
        parsed = _column(sheet.name, column, texts)
        if parsed is None:
            if split(column)[0] in IGNORED.get(sheet.name, ()):
                continue
            used = next((r for r in sheet.rows if column in r.cells), None)
            if used is not None:
                form.refuse(
                    Cell(sheet.name, used.number, column),
                    "xlsform.unknown_column",
                    column=excerpt(column, 40),
                )
            continue
        if isinstance(parsed, Message):
            form.problems.append((Cell(sheet.name, 1, column), parsed))
            continue
        if parsed in seen:
            form.refuse(Cell(sheet.name, 1, column), "xlsform.twice", first=excerpt(seen[parsed]))
            continue
        seen[parsed] = column
        form.columns[(sheet.name, column)] = parsed
    _french_columns(form, sheet.name, seen)


def _french_columns(form: _Form, sheet: str, seen: dict[Column, str]) -> None:
    """A text field written in other languages only (`default_language` English, say):
    one line at its header, rather than « missing » on every row."""
    for name in TEXTS[sheet]:
        written = [c for p, c in seen.items() if p.field == name and not p.audio]
        french = any(p.field == name and (p.lang or form.default_lang) == "fr" for p in seen)
        if written and not french and (sheet, name) in MESSAGES:
            form.messages_aside.add(name)  # ODK's words only: left aside, not refused
        elif written and not french:
            form.no_french.add((sheet, name))
            form.refuse(Cell(sheet, 1, written[0]), "xlsform.no_french", field=name)


def _column(sheet: str, column: str, texts: tuple[str, ...]) -> Column | Message | None:
    if column in PLAIN[sheet] or (sheet == CHOICES and column.startswith(POINTS)):
        return Column(column)
    if sheet == CHOICES:
        match = _UNDERSCORED.match(column)
        if match:
            return Column(match.group(1), match.group(3), bool(match.group(2)))
    base, written = split(column)
    audio = base == "audio" or base.endswith("_audio")
    name = "label" if base == "audio" else base.removesuffix("_audio")
    if name not in texts or (sheet, name) in UNDERSCORED:
        return None
    if written is None:
        return None if audio else Column(name)
    code = language_code(written)
    if code is None:
        return msg("xlsform.bad_language", written=excerpt(written, 40))
    return Column(name, code, audio)


def _missing_pieces(form: _Form) -> None:
    """A plain ODK form: one line per piece of scoring to add."""
    for sheet, key in _ADD_SHEET.items():
        if sheet not in form.sheets or not form.rows(sheet):
            form.missing.add(sheet)
            form.refuse(None, key)
    if CHOICES in form.sheets and not any(
        c.startswith(POINTS) for c in form.sheets[CHOICES].columns
    ):
        form.missing.add(starter.POINTS_PIECE)
        form.refuse(None, "xlsform.add.points")
    types = {" ".join(r.cells.get("type", "").split()) for r in form.rows(SURVEY)}
    if not types & _GROUP_TYPES:
        form.refuse(None, "xlsform.add.sections")
    settings = form.rows(SETTINGS)
    for name, key in (("form_id", "xlsform.add.form_id"), ("version", "xlsform.add.version")):
        if settings and name not in settings[0].cells:
            form.refuse(Cell(SETTINGS, settings[0].number, name), key)


def _settings(form: _Form, data: dict[str, Any]) -> None:
    if not form.rows(SETTINGS):
        return
    row = form.rows(SETTINGS)[0]
    lang = row.cells.get("default_language")
    if lang:
        code = language_code(lang)
        if code is None:
            form.refuse(
                Cell(SETTINGS, row.number, "default_language"),
                "xlsform.bad_language",
                written=excerpt(lang, 40),
            )
        else:
            form.default_lang = code
    form.put(data, "id", row.cells.get("form_id"), (), Cell(SETTINGS, row.number, "form_id"))
    form.put(data, "version", row.cells.get("version"), (), Cell(SETTINGS, row.number, "version"))
    form.where[()] = Cell(SETTINGS, row.number)
    about = form.rows(ABOUT)
    if about:
        for name in ("title", "description"):
            form.text(data, name, about[0], (ABOUT, name), ())
    if "title" not in data:  # missing, it is to be written there
        form.where[("title",)] = Cell(SETTINGS, row.number, "form_title")
        if row.cells.get("form_title"):
            data["title"] = {form.default_lang: row.cells["form_title"]}


def _words(value: str | None) -> list[str]:
    return value.split() if value else []


def _competences(form: _Form, data: dict[str, Any]) -> None:
    competences: list[dict[str, Any]] = []
    index: dict[str, int] = {}
    for i, row in enumerate(form.rows(COMPETENCES)):
        path: Path_ = ("competences", i)
        form.where[path] = Cell(COMPETENCES, row.number)
        item: dict[str, Any] = {"by_level": {}}
        for name in ("name", "crcn", "digcomp", "min_answers"):
            value: Any = row.cells.get(name)
            if name in {"crcn", "digcomp"}:
                value = _words(value)
            form.put(
                item,
                "id" if name == "name" else name,
                value,
                path,
                Cell(COMPETENCES, row.number, name),
            )
        form.text(item, "label", row, (COMPETENCES, "label"), path)
        competences.append(item)
        index.setdefault(str(item.get("id")), i)
    for row in form.rows(BY_LEVEL):
        competence = row.cells.get("competence", "")
        level = row.cells.get("level", "")
        if competence not in index:
            form.refuse(
                Cell(BY_LEVEL, row.number, "competence"),
                "xlsform.no_such_competence",
                id=excerpt(competence),
            )
            continue
        i = index[competence]
        path = ("competences", i, "by_level", level)
        statement: dict[str, Any] = {}
        form.where[path] = Cell(BY_LEVEL, row.number)
        for name in ("can_do", "next"):
            form.text(statement, name, row, (BY_LEVEL, name), path)
        competences[i]["by_level"][level] = statement
    data["competences"] = competences
    form.where[("competences",)] = Cell(COMPETENCES)


def _levels(form: _Form, data: dict[str, Any]) -> None:
    levels = []
    for i, row in enumerate(form.rows(LEVELS)):
        path: Path_ = ("levels", i)
        form.where[path] = Cell(LEVELS, row.number)
        item: dict[str, Any] = {}
        for name in ("name", "min_percent", "autonomie"):
            key = "id" if name == "name" else name
            form.put(item, key, row.cells.get(name), path, Cell(LEVELS, row.number, name))
        for name in ("label", "description"):
            form.text(item, name, row, (LEVELS, name), path)
        levels.append(item)
    data["levels"] = levels
    form.where[("levels",)] = Cell(LEVELS)


def _condition(form: _Form, source: str | None, cell: Cell) -> dict[str, Any] | None:
    if not source:
        return None
    try:
        return relevant.parse(source).model_dump(mode="json", by_alias=True, exclude_none=True)
    except relevant.ExpressionRefused as exc:
        form.problems.append((cell, exc.message))
    except ValueError:  # a well-formed expression our conditions cannot hold
        form.refuse(cell, "relevant.bad_name")
    return None


@dataclass
class _Group:
    """A begin_group row as read: its section, made when its first question comes."""

    row: Row
    condition: dict[str, Any] | None
    section: dict[str, Any] | None = None
    parts: int = 0


def _survey(form: _Form, data: dict[str, Any]) -> None:
    """Groups become sections in order: a group inside a group is a section of its own,
    and the questions after it, before the outer end_group, a further one (`id_2`); a
    group's condition is added to each question inside. Questions outside any group
    make a section named after the form."""
    choices = _choice_lists(form)
    sections: list[dict[str, Any]] = []
    data["sections"] = sections
    form.where[("sections",)] = Cell(SURVEY)
    groups: list[_Group] = []
    loose: dict[str, Any] | None = None
    for row in form.rows(SURVEY):
        kind = " ".join(row.cells.get("type", "").split())
        if _structure(form, row, kind, groups):
            continue
        if groups:
            group = groups[-1]
            if group.section is None:
                group.section = _section(form, sections, group.row, group.parts)
                group.parts += 1
            section, condition = group.section, group.condition
        else:
            if loose is None:
                loose = _loose_section(form, data, sections, row)
            section, condition = loose, None
        if _other_words(row, kind, section["questions"]):
            continue
        path = ("sections", sections.index(section), "questions", len(section["questions"]))
        question = _question(form, row, kind, path, choices, str(section.get("id", "")))
        if question is None:
            form.refused.add(row.cells.get("name", ""))
        else:
            if condition is not None:
                question["show_if"] = _both(condition, question.get("show_if"))
            section["questions"].append(question)
    if groups:
        name = groups[-1].row.cells.get("name")
        form.refuse(Cell(SURVEY), "xlsform.group_not_closed", name=excerpt(name))


def _structure(form: _Form, row: Row, kind: str, groups: list[_Group]) -> bool:
    """Whether `row` opens or closes a group or is left aside (metadata, the end of a
    repeat refused at its beginning); groups are opened and closed here."""
    if kind in _GROUP_TYPES:
        _group_cells(form, row)
        shown = _condition(form, row.cells.get("relevant"), Cell(SURVEY, row.number, "relevant"))
        outer = groups[-1].condition if groups else None
        groups.append(_Group(row, _both(outer, shown)))
    elif kind in _END_TYPES:
        if not groups:
            form.refuse(Cell(SURVEY, row.number, "type"), "xlsform.end_without_begin")
        else:
            groups.pop()
            if groups:
                groups[-1].section = None  # what follows is a further part
    elif kind in METADATA and kind not in form.ignored:
        form.ignored.append(kind)
    return kind in _GROUP_TYPES | _END_TYPES | _END_REPEAT | METADATA


def _other_words(row: Row, kind: str, questions: list[dict[str, Any]]) -> bool:
    """Whether `row` is the words of « Autre » of the question before it, written as
    XLSForm advises (an answer `other` last in its list, with no points, and a text row
    `<id>_other` shown when it is ticked): then that question takes `other`, as with
    `or_other`, and the row is not a question of its own."""
    if kind != "text" or not questions:
        return False
    before = questions[-1]
    name = str(before.get("id", ""))
    options = before.get("options") or []
    if (
        row.cells.get("name") != f"{name}_other"
        or not _when_other(row.cells.get("relevant", ""), name)
        or not options
        or options[-1].get("id") != OTHER
        or options[-1].get("points")
        or len(options) < 3
    ):
        return False
    before["options"] = options[:-1]
    before["other"] = True
    return True


def _when_other(source: str, name: str) -> bool:
    try:
        return relevant.parse(source) == Condition(question=name, any_of=(OTHER,))
    except (relevant.ExpressionRefused, ValueError):
        return False


def _both(first: dict[str, Any] | None, then: dict[str, Any] | None) -> dict[str, Any] | None:
    """Both conditions, as one flat `all` (how `a and b and c` reads back)."""
    if first is None or then is None:
        return first or then
    items = [*first.get("all", [first]), *then.get("all", [then])]
    return {"all": items}


def _section(form: _Form, sections: list[dict[str, Any]], row: Row, part: int) -> dict[str, Any]:
    path: Path_ = ("sections", len(sections))
    section: dict[str, Any] = {"questions": []}
    form.where[path] = Cell(SURVEY, row.number)
    name = row.cells.get("name")
    if name and part:
        name = f"{name}_{part + 1}"
    form.put(section, "id", name, path, Cell(SURVEY, row.number, "name"))
    form.text(section, "title", row, (SURVEY, "label"), path)
    title = section.get("title", {})
    form.scoring.sections.append((str(name or ""), str(title.get("fr", name or ""))))
    sections.append(section)
    return section


def _loose_section(
    form: _Form, data: dict[str, Any], sections: list[dict[str, Any]], row: Row
) -> dict[str, Any]:
    """The section of the questions written outside any group: the form's id and title."""
    path: Path_ = ("sections", len(sections))
    form.where[path] = Cell(SURVEY, row.number)
    name = str(data.get("id") or "questions")
    title = data.get("title") or {form.default_lang: name}
    section: dict[str, Any] = {"id": name, "title": title, "questions": []}
    form.scoring.sections.append((name, str(title.get("fr", name))))
    sections.append(section)
    return section


def _group_cells(form: _Form, row: Row) -> None:
    """A section has an id, a title and a condition: a hint on it would be lost."""
    for column in row.cells:
        parsed = form.columns.get((SURVEY, column))
        if parsed is None or column in _GROUP_COLUMNS or parsed.field == "label":
            continue  # a column not read is told once, at its header or first use
        form.refuse(Cell(SURVEY, row.number, column), "xlsform.group_cell")


def _question(
    form: _Form, row: Row, kind: str, path: Path_, choices: dict[str, list[Row]], section: str
) -> dict[str, Any] | None:
    type_cell = Cell(SURVEY, row.number, "type")
    extra = row.cells.get("kind")
    words = kind.split()
    if not words:
        form.refuse(type_cell, "xlsform.no_type")
        return None
    other = len(words) == 3 and words[2] == "or_other"
    if words[0] in {"text", "note", *_VALUE_TYPES} and len(words) == 1:
        # XLSForm's `note` is read-only text shown to the respondent; `text` is typed.
        ours = {"note": "info", "text": "note"}.get(words[0], words[0])
        if extra:
            form.refuse(Cell(SURVEY, row.number, "kind"), "xlsform.bad_kind", kind=excerpt(extra))
            return None
    elif words[0] in {"select_one", "select_multiple"} and (len(words) == 2 or other):
        ours = "single" if words[0] == "select_one" else "multiple"
        if extra:
            if extra not in SCALES or ours != "single" or other:
                form.refuse(
                    Cell(SURVEY, row.number, "kind"), "xlsform.bad_kind", kind=excerpt(extra)
                )
                return None
            ours = extra
    else:
        form.refuse(type_cell, "xlsform.unsupported_type", type=excerpt(kind, 40))
        return None
    question: dict[str, Any] = {"kind": ours}
    form.where[path] = Cell(SURVEY, row.number)
    form.put(question, "id", row.cells.get("name"), path, Cell(SURVEY, row.number, "name"))
    for name, key in (("label", "text"), ("hint", "help"), ("instruction", "instruction")):
        cell = form.text(question, key, row, (SURVEY, name), path)
        if key == "instruction" and key in question and ours != "task":
            form.refuse(cell, "xlsform.instruction_not_task")
    for name in ("required_message", "constraint_message"):
        if name not in form.messages_aside:
            _message(form, question, row, name, path)
    relevant_cell = Cell(SURVEY, row.number, "relevant")
    condition = _condition(form, row.cells.get("relevant"), relevant_cell)
    form.put(question, "show_if", condition, path, relevant_cell)
    _shown_as(form, row, question, path)
    if ours in {"note", "info", *_VALUE_TYPES}:
        return question
    list_name = words[1]
    rows = choices.get(list_name)
    if not rows:
        form.refuse(type_cell, "xlsform.no_list", name=excerpt(list_name))
        return None
    if len(rows) < 2 and ours not in SCALES:  # the model would say « au moins 2 éléments »
        form.refuse(type_cell, "xlsform.one_answer", name=excerpt(list_name))
        return None
    form.scoring.use(list_name, section, ours in SCALES)
    if ours in SCALES:
        question["answers"] = _scale(form, rows, ours, (*path, "answers"), type_cell)
    else:
        question["options"] = [_option(form, r, (*path, "options", i)) for i, r in enumerate(rows)]
        form.put(question, "other", other, path, type_cell)
    return question


def _message(form: _Form, question: dict[str, Any], row: Row, name: str, path: Path_) -> None:
    """An ODK message, kept when this row has it in French (else left aside)."""
    words: dict[str, Any] = {}
    form.text(words, name, row, (SURVEY, name), path)
    if "fr" in words.get(name, {}):
        question[name] = words[name]


def _shown_as(form: _Form, row: Row, question: dict[str, Any], path: Path_) -> None:
    """`required` (yes or no; a condition there is ODK's, not ours) and `appearance`,
    kept for the way back to ODK."""
    cell = Cell(SURVEY, row.number, "required")
    required = row.cells.get("required", "").strip().lower()
    if required and required not in _YES | _NO:
        form.refuse(cell, "xlsform.required", value=excerpt(required))
    form.put(question, "required", required in _YES, path, cell)
    appearance = row.cells.get("appearance")
    form.put(question, "appearance", appearance, path, Cell(SURVEY, row.number, "appearance"))


def _choice_lists(form: _Form) -> dict[str, list[Row]]:
    lists: dict[str, list[Row]] = {}
    for row in form.rows(CHOICES):
        lists.setdefault(row.cells.get("list_name", ""), []).append(row)
    return lists


def _option(form: _Form, row: Row, path: Path_) -> dict[str, Any]:
    option: dict[str, Any] = {}
    form.where[path] = Cell(CHOICES, row.number)
    form.put(option, "id", row.cells.get("name"), path, Cell(CHOICES, row.number, "name"))
    for name in ("label", "can_do", "next"):
        form.text(option, name, row, (CHOICES, name), path)
    points = {}
    for column, value in row.cells.items():
        if column.startswith(POINTS):
            competence = column.removeprefix(POINTS)
            points[competence] = value
            form.where[(*path, "points", competence)] = Cell(CHOICES, row.number, column)
    form.put(option, "points", points, path, Cell(CHOICES, row.number))
    given: tuple[tuple[str, object], ...] = (
        ("materiel", _words(row.cells.get("materiel"))),
        ("exclusive", row.cells.get("exclusive")),
        ("accueil", _words(row.cells.get("accueil"))),
    )
    for name, words in given:
        form.put(option, name, words, path, Cell(CHOICES, row.number, name))
    return option


def _scale(form: _Form, rows: list[Row], kind: str, path: Path_, cell: Cell) -> dict[str, Any]:
    scale = SCALES[kind]
    names = [r.cells.get("name", "") for r in rows]
    expected = [step_id for step_id, _, _ in scale]
    if names != expected:
        form.refuse(
            Cell(CHOICES, rows[0].number, "name"),
            "xlsform.scale_answers",
            kind=kind,
            expected=" ".join(expected),
        )
        return {}
    answers: dict[str, Any] = {}
    # the default label, in the languages the workbook has (no English column: French)
    langs = {
        parsed.lang or form.default_lang
        for (sheet, _), parsed in form.columns.items()
        if sheet == CHOICES and parsed.field == "label" and not parsed.audio
    }
    for row, (step_id, fr, en) in zip(rows, scale, strict=True):
        step = _option(form, row, (*path, step_id))
        step.pop("id", None)
        if step.get("label") == {k: v for k, v in (("fr", fr), ("en", en)) if k in langs}:
            del step["label"]
        if step:
            answers[step_id] = step
    return answers


def _next_steps(form: _Form, data: dict[str, Any]) -> None:
    rules = []
    for i, row in enumerate(form.rows(NEXT_STEPS)):
        path: Path_ = ("next_steps", i)
        form.where[path] = Cell(NEXT_STEPS, row.number)
        rule: dict[str, Any] = {}
        for name in PLAIN[NEXT_STEPS]:
            cell = Cell(NEXT_STEPS, row.number, name)
            value: Any = row.cells.get(name)
            if name in {"thematiques", "cra_thematiques"}:
                value = _words(value)
            elif name == "when":
                value = _condition(form, value, cell)
            form.put(rule, "id" if name == "name" else name, value, path, cell)
        form.text(rule, "title", row, (NEXT_STEPS, "title"), path)
        rules.append(rule)
    if rules:
        data["next_steps"] = rules


def _recordings(form: _Form, folder: Path) -> Iterator[tuple[str, bytes]]:
    """Every recording the version names, read and checked as a YAML version's are; one
    problem per file missing beside the workbook or refused."""
    seen: set[str] = set()
    told = {(c.sheet, c.row) for c, _ in form.problems if c is not None}
    source = folder_source(folder)
    for file, cell in _audio_cells(form):
        if file in seen or (cell.sheet, cell.row) in told:
            continue
        seen.add(file)
        if not (folder / file).is_file():
            form.refuse(cell, "xlsform.no_recording", file=excerpt(file))
            continue
        try:
            yield file, checked(file, source(file))
        except Problem as exc:
            form.problems.append((cell, exc.message))


def _audio_cells(form: _Form) -> Iterator[tuple[str, Cell]]:
    for (sheet, column), parsed in form.columns.items():
        if parsed.audio:
            for row in form.rows(sheet):
                value = row.cells.get(column)
                if value:
                    yield value, Cell(sheet, row.number, column)
