"""Next steps prefer services near the place of the day; far ones are said to be far."""

from __future__ import annotations

from typing import Any

from evaluation.interview.answers import Answer, Status
from evaluation.interview.scoring import score
from evaluation.offers.catalogue import Catalogue, Service
from evaluation.offers.proximity import From, Near, Proximity, departement
from evaluation.questionnaire import Library


def service(ident: str, commune: str, postcode: str, **more: Any) -> Service:
    return Service.model_validate(
        {
            "id": ident,
            "source": "test",
            "structure_id": "s",
            "nom": f"Atelier numérique {ident}",
            "description": "Un atelier.",
            "date_maj": "2026-11-01",
            "thematiques": ["numerique--maitriser-les-fondamentaux-du-numerique"],
            "commune": commune,
            "code_postal": postcode,
            **more,
        }
    )


# A territory around Orléans (Loiret); coordinates roughly right, services fictional.
CATALOGUE = Catalogue(
    (
        service("tours", "Tours", "37000", latitude=47.39, longitude=0.69),
        service("olivet", "Olivet", "45160", latitude=47.86, longitude=1.90),
        service("montargis", "Montargis", "45200", latitude=47.99, longitude=2.73),
        service("orleans", "Orléans", "45000", latitude=47.90, longitude=1.91),
        service("en-ligne", "Paris", "75001", modes_accueil=["a-distance"]),
    )
)
ORLEANS = Near("Orleans", "45000")  # typed without its accent: still the same commune


def test_departement_of_a_postcode() -> None:
    assert [departement(p) for p in ("45000", "97100", "2A000", None, "")] == [
        "45",
        "971",
        None,
        None,
        None,
    ]


def test_same_commune_then_same_departement_then_by_distance() -> None:
    proximity = Proximity(CATALOGUE, ORLEANS)
    ranked = sorted(CATALOGUE.services, key=proximity.rank)
    assert [s.id for s in ranked][:3] == ["orleans", "olivet", "montargis"]
    assert proximity.far(CATALOGUE.by_id("tours"))  # type: ignore[arg-type]
    assert proximity.far(CATALOGUE.by_id("montargis"))  # type: ignore[arg-type]  # 60 km
    assert not proximity.far(CATALOGUE.by_id("olivet"))  # type: ignore[arg-type]
    assert not proximity.far(CATALOGUE.by_id("en-ligne"))  # type: ignore[arg-type]


def test_without_coordinates_a_service_is_placed_by_its_commune() -> None:
    plain = Catalogue(tuple(s.model_copy(update={"latitude": None}) for s in CATALOGUE.services))
    proximity = Proximity(plain, ORLEANS)
    olivet = proximity.distance(plain.by_id("olivet"))  # type: ignore[arg-type]
    assert olivet is not None and 3 < olivet < 8  # Olivet's centre, from the communes table
    assert proximity.far(plain.by_id("montargis"))  # type: ignore[arg-type]  # 60 km
    assert not proximity.far(plain.by_id("olivet"))  # type: ignore[arg-type]


def test_a_commune_the_table_does_not_know_falls_back_on_the_departement() -> None:
    unknown = Catalogue(
        (
            service("ici", "Lieu-dit Imaginaire", "45999"),
            service("ailleurs", "Bourg Imaginaire", "37999"),
        )
    )
    proximity = Proximity(unknown, ORLEANS)
    assert proximity.distance(unknown.by_id("ici")) is None  # type: ignore[arg-type]
    assert not proximity.far(unknown.by_id("ici"))  # type: ignore[arg-type]
    assert proximity.far(unknown.by_id("ailleurs"))  # type: ignore[arg-type]


def test_distances_count_from_the_visitors_home() -> None:
    """Interviewed in Orléans, living in Montargis: Montargis first, « de chez vous »."""
    home = Near("Montargis", "45200")
    proximity = Proximity(CATALOGUE, ORLEANS, home)
    ranked = [s.id for s in sorted(CATALOGUE.services, key=proximity.rank)]
    assert ranked[0] == "montargis"
    assert not proximity.far(CATALOGUE.by_id("montargis"))  # type: ignore[arg-type]
    assert proximity.far(CATALOGUE.by_id("orleans"))  # type: ignore[arg-type]
    away = proximity.away(CATALOGUE.by_id("orleans"))  # type: ignore[arg-type]
    assert away is not None and away.origin is From.HOME and 60 < away.km < 70
    here = Proximity(CATALOGUE, ORLEANS).away(CATALOGUE.by_id("olivet"))  # type: ignore[arg-type]
    assert here is not None and here.origin is From.HERE and here.km < 8
    assert proximity.away(CATALOGUE.by_id("en-ligne")) is None  # type: ignore[arg-type]


