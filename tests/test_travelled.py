"""The way travelled between two visits, matched by competence id."""

from __future__ import annotations

from pathlib import Path

from evaluation.interview.return_code import PreviousVisit
from evaluation.interview.travelled import Travelled, absent, already_autonomous, way
from evaluation.questionnaire import load_file
from evaluation.structure.figures import Move

SHIPPED = Path(__file__).parents[1] / "questionnaires" / "diagnostic-base"
V2 = load_file(SHIPPED / "2.yaml").questionnaire
EARLIER = PreviousVisit(
    "X",
    "diagnostic-base",
    1,
    "2026-10",
    {
        "device": "debutant",
        "information": "autonome",
        "communication": "en_progres",
        "safety": "autonome",
        "gone": "debutant",
    },
)


def test_each_competence_before_and_now_and_which_way() -> None:
    now = {
        "device": "en_progres",
        "information": "debutant",
        "communication": "en_progres",
        "online_services": "debutant",
        "safety": None,
        "troubleshooting": None,
    }
    assert way(V2, EARLIER, now) == (
        Travelled("device", "debutant", "en_progres", Move.UP),
        Travelled("information", "autonome", "debutant", Move.DOWN),
        Travelled("communication", "en_progres", "en_progres", Move.SAME),
        Travelled("online_services", None, "debutant", Move.NEW),
        Travelled("safety", "autonome", None, Move.NOT_NOW),
        Travelled("troubleshooting", None, None, Move.NEITHER),
    )


def test_a_competence_this_version_lacks_is_said_apart() -> None:
    fewer = V2.model_copy(update={"competences": V2.competences[1:]})
    assert absent(V2, EARLIER) == ("gone",)
    assert absent(fewer, EARLIER) == ("device", "gone")
    assert way(fewer, EARLIER, {})[0].competence_id == "information"


def test_autonomous_competences_are_those_at_the_autonomous_level() -> None:
    assert already_autonomous(V2, EARLIER) == {"information", "safety"}
