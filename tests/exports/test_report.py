"""Report figures against hand-computed ones on a small fixed dataset."""

from __future__ import annotations

import io
from collections import Counter
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader

from evaluation.demo import DemoRefused, fill
from evaluation.figures import Filters
from evaluation.interview import KeptStep, Profile
from evaluation.operations.reports import labels, level_order
from evaluation.store.figures import figures as build_report
from evaluation.store.scores import refresh_scores
from exports.report_csv import report_csv
from exports.report_pdf import render_report
from tests.cli.helpers import run
from tests.conftest import FR
from tests.exports.test_sheet import interview
from tests.sync.helpers import Place

# (place, mediator, start, minutes, lowest answers?, age band, commune)
DATASET = [
    ("Marché", "A. M.", "2026-03-02T09:00:00", 6, True, "soixante_dix_plus", "Niort"),
    ("Marché", "A. M.", "2026-03-02T10:00:00", 10, False, "vingt_cinq_trente_neuf", "Niort"),
    ("Camion", "K. B.", "2026-03-04T14:00:00", 8, True, "soixante_dix_plus", None),
    ("Marché", "K. B.", "2026-03-11T09:30:00", 12, True, "non_communique", "Chauray"),
]


def dataset(home: Path) -> Place:
    for place, mediator, start, minutes, lowest, age, commune in DATASET:
        session = interview(home, None, lowest=lowest, finish=False, wishes=("health",))
        store = session.workspace.store
        store.save_profile(session.id, Profile(age_band=age, commune=commune))
        store.finish(session.id, [KeptStep("health-online", None)])
        end = f"{start[:11]}{int(start[11:13]) + (int(start[14:16]) + minutes) // 60:02d}:" \
              f"{(int(start[14:16]) + minutes) % 60:02d}:00"  # fmt: skip
        with store.transaction() as db:
            db.execute(
                "UPDATE interviews SET place_name = ?, mediator = ?, started_at = ?,"
                " finished_at = ? WHERE id = ?",
                (place, mediator, start + ".000+00:00", end + ".000+00:00", session.id),
            )
    workspace = Place.open(home)
    refresh_scores(workspace.workspace.store, workspace.workspace.published_for)
    return workspace


def test_figures_match_the_hand_computed_ones(home: Path) -> None:
    store = dataset(home).workspace.store
    report = build_report(store, Filters())
    assert report.interviews == 4
    assert report.minutes == pytest.approx((6 + 10 + 8 + 12) / 4)
    assert report.by_day == [("2026-03-02", 2), ("2026-03-04", 1), ("2026-03-11", 1)]
    assert report.by_week == [("2026-03-02", 3), ("2026-03-09", 1)]  # weeks by their Monday
    assert report.by_place == [("Marché", 3), ("Camion", 1)]
    assert report.by_mediator == [("A. M.", 2), ("K. B.", 2)]
    assert report.autonomie == [("entierement_accompagne", 3), ("autonome", 1)]
    assert report.overall == [("a_decouvrir", 3), ("autonome", 1)]
    assert report.kept == [("health-online", 4)]
    assert ("health-online", 4) in report.proposed
    assert report.age_bands == [
        ("vingt_cinq_trente_neuf", 1),
        ("soixante_dix_plus", 2),
        ("non_communique", 1),
    ]
    assert report.communes == [("Niort", 2), ("", 1), ("Chauray", 1)]
    # The "best" interview ticks one device and one wish only (multiple choice):
    # communication and online services stay "en progrès" for it.
    below = {"communication", "online_services"}
    assert report.levels == {
        c: Counter({"a_decouvrir": 3, "en_progres" if c in below else "autonome": 1})
        for c in ("communication", "device", "information", "online_services", "safety",
                  "troubleshooting")
    }  # fmt: skip


def test_filters_by_period_place_and_mediator(home: Path) -> None:
    store = dataset(home).workspace.store
    assert build_report(store, Filters(start=date(2026, 3, 3))).interviews == 2
    assert build_report(store, Filters(end=date(2026, 3, 2))).interviews == 2
    assert build_report(store, Filters(places=("Camion",))).by_place == [("Camion", 1)]
    marche_kb = build_report(store, Filters(places=("Marché",), mediators=("K. B.",)))
    assert (marche_kb.interviews, marche_kb.by_day) == (1, [("2026-03-11", 1)])


def test_csv_and_pdf(home: Path, tmp_path: Path) -> None:
    place = dataset(home)
    report = build_report(place.workspace.store, Filters())
    lines = report_csv(report).splitlines()
    assert lines[0] == "figure,key,subkey,count"
    assert "by_place,Marché,,3" in lines and "levels,safety,a_decouvrir,3" in lines
    library = place.workspace.library
    pdf = render_report(report, labels(library, FR), level_order(library), "Clic Solidaire",
                        date(2026, 11, 23), FR)  # fmt: skip
    reader = PdfReader(io.BytesIO(pdf))
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert len(reader.pages) <= 2
    for words in ("Clic Solidaire", "4 diagnostics", "Diagnostics par lieu", "Marché",
                  "Entièrement accompagné", "Se protéger", "70 ans et plus", "Niort"):  # fmt: skip
        assert words in text, words
    out = run("report", "--place", "Marché", "--output", str(tmp_path / "r.csv"), home=home)
    assert out.stdout.strip() == f"Rapport écrit dans {tmp_path / 'r.csv'} (3 entretiens)"
    bad = run("report", "--output", str(tmp_path / "r.txt"), home=home)
    assert (bad.returncode, bad.stderr.strip()) == (
        1,
        f"{tmp_path / 'r.txt'}: le rapport s'écrit en .pdf ou en .csv",
    )


