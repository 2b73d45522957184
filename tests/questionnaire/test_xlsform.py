"""XLSForm: export then import gives back the same version, a hand-made workbook is read
as a coordinator means it, pyxform accepts our workbooks, bad ones are refused in words."""

from __future__ import annotations

from pathlib import Path

import pytest

from evaluation.operations.questionnaires import put_recordings
from evaluation.questionnaire import DefinitionError, load_file
from evaluation.questionnaire.library import shipped_dir
from evaluation.questionnaire.model import MultipleChoice, Note, SingleChoice, Task, YesNo
from evaluation.questionnaire.xlsform.read import read_form
from evaluation.questionnaire.xlsform.write import workbook_bytes
from tests.conftest import EN, FIXTURES, FR
from tests.questionnaire.xlsform_forms import NO_SCORING, save, set_cell, sheets

VERSIONS = sorted(shipped_dir().glob("*/*.yaml")) + sorted(
    (FIXTURES / "questionnaires").glob("**/*.yaml")
)


@pytest.mark.parametrize("path", VERSIONS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_export_then_import_gives_the_same_canonical_sha256(path: Path, tmp_path: Path) -> None:
    loaded = load_file(path)
    form = tmp_path / "form.xlsx"
    form.write_bytes(workbook_bytes(loaded.questionnaire))
    put_recordings(loaded.recordings, tmp_path)  # beside the workbook, as export puts them
    again = read_form(form, "form.xlsx")
    assert again.loaded.sha256 == loaded.sha256
    assert again.loaded.recordings == loaded.recordings
    assert again.loaded.questionnaire == loaded.questionnaire


def test_texts_that_look_like_formulas_travel_as_texts(tmp_path: Path) -> None:
    mini = (FIXTURES / "questionnaires" / "mini" / "1.yaml").read_text(encoding="utf-8")
    typed = mini.replace("fr: Mini diagnostic", "fr: '=1+1 Mini diagnostic'").replace(
        "fr: Utiliser un appareil", "fr: '@SOMME(1;2) appareil'"
    )
    assert typed != mini
    (tmp_path / "mini").mkdir()
    (tmp_path / "mini" / "1.yaml").write_text(typed, encoding="utf-8")
    loaded = load_file(tmp_path / "mini" / "1.yaml")
    form = tmp_path / "form.xlsx"
    form.write_bytes(workbook_bytes(loaded.questionnaire))
    again = read_form(form, "form.xlsx").loaded
    assert again.questionnaire.title.fr == "=1+1 Mini diagnostic"
    assert again.questionnaire.competences[0].label.fr == "@SOMME(1;2) appareil"
    assert again.sha256 == loaded.sha256


def test_diagnostic_base_is_among_the_round_trips() -> None:
    names = {f"{p.parent.name}/{p.name}" for p in VERSIONS}
    assert {"diagnostic-base/1.yaml", "diagnostic-base/2.yaml", "mini/1.yaml"} <= names


def test_pyxform_converts_our_workbooks_without_errors(tmp_path: Path) -> None:
    from pyxform.xls2xform import convert

    for path in VERSIONS:
        q = load_file(path).questionnaire
        form = tmp_path / f"{q.id}-{q.version}.xlsx"
        form.write_bytes(workbook_bytes(q))
        result = convert(xlsform=str(form), validate=False)
        assert result.warnings == [], path
        assert f'id="{q.id}"' in result.xform
        if path.parent.parent == shipped_dir():  # the show-if reaches ODK as XPath on its path
            assert "selected( /data/equipment/devices , 'smartphone')" in result.xform


def test_a_hand_made_workbook_is_read_with_every_supported_type(tmp_path: Path) -> None:
    q = read_form(save(tmp_path / "mini.xlsx", sheets()), "mini.xlsx").loaded.questionnaire
    assert (q.id, q.version, q.title.fr) == ("mini-xls", 3, "Mini tableur")
    assert [s.id for s in q.sections] == ["equipment", "habits"]
    kinds = [(question.id, question.kind) for question in q.questions]
    assert kinds == [
        ("devices", "multiple"),
        ("internet", "single"),
        ("switch_on", "task"),
        ("updates", "frequency"),
        ("scam", "yes_no"),
        ("remark", "note"),
        ("other", "info"),
    ]
    devices, internet, switch, _, scam, remark, _ = q.questions
    assert isinstance(devices, MultipleChoice) and isinstance(internet, SingleChoice)
    assert isinstance(switch, Task) and isinstance(scam, YesNo) and isinstance(remark, Note)
    # label::fr and label::English (en) on survey, label::Français (fr) on choices
    assert devices.text.fr == "Quels appareils ?" and devices.text.en == "Which devices?"
    assert devices.help is not None and devices.help.fr == "Plusieurs"
    none = devices.options[2]
    assert (none.label.fr, none.label.en, none.exclusive, none.materiel) == (
        "Aucun",
        "None",
        True,
        ("aucun",),
    )
    assert none.next is not None and none.next.fr == "choisir"
    assert devices.options[0].points == {"device": 1}
    assert switch.instruction.fr == "Tendez le téléphone éteint."
    assert switch.answers["alone"].points == {"device": 2}
    assert switch.answers["alone"].can_do is not None
    assert "failed" not in switch.answers  # its label is the scale's own: nothing to keep
    assert switch.show_if is not None and switch.show_if.any_of == ("phone",)
    assert q.questions[3].show_if is not None and q.questions[3].show_if.none_of == ("none",)
    assert scam.show_if is not None and scam.show_if.all_ is not None
    assert q.competences[0].crcn == ("5.2",) and q.competences[1].crcn == ("4.1", "4.2")
    assert q.competences[0].by_level["high"].can_do.fr == "Vous vous débrouillez."
    assert [level.id for level in q.levels] == ["low", "high"]
    paperwork = q.next_steps[1]
    assert paperwork.priority == 3 and paperwork.when is not None
    assert paperwork.when.any_of == ("none",)


def test_a_bare_label_column_is_in_the_default_language(tmp_path: Path) -> None:
    content = sheets()
    content["settings"][1][3] = "fr"
    content["survey"][0][2] = "label"  # was label::fr
    q = read_form(save(tmp_path / "f.xlsx", content), "f.xlsx").loaded.questionnaire
    assert q.questions[0].text.fr == "Quels appareils ?"
    assert q.questions[0].text.en == "Which devices?"


def test_other_languages_and_recordings_travel_both_ways(tmp_path: Path) -> None:
    content = sheets()
    set_cell(content, "survey", 3, "label::العربية (ar)", "ما هي الأجهزة؟")
    set_cell(content, "survey", 3, "media::audio::fr", "audio/devices-fr.ogg")
    set_cell(content, "survey", 3, "audio::ar", "audio/devices-ar.ogg")
    set_cell(content, "survey", 5, "instruction_audio::fr", "tendez.ogg")
    set_cell(content, "choices", 2, "media::audio::Français (fr)", "phone.ogg")
    set_cell(content, "choices", 4, "next_audio_fr", "choisir.ogg")
    (tmp_path / "audio").mkdir()
    for name in (
        "audio/devices-fr.ogg",
        "audio/devices-ar.ogg",
        "tendez.ogg",
        "phone.ogg",
        "choisir.ogg",
    ):
        (tmp_path / name).write_bytes(b"OggS")
    converted = read_form(save(tmp_path / "f.xlsx", content), "f.xlsx")
    q = converted.loaded.questionnaire
    devices = q.questions[0]
    assert devices.text.get("ar") == "ما هي الأجهزة؟"
    assert devices.text.audio == {"fr": "audio/devices-fr.ogg", "ar": "audio/devices-ar.ogg"}
    assert (
        isinstance(q.questions[2], Task)
        and q.questions[2].instruction.recording("fr") == "tendez.ogg"
    )
    assert devices.choices()[0].label.recording("fr") == "phone.ogg"
    assert sorted(converted.recordings) == sorted(
        ["audio/devices-fr.ogg", "audio/devices-ar.ogg", "tendez.ogg", "phone.ogg", "choisir.ogg"]
    )
    again = tmp_path / "again.xlsx"
    again.write_bytes(workbook_bytes(q))
    assert read_form(again, "again.xlsx").loaded.sha256 == converted.loaded.sha256


def refused(tmp_path: Path, content: object, name: str = "f.xlsx") -> list[str]:
    path = save(tmp_path / name, content) if isinstance(content, dict) else tmp_path / name
    with pytest.raises(DefinitionError) as caught:
        read_form(path, name)
    return caught.value.lines(FR)


UNSUPPORTED = (
    "non pris en charge : seuls select_one <liste> (or_other permis), select_multiple <liste>, "
    "text, note, integer, decimal, date, begin_group et end_group le sont (pas de répétition, de "
    "calcul, de GPS, de fichier ni "
    "d'image)"
)
AT = "f.xlsx: feuille « {} », ligne {}, colonne « {} » : "


def survey_type(row: int, value: str) -> dict[str, list[list[object]]]:
    content = sheets()
    content["survey"][row - 1][0] = value
    return content


def with_cell(sheet: str, row: int, name: str, value: object) -> dict[str, list[list[object]]]:
    content = sheets()
    set_cell(content, sheet, row, name, value)
    return content


def renamed_header(sheet: str, index: int, name: str) -> dict[str, list[list[object]]]:
    content = sheets()
    content[sheet][0][index] = name
    return content


def without_row(sheet: str, row: int) -> dict[str, list[list[object]]]:
    content = sheets()
    del content[sheet][row - 1]
    return content


CASES = {
    "repeat": (
        survey_type(4, "begin_repeat"),
        AT.format("survey", 4, "type") + f"type « begin_repeat » {UNSUPPORTED}",
    ),
    "calculation": (
        survey_type(4, "calculate"),
        AT.format("survey", 4, "type") + f"type « calculate » {UNSUPPORTED}",
    ),
    "gps": (
        survey_type(4, "geopoint"),
        AT.format("survey", 4, "type") + f"type « geopoint » {UNSUPPORTED}",
    ),
    "image": (
        survey_type(4, "image"),
        AT.format("survey", 4, "type") + f"type « image » {UNSUPPORTED}",
    ),
    "other function": (
        with_cell("survey", 5, "relevant", "string-length(${devices}) > 1"),
        AT.format("survey", 5, "relevant")
        + "fonction « string-length » non prise en charge : seules selected(), count-selected() "
        "et not() le sont, avec =, !=, >=, <=, >, <, and, or et des parenthèses",
    ),
    "unknown question": (
        with_cell("survey", 5, "relevant", "selected(${device}, 'phone')"),
        AT.format("survey", 5, "relevant") + "question « device » inconnue",
    ),
    "unknown answer": (
        with_cell("survey", 5, "relevant", "selected(${devices}, 'tablet')"),
        AT.format("survey", 5, "relevant")
        + "la question « devices » n'a pas de réponse « tablet »",
    ),
    "unfinished when": (
        with_cell("next_steps", 3, "when", "${internet} = 'none' or"),
        AT.format("next_steps", 3, "when")
        + "condition inachevée : il manque selected(${…}, '…') à la fin",
    ),
    "constraint column": (
        with_cell("survey", 4, "constraint", ". != 'x'"),
        AT.format("survey", 4, "constraint")
        + "colonne hors du sous-ensemble pris en charge (voir les colonnes XLSForm dans "
        "docs/formats.md) : l'application ne saurait pas la respecter ; ce formulaire ne peut "
        "pas être importé tel quel tant qu'elle sert",
    ),
    "points in words": (
        with_cell("choices", 2, "points_device", "deux"),
        AT.format("choices", 2, "points_device") + "doit être un nombre entier",
    ),
    "points of an unknown competence": (
        with_cell("choices", 2, "points_devise", 1),
        AT.format("choices", 2, "points_devise") + "compétence « devise » inconnue",
    ),
    "scale answers": (
        with_cell("choices", 16, "name", "non"),
        AT.format("choices", 15, "name")
        + "une question yes_no a exactement ces réponses, dans cet ordre : yes no",
    ),
    "missing list": (
        survey_type(4, "select_one connexion"),
        AT.format("survey", 4, "type") + "liste « connexion » absente de la feuille choices",
    ),
    "group left open": (
        without_row("survey", 6),
        "f.xlsx: feuille « survey » : la section « equipment » n'est pas fermée : ajoutez une "
        "ligne end_group",
    ),
    "language": (
        renamed_header("survey", 3, "label::Elfique"),
        AT.format("survey", 1, "label::Elfique") + "langue « Elfique » illisible : écrivez-la "
        "avec son code, ex. label::Français (fr) ou label::fr",
    ),
    "version": (
        with_cell("settings", 2, "version", "v2"),
        AT.format("settings", 2, "version") + "doit être un nombre entier",
    ),
    "name": (
        with_cell("survey", 4, "name", "Internet Maison"),
        AT.format("survey", 4, "name") + "« Internet Maison » n'est pas un nom valable : lettres "
        "sans accent, chiffres, « _ », « - » et « . », sans commencer par « - » ni « . »",
    ),
    "kind": (
        with_cell("survey", 10, "kind", "scale"),
        AT.format("survey", 10, "kind")
        + "genre « scale » inconnu ici : yes_no, frequency ou task, et seulement avec select_one",
    ),
    "missing label": (
        with_cell("survey", 3, "label::fr", None),
        AT.format("survey", 3, "label::fr") + "champ obligatoire manquant",
    ),
    "instruction": (
        with_cell("survey", 4, "instruction::fr", "Faites"),
        AT.format("survey", 4, "instruction::fr")
        + "une consigne pour le médiateur ne va qu'avec une question de genre task",
    ),
    "recording outside the folder": (
        with_cell("survey", 3, "media::audio::fr", "../secret.ogg"),
        AT.format("survey", 3, "media::audio::fr") + "« ../secret.ogg » n'a pas la forme attendue",
    ),
    "hint on a section": (
        with_cell("survey", 7, "hint::fr", "Quelques questions"),
        AT.format("survey", 7, "hint::fr") + "une section n'a qu'un identifiant (name), un "
        "titre (label) et une condition (relevant) : mettez cette case sur ses questions",
    ),
    "one language twice": (
        with_cell("survey", 3, "label::Français (fr)", "Quels appareils ?"),
        AT.format("survey", 1, "label::Français (fr)")
        + "même champ et même langue que la colonne « label::fr » : gardez-en une",
    ),
    "missing recording": (
        with_cell("survey", 3, "media::audio::fr", "absent.ogg"),
        AT.format("survey", 3, "media::audio::fr") + "enregistrement « absent.ogg » introuvable "
        "à côté du classeur : ajoutez le fichier ou videz la case",
    ),
}


@pytest.mark.parametrize("case", CASES, ids=str)
def test_a_broken_workbook_is_refused_in_one_line_at_its_cell(case: str, tmp_path: Path) -> None:
    content, line = CASES[case]
    assert refused(tmp_path, content) == [line]


def test_the_same_refusal_reads_in_english(tmp_path: Path) -> None:
    path = save(tmp_path / "f.xlsx", survey_type(4, "begin_repeat"))
    with pytest.raises(DefinitionError) as caught:
        read_form(path, "f.xlsx")
    assert caught.value.lines(EN) == [
        "f.xlsx: sheet « survey », row 4, column « type »: type « begin_repeat » not supported: "
        "only select_one <list> (or_other allowed), select_multiple <list>, text, note, integer, "
        "decimal, date, begin_group and end_group are (no repeat, calculation, GPS, file or "
        "image)"
    ]


def test_a_plain_odk_form_gets_one_line_per_missing_piece(tmp_path: Path) -> None:
    plain = {
        "survey": [["type", "name", "label"], ["select_one yn", "q", "Q ?"], ["text", "t", "T"]],
        "choices": [["list_name", "name", "label"], ["yn", "yes", "Oui"], ["yn", "no", "Non"]],
        # instance_name only names a submission in ODK: left aside, not refused
        "settings": [["form_title", "form_id", "instance_name"], ["Titre", "enquete", "${q}"]],
    }
    assert refused(tmp_path, plain) == [
        *NO_SCORING,
        "f.xlsx: aucune section : entourez les questions de lignes begin_group et end_group "
        "(chaque groupe est une section, avec un name et un label)",
        "f.xlsx: feuille « settings », ligne 2, colonne « version » : version absente : écrivez "
        "le numéro de version (un nombre entier, ex. 1) dans la colonne version",
    ]


def test_a_form_without_a_survey_sheet_is_refused(tmp_path: Path) -> None:
    assert refused(tmp_path, {"feuille1": [["a"], ["b"]]}) == [
        "f.xlsx: feuille absente : un formulaire XLSForm a une feuille « survey » (les questions)"
    ]


def test_a_file_that_is_not_a_workbook_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "f.xlsx").write_text("type,name,label\ntext,t,T\n", encoding="utf-8")
    assert refused(tmp_path, None) == [
        "f.xlsx: ce n'est pas un classeur Excel (.xlsx) : enregistrez-le au format « Classeur "
        "Excel (.xlsx) »"
    ]


