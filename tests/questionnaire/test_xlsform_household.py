"""A household survey as Kobo users write it: integer, decimal and date questions,
`select_one … or_other`, the conditions coordinators write, `required` and `appearance`,
CamelCase names, metadata rows, `label::French`, `list name`, curly quotes. It imports in
one run once the starter's sheets are filled, keeps every row's meaning both ways (the
same sha256) and its export converts in pyxform without a warning."""

from __future__ import annotations

from pathlib import Path

import pytest

from evaluation.questionnaire import DefinitionError, load_file
from evaluation.questionnaire.model import (
    OTHER,
    Info,
    MultipleChoice,
    SingleChoice,
    Value,
    ValueKind,
)
from evaluation.questionnaire.text import Text
from evaluation.questionnaire.xlsform.read import read_form
from evaluation.questionnaire.xlsform.write import workbook_bytes
from tests.conftest import FIXTURES, FR
from tests.questionnaire.test_xlsform_kobo import filled
from tests.questionnaire.xlsform_forms import Sheets, save

HEAD = [
    "type",
    "name",
    "label::French",
    "label::English",
    "hint::French",
    "required",
    "relevant",
    "appearance",
    "constraint_message::French",
    "required_message::French",
    "required_message::English",
]


def household() -> Sheets:
    """As published on Kobo: no scoring yet."""
    return {
        "survey": [
            list(HEAD),
            ["start", "start"],
            ["end", "end"],
            ["today", "today"],
            ["begin_group", "Household", "Le foyer", "The household"],  # row 5
            [
                "integer",
                "HouseholdSize",
                "Combien êtes-vous ?",
                "How many?",
                None,
                "yes",
                *[None] * 3,
                "Dites un nombre",
                "Say a number",
            ],
            [
                "decimal",
                "MonthlyData",
                "Combien de Go ?",
                "How many GB?",
                "Environ",
                *[None] * 3,
                "Un nombre, avec une virgule",
            ],
            [
                "date",
                "ArrivalDate",
                "Depuis quand ?",
                "Since when?",
                None,
                None,
                "${HouseholdSize} >= 1",
            ],
            ["end_group"],
            ["begin_group", "Equipment", "Équipement", "Equipment", *[None] * 3, "field-list"],
            [
                "select_one devices or_other",  # row 11
                "MainDevice",
                "Quel appareil ?",
                "Which device?",
                None,
                "true",
                None,
                "minimal",
            ],
            [
                "select_multiple uses",
                "Uses",
                "Pour quoi faire ?",
                "What for?",
                None,
                None,
                "${MainDevice} != ''",
            ],
            [
                "note",
                "Busy",
                "Vous faites beaucoup.",
                "You do a lot.",
                None,
                None,
                "count-selected(${Uses}) >= 2",
            ],
            [
                "select_one yesno",
                "Children",
                "Des enfants aident ?",
                "Do children help?",
                None,
                None,
                "${HouseholdSize} > 1 AND ${HouseholdSize} <= 12",
            ],
            [
                "text",
                "Remark",
                "Remarque",
                "Remark",
                None,
                None,
                "${MonthlyData} < 0.5 or not(${ArrivalDate}) or selected(${Uses}, ‘Mail’)",
                "multiline",
            ],
            ["end_group"],
        ],
        "choices": [
            ["list name", "name", "label::French", "label::English"],
            ["devices", "Phone", "Un téléphone", "A phone"],
            ["devices", "Computer", "Un ordinateur", "A computer"],
            ["uses", "Calls", "Appeler", "Calls"],
            ["uses", "Mail", "Des courriels", "E-mail"],
            ["uses", "Forms", "Des démarches", "Paperwork"],
            ["yesno", "yes", "Oui", "Yes"],
            ["yesno", "no", "Non", "No"],
        ],
        "settings": [
            ["form_title", "form_id", "version", "default_language"],
            ["Enquête ménage", "household-kobo", 1, "French"],
        ],
    }


