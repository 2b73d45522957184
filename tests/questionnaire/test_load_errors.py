"""Broken questionnaire files: each is refused with one exact, readable line."""

from __future__ import annotations

from pathlib import Path

import pytest

from evaluation.questionnaire import DefinitionError, load_bytes, load_file
from tests.conftest import FR, MINI, english

GOOD = MINI.read_text(encoding="utf-8")
NAME = "q/mini/1.yaml"


def refused(text: str | bytes) -> list[str]:
    raw = text.encode("utf-8") if isinstance(text, str) else text
    with pytest.raises(DefinitionError) as caught:
        load_bytes(raw, NAME)
    return english(caught.value)


def edit(old: str, new: str) -> str:
    assert GOOD.count(old) >= 1, old
    return GOOD.replace(old, new, 1)


def line_of(text: str, needle: str, nth: int = 1) -> int:
    index = -1
    for _ in range(nth):
        index = text.index(needle, index + 1)
    return text[:index].count("\n") + 1


def test_good_file_loads() -> None:
    loaded = load_bytes(GOOD.encode(), NAME)
    assert loaded.questionnaire.id == "mini"
    assert len(loaded.sha256) == 64


def test_bad_yaml() -> None:
    text = edit("  - id: safety\n    title:", "  - id: safety\n    title: [oops\n    x:")
    assert refused(text) == [
        f"{NAME}:{line_of(text, 'x:', 1)}: invalid YAML: did not find expected ',' or ']'"
    ]


def test_unknown_key() -> None:
    text = edit("    title: {fr: Sécurité", "    colour: red\n    title: {fr: Sécurité")
    assert refused(text) == [f"{NAME}:{line_of(text, 'colour')}: sections[1].colour: unknown key"]


def test_wrong_type() -> None:
    text = edit("min_percent: 50", "min_percent: half")
    assert refused(text) == [
        f"{NAME}:{line_of(text, 'min_percent: half')}: levels[1].min_percent: "
        "must be a whole number"
    ]


def test_duplicate_question_id() -> None:
    text = edit("- id: scam_sms", "- id: password")
    assert refused(text) == [
        f"{NAME}:{line_of(text, 'id: password', 2)}: sections[1].questions[1].id: "
        "duplicate question id 'password'"
    ]


def test_condition_on_unknown_question() -> None:
    text = edit("{question: devices, any_of", "{question: gadgets, any_of")
    assert refused(text) == [
        f"{NAME}:{line_of(text, 'show_if')}: sections[0].questions[1].show_if.question: "
        "unknown question 'gadgets'"
    ]


def test_condition_on_later_question() -> None:
    text = edit("{question: devices, any_of: [smartphone]}", "{question: password, any_of: [same]}")
    assert refused(text) == [
        f"{NAME}:{line_of(text, 'show_if')}: sections[0].questions[1].show_if.question: "
        "question 'password' does not come before"
    ]


def test_condition_on_unknown_option() -> None:
    text = edit("any_of: [smartphone]", "any_of: [tablet]")
    assert refused(text) == [
        f"{NAME}:{line_of(text, 'show_if')}: sections[0].questions[1].show_if.any_of[0]: "
        "question 'devices' has no option 'tablet'"
    ]


def test_points_on_unknown_competence() -> None:
    text = edit("alone: {points: {device: 2}}", "alone: {points: {securite2: 2}}")
    assert refused(text) == [
        f"{NAME}:{line_of(text, 'securite2')}: sections[0].questions[1].answers.alone.points: "
        "unknown competence 'securite2'"
    ]


def test_missing_french_text() -> None:
    text = edit("title:\n  fr: Mini diagnostic\n", "title:\n")
    assert refused(text) == [
        f"{NAME}:{line_of(text, 'title:')}: title.fr: required field is missing"
    ]


def test_unknown_question_kind() -> None:
    text = edit("kind: frequency", "kind: slider")
    assert refused(text) == [
        f"{NAME}:{line_of(text, 'kind: slider')}: sections[1].questions[2].kind: "
        "unknown kind 'slider' (one of single, multiple, yes_no, frequency, task, note, info, "
        "integer, decimal, date)"
    ]


def test_unknown_cra_value() -> None:
    text = edit("autonomie: autonome", "autonomie: total")
    assert refused(text) == [
        f"{NAME}:{line_of(text, 'autonomie: total')}: levels[1].autonomie: must be one of "
        "'entierement_accompagne', 'partiellement_autonome' or 'autonome'"
    ]


def test_unknown_data_inclusion_thematique() -> None:
    text = edit("[numerique--acceder-a-des-services-en-ligne]", "[numerique--tout-savoir]")
    assert refused(text) == [
        f"{NAME}:{line_of(text, 'tout-savoir')}: next_steps[1].thematiques[0]: "
        "unknown data·inclusion thematique 'numerique--tout-savoir'"
    ]


def test_duplicate_key() -> None:
    text = edit("version: 1\n", "version: 1\nversion: 2\n")
    assert refused(text) == [f"{NAME}:{line_of(text, 'version: 2')}: duplicate key 'version'"]


def test_alias_bomb() -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
    bomb += "c: [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
    assert refused(bomb) == [f"{NAME}:1: anchor '&a' is not allowed"]


def test_python_object_tag() -> None:
    text = "id: !!python/object/apply:os.system ['echo pwned']\n"
    assert refused(text) == [f"{NAME}:1: tag '!!python/object/apply:os.system' is not allowed"]