def test_a_zip_bomb_is_refused_before_anything_is_inflated(tmp_path: Path) -> None:
    import zipfile

    with zipfile.ZipFile(tmp_path / "f.xlsx", "w", zipfile.ZIP_DEFLATED) as bomb:
        bomb.writestr("xl/workbook.xml", "<workbook/>")
        with bomb.open("xl/worksheets/sheet1.xml", "w") as big:
            for _ in range(65):
                big.write(b"\0" * 1024 * 1024)
    assert (tmp_path / "f.xlsx").stat().st_size < 200_000
    assert refused(tmp_path, None) == [
        "f.xlsx: classeur refusé : une fois décompressé, il dépasserait 64 Mo"
    ]


def test_a_damaged_workbook_is_one_line(tmp_path: Path) -> None:
    import zipfile

    with zipfile.ZipFile(tmp_path / "f.xlsx", "w") as broken:
        broken.writestr("xl/workbook.xml", "<not really")
    assert refused(tmp_path, None) == [
        "f.xlsx: classeur .xlsx illisible (abîmé ou incomplet) : enregistrez-le à nouveau "
        "depuis le tableur"
    ]


def test_too_many_sheets_are_refused(tmp_path: Path) -> None:
    content = sheets()
    for n in range(30):
        content[f"extra{n}"] = [["a"]]
    assert refused(tmp_path, content) == ["f.xlsx: classeur refusé : plus de 32 feuilles"]