def test_a_household_survey_imports_with_its_values_other_and_conditions(tmp_path: Path) -> None:
    converted = read_form(filled(tmp_path, household()), "starter.xlsx")
    q = converted.loaded.questionnaire
    assert converted.ignored == ("start", "end", "today")
    size, data, arrival = q.sections[0].questions
    assert isinstance(size, Value) and size.value_kind is ValueKind.INTEGER and size.required
    assert size.required_message == Text(fr="Dites un nombre", en="Say a number")
    assert isinstance(data, Value) and data.value_kind is ValueKind.DECIMAL
    assert data.constraint_message == Text(fr="Un nombre, avec une virgule")
    assert isinstance(arrival, Value) and arrival.value_kind is ValueKind.DATE
    assert size.choices() == ()  # nothing to score
    device = q.question_index["MainDevice"]
    assert isinstance(device, SingleChoice) and device.other and device.appearance == "minimal"
    assert [o.id for o in device.choices()] == ["Phone", "Computer", OTHER]
    assert device.choices()[-1].points == {}  # « Autre » scores nothing
    assert isinstance(q.question_index["Uses"], MultipleChoice)
    assert isinstance(q.question_index["Busy"], Info)

    def show(question_id: str) -> object:
        found = q.question_index[question_id].show_if
        assert found is not None
        return found.model_dump(mode="json", by_alias=True, exclude_none=True)

    assert show("ArrivalDate") == {"question": "HouseholdSize", "at_least": 1}
    assert show("Uses") == {"question": "MainDevice", "answered": True}
    assert show("Busy") == {"question": "Uses", "selected_at_least": 2}
    assert show("Children") == {
        "all": [
            {"question": "HouseholdSize", "above": 1},
            {"question": "HouseholdSize", "at_most": 12},
        ]
    }
    assert show("Remark") == {
        "any": [
            {"question": "MonthlyData", "below": 0.5},
            {"question": "ArrivalDate", "answered": False},
            {"question": "Uses", "any_of": ["Mail"]},
        ]
    }
    assert q.question_index["Remark"].appearance == "multiline"


def test_the_household_round_trip_keeps_every_row_and_pyxform_reads_it(tmp_path: Path) -> None:
    from pyxform.xls2xform import convert

    from evaluation.files.safe_xlsx import read_xlsx

    converted = read_form(filled(tmp_path, household()), "starter.xlsx").loaded
    again = tmp_path / "again.xlsx"
    again.write_bytes(workbook_bytes(converted.questionnaire))
    assert read_form(again, "again.xlsx").loaded.sha256 == converted.sha256
    result = convert(xlsform=str(again), validate=False)
    assert result.warnings == []
    survey = {r.cells.get("name"): r.cells for r in read_xlsx(again)["survey"].rows}
    assert survey["HouseholdSize"]["type"] == "integer"
    assert survey["HouseholdSize"]["required"] == "yes"
    assert survey["MonthlyData"]["type"] == "decimal"
    assert survey["ArrivalDate"]["type"] == "date"
    assert survey["MainDevice"]["appearance"] == "minimal"
    # « Autre » as XLSForm advises in several languages: an answer and a text row
    assert survey["MainDevice_other"]["type"] == "text"
    assert survey["MainDevice_other"]["relevant"] == "selected(${MainDevice}, 'other')"
    binds = {b.split('"')[1].rsplit("/", 1)[1]: b for b in result.xform.split("<bind ")[1:]}
    size = binds["HouseholdSize"]
    assert 'type="int"' in size and 'required="true()"' in size
    assert 'jr:requiredMsg="jr:itext(' in size  # in both languages
    assert 'jr:constraintMsg="jr:itext(' in binds["MonthlyData"]
    assert "<value>Un nombre, avec une virgule</value>" in result.xform
    assert "count-selected( /data/Equipment/Uses ) &gt;= 2" in result.xform


