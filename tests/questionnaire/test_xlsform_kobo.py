"""Forms as Kobo and ODK users write them: pyxform's spellings, metadata rows, nested
groups with conditions, questions outside any group; every problem told in one run, and
a starter that adds the scoring they lack."""

from __future__ import annotations

import re
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from evaluation.questionnaire import DefinitionError
from evaluation.questionnaire.xlsform.read import Converted, read_form, read_starter
from evaluation.questionnaire.xlsform.starter import workbook
from evaluation.questionnaire.xlsform.write import workbook_bytes
from tests.conftest import FR
from tests.questionnaire.xlsform_forms import NO_SCORING, Sheets, save

KOBO_SURVEY = [
    "type",
    "name",
    "label::French",
    "label::English",
    "hint::French",
    "required",
    "relevant",
    "appearance",
    "guidance_hint::French",
]


def kobo() -> Sheets:
    """A Kobo form as published: no scoring, language names without codes."""
    return {
        "survey": [
            KOBO_SURVEY,
            ["start", "start"],
            ["end", "end"],
            ["begin_group", "equipement", "Équipement", "Equipment", *[None] * 3, "field-list"],
            ["select_multiple appareils", "appareils", "Quels appareils ?", "Which devices?"],
            ["select_one oui_non", "internet", "Internet chez vous ?", "Internet?", None, "true"],
            ["begin_group", "details", "Détails", "Details", None, None, "${internet} = 'oui'"],
            ["select_one frequence", "usage", "Souvent ?", "Often?"],
            [
                "select_one oui_non",
                "box",
                "Une box ?",
                "A box?",
                None,
                None,
                "selected(${appareils}, 'ordinateur')",
            ],
            ["end_group"],
            ["select_one oui_non", "aide", "Besoin d'aide ?", "Need help?"],  # row 12
            ["end_group"],
            ["select_one oui_non", "content", "Content ?", "Happy?", "Dites-le"],  # row 14
            ["text", "remarque", "Remarque", "Remark", None, None, None, None, "Notez"],
            ["audit", "audit"],
        ],
        "choices": [
            ["list name", "name", "label::French", "label::English"],
            ["appareils", "telephone", "Un téléphone", "A phone"],
            ["appareils", "ordinateur", "Un ordinateur", "A computer"],
            ["appareils", "aucun", "Aucun", "None"],
            ["oui_non", "oui", "Oui", "Yes"],
            ["oui_non", "non", "Non", "No"],
            ["frequence", "souvent", "Souvent", "Often"],
            ["frequence", "parfois", "Parfois", "Sometimes"],
            ["frequence", "jamais", "Jamais", "Never"],
        ],
        "settings": [
            ["form_title", "form_id", "version", "default_language"],
            ["Diagnostic Kobo", "kobo-diag", 1, "French"],
        ],
    }


def lines(path: Path) -> list[str]:
    with pytest.raises(DefinitionError) as caught:
        read_form(path, "f.xlsx")
    return caught.value.lines(FR)


def test_a_kobo_form_gets_everything_to_do_in_one_run(tmp_path: Path) -> None:
    form = kobo()
    form["survey"].insert(5, ["geopoint", "lieu", "Où ?"])  # row 6
    form["survey"][7][6] = "${internet} = 'oui' and today() > 3"  # the nested group, row 8
    assert lines(save(tmp_path / "f.xlsx", form)) == [
        *NO_SCORING,
        "f.xlsx: feuille « survey », ligne 6, colonne « type » : type « geopoint » non pris en "
        "charge : seuls select_one <liste> (or_other permis), select_multiple <liste>, text, "
        "note, integer, decimal, date, begin_group et end_group le sont (pas de répétition, de "
        "calcul, de GPS, de fichier ni d'image)",
        "f.xlsx: feuille « survey », ligne 8, colonne « relevant » : fonction « today » non "
        "prise en charge : seules selected(), count-selected() et not() le sont, avec =, !=, >=, "
        "<=, >, <, and, or et des parenthèses",
    ]


def test_a_model_problem_is_told_with_the_missing_scoring(tmp_path: Path) -> None:
    form = kobo()
    form["survey"][13][6] = "${nobody} = 'oui'"  # `content`, row 14
    found = lines(save(tmp_path / "f.xlsx", form))
    assert len(found) == 5
    assert found[-1].startswith("f.xlsx: feuille « survey », ligne 14, colonne « relevant » : ")
    assert "nobody" in found[-1]


