"""A paper form keyed back in: the same interview, scores, CRA row and report as on
screen, marked as paper with its date; duplicates and missing versions caught."""

from __future__ import annotations

import csv
from datetime import date, timedelta
from pathlib import Path

import pytest

from evaluation.interview.answers import Answer, Status
from evaluation.interview.paper_keying import Keying
from evaluation.interview.record import Profile, Stage
from evaluation.machine.clock import local_day, today
from evaluation.machine.paths import data_folder
from evaluation.operations import interviews, paper
from evaluation.operations.reports import export_cra, report
from evaluation.problems import Problem
from evaluation.session import Session
from evaluation.structure.figures import Filters
from evaluation.workspace import Workspace, open_workspace
from tests.conftest import FR

# A typical diagnostic-base form, keyed as the mediator would: consent (1), no first
# name, age band 5, situation 3, gender not given (0), commune typed, then the ticked
# digits (a smartphone, so its tasks show).
TYPICAL = [
    "1", "enter", "5", "3", "0", *"79000", "enter",
    "1", "3", "enter",  # 1. devices: smartphone, computer
    "2", "4", "1", "1",  # 2. internet, 3. frequency, 4. switch on, 5. keyboard
    "2", "1", "3", "2", "2",  # 6. wifi (shown), 7. folder, 8, 9, 10. search (shown)
    "1", "2", "enter",  # 11. messaging
    "1", "2", "0",  # 12, 13, 14. photo task: not observed
    "1", "enter",  # 15. accounts
    "2", "3", "3", "2", "2", "3", "2", "3", "2", "1",  # 16 … 25
    "1", "4", "enter",  # 26. wishes
    *"RAS", "enter",  # 27. note
]  # fmt: skip


def workspace(home: Path) -> Workspace:
    folder = data_folder(home)
    return open_workspace(folder, folder.database)


def keyed(ws: Workspace, keys: list[str]) -> Keying:
    published = ws.library.get("diagnostic-base", 2)  # the version `header` types
    assert published is not None
    keying = Keying(published.questionnaire)
    for key in keys:
        keying.press(key, key if len(key) == 1 else None)  # as Textual gives a key
    return keying


def header(ws: Workspace, form: str = "12", day: str = "", minutes: str = "") -> paper.Header:
    on = day or (today() - timedelta(days=1)).strftime("%d/%m/%Y")
    return paper.read_header(ws, "2", form, on, "Marché du jeudi", "CD", minutes)


def test_a_typed_form_is_the_same_interview_as_on_screen(home: Path) -> None:
    ws = workspace(home)
    keying = keyed(ws, TYPICAL)
    assert keying.done and keying.consent is True
    assert keying.profile == Profile(age_band="quarante_cinquante_neuf",
                                     social_status="en_emploi", postcode="79000")  # fmt: skip
    top = header(ws, minutes="")
    session = paper.enter(ws, top, keying, "fr")
    assert session.record.stage is Stage.FINISHED

    # The same answers given on screen, one by one.
    v2 = ws.library.get("diagnostic-base", 2)  # the version the form's top names
    assert v2 is not None
    on_screen = Session.load(ws, ws.store.start(v2.questionnaire.id, 2, v2.sha256, "fr"))
    on_screen.apply(interviews.consent(on_screen, True))
    on_screen.apply(interviews.save_profile(on_screen, keying.profile))  # steps from home
    for question_id, answer in keying.final().items():
        on_screen.apply(interviews.answer(on_screen, question_id, answer).saved)
    assert ws.store.answers(session.id) == ws.store.answers(on_screen.id)
    assert ws.store.answers(session.id)["devices"] == Answer(
        Status.ANSWERED, ("smartphone", "computer")
    )
    assert ws.store.answers(session.id)["task_photo"].status is Status.DONT_KNOW
    assert session.result() == on_screen.result()

    record = ws.store.get(session.id)
    assert record.paper is not None
    assert record.paper.form == f"{paper.device_prefix(ws)}-0012"
    assert record.paper.day == (today() - timedelta(days=1)).isoformat()
    assert record.paper.minutes is None
    assert local_day(record.started_at) == today() - timedelta(days=1)
    assert record.place_name == "Marché du jeudi" and record.mediator == "CD"
    assert ws.store.get(on_screen.id).paper is None