def test_the_household_fixture_exports_in_every_language_code_without_a_warning(
    tmp_path: Path,
) -> None:
    from pyxform.xls2xform import convert

    text = (FIXTURES / "questionnaires" / "household" / "1.yaml").read_text(encoding="utf-8")
    for code in ("ber", "wo", "ar", "oc", "tzm"):
        folder = tmp_path / code / "household"
        folder.mkdir(parents=True)
        (folder / "1.yaml").write_text(text.replace(" en: ", f" {code}: "), encoding="utf-8")
        loaded = load_file(folder / "1.yaml")
        form = tmp_path / code / "form.xlsx"
        form.write_bytes(workbook_bytes(loaded.questionnaire))
        assert convert(xlsform=str(form), validate=False).warnings == [], code
        assert read_form(form, "form.xlsx").loaded.sha256 == loaded.sha256


def test_an_answer_named_other_beside_or_other_is_told_at_its_question(tmp_path: Path) -> None:
    form = household()
    form["choices"].insert(3, ["devices", "other", "Autre", "Other"])
    found = lines(filled(tmp_path, form))
    assert found == [
        "starter.xlsx: feuille « survey », ligne 11, colonne « type » : identifiant de réponse "
        "« other » en double"
    ]


def lines(path: Path) -> list[str]:
    with pytest.raises(DefinitionError) as caught:
        read_form(path, path.name)
    return caught.value.lines(FR)


def test_everything_out_of_scope_is_refused_in_one_list_each_at_its_cell(tmp_path: Path) -> None:
    form = household()
    form["survey"][0] += ["constraint", "choice_filter", "media::image"]
    blank = [None] * (len(HEAD) - 3)  # after type, name and label
    form["survey"][8:8] = [
        ["calculate", "Total", "Total"],  # row 9
        ["geopoint", "Where", "Où ?"],
        ["range", "Scale", "Échelle"],
        ["rank uses", "Order", "Ordre"],
        ["image", "Photo", "Photo"],
        ["audio", "Voice", "Voix"],
        ["select_one_from_file places.csv", "Place", "Lieu"],  # row 15
        ["begin_repeat", "Members", "Membres"],
        ["integer", "Age", "Âge"],
        ["end_repeat"],
        ["integer", "Rooms", "Pièces", *blank, ". > 0"],  # row 19
        ["select_one devices", "Second", "Un autre ?", *blank, None, "name != 'x'"],
        ["select_one yesno", "Seen", "Vu ?", *blank, None, None, "photo.jpg"],  # row 21
    ]
    found = [line for line in lines(save(tmp_path / "f.xlsx", form)) if "« survey »" in line]
    at = [line.split(" : ")[0].removeprefix("f.xlsx: feuille « survey », ") for line in found]
    assert at == [
        "ligne 9, colonne « type »",
        "ligne 10, colonne « type »",
        "ligne 11, colonne « type »",
        "ligne 12, colonne « type »",
        "ligne 13, colonne « type »",
        "ligne 14, colonne « type »",
        "ligne 15, colonne « type »",
        "ligne 16, colonne « type »",
        "ligne 19, colonne « constraint »",
        "ligne 20, colonne « choice_filter »",
        "ligne 21, colonne « media::image »",
    ]


def test_a_repeat_outside_any_group_is_told_as_a_repeat(tmp_path: Path) -> None:
    form = household()
    form["survey"][4:4] = [["begin_repeat", "Members", "Membres"], ["end_repeat"]]  # row 5
    found = [line for line in lines(save(tmp_path / "f.xlsx", form)) if "« survey »" in line]
    assert len(found) == 1
    assert found[0].startswith(
        "f.xlsx: feuille « survey », ligne 5, colonne « type » : type « begin_repeat » non pris "
        "en charge"
    )


def test_odk_messages_without_french_are_left_aside_not_refused(tmp_path: Path) -> None:
    form = household()
    head = form["survey"][0]
    head[head.index("required_message::French")] = "required_message::German"
    head[head.index("constraint_message::French")] = "guidance_hint::French"
    q = read_form(filled(tmp_path, form), "starter.xlsx").loaded.questionnaire
    size = q.question_index["HouseholdSize"]
    assert size.required and size.required_message is None