def starter_of(tmp_path: Path, form: Sheets) -> Path:
    path = save(tmp_path / "kobo.xlsx", form)
    sheets, missing = read_starter(path, "kobo.xlsx")
    out = tmp_path / "starter.xlsx"
    out.write_bytes(workbook(path.read_bytes(), sheets, missing))
    return out


def filled(tmp_path: Path, form: Sheets) -> Path:
    """The starter of `form` with what a coordinator writes in it (`starter.xlsx`)."""
    out = starter_of(tmp_path, form)
    fill(
        out,
        {
            "competences": {"crcn": "1.1", "digcomp": "2.1"},
            "by_level": {"can_do::Français (fr)": "Vous savez.", "next::Français (fr)": "Après."},
        },
    )
    return out


def filled_starter(tmp_path: Path, form: Sheets) -> Converted:
    """The starter of `form` with what a coordinator writes in it, read back."""
    return read_form(filled(tmp_path, form), "starter.xlsx")


def fill(path: Path, values: dict[str, dict[str, Any]]) -> None:
    """Write `values` (sheet -> column -> value) in every row of those columns."""
    from openpyxl import load_workbook

    book = load_workbook(path)
    for name, columns in values.items():
        sheet = book[name]
        head = [c.value for c in sheet[1]]
        for row in range(2, sheet.max_row + 1):
            for column, value in columns.items():
                sheet.cell(row, head.index(column) + 1, value)
    book.save(path)


def test_the_starter_leaves_only_what_a_coordinator_must_write(tmp_path: Path) -> None:
    found = lines(starter_of(tmp_path, kobo()))
    # three scored sections (equipement, details, equipement_2) and the loose one
    assert len(found) == 4 * 2 + 4 * 4 * 2
    assert all("feuille « competences »" in f or "feuille « by_level »" in f for f in found)


def test_a_kobo_form_imports_once_the_starter_is_filled_in(tmp_path: Path) -> None:
    converted = filled_starter(tmp_path, kobo())
    q = converted.loaded.questionnaire
    assert converted.ignored == ("start", "end", "audit")
    assert [s.id for s in q.sections] == ["equipement", "details", "equipement_2", "kobo-diag"]
    assert [c.id for c in q.competences] == [s.id for s in q.sections]
    usage, box = q.sections[1].questions
    show = {"question": "internet", "any_of": ("oui",)}
    assert usage.show_if is not None and usage.show_if.model_dump(exclude_none=True) == show
    assert box.show_if is not None
    assert box.show_if.model_dump(exclude_none=True, by_alias=True) == {
        "all": (show, {"question": "appareils", "any_of": ("ordinateur",)})
    }
    assert q.question_index["appareils"].text.en == "Which devices?"
    assert [o.points for o in q.question_index["appareils"].options] == [  # type: ignore[union-attr]
        {"equipement": 1},
        {"equipement": 1},
        {"equipement": 0},
    ]
    # the round trip keeps every row's meaning, and pyxform reads the export
    again = tmp_path / "again.xlsx"
    again.write_bytes(workbook_bytes(q))
    assert read_form(again, "again.xlsx").loaded.sha256 == converted.loaded.sha256
    from pyxform.xls2xform import convert

    assert convert(xlsform=str(again), validate=False).warnings == []


def test_odk_single_colon_spellings_and_aliases_are_read(tmp_path: Path) -> None:
    form: Sheets = {
        "survey": [
            ["type", "name", "label:French", "bind:relevant", "Hint"],
            ["begin group", "s", "Section"],
            ["select_one yn", "q1", "Question 1"],
            ["select_one yn", "q2", "Question 2", "${q1} = 'y'", "Une aide"],
            ["end group"],
        ],
        "choices": [
            ["list name", "value", "label:French", "points_s"],
            ["yn", "y", "Oui", 1],
            ["yn", "n", "Non", 0],
        ],
        "settings": [["set_form_id", "version", "form_title"], ["odk", 2, "ODK"]],
        "competences": [["name", "label", "crcn", "digcomp"], ["s", "S", "1.1", "1.1"]],
        "levels": [
            ["name", "label", "min_percent", "autonomie", "description"],
            ["low", "Bas", 0, "entierement_accompagne", "Bas"],
            ["high", "Haut", 50, "autonome", "Haut"],
        ],
        "by_level": [
            ["competence", "level", "can_do", "next"],
            ["s", "low", "a", "b"],
            ["s", "high", "c", "d"],
        ],
    }
    q = read_form(save(tmp_path / "odk.xlsx", form), "odk.xlsx").loaded.questionnaire
    second = q.sections[0].questions[1]
    assert second.show_if is not None and second.show_if.question == "q1"
    assert second.help is not None and second.help.fr == "Une aide"
    assert [o.id for o in q.question_index["q1"].options] == ["y", "n"]  # type: ignore[union-attr]