def test_paper_reaches_the_cra_export_and_the_report(home: Path, tmp_path: Path) -> None:
    ws = workspace(home)
    yesterday = today() - timedelta(days=1)
    for form, minutes in (("12", "25"), ("13", "")):
        paper.enter(ws, header(ws, form, minutes=minutes), keyed(ws, TYPICAL), "fr")
    out = tmp_path / "cra.csv"
    assert export_cra(ws, out, None, None).rows == 2
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert [r["date"] for r in rows] == [yesterday.isoformat()] * 2
    assert sorted(r["duree"] for r in rows) == ["", "25"]  # unknown stays unknown
    assert {r["trancheAge"] for r in rows} == {"quarante_cinquante_neuf"}
    figures = report(ws, Filters(start=yesterday, end=yesterday))
    assert figures.interviews == 2 and figures.by_day == [(yesterday.isoformat(), 2)]
    assert figures.minutes == 25  # the form without a duration is left out of the mean
    assert figures.by_place == [("Marché du jeudi", 2)]


def test_a_form_entered_twice_is_found_by_number_and_date(home: Path) -> None:
    ws = workspace(home)
    first = header(ws, "12")
    assert paper.twins(ws, first) == []
    paper.enter(ws, first, keyed(ws, ["2", "enter"]), "fr")
    assert [r.paper.form for r in paper.twins(ws, header(ws, "0012")) if r.paper] == [first.form]
    assert paper.twins(ws, header(ws, "13")) == []
    assert paper.twins(ws, header(ws, "12", day=today().strftime("%d/%m/%Y"))) == []


def test_refusals_say_what_the_form_needs(home: Path) -> None:
    ws = workspace(home)
    with pytest.raises(Problem) as missing:
        paper.read_header(ws, "7", "12", "", "", "", "")
    assert missing.value.render(FR) == (
        "cette feuille demande le questionnaire « diagnostic-base » version 7, qui n'est pas"
        " installé sur cet ordinateur : faites une synchronisation avec la clé du bureau pour"
        " le recevoir"
    )
    cases = {
        ("2", "douze", "24/11/2026", ""): "numéro de feuille « douze » illisible",
        ("2", "12", "31/02/2026", ""): "date « 31/02/2026 » illisible",
        ("2", "12", (date.today() + timedelta(days=3)).isoformat(), ""): "dans le futur",
        ("2", "12", "24/11/2026", "mille"): "durée « mille »",
        ("deux", "12", "24/11/2026", ""): "version « deux » illisible",
    }
    for (version, form, day, minutes), said in cases.items():
        with pytest.raises(Problem) as refused:
            paper.read_header(ws, version, form, day, "", "", minutes)
        assert said in refused.value.render(FR)
    with pytest.raises(Problem):
        paper.enter(ws, header(ws), Keying(header(ws).published.questionnaire), "fr")
    assert ws.store.count() == 0  # nothing half-made


def test_form_numbers_are_unique_and_successive(home: Path) -> None:
    ws = workspace(home)
    prefix = paper.device_prefix(ws)
    assert paper.reserve_forms(ws, 3) == [f"{prefix}-000{n}" for n in (1, 2, 3)]
    assert paper.reserve_forms(ws, 1) == [f"{prefix}-0004"]
    assert paper.normalise_form(ws, "4") == f"{prefix}-0004"
    assert paper.normalise_form(ws, "ab12-7") == "AB12-0007"
    for typed, key in (("  ", "paper.form_missing"), ("douze", "paper.form_unreadable")):
        with pytest.raises(Problem) as refused:
            paper.normalise_form(ws, typed)
        assert refused.value.message.key == key
    with pytest.raises(Problem):
        paper.reserve_forms(ws, 0)