def test_demo_fills_a_new_database_and_refuses_a_real_one(home: Path, tmp_path: Path) -> None:
    out = run("demo", "--db", str(tmp_path / "demo.sqlite3"), "--interviews", "300", home=home)
    assert out.returncode == 0, out.stderr
    report = run("--db", str(tmp_path / "demo.sqlite3"), "report", "--output",
                 str(tmp_path / "demo.csv"), home=home)  # fmt: skip
    assert report.stdout.strip().endswith("(300 entretiens)")
    rows = (tmp_path / "demo.csv").read_text(encoding="utf-8").splitlines()
    assert len([r for r in rows if r.startswith("by_place,")]) == 5
    assert len([r for r in rows if r.startswith("by_mediator,")]) == 4
    assert len({r.split(",")[1][:7] for r in rows if r.startswith("by_day,")}) >= 12  # months
    overall = {r.split(",")[1] for r in rows if r.startswith("overall,")}
    assert {"a_decouvrir", "debutant", "en_progres", "autonome"} <= overall
    real = Place.open(home)
    real.interview("Zoë")
    published = real.workspace.library.latest("diagnostic-base")
    assert published is not None
    with pytest.raises(DemoRefused, match="contient 1 entretien réel"):
        fill(real.workspace.store, published, 10)
    assert len(real.workspace.store.interviews()) == 1


async def test_report_screen_shows_filters_and_writes_files(home: Path) -> None:
    from textual.widgets import Input

    from evaluation.tui.screens.report import ReportScreen
    from tests.tui.driver import SIZE, make_app, press, settle

    dataset(home)
    app = make_app(home)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "7")
        assert isinstance(app.screen, ReportScreen)

        def figures() -> str:
            return str(app.screen.query_one("#figures").render())

        def status() -> str:
            return str(app.screen.query_one("#report-status").render())

        assert figures().startswith("4 diagnostics, durée moyenne 9 min")
        assert "Par lieu : Marché (3), Camion (1)" in figures()
        await press(pilot, "p", "c")
        today = date.today().isoformat()
        assert (home / "exports" / f"rapport-{today}.pdf").read_bytes().startswith(b"%PDF")
        csv_lines = (home / "exports" / f"rapport-{today}.csv").read_text().splitlines()
        assert "interviews,,,4" in csv_lines
        app.screen.query_one("#from", Input).focus()
        await pilot.press(*"2026-03-03")
        await press(pilot, "enter")
        assert figures().startswith("2 diagnostics")
        await pilot.press(*"x")
        await press(pilot, "enter")
        assert status() == "Date à écrire JJ/MM/AAAA ou AAAA-MM-JJ : 2026-03-03x"
        app.screen.query_one("#from", Input).value = "01/01/2020"  # as French forms write it
        await press(pilot, "enter")
        assert figures().startswith("4 diagnostics")
        assert status() == ""


def test_many_places_and_a_new_year_week(home: Path) -> None:
    place = dataset(home)
    store = place.workspace.store
    ids = [r.id for r in store.interviews()]
    with store.transaction() as db:
        db.execute(
            "UPDATE interviews SET started_at = '2026-12-31T10:00:00.000+00:00' WHERE id = ?",
            (ids[0],),
        )
        db.execute(
            "UPDATE interviews SET started_at = '2027-01-01T10:00:00.000+00:00' WHERE id = ?",
            (ids[1],),
        )
    report = build_report(store, Filters(start=date(2026, 12, 1)))
    assert report.by_week == [("2026-12-28", 2)]  # one week across New Year
    report.by_place = [(f"Lieu {n}", 70 - n) for n in range(70)]
    library = place.workspace.library
    pdf = render_report(
        report, labels(library, FR), level_order(library), "Test", date(2027, 1, 2), FR
    )
    reader = PdfReader(io.BytesIO(pdf))
    text = " ".join(page.extract_text() for page in reader.pages)
    assert len(reader.pages) <= 2
    assert "Lieu 13" in text and "Lieu 14" not in text and "autres lieux" in text


def test_demo_twice_adds_other_visitors(home: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "demo.sqlite3")
    for _ in range(2):
        out = run("demo", "--db", db, "--interviews", "20", home=home)
        assert out.returncode == 0, out.stderr
    listed = run("--db", db, "sessions", "list", "--json", home=home)
    import json

    assert len(json.loads(listed.stdout)) == 40


async def test_at_60_by_20_what_was_written_is_said_where_it_is_seen(home: Path) -> None:
    from textual.containers import VerticalScroll

    from tests.tui.driver import make_app, press, settle

    dataset(home)
    app = make_app(home)
    async with app.run_test(size=(60, 20)) as pilot:
        await settle(pilot)
        await press(pilot, "7")
        box = app.screen.query_one("#report-screen", VerticalScroll)
        box.scroll_end(animate=False)
        await settle(pilot)
        assert box.scroll_y > 0
        await press(pilot, "c")
        assert box.scroll_y == 0
        assert str(app.screen.query_one("#report-status").render()).startswith("Écrit")
