"""Who a service is for (zone_eligibilite, publics) and where the visitor lives, on a
small data·inclusion export of fictional places in real communes of the Deux-Sèvres."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from evaluation.interview.answers import Answer, Status
from evaluation.interview.scoring import score
from evaluation.offers.catalogue import Catalogue, Service, parse_catalogue
from evaluation.offers.communes import communes
from evaluation.offers.eligibility import Fit, Visitor, eligible, favoured, in_zone
from evaluation.offers.proximity import Near
from evaluation.questionnaire import Library

EXPORT = Path(__file__).parent / "fixtures" / "data-inclusion" / "services-79.json"
CATALOGUE = parse_catalogue(EXPORT.read_bytes(), EXPORT.name)
NIORT = Near("Niort", "79000")  # the place of the day
MONDAY = date(2026, 12, 7)


def service(ident: str) -> Service:
    found = CATALOGUE.by_id(f"fixture--{ident}")
    assert found is not None
    return found


def proposed(
    visitor: Visitor, home: Near | None = None, catalogue: Catalogue = CATALOGUE
) -> list[str]:
    published = Library.discover().latest("diagnostic-base")
    assert published is not None
    wish = {"wishes": Answer(Status.ANSWERED, ("use_device",))}
    result = score(
        published.questionnaire,
        wish,
        CATALOGUE,
        max_services=10,
        near=NIORT,
        day=MONDAY,
        home=home,
        visitor=visitor,
    )
    step = next(s for s in result.next_steps if s.rule_id in {"device-wish", "device-basics"})
    return [i.removeprefix("fixture--") for i in step.service_ids]


def test_nothing_said_nothing_excluded_but_what_is_closed() -> None:
    """Without a profile every service stays but the summer workshop, closed in December;
    the Niort one comes first (the place of the day)."""
    ids = proposed(Visitor())
    assert ids[0] == "niort-atelier"
    assert set(ids) == {
        "niort-atelier",
        "parthenay-mediatheque",
        "parthenay-seniors",
        "parthenay-emploi",
        "melle-reserve",
        "thouars-departement",
    }


def test_a_visitor_from_another_commune_gets_steps_ordered_from_home() -> None:
    parthenay = communes().at("Parthenay", None)
    ids = proposed(Visitor(parthenay), Near("Parthenay", None))
    assert set(ids[:3]) == {"parthenay-mediatheque", "parthenay-seniors", "parthenay-emploi"}
    assert ids[3:] == ["thouars-departement", "niort-atelier"]  # 37 km, 41 km from home
    assert "melle-reserve" not in ids  # for the people of Melle only
    assert "thouars-departement" in ids  # the whole département


def test_publics_exclude_and_favour_from_what_was_said() -> None:
    parthenay = communes().at("Parthenay", None)
    home = Near("Parthenay", None)
    senior = proposed(Visitor(parthenay, "soixante_dix_plus", "retraite"), home)
    assert senior[0] == "parthenay-seniors"  # meant for them: first among the near ones
    assert "parthenay-emploi" not in senior  # retired: not a job seeker
    seeker = proposed(Visitor(parthenay, "vingt_cinq_trente_neuf", "sans_emploi"), home)
    assert seeker[0] == "parthenay-emploi"
    assert "parthenay-seniors" not in seeker  # 25-39
    unsaid = proposed(Visitor(parthenay), home)
    assert {"parthenay-emploi", "parthenay-seniors"} <= set(unsaid)  # never guessed


def test_zone_and_publics_one_by_one() -> None:
    melle, niort = communes().at("Melle", "79500"), communes().at("Niort", None)
    assert in_zone(service("melle-reserve"), melle) is Fit.YES
    assert in_zone(service("melle-reserve"), niort) is Fit.NO
    assert in_zone(service("melle-reserve"), None) is Fit.UNKNOWN
    assert in_zone(service("thouars-departement"), niort) is Fit.YES
    epci = service("melle-reserve").model_copy(update={"zone_eligibilite": ["200041887"]})
    assert in_zone(epci, niort) is Fit.UNKNOWN  # an EPCI cannot be told offline
    assert eligible(epci, Visitor(niort))
    assert not eligible(service("parthenay-seniors"), Visitor(None, "dix_huit_vingt_quatre"))
    assert eligible(service("parthenay-seniors"), Visitor(None, "non_communique", "en_emploi"))
    assert favoured(service("parthenay-seniors"), Visitor(None, "non_communique", "retraite"))
    assert not favoured(service("parthenay-mediatheque"), Visitor(None, "soixante_dix_plus"))