def test_a_postcode_alone_is_home_too() -> None:
    """« 45200 » names Montargis and its neighbours: their centres are close enough."""
    proximity = Proximity(CATALOGUE, ORLEANS, Near(None, "45200"))
    assert sorted(CATALOGUE.services, key=proximity.rank)[0].id == "montargis"


def test_next_steps_propose_the_nearest_service_first() -> None:
    published = Library.discover().latest("diagnostic-base")
    assert published is not None
    wish = {"wishes": Answer(Status.ANSWERED, ("use_device",))}
    near = score(published.questionnaire, wish, CATALOGUE, near=ORLEANS)
    step = next(s for s in near.next_steps if s.rule_id in {"device-wish", "device-basics"})
    assert step.service_ids[0] == "orleans"
    from_tours = score(published.questionnaire, wish, CATALOGUE, near=Near("Tours", "37000"))
    step = next(s for s in from_tours.next_steps if s.rule_id in {"device-wish", "device-basics"})
    assert step.service_ids[0] == "tours"


def test_among_services_as_near_the_one_that_fits_the_step_comes_first() -> None:
    """data·inclusion files every digital workshop under one thematique: within a
    commune, the service whose name and description match the step's title is proposed,
    not merely the one nearest the commune's centre."""
    from evaluation.offers.catalogue import load_catalogue

    published = Library.discover().latest("diagnostic-base")
    assert published is not None
    sample = load_catalogue(None)
    steps = {
        step.rule_id: step.service_ids[0]
        for step in score(
            published.questionnaire,
            {"wishes": Answer(Status.ANSWERED, ("use_device", "stay_safe"))},
            sample,
            near=Near("Saint-Aubin-des-Prés", "79990"),
        ).next_steps
        if step.service_ids
    }
    assert steps["device-wish"] == "exemple--mediatheque-atelier-debutant"  # « Premiers pas »
    assert steps["safety-wish"] == "exemple--atelier-arnaques-centre-social"


def test_a_service_closed_for_the_next_four_weeks_is_not_proposed() -> None:
    """The Orléans workshop opens only in summer: on 7 December, Olivet is proposed first;
    one whose schedule cannot be read stays (the sheet sends to the telephone)."""
    from datetime import date

    published = Library.discover().latest("diagnostic-base")
    assert published is not None
    wish = {"wishes": Answer(Status.ANSWERED, ("use_device",))}
    summer = Catalogue(
        tuple(
            s.model_copy(
                update={
                    "horaires_accueil": {
                        "orleans": "Jun-Sep Mo 10:00-12:00",
                        "olivet": "en semaine le matin",
                    }.get(s.id, "Mo-Fr 09:00-12:00")
                }
            )
            for s in CATALOGUE.services
        )
    )

    def first(day: date | None) -> str:
        result = score(published.questionnaire, wish, summer, near=ORLEANS, day=day)
        step = next(s for s in result.next_steps if s.rule_id in {"device-wish", "device-basics"})
        assert step.service_ids
        return step.service_ids[0]

    assert first(date(2026, 12, 7)) == "olivet"
    assert first(date(2026, 6, 1)) == "orleans"
    assert first(None) == "orleans"  # no day given: nothing is left out


def test_next_steps_are_ordered_from_the_visitors_home() -> None:
    """A visitor from Montargis interviewed in Orléans gets Montargis first."""
    published = Library.discover().latest("diagnostic-base")
    assert published is not None
    wish = {"wishes": Answer(Status.ANSWERED, ("use_device",))}
    result = score(
        published.questionnaire, wish, CATALOGUE, near=ORLEANS, home=Near("Montargis", None)
    )
    step = next(s for s in result.next_steps if s.rule_id in {"device-wish", "device-basics"})
    assert step.service_ids[0] == "montargis"