def test_a_cell_too_long_is_refused_where_it_is(tmp_path: Path) -> None:
    content = with_cell("survey", 3, "hint::fr", "x" * 4001)
    assert refused(tmp_path, content) == [
        AT.format("survey", 3, "hint::fr") + "case trop longue (plus de 4000 caractères)"
    ]


def test_too_many_cells_are_refused_while_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import evaluation.files.safe_xlsx

    monkeypatch.setattr(evaluation.files.safe_xlsx, "MAX_CELLS", 100)
    assert refused(tmp_path, sheets()) == [
        # the cells written are counted, not the width the sheet declares
        "f.xlsx: feuille « choices », ligne 7 : classeur refusé : plus de 100 cases remplies ou "
        "réservées au total"
    ]


def test_a_file_too_large_is_refused_unread(tmp_path: Path) -> None:
    with (tmp_path / "f.xlsx").open("wb") as big:
        big.truncate(5 * 1024 * 1024)
    assert refused(tmp_path, None) == ["f.xlsx: fichier trop gros (5 Mo ; au plus 4 Mo)"]


def test_the_example_workbook_in_docs_is_diagnostic_base_2() -> None:
    example = Path(__file__).parents[2] / "docs" / "diagnostic-base-2.xlsx"
    published = load_file(shipped_dir() / "diagnostic-base" / "2.yaml")
    assert read_form(example, example.name).loaded.sha256 == published.sha256


def test_xml_entities_in_a_workbook_are_refused_not_expanded(tmp_path: Path) -> None:
    import zipfile

    import openpyxl.xml

    assert openpyxl.xml.DEFUSEDXML  # openpyxl parses through defusedxml
    good = save(tmp_path / "good.xlsx", sheets())
    laughs = (
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        + "".join(
            f'<!ENTITY lol{n} "{"&lol;" * 10 if n == 1 else f"&lol{n - 1};" * 10}">'
            for n in range(1, 10)
        )
        + ']><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row>'
        "</sheetData></worksheet>"
    )
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(tmp_path / "f.xlsx", "w") as bomb:
        for item in source.infolist():
            data = source.read(item)
            bomb.writestr(item, laughs if item.filename == "xl/worksheets/sheet1.xml" else data)
    assert refused(tmp_path, None) == [
        "f.xlsx: classeur .xlsx illisible (abîmé ou incomplet) : enregistrez-le à nouveau "
        "depuis le tableur"
    ]
