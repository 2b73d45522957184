"""OpenStreetMap opening hours written out in plain French and English."""

from __future__ import annotations

import pytest

from evaluation.i18n import translator
from evaluation.opening_hours import describe

FR = translator("fr")
EN = translator("en")


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
        ("24/7", "tous les jours, 24 h sur 24"),
    ],
)
def test_french(spec: str, french: str) -> None:
    assert describe(spec, FR) == french


def test_english() -> None:
    assert describe("Mo-Fr 09:00-12:00,13:30-17:00; Sa 09:00-12:00", EN) == (
        "Monday to Friday 9:00 to 12:00 and 13:30 to 17:00; Saturday 9:00 to 12:00"
    )


@pytest.mark.parametrize(
    "spec", ["Mo-Fr 09:00-12:00; PH off", "Jan-Mar Sa 10:00-12:00", "sunrise-sunset", "Mo 9h-12h"]
)
def test_syntax_beyond_the_subset_is_kept_as_written(spec: str) -> None:
    assert describe(spec, FR) == spec


def test_nothing_given() -> None:
    assert describe(None, FR) is None
    assert describe("  ", FR) is None


def test_every_sample_service_is_written_out() -> None:
    from evaluation.catalogue import load_catalogue

    for service in load_catalogue().services:
        text = describe(service.horaires_accueil, FR)
        if service.horaires_accueil:
            assert text is not None and ":" not in text.replace(" : fermé", ""), text
