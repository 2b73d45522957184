"""Opening hours a visitor can act on: plain words for the common schedules, and always the
next opening counted from the interview's day, or the telephone; never the OSM syntax."""

from __future__ import annotations

from datetime import date

import pytest

from evaluation.i18n import Translator, translator
from evaluation.offers.opening_hours import Outlook, ahead, closed_ahead, describe, when_to_come

FR = translator("fr")
EN = translator("en")
MONDAY = date(2026, 12, 7)  # an interview's day; the next opening counts from the next day


def spaced(text: str | None) -> str | None:
    """French hours as written here: « 14 h » is printed with a no-break space, so a line
    never ends on « 14 » with « h » below."""
    return None if text is None else text.replace("\u00a0", " ")


@pytest.mark.parametrize(
    ("spec", "french"),
    [
        ("Tu 14:00-16:00", "le mardi de 14 h à 16 h"),
        (
            "Mo-Fr 09:00-12:00,13:30-17:00; Sa 09:00-12:00",
            "du lundi au vendredi de 9 h à 12 h et de 13 h 30 à 17 h ; le samedi de 9 h à 12 h",
        ),
        ("Mo,Th 14:00-18:00", "le lundi et le jeudi de 14 h à 18 h"),
        ("Mo,We,Fr 08:30-12:30", "le lundi, le mercredi et le vendredi de 8 h 30 à 12 h 30"),
        ("Mo-Fr 09:00-18:00; Sa off", "du lundi au vendredi de 9 h à 18 h ; le samedi : fermé"),
        (
            "Mo-Fr 09:00-12:00; PH off",
            "du lundi au vendredi de 9 h à 12 h ; fermé les jours fériés",
        ),
        ("24/7", "tous les jours, 24 h sur 24"),
    ],
)
def test_french(spec: str, french: str) -> None:
    assert spaced(describe(spec, FR)) == french


def test_english() -> None:
    assert describe("Mo-Fr 09:00-12:00,13:30-17:00; Sa 09:00-12:00", EN) == (
        "Monday to Friday 9:00 to 12:00 and 13:30 to 17:00; Saturday 9:00 to 12:00"
    )


@pytest.mark.parametrize(
    ("spec", "next_opening"),
    [
        # the first and third Tuesdays; 1 December is past
        ("Tu[1,3] 14:00-16:00; PH off", "mardi 15 décembre, de 14 h à 16 h"),
        ("Mo-Fr 09:00-12:00,13:30-17:00; Sa 09:00-12:00", "mardi 8 décembre, de 9 h à 12 h"),
        ("Jan-Mar Sa 10:00-12:00", "samedi 2 janvier, de 10 h à 12 h"),  # a month range
        # 9 December 2026 is in ISO week 50, 16 December in week 51
        ("week 01-53/2 We 09:00-12:00", "mercredi 16 décembre, de 9 h à 12 h"),  # odd weeks
        ("week 02-52/2 We 09:00-12:00", "mercredi 9 décembre, de 9 h à 12 h"),  # even weeks
        ("Mo-Fr 20:00-24:00", "mardi 8 décembre, de 20 h à 24 h"),
        ("Fr 22:00-02:00", "vendredi 11 décembre, de 22 h à 2 h"),
        ("24/7", "mardi 8 décembre, toute la journée"),
        ("Tu-Fr 09:00-12:00; Tu off", "mercredi 9 décembre, de 9 h à 12 h"),  # `off`
        (
            'Mo-Fr 14:00-17:00 "sur rendez-vous"',  # a comment is said with the time
            "mardi 8 décembre, de 14 h à 17 h (sur rendez-vous)",
        ),
        ("Dec 08 off; Mo-Fr 09:00-12:00", "mardi 8 décembre, de 9 h à 12 h"),  # later wins
        ("Mo-Fr 09:00-12:00; Dec 08 off", "mercredi 9 décembre, de 9 h à 12 h"),
    ],
)
def test_every_schedule_gives_the_next_opening(spec: str, next_opening: str) -> None:
    told = when_to_come(spec, MONDAY, FR)
    assert told is not None and spaced(told.line) == f"Prochaine ouverture : {next_opening}"


def test_french_public_holidays_are_known() -> None:
    """Thursday 24 December 2026: Friday 25 is Christmas, Monday 28 an ordinary day."""

    def line(spec: str, day: date, t: Translator) -> str:
        told = when_to_come(spec, day, t)
        assert told is not None
        return told.line.replace("\u00a0", " ")

    assert line("Mo-Fr 09:00-12:00; PH off", date(2026, 12, 24), FR) == (
        "Prochaine ouverture : lundi 28 décembre, de 9 h à 12 h"
    )
    assert line("Mo-Fr 09:00-12:00", date(2026, 12, 24), FR) == (
        "Prochaine ouverture : vendredi 25 décembre, de 9 h à 12 h"
    )
    # 11 November (armistice) is a French holiday, not an English one
    assert line("We 10:00-12:00; PH off", date(2026, 11, 10), EN) == (
        "Next opening: Wednesday 18 November, 10:00 to 12:00"
    )


def test_a_time_is_never_cut_from_its_unit() -> None:
    assert "14\u00a0h à 16\u00a0h" in (describe("Tu 14:00-16:00", FR) or "")
    assert "8\u00a0h\u00a030" in (describe("Mo 08:30-12:30", FR) or "")


@pytest.mark.parametrize(
    "spec",
    ["Mo 9h-12h", "lundi matin", "Mo-Fr 09:00-12:00 unknown", '"sur rendez-vous"'],
)
def test_what_cannot_be_read_sends_to_the_telephone(spec: str) -> None:
    told = when_to_come(spec, MONDAY, FR)
    assert told is not None and told.plain is None
    assert told.line == "Horaires : se renseigner par téléphone"
    assert not closed_ahead(spec, MONDAY)  # unknown is not closed: still proposed


@pytest.mark.parametrize("spec", ["off", "Jun-Sep Mo 10:00-12:00", "2027 Mar-Apr Tu 10:00-12:00"])
def test_closed_for_four_weeks(spec: str) -> None:
    assert closed_ahead(spec, MONDAY)
    assert ahead(spec, MONDAY).outlook is Outlook.CLOSED
    told = when_to_come(spec, MONDAY, FR)
    assert told is not None
    assert told.line == "Fermé les quatre prochaines semaines : se renseigner par téléphone"


def test_no_schedule_says_nothing() -> None:
    """An online course gives none: no telephone line is made up for it."""
    assert when_to_come(None, MONDAY, FR) is None
    assert when_to_come("  ", MONDAY, FR) is None
    assert not closed_ahead(None, MONDAY)


def test_syntax_beyond_the_common_cases_is_never_written_out() -> None:
    for spec in ("Jan-Mar Sa 10:00-12:00", "Tu[1,3] 14:00-16:00; PH off", "sunrise-sunset"):
        told = when_to_come(spec, MONDAY, FR)
        assert told is not None and told.plain is None
        assert told.line.startswith("Prochaine ouverture : ")


def test_every_sample_service_is_written_out() -> None:
    from evaluation.offers.catalogue import load_catalogue

    for service in load_catalogue().services:
        told = when_to_come(service.horaires_accueil, MONDAY, FR)
        if told is not None:
            assert told.plain is not None, service.horaires_accueil
            assert told.line.startswith("Prochaine ouverture : "), service.horaires_accueil
