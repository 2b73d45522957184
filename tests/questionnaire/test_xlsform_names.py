"""Names as XLSForm has them: case kept (`HasInternet`, `Oui`), `.` and `-` inside, and
every `${Name}` and quoted answer working unchanged; the questionnaire's own id stays
lower case, as it names a folder."""

from __future__ import annotations

from pathlib import Path

from pyxform.xls2xform import convert

from evaluation.questionnaire import load_bytes
from evaluation.questionnaire.xlsform.read import read_form
from evaluation.questionnaire.xlsform.write import workbook_bytes
from tests.conftest import FR
from tests.questionnaire.test_xlsform_kobo import filled_starter, kobo, lines
from tests.questionnaire.xlsform_forms import Sheets, save

RENAMED = {
    "equipement": "Equipement",
    "appareils": "Appareils",
    "internet": "HasInternet",
    "details": "Details.Box",
    "usage": "Usage_Freq",
    "box": "box-Type",
    "telephone": "Telephone",
    "ordinateur": "Ordinateur",
    "oui": "Oui",
    "non": "Non",
}


def camel() -> Sheets:
    """The Kobo form with CamelCase names, as 13 of 40 real forms have them."""
    form = kobo()
    for sheet in ("survey", "choices"):
        for row in form[sheet][1:]:
            if len(row) > 1 and row[1] in RENAMED:
                row[1] = RENAMED[row[1]]
    for row in form["survey"][1:]:
        if len(row) > 6 and isinstance(row[6], str):
            for old, new in RENAMED.items():
                row[6] = row[6].replace("${" + old + "}", "${" + new + "}")
                row[6] = row[6].replace(f"'{old}'", f"'{new}'")
    return form


def test_a_camel_case_kobo_form_keeps_its_names_both_ways(tmp_path: Path) -> None:
    converted = filled_starter(tmp_path, camel())
    q = converted.loaded.questionnaire
    assert [s.id for s in q.sections][:2] == ["Equipement", "Details.Box"]
    usage, box = q.sections[1].questions
    assert (usage.id, box.id) == ("Usage_Freq", "box-Type")
    show = {"question": "HasInternet", "any_of": ("Oui",)}
    assert usage.show_if is not None and usage.show_if.model_dump(exclude_none=True) == show
    assert box.show_if is not None
    assert box.show_if.model_dump(exclude_none=True, by_alias=True) == {
        "all": (show, {"question": "Appareils", "any_of": ("Ordinateur",)})
    }
    assert [o.id for o in q.question_index["Appareils"].choices()] == [
        "Telephone",
        "Ordinateur",
        "aucun",
    ]
    again = tmp_path / "again.xlsx"
    again.write_bytes(workbook_bytes(q))
    assert read_form(again, "again.xlsx").loaded.sha256 == converted.loaded.sha256
    result = convert(xlsform=str(again), validate=False)
    assert result.warnings == []
    assert "selected( /data/Equipement/Appareils , 'Ordinateur')" in result.xform


def test_a_name_outside_xlsforms_rule_is_refused_at_its_cell(tmp_path: Path) -> None:
    form = camel()
    form["survey"][4][1] = "Has Internet"  # row 5
    form["survey"][4 + 1][1] = "-Details"  # the group, row 6
    found = lines(save(tmp_path / "f.xlsx", form))
    assert (
        "f.xlsx: feuille « survey », ligne 5, colonne « name » : « Has Internet » n'est pas un "
        "nom valable : lettres sans accent, chiffres, « _ », « - » et « . », sans commencer "
        "par « - » ni « . »"
    ) in found
    assert any("ligne 6, colonne « name » : « -Details » n'est pas un nom" in f for f in found)


def test_the_questionnaire_id_stays_lower_case() -> None:
    from pathlib import Path as P

    from evaluation.questionnaire import DefinitionError
    from tests.conftest import FIXTURES

    mini = P(FIXTURES / "questionnaires" / "mini" / "1.yaml").read_text(encoding="utf-8")
    try:
        load_bytes(mini.replace("id: mini", "id: Mini", 1).encode(), "Mini/1.yaml")
    except DefinitionError as refused:
        assert refused.lines(FR) == [
            "Mini/1.yaml:3: id: « Mini » n'est pas un identifiant de questionnaire valable : "
            "minuscules sans accent, chiffres, « - » et « _ » (il nomme un dossier)"
        ]
    else:
        raise AssertionError("a questionnaire id in capitals was accepted")
