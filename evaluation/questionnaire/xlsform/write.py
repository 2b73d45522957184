"""A questionnaire version as an XLSForm workbook (.xlsx bytes), losing nothing.

Reading the workbook back (`read.py`) gives the same canonical content. A scale's answer
(yes/no, frequency, task) is written with its default label when it has none of its own,
and read back as "no label of its own" when its label is the default one.
"""

from __future__ import annotations

import io
from typing import Any

from evaluation.questionnaire.model import (
    OTHER,
    Competence,
    Condition,
    Level,
    ListChoice,
    NextStepRule,
    Option,
    Question,
    Questionnaire,
    Task,
    Value,
)
from evaluation.questionnaire.text import Text
from evaluation.questionnaire.xlsform import relevant
from evaluation.questionnaire.xlsform.columns import language_name
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
    audio_column,
    text_column,
)

Cells = dict[str, Any]
OTHER_WORDS = Text(fr="Autre : précisez", en="Other: please specify")


class _Sheet:
    """Rows of one sheet, as cells by column name; texts spread over languages."""

    def __init__(self, name: str, langs: tuple[str, ...]) -> None:
        self.name = name
        self.langs = langs
        self.rows: list[Cells] = []
        self.audio: list[str] = []  # the fields that have recordings
        self.extra: list[str] = []
        self.used: set[str] = set()  # the text fields some row has

    def add(self, plain: Cells, texts: dict[str, Text | None] | None = None) -> None:
        row = {k: v for k, v in plain.items() if v not in (None, "")}
        for field, text in (texts or {}).items():
            if text is None:
                continue
            self.used.add(field)
            for lang in text.languages:
                row[text_column(self.name, field, lang)] = text.get_as_written(lang)
            for lang, file in sorted((text.audio or {}).items()):
                row[audio_column(self.name, field, lang)] = file
                if field not in self.audio:
                    self.audio.append(field)
        self.rows.append(row)

    def columns(self) -> list[str]:
        fields = [f for f in TEXTS[self.name] if (self.name, f) not in MESSAGES or f in self.used]
        texts = [text_column(self.name, f, lang) for f in fields for lang in self.langs]
        plain = PLAIN[self.name]
        lead = 2 if self.name in {SURVEY, CHOICES, BY_LEVEL} else 1  # what names the row
        # A recordings column for every language, even empty: ODK tools expect each one.
        audio = [audio_column(self.name, f, lang) for f in self.audio for lang in self.langs]
        return [*plain[:lead], *texts, *plain[lead:], *self.extra, *audio]


def workbook_bytes(q: Questionnaire) -> bytes:
    """The `.xlsx` file of `q`."""
    from evaluation.files.plain_xlsx import plain_workbook  # only when writing one

    langs = _languages(q)
    sheets = {name: _Sheet(name, langs) for name in PLAIN}
    sheets[SETTINGS].add(
        {
            "form_id": q.id,
            "version": str(q.version),
            "form_title": q.title.fr,
            "default_language": language_name("fr"),
        }
    )
    sheets[ABOUT].add({}, {"title": q.title, "description": q.description})
    sheets[CHOICES].extra = [POINTS + c.id for c in q.competences]
    lists: dict[str, str] = {}  # the answers as JSON -> the list that holds them
    for section in q.sections:
        sheets[SURVEY].add({"type": "begin_group", "name": section.id}, {"label": section.title})
        for question in section.questions:
            _question(sheets[SURVEY], sheets[CHOICES], question, lists)
        sheets[SURVEY].add({"type": "end_group"})
    for competence in q.competences:
        _competence(sheets[COMPETENCES], sheets[BY_LEVEL], competence)
    for level in q.levels:
        _level(sheets[LEVELS], level)
    for rule in q.next_steps:
        _rule(sheets[NEXT_STEPS], rule)

    buffer = io.BytesIO()
    with plain_workbook(buffer) as book:
        for order in (SURVEY, CHOICES, SETTINGS, ABOUT, COMPETENCES, BY_LEVEL, LEVELS, NEXT_STEPS):
            sheet = sheets[order]
            out = book.add_worksheet(order)
            columns = sheet.columns()
            out.write_row(0, 0, columns)
            for n, row in enumerate(sheet.rows, start=1):
                out.write_row(n, 0, [row.get(c) for c in columns])
            for n, column in enumerate(columns):
                out.set_column(n, n, _width(column))
            out.freeze_panes(1, 0)
    return buffer.getvalue()