def test_no_consent_keeps_no_profile_and_show_if_follows_the_keys(home: Path) -> None:
    ws = workspace(home)
    keying = keyed(ws, ["2", "5", "enter"])  # no consent; 1. devices: « Aucun »
    assert [line.key for line in keying.lines()][:3] == ["consent", "devices", "internet_home"]
    shown = [line.key for line in keying.lines()]
    assert "task_wifi" not in shown and "task_photo" not in shown
    keying.press("up")
    keying.press("1")  # back on devices: tick the smartphone, which unticks « Aucun »
    keying.press("enter")
    assert keying.answers["devices"].choices == ("smartphone",)
    assert "task_wifi" in [line.key for line in keying.lines()]


def test_a_form_keyed_without_shift_on_azerty_is_the_same(home: Path) -> None:
    """On a French laptop's own keyboard the digit row types `& é " ' ( - è _ ç à`
    without Shift: on digit lines and as a postcode they are those digits, while a
    commune's name and the note keep their letters."""
    ws = workspace(home)
    row = dict(zip("1234567890", "&é\"'(-è_çà", strict=True))
    unshifted = [row.get(key, key) for key in TYPICAL]
    assert unshifted[:9] == ["&", "enter", "(", '"', "à", "è", "ç", "à", "à"]
    assert keyed(ws, unshifted).final() == keyed(ws, TYPICAL).final()
    assert keyed(ws, unshifted).profile.postcode == "79000"

    named = keyed(ws, ["1", "enter", "0", "0", "0", *"Béruges-l'Étang", "enter", "à"])
    assert named.profile.commune == "Béruges-l'Étang" and named.profile.postcode is None
    assert named.answers["devices"].status is Status.DONT_KNOW  # à: 0 on a digit line

    # The form's top too: its number, version and duration typed without Shift.
    top = paper.read_header(ws, "é", "&é", today().isoformat(), "Marché", "CD", "(à")
    assert top.form == f"{paper.device_prefix(ws)}-0012"
    assert top.published.questionnaire.version == 2 and top.minutes == 50


def test_the_profile_the_consent_names_is_keyed_as_on_screen(home: Path) -> None:
    """The consent names the first name and the gender: the form has their boxes, and
    what is written there is kept as a profile given on screen is."""
    ws = workspace(home)
    keying = keyed(ws, ["1", *"Léa", "enter", "3", "2", "2", *"Niort", "enter"])
    assert [line.key for line in keying.lines()][:6] == [
        "consent", "first_name", "age_band", "social_status", "gender", "commune"
    ]  # fmt: skip
    assert keying.profile == Profile(
        first_name="Léa",
        age_band="dix_huit_vingt_quatre",
        social_status="sans_emploi",
        gender="feminin",
        commune="Niort",
    )
    for _ in range(5):  # from the first question back to the first name
        keying.press("up")
    line = keying.current()
    assert line is not None and line.key == "first_name"
    assert keying.typed == "Léa"


def test_a_form_is_shown_with_its_day_in_one_style_and_no_hour(home: Path) -> None:
    """`sessions show` said « commencé le 07/12/2026 12:00 » (an invented hour) beside
    « feuille papier n° … du 2026-12-07 » (FINDINGS 5.4)."""
    from tests.cli.helpers import run

    ws = workspace(home)
    paper.enter(ws, header(ws, "12", minutes="25"), keyed(ws, TYPICAL), "fr")
    [record] = ws.store.interviews()
    shown = run("sessions", "show", record.id[:8], home=home)
    assert shown.returncode == 0, shown.stderr
    day = (today() - timedelta(days=1)).strftime("%d/%m/%Y")
    lines = [" ".join(line.split()) for line in shown.stdout.splitlines()]
    assert f"Étape terminé commencé le {day}" in lines
    assert any(line.startswith("Saisi depuis la feuille papier n° ") and f" du {day} (" in line
               for line in lines)  # fmt: skip
    assert "12:00" not in shown.stdout and day[6:] + "-" not in shown.stdout