def rewritten(path: Path, change: Callable[[bytes], bytes]) -> Path:
    """The workbook at `path` with each sheet's XML passed through `change`, as another
    spreadsheet program would have written it."""
    import io
    import zipfile

    with zipfile.ZipFile(path) as source:
        parts = [(info, source.read(info)) for info in source.infolist()]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for info, data in parts:
            sheet = info.filename.startswith("xl/worksheets/sheet")
            target.writestr(info, change(data) if sheet else data)
    path.write_bytes(out.getvalue())
    return path


def test_a_libreoffice_declared_range_is_not_counted_as_cells(tmp_path: Path) -> None:
    from evaluation.files.safe_xlsx import read_xlsx

    form = kobo()
    form["choices"] += [["long", f"c{i}", f"Choix {i}"] for i in range(300)]
    path = rewritten(
        save(tmp_path / "lo.xlsx", form),
        lambda xml: re.sub(
            rb'<dimension ref="[^"]*" ?/>', b'<dimension ref="A1:AMJ1048576"/>', xml
        ),
    )
    assert b"AMJ1048576" in zipfile_text(path)
    assert len(read_xlsx(path)["choices"].rows) == 308


def zipfile_text(path: Path) -> bytes:
    import zipfile

    with zipfile.ZipFile(path) as archive:
        return b"".join(archive.read(n) for n in archive.namelist() if "worksheets" in n)


def test_openpyxl_warnings_never_reach_the_person(tmp_path: Path) -> None:
    from evaluation.files.safe_xlsx import read_xlsx

    unknown = b'<extLst><ext uri="{78C0D931-6437-407d-A8EE-F0AAD7539E65}"><x/></ext></extLst>'
    path = rewritten(
        save(tmp_path / "ext.xlsx", kobo()),
        lambda xml: xml.replace(b"</worksheet>", unknown + b"</worksheet>"),
    )
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        read_xlsx(path)
    assert [str(w.message) for w in seen] == []


def test_a_duplicate_answer_id_is_told_at_its_own_row(tmp_path: Path) -> None:
    from tests.questionnaire.xlsform_forms import sheets

    content = sheets()
    content["choices"][5][1] = "box"  # `internet`'s second answer, row 6
    assert lines(save(tmp_path / "f.xlsx", content)) == [
        "f.xlsx: feuille « choices », ligne 6, colonne « name » : identifiant de réponse « box » "
        "en double"
    ]


def test_a_duplicate_answer_id_in_yaml_is_told_at_its_line() -> None:
    from evaluation.questionnaire import load_bytes
    from tests.conftest import FIXTURES

    text = (FIXTURES / "questionnaires" / "mini" / "1.yaml").read_text(encoding="utf-8")
    doubled = text.replace("{id: computer,", "{id: smartphone,")
    line = [n for n, s in enumerate(doubled.splitlines(), 1) if "{id: smartphone" in s][1]
    with pytest.raises(DefinitionError) as caught:
        load_bytes(doubled.encode(), "q.yaml")
    assert caught.value.lines(FR)[0].startswith(f"q.yaml:{line}: ")


def test_names_and_label_references_follow_the_xlsform_rules(tmp_path: Path) -> None:
    from tests.questionnaire.xlsform_forms import set_cell, sheets

    content = sheets()
    content["survey"][1][1] = "1equipment"  # a section, row 2
    set_cell(content, "survey", 4, "label::fr", "Internet, ${age} ?")
    assert lines(save(tmp_path / "f.xlsx", content)) == [
        "f.xlsx: feuille « survey », ligne 2, colonne « name » : « 1equipment » commence par "
        "un chiffre : un nom XLSForm commence par une lettre ou « _ » (ODK le refuse) ; "
        "renommez-le, ainsi que ses ${…}",
        "f.xlsx: feuille « survey », ligne 4, colonne « label::fr » : « ${age} » ne nomme "
        "aucune ligne de la feuille survey (ODK le refuse, l'application l'afficherait tel "
        "quel) : corrigez le nom ou écrivez le texte sans lui",
    ]