def _width(column: str) -> int:
    return 40 if "::" in column and not column.startswith("media") else max(10, len(column) + 2)


def _languages(q: Questionnaire) -> tuple[str, ...]:
    found: set[str] = set()

    def visit(value: Any) -> None:
        if isinstance(value, Text):
            found.update(value.languages)
        elif isinstance(value, tuple | list):
            for item in value:
                visit(item)
        elif isinstance(value, dict):
            for item in value.values():
                visit(item)
        elif hasattr(value, "__pydantic_fields__"):
            for name in type(value).model_fields:
                visit(getattr(value, name))

    visit(q)
    others = sorted(found - {"fr", "en"})
    return ("fr", *(["en"] if "en" in found else []), *others)


def _when(condition: Condition | None) -> str | None:
    return relevant.write(condition) if condition is not None else None


def _question(survey: _Sheet, choices: _Sheet, question: Question, lists: dict[str, str]) -> None:
    """The question's row; its answers as a list of its own, or as the list of an earlier
    question whose answers are the same in every respect (a shared list, written once)."""
    import json

    listed = question.choices()
    answers = json.dumps([o.model_dump(mode="json") for o in listed])
    list_name = lists.setdefault(answers, question.id)
    kind = question.kind
    if kind in {"note", "info"}:
        kind_type, extra = ("text" if kind == "note" else "note"), None
    elif isinstance(question, Value):
        kind_type, extra = kind, None
    elif isinstance(question, ListChoice):
        kind_type = ("select_one " if kind == "single" else "select_multiple ") + list_name
        extra = None
    else:
        kind_type, extra = "select_one " + list_name, kind
    texts: dict[str, Text | None] = {
        "label": question.text,
        "hint": question.help,
        "required_message": question.required_message,
        "constraint_message": question.constraint_message,
    }
    if isinstance(question, Task):
        texts["instruction"] = question.instruction
    survey.add(
        {
            "type": kind_type,
            "name": question.id,
            "relevant": _when(question.show_if),
            "kind": extra,
            "required": "yes" if question.required else None,
            "appearance": question.appearance,
        },
        texts,
    )
    if isinstance(question, ListChoice) and question.other:
        _other_words(survey, question.id)
    if list_name != question.id:
        return
    for option in listed:
        _option(choices, question.id, option)


def _other_words(survey: _Sheet, question_id: str) -> None:
    """« Autre » as XLSForm advises for a form in several languages: an answer `other`
    in the list and a text row `<id>_other` shown when it is ticked (`or_other` makes
    pyxform warn); `read.py` folds the two back into `other`."""
    survey.add(
        {
            "type": "text",
            "name": f"{question_id}_other",
            "relevant": f"selected(${{{question_id}}}, '{OTHER}')",
        },
        {"label": OTHER_WORDS},
    )


def _option(choices: _Sheet, list_name: str, option: Option) -> None:
    cells: Cells = {
        "list_name": list_name,
        "name": option.id,
        "materiel": " ".join(option.materiel),
        "exclusive": "yes" if option.exclusive else None,
        "accueil": " ".join(option.accueil) or None,
    }
    cells.update({POINTS + c: p for c, p in option.points.items()})
    choices.add(cells, {"label": option.label, "can_do": option.can_do, "next": option.next})


def _competence(sheet: _Sheet, by_level: _Sheet, c: Competence) -> None:
    sheet.add(
        {
            "name": c.id,
            "crcn": " ".join(c.crcn),
            "digcomp": " ".join(c.digcomp),
            "min_answers": c.min_answers,
        },
        {"label": c.label},
    )
    for level, statement in c.by_level.items():
        by_level.add(
            {"competence": c.id, "level": level},
            {"can_do": statement.can_do, "next": statement.next},
        )


def _level(sheet: _Sheet, level: Level) -> None:
    sheet.add(
        {"name": level.id, "min_percent": level.min_percent, "autonomie": level.autonomie},
        {"label": level.label, "description": level.description},
    )


def _rule(sheet: _Sheet, rule: NextStepRule) -> None:
    sheet.add(
        {
            "name": rule.id,
            "competence": rule.competence,
            "level_at_most": rule.level_at_most,
            "when": _when(rule.when),
            "thematiques": " ".join(rule.thematiques),
            "cra_thematiques": " ".join(rule.cra_thematiques),
            "structure": rule.structure,
            "priority": rule.priority,
            "group": rule.group,
        },
        {"title": rule.title},
    )