def test_custom_tag() -> None:
    assert refused(GOOD.replace("version: 1", "version: !include other.yaml")) == [
        f"{NAME}:{line_of(GOOD, 'version: 1')}: tag '!include' is not allowed"
    ]


def test_oversized_file(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    big.write_text(GOOD + "#" * (1024 * 1024), encoding="utf-8")
    with pytest.raises(DefinitionError) as caught:
        load_file(big, "big.yaml")
    assert english(caught.value) == ["big.yaml: file too large (2 MB; at most 1 MB)"]


def test_not_utf8() -> None:
    raw = GOOD.replace("Sécurité", "S\x00curit\x00").encode("utf-8").replace(b"\x00", b"\xe9")
    line = line_of(GOOD, "Sécurité")
    assert refused(raw) == [f"{NAME}:{line}: not UTF-8 text (byte 0xe9)"]


def test_empty_file() -> None:
    assert refused("# nothing\n") == [f"{NAME}: file is empty"]


def test_not_a_mapping() -> None:
    assert refused("- just\n- a list\n") == [
        f"{NAME}:1: the file must be a mapping of keys to values"
    ]


def test_several_problems_are_all_reported() -> None:
    text = edit("min_percent: 50", "min_percent: half").replace("kind: frequency", "kind: slider")
    problems = refused(text)
    assert len(problems) == 2
    assert any("levels[1].min_percent" in p for p in problems)
    assert any("sections[1].questions[2].kind" in p for p in problems)


def test_bad_condition_shape() -> None:
    text = edit("{question: devices, any_of: [smartphone]}", "{question: devices}")
    assert refused(text) == [
        f"{NAME}:{line_of(text, 'show_if')}: sections[0].questions[1].show_if: a condition is "
        "either 'question' with one of 'any_of' / 'none_of', or one of 'all' / 'any'"
    ]


def test_level_thresholds_must_increase() -> None:
    text = edit("min_percent: 50", "min_percent: 0")
    assert refused(text) == [
        f"{NAME}:{line_of(text, 'min_percent: 0', 2)}: levels[1].min_percent: "
        "levels must be listed by increasing min_percent"
    ]


def test_unknown_crcn_code() -> None:
    text = edit('crcn: ["5.2"]', 'crcn: ["5.4"]')
    assert refused(text) == [
        f"{NAME}:{line_of(text, '5.4')}: competences[0].crcn[0]: unknown CRCN competence '5.4'"
    ]


def test_problems_are_french_by_default() -> None:
    text = edit("kind: frequency", "kind: slider")
    with pytest.raises(DefinitionError) as caught:
        load_bytes(text.encode(), NAME)
    assert caught.value.lines(FR) == [
        f"{NAME}:{line_of(text, 'kind: slider')}: sections[1].questions[2].kind: "
        "type « slider » inconnu (parmi : single, multiple, yes_no, frequency, task, note, info, "
        "integer, decimal, date)"
    ]


def test_nul_byte_is_named_by_its_line() -> None:
    raw = GOOD.replace("Sécurité", "S\x00curité").encode("utf-8")
    assert refused(raw) == [
        f"{NAME}:{line_of(GOOD, 'Sécurité')}: control character not allowed (0x00)"
    ]


def test_deep_nesting_is_refused_before_it_costs_a_stack() -> None:
    assert refused("a: " + "[" * 5000 + "]" * 5000 + "\n") == [
        f"{NAME}:1: nested too deep (more than 32 levels): not a questionnaire"
    ]


def test_huge_integer_is_refused_before_int_reads_it() -> None:
    text = edit("version: 1", "version: " + "9" * 5000)
    assert refused(text) == [
        f"{NAME}:{line_of(text, 'version: 9')}: number too long (more than 18 digits)"
    ]


def test_a_device_or_a_fifo_is_refused_at_once(tmp_path: Path) -> None:
    import os

    fifo = tmp_path / "fifo.yaml"
    os.mkfifo(fifo)
    for path in (Path("/dev/zero"), fifo, tmp_path):
        with pytest.raises(DefinitionError) as caught:
            load_file(path, "q.yaml")
        [line] = english(caught.value)
        assert line in {
            "q.yaml: not a regular file (a device, a pipe…): refused",
            "q.yaml: this is a folder, not a file",
        }


def test_a_third_language_is_read_and_falls_back_to_french() -> None:
    text = edit(
        "title: {fr: Sécurité, en: Safety}", "title: {fr: Sécurité, en: Safety, uk: Безпека}"
    )
    section = load_bytes(text.encode(), NAME).questionnaire.sections[1]
    assert section.title.languages == ("fr", "en", "uk")
    assert section.title.get("uk") == "Безпека"
    assert section.title.get("ar") == "Sécurité"
    assert not section.title.has("ar")


def test_a_language_key_that_is_no_language_code() -> None:
    text = edit("title: {fr: Sécurité, en: Safety}", "title: {fr: Sécurité, English: Safety}")
    assert refused(text) == [
        f"{NAME}:{line_of(text, 'English')}: sections[1].title: « English » is not a language "
        "code: write it in two or three lower-case letters (fr, en, ar, uk…)"
    ]


def test_a_recording_may_not_climb_out_of_its_folder() -> None:
    text = edit(
        "title: {fr: Sécurité, en: Safety}", "title: {fr: Sécurité, audio: {fr: ../../secret.wav}}"
    )
    assert refused(text) == [
        f"{NAME}:{line_of(text, 'audio')}: sections[1].title.audio.fr: "
        "'../../secret.wav' does not have the expected form"
    ]