@pytest.mark.parametrize("code", ["ber", "wo", "ar", "fr", "oc", "tzm", "rcf"])
def test_every_language_code_exports_without_a_pyxform_warning(code: str, tmp_path: Path) -> None:
    from pyxform.xls2xform import convert

    from evaluation.questionnaire import load_file
    from tests.conftest import FIXTURES

    text = (FIXTURES / "questionnaires" / "mini" / "1.yaml").read_text(encoding="utf-8")
    other = re.sub(r"\ben: ", f"{code}: ", text) if code != "fr" else text
    (tmp_path / "mini").mkdir()
    (tmp_path / "mini" / "1.yaml").write_text(other, encoding="utf-8")
    loaded = load_file(tmp_path / "mini" / "1.yaml")
    form = tmp_path / "form.xlsx"
    form.write_bytes(workbook_bytes(loaded.questionnaire))
    assert convert(xlsform=str(form), validate=False).warnings == []
    assert read_form(form, "form.xlsx").loaded.sha256 == loaded.sha256


def test_a_missing_title_is_told_at_its_column(tmp_path: Path) -> None:
    from tests.questionnaire.xlsform_forms import sheets

    content = sheets()
    content["settings"][1][2] = None
    assert lines(save(tmp_path / "f.xlsx", content)) == [
        "f.xlsx: feuille « settings », ligne 2, colonne « form_title » : champ obligatoire manquant"
    ]


def test_a_list_with_one_answer_says_so_at_its_question(tmp_path: Path) -> None:
    from tests.questionnaire.xlsform_forms import sheets

    content = sheets()
    del content["choices"][5:7]  # `internet` keeps its first answer only
    assert lines(save(tmp_path / "f.xlsx", content)) == [
        "f.xlsx: feuille « survey », ligne 4, colonne « type » : la liste « internet » n'a "
        "qu'une réponse : une question à choix en propose au moins deux ; ajoutez-en une sur "
        "la feuille choices"
    ]


def test_a_form_without_french_says_so_once_per_sheet(tmp_path: Path) -> None:
    from tests.questionnaire.xlsform_forms import sheets

    content = sheets()
    content["settings"][1][3] = "English (en)"  # default_language
    for sheet in ("survey", "choices"):
        head = content[sheet][0]
        for i, name in enumerate(head):
            if name in {"label::fr", "label::Français (fr)"}:
                head[i] = "label::Deutsch (de)"
            elif name == "label::English (en)":
                head[i] = "label"  # in the default language: English
    found = lines(save(tmp_path / "f.xlsx", content))
    assert found[:2] == [
        f"f.xlsx: feuille « {sheet} », ligne 1, colonne « label::Deutsch (de) » : aucune "
        "colonne label en français : le français est obligatoire ; ajoutez une colonne "
        "label::Français (fr) (les autres langues restent)"
        for sheet in ("survey", "choices")
    ]
    assert len(found) == 3  # and the title, written in English only


def test_a_shared_answer_list_is_written_once(tmp_path: Path) -> None:
    from evaluation.files.safe_xlsx import read_xlsx
    from tests.questionnaire.xlsform_forms import sheets

    content = sheets()
    content["survey"].insert(4, ["select_one internet", "internet_work", "Au travail ?"])
    converted = read_form(save(tmp_path / "f.xlsx", content), "f.xlsx").loaded
    again = tmp_path / "again.xlsx"
    again.write_bytes(workbook_bytes(converted.questionnaire))
    written = read_xlsx(again)
    types = {r.cells["name"]: r.cells["type"] for r in written["survey"].rows if "name" in r.cells}
    assert types["internet_work"] == types["internet"] == "select_one internet"
    lists = [r.cells["list_name"] for r in written["choices"].rows]
    assert lists.count("internet") == 3 and "internet_work" not in lists
    assert read_form(again, "again.xlsx").loaded.sha256 == converted.sha256


def test_a_repeat_is_refused_once_at_its_beginning(tmp_path: Path) -> None:
    form = kobo()
    form["survey"][4:4] = [["begin_repeat", "membres", "Membres"]]  # row 5
    form["survey"][7:7] = [["end_repeat"]]  # row 8
    found = lines(save(tmp_path / "f.xlsx", form))
    assert [f for f in found if "repeat" in f] == [
        "f.xlsx: feuille « survey », ligne 5, colonne « type » : type « begin_repeat » non pris "
        "en charge : seuls select_one <liste> (or_other permis), select_multiple <liste>, text, "
        "note, integer, decimal, date, begin_group et end_group le sont (pas de répétition, de "
        "calcul, de GPS, de fichier ni d'image)"
    ]
