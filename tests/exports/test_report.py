"""Report figures against hand-computed ones on a small fixed dataset."""

from __future__ import annotations

import csv
import io
import math
from collections import Counter
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import sqlite_utils
from pypdf import PdfReader

from evaluation.demo import DemoRefused, fill
from evaluation.interview.record import KeptStep, Profile, typed_home
from evaluation.interview.return_code import read_code
from evaluation.operations.reports import report
from evaluation.operations.reports import words as report_words
from evaluation.store.figures import figures as build_report
from evaluation.store.scores import refresh_scores
from evaluation.structure.figures import TALLIES, Figures, Filters, Words, move_columns
from evaluation.workspace import DEFAULT_QUESTIONNAIRE, Workspace
from exports import document as style
from exports.report_csv import UNTOLD, report_csv
from exports.report_pdf import period_words, render_report
from tests.cli.helpers import run
from tests.conftest import EN, FR
from tests.exports.report_reading import Section, read_report
from tests.exports.test_sheet import interview
from tests.store.recount import recount, recount_returns
from tests.store.test_store import reopened_after
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
    assert report.by_month == [("2026-03", 4)]
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
    pdf = render_report(report, report_words(library, FR), "Clic Solidaire", date(2026, 11, 23), FR)
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
        assert (
            "Par médiateur ou médiatrice : A. M. (2 diagnostics, 1 lieu, 1 jour),"
            " K. B. (2 diagnostics, 2 lieux, 2 jours)"
        ) in " ".join(figures().split())
        await press(pilot, "p", "c")
        today = date.today().isoformat()
        whole = home / "exports" / f"rapport-debut-au-{today}"
        assert whole.with_suffix(".pdf").read_bytes().startswith(b"%PDF")
        csv_lines = whole.with_suffix(".csv").read_text().splitlines()
        assert "interviews,,,4" in csv_lines
        app.screen.query_one("#from", Input).focus()
        await pilot.press(*"2026-03-03")
        await press(pilot, "enter")
        assert figures().startswith("2 diagnostics")
        app.screen.set_focus(None)  # keys act on the screen, not in the date field
        await press(pilot, "c")  # another period: another file, the first one kept
        part = home / "exports" / f"rapport-2026-03-03-au-{today}.csv"
        assert "interviews,,,2" in part.read_text().splitlines()
        assert "interviews,,,4" in whole.with_suffix(".csv").read_text().splitlines()
        app.screen.query_one("#from", Input).value = "2026-03-03x"
        app.screen.query_one("#from", Input).focus()
        await press(pilot, "enter")
        assert status() == "Date à écrire JJ/MM/AAAA ou AAAA-MM-JJ : 2026-03-03x"
        assert figures() == ""  # never the figures of other dates under a refused one
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
    pdf = render_report(report, report_words(library, FR), "Test", date(2027, 1, 2), FR)
    reader = PdfReader(io.BytesIO(pdf))
    text = " ".join(page.extract_text() for page in reader.pages)
    assert len(reader.pages) <= 2
    assert "Lieu 13" in text and "Lieu 14" not in text and "Autres lieux" in text


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


LEVELS = ("a_decouvrir", "debutant", "en_progres", "autonome")  # diagnostic-base's, lowest first
# Demo data over the 18 months before 30 November 2026 (from June 2025).
DEMO_END = datetime(2026, 11, 30, 18, tzinfo=UTC)
TODAY = date(2026, 11, 30)


@pytest.fixture
def season(home: Path) -> Place:
    place = Place.open(home)
    published = place.workspace.library.latest(DEFAULT_QUESTIONNAIRE)
    assert published is not None
    fill(place.workspace.store, published, 400, seed=23, months=18,
         catalogue=place.workspace.catalogue, end=DEMO_END)  # fmt: skip
    return place


def expected_bars(counts: list[tuple[str, int]], keys: list[str]) -> list[int]:
    """A count per period key, 0 for a period with none."""
    found = dict(counts)
    return [found.get(key, 0) for key in keys]


def every_month(first: date, last: date) -> list[str]:
    months = []
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        months.append(f"{year}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def every_week(first: date, last: date) -> list[str]:
    monday = first - timedelta(days=first.weekday())
    return [(monday + timedelta(weeks=n)).isoformat() for n in range((last - monday).days // 7 + 1)]


def assert_mediators(lines: list[tuple[str, str, int]], truth: Figures) -> None:
    """The CSV's `mediators` lines: each mediator's interviews, places and days."""
    assert lines == [
        (m.mediator or "non_renseigne", what, getattr(m, what))
        for m in truth.mediators
        for what in ("interviews", "places", "days")
    ]
    assert sum(m.interviews for m in truth.mediators) == truth.interviews


def assert_progress(
    workspace: Workspace,
    filters: Filters,
    figures: Figures,
    words: Words,
    table: dict[str, list[tuple[str, str, int]]],
    whole: str,
    sections: dict[str, Section],
) -> None:
    """The progress of return visits in the CSV and the PDF, against a recount."""
    truth = recount(workspace.store, filters)
    levels = ["a_decouvrir", "debutant", "en_progres", "autonome", ""]
    # Return visits: how many, and per competence how many moved up, stayed, moved down.
    returns, moves = recount_returns(workspace.store, filters, levels[:-1], words.competences)
    assert returns > 0 and moves  # the demo data has some
    # Each competence's row counts every return visit once (FINDINGS 2.2: they summed to
    # 194-246 of 289, « Non comparé » always 0).
    assert set(moves) == set(words.competences)
    assert all(sum(counts.values()) == returns for counts in moves.values())
    assert all(sum(figures.moves[c].values()) == returns for c in words.competences)
    assert any(counts["not_compared"] for counts in moves.values())
    columns = {c: Counter(dict(move_columns(m))) for c, m in figures.moves.items()}
    assert (figures.returns, columns) == (returns, moves)
    assert table["return_visits"] == [("", "", returns)]
    assert {(c, m, n) for c, m, n in table["moves"] if n} == {
        (c, m, n) for c, counts in moves.items() for m, n in counts.items()
    }
    said = f"Personnes revenues avec le code de leur fiche précédente : {returns} diagnostics"
    assert f"{said} sur {truth.interviews}" in whole
    kinds = ["up", "same", "down", "not_compared"]
    section = sections["Progrès entre deux visites"]
    progress = section.rows(len(kinds))  # the first row's words follow the summary's
    assert list(progress.values()) == [[moves[c][m] for m in kinds] for c in words.competences]
    assert all(k.endswith(words(c)) for k, c in zip(progress, words.competences, strict=True))
    assert "A progressé Même niveau En recul Non comparé" in section.text()


@pytest.mark.parametrize(
    ("filters", "grain"),
    [
        (Filters(), "mois"),  # 18 months: a bar per month
        (Filters(date(2026, 6, 10), date(2026, 9, 2)), "semaine"),  # a summer: per week
        (Filters(places=("Marché du samedi",), mediators=("K. B.", "S. L.")), "mois"),
    ],
)
def test_every_figure_of_the_pdf_and_the_csv_is_a_recount_of_the_database(
    season: Place, filters: Filters, grain: str
) -> None:
    """The report's PDF (read back) and CSV say what a recount of the interviews says:
    the total, every week or month of the period, places, ages, communes (a postcode
    typed for the commune counts under it), autonomy, levels and next steps."""
    workspace = season.workspace
    figures = report(workspace, filters)
    truth = recount(workspace.store, filters)
    words = report_words(workspace.library, FR)

    lines = list(csv.reader(io.StringIO(report_csv(figures))))[1:]
    table: dict[str, list[tuple[str, str, int]]] = {}
    for figure, key, subkey, count in lines:
        table.setdefault(figure, []).append((key, subkey, int(float(count))))
    assert table["interviews"] == [("", "", truth.interviews)]
    for name in TALLIES:  # no empty key (FINDINGS 2.5: `communes,,,1`)
        named = [(k or UNTOLD[name], n) for k, n in getattr(truth, name)]
        assert [(k, n) for k, _, n in table.get(name, [])] == named, name
    single = {"interviews", "mean_minutes", "return_visits"}  # one figure each, no key
    assert all(key for figure, key, _, _ in lines if figure not in single)
    assert {(c, lv, n) for c, lv, n in table["levels"]} == {
        (c, lv or "non_evalue", n) for c, counts in truth.levels.items() for lv, n in counts.items()
    }
    assert "79000" in dict(truth.communes)  # typed postcodes count
    assert_mediators(table["mediators"], truth)

    whole, sections = read_report(render_report(figures, words, "Test", TODAY, FR))
    first = filters.start or date.fromisoformat(truth.by_day[0][0])
    last = filters.end or TODAY
    assert f"Période : {period_words(first, last, FR)}" in whole
    assert f"{truth.interviews} diagnostics, durée moyenne {round(truth.minutes)} min." in whole
    timeline = sections[f"Diagnostics par {grain}"]
    if grain == "mois":
        bars = expected_bars(truth.by_month, every_month(first, last))
    else:
        bars = expected_bars(truth.by_week, every_week(first, last))
    assert timeline.counts() == bars and sum(bars) == truth.interviews
    assert f"{truth.interviews} diagnostics en tout" in timeline.text()
    assert sections["Diagnostics par lieu"].bars() == truth.by_place
    assert sections["Activité par médiateur ou médiatrice"].rows(3) == {
        m.mediator: [m.interviews, m.places, m.days] for m in truth.mediators
    }
    assert sections["Tranches d'âge"].bars() == [(words(k), n) for k, n in truth.age_bands]
    assert sections["Communes de résidence"].bars() == top_communes(truth.communes)
    assert sections["Autonomie (CRA)"].bars() == [(words(k), n) for k, n in truth.autonomie]
    overall = [(words(k) if k else "Non évaluée", n) for k, n in truth.overall]
    assert sections["Niveau global"].bars() == overall
    for heading, counts in (("Prochaines étapes les plus proposées", truth.proposed),
                            ("Prochaines étapes les plus gardées", truth.kept)):  # fmt: skip
        assert sections[heading].bars() == [(words(k), n) for k, n in counts[:8]], heading
        if len(counts) > 8:  # says that some are left out (FINDINGS 2.6)
            said = f"Les 8 premières des {len(counts)} étapes ; toutes sont dans le rapport CSV."
            assert said in " ".join(sections[heading].text().split()), heading
    levels = ["a_decouvrir", "debutant", "en_progres", "autonome", ""]
    rows = sections["Niveaux par compétence"].rows(len(levels))
    assert list(rows) == [words(c) for c in words.competences]  # the questionnaire's order
    assert rows == {
        words(c): [truth.levels[c].get(lv, 0) for lv in levels] for c in words.competences
    }
    assert_progress(workspace, filters, figures, words, table, whole, sections)


def top_communes(communes: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """The communes as the report lists them: ten at most, the first nine and then the
    others added up when there are more (every visitor counted)."""
    said = [(k or "Non communiquée", n) for k, n in communes]
    return (
        said if len(said) <= 10 else [*said[:9], ("Autres communes", sum(n for _, n in said[9:]))]
    )


def test_a_report_without_dates_says_from_which_day() -> None:
    """« du le début au … » was the title of every report without dates."""
    figures = Figures(Filters(), 2, by_day=[("2025-06-03", 1), ("2026-01-05", 1)])
    whole, _ = read_report(render_report(figures, Words({}, [], []), "T", TODAY, FR))
    assert "Période : du 3 juin 2025 au 30 novembre 2026" in whole
    nothing, _ = read_report(render_report(Figures(Filters()), Words({}, [], []), "T", TODAY, FR))
    assert "Période : jusqu'au 30 novembre 2026" in nothing
    assert "le début" not in whole + nothing


def test_a_postcode_typed_for_the_commune_counts_under_it(home: Path, tmp_path: Path) -> None:
    """A visitor who typed 79000 in « Commune ou code postal »: the report's communes
    (PDF and CSV) and the CRA export all carry 79000, none says « non communiquée »."""
    assert typed_home(" 79000 ") == (None, "79000") and typed_home("Niort") == ("Niort", None)
    session = interview(home, None, finish=False)
    store = session.workspace.store
    commune, postcode = typed_home("79000")
    store.save_profile(session.id, Profile(commune=commune, postcode=postcode))
    store.finish(session.id, [])
    workspace = Place.open(home).workspace
    figures = report(workspace, Filters())
    assert figures.communes == [("79000", 1)] == recount(workspace.store, Filters()).communes
    assert "communes,79000,,1" in report_csv(figures).splitlines()
    pdf = render_report(figures, report_words(workspace.library, FR), "T", TODAY, FR)
    assert read_report(pdf)[1]["Communes de résidence"].bars() == [("79000", 1)]
    cra = run("export", "cra", "--output", str(tmp_path / "cra.csv"), home=home)
    assert cra.returncode == 0, cra.stderr
    (row,) = csv.DictReader(io.StringIO((tmp_path / "cra.csv").read_text(encoding="utf-8")))
    assert (row["commune"], row["communeCodePostal"]) == ("", "79000")


def test_a_database_from_before_m010_counts_typed_postcodes(home: Path) -> None:
    """Summaries counted by the old rule (commune only) are counted again on opening."""
    session = interview(home, None, finish=False)
    session.workspace.store.save_profile(session.id, Profile(postcode="79000"))
    session.workspace.store.finish(session.id, [])
    path = session.workspace.store.path
    session.workspace.store.close()

    def before_m010(db: sqlite_utils.Database) -> None:
        db.execute("UPDATE summary_people SET commune = ''")
        db.execute("DELETE FROM _sqlite_migrations WHERE name = 'm010_summaries_home'")

    upgraded = reopened_after(path, before_m010)
    assert build_report(upgraded, Filters()).communes == [("79000", 1)]


def test_bars_keep_whole_words_and_whole_numbers(home: Path) -> None:
    """Long labels wrap, never cut (« … »); the timeline's axis has whole numbers only,
    even for one interview; a report this small holds on one page."""
    long = "Un atelier pour créer et utiliser une adresse e-mail, le mardi matin à la médiathèque"
    levels = {"device": Counter({"a_decouvrir": 1})}
    figures = Figures(Filters(), 1, by_day=[("2026-11-03", 1)], by_place=[(long, 1)],
                      communes=[("Saint-Aubin-des-Prés", 1)], levels=levels)  # fmt: skip
    pdf = render_report(figures, Words({}, ["a_decouvrir"], ["device"]), "T", TODAY, FR)
    whole, sections = read_report(pdf)
    assert sections["Diagnostics par lieu"].bars() == [(long, 1)]
    assert "…" not in whole
    axis = sections["Diagnostics par semaine"].text().split("tout.")[1]
    assert all(n.isdigit() for n in axis.split() if n[0].isdigit()), axis
    assert style.page_count(pdf) == 1


@pytest.mark.parametrize(
    ("first", "last", "fr", "en"),
    [
        (date(2026, 12, 7), date(2026, 12, 7), "le 7 décembre 2026", "on 7 December 2026"),
        (date(2026, 12, 1), date(2026, 12, 7), "du 1er au 7 décembre 2026",
         "from 1 to 7 December 2026"),
        (date(2026, 11, 3), date(2026, 12, 1), "du 3 novembre au 1er décembre 2026",
         "from 3 November to 1 December 2026"),
        (date(2025, 6, 9), date(2026, 12, 7), "du 9 juin 2025 au 7 décembre 2026",
         "from 9 June 2025 to 7 December 2026"),
        (None, date(2026, 12, 7), "jusqu'au 7 décembre 2026", "until 7 December 2026"),
        (date(2026, 12, 7), None, "depuis le 7 décembre 2026", "since 7 December 2026"),
    ],
)  # fmt: skip
def test_a_period_says_each_part_once(
    first: date | None, last: date | None, fr: str, en: str
) -> None:
    """« du 7 décembre au 7 décembre » was the title of a one-day report; the month and
    the year are said once when both ends share them; the first of a month is « 1er »."""
    assert (period_words(first, last, FR), period_words(first, last, EN)) == (fr, en)


def test_a_one_day_report_is_titled_with_its_day() -> None:
    """A one-day report has no timeline (its one bar would only repeat the total the
    summary gives), and no heading says « par semaine »."""
    day = date(2026, 12, 7)
    figures = Figures(Filters(day, day), 1, by_day=[(day.isoformat(), 1)])
    for t, said in ((FR, "Période : le 7 décembre 2026"), (EN, "Period: on 7 December 2026")):
        whole, sections = read_report(render_report(figures, Words({}, [], []), "T", day, t))
        assert said in whole, whole
        assert "au 7 décembre" not in whole and "to 7 December" not in whole
        grains = ("par jour", "par semaine", "by day", "by week")
        assert not [h for h in sections if any(grain in h for grain in grains)]
        assert "1 diagnostic" in whole


@pytest.mark.parametrize(("days", "grain"), [(2, "jour"), (14, "jour"), (15, "semaine")])
def test_a_short_period_is_drawn_day_by_day(days: int, grain: str) -> None:
    """A week's report drew one or two weekly bars: up to two weeks, a bar per day (the
    empty days drawn), each named under it where it fits; then a bar per week."""
    first = date(2026, 11, 23)
    last = first + timedelta(days=days - 1)
    by_day = [(first.isoformat(), 3), (last.isoformat(), 2)]
    figures = Figures(Filters(first, last), 5, by_day=by_day)
    _, sections = read_report(render_report(figures, Words({}, [], []), "T", last, FR))
    timeline = sections[f"Diagnostics par {grain}"]
    assert sum(timeline.counts()) == 5
    if grain == "jour":
        assert timeline.counts() == [3, *[0] * (days - 2), 2]
        assert timeline.text().startswith("Une barre par jour, du 23 ")
        assert "23 nov." in timeline.text()


def test_the_charts_words_are_printed_at_the_house_size() -> None:
    """Bar labels and axis names were 10 and 7 pt: every word of a chart is now printed
    at 12 pt, the body's size, and a bar's count at 12 pt where its column has room."""
    first, last = date(2026, 11, 23), date(2026, 12, 6)
    figures = Figures(Filters(first, last), 2, by_day=[(first.isoformat(), 2)],
                      by_place=[("Médiathèque Louise-Michel", 2)])  # fmt: skip
    pdf = render_report(figures, Words({}, [], []), "T", last, FR)
    sizes: dict[str, float] = {}

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        if text.strip():
            sizes[text.strip()] = size * math.sqrt(abs(tm[0] * tm[3] - tm[1] * tm[2]))

    PdfReader(io.BytesIO(pdf)).pages[0].extract_text(visitor_text=visit)
    for word in ("Médiathèque Louise-Michel", "23 nov.", "2"):
        assert sizes[word] >= 12 - 0.01, (word, sizes[word])


def lowest_text(pdf: bytes) -> list[float]:
    """Per page, how far down its text goes, as a share of the page's height (the
    footer's line in the bottom margin left out)."""
    shares = []
    height = style.PAGE[1]
    for page in PdfReader(io.BytesIO(pdf)).pages:
        ys = _text_heights(page)
        lowest = min(y for y in ys if y > style.MARGIN)
        shares.append(1 - lowest / height)
    return shares


def _text_heights(page: Any) -> list[float]:
    """How high on the page each piece of text sits (points from the bottom)."""
    ys: list[float] = []

    def visit(text: str, cm: list[float], tm: list[float], *_: object) -> None:
        if text.strip():
            ys.append(tm[5] * cm[3] + tm[4] * cm[1] + cm[5])

    page.extract_text(visitor_text=visit)
    return ys


def test_page_one_is_full_and_each_mediator_has_a_line(season: Place) -> None:
    """Page 1 was half empty (a page break after the communes); every page but the last
    now goes at least three quarters down, and the mediators' table is on page 1."""
    workspace = season.workspace
    figures = report(workspace, Filters())
    pdf = render_report(figures, report_words(workspace.library, FR), "T", TODAY, FR)
    shares = lowest_text(pdf)
    assert 2 <= len(shares) <= 3  # with the overall level and the kept steps
    assert shares[0] > 0.75, shares
    # a section is kept whole: a later page may end earlier, never half empty
    assert all(share > 0.6 for share in shares[1:-1]), shares
    first = PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert "Activité par médiateur ou médiatrice" in first
    assert all(m.mediator in first for m in figures.mediators)


async def test_report_screen_shows_the_progress_of_return_visits(season: Place) -> None:
    """On screen: how many came back with their code, and per competence the moves in
    words with their numbers (never a colour alone)."""
    from evaluation.tui.screens.report import ReportScreen
    from tests.tui.driver import SIZE, make_app, press, settle

    workspace = season.workspace
    words = report_words(workspace.library, FR)
    returns, moves = recount_returns(workspace.store, Filters(), list(LEVELS), words.competences)
    app = make_app(season.folder.root)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await press(pilot, "7")
        assert isinstance(app.screen, ReportScreen)
        shown = str(app.screen.query_one("#figures").render()).splitlines()
    at = shown.index("Progrès entre deux visites")
    assert shown[at + 1].strip() == (
        f"Personnes revenues avec le code de leur fiche précédente : {returns} diagnostics sur 400"
    )
    lines = [line.strip() for line in shown[at + 2 :]]
    assert lines == [
        f"{words(c)} : A progressé ({moves[c]['up']}), Même niveau ({moves[c]['same']}),"
        f" En recul ({moves[c]['down']})"
        + (f", Non comparé ({moves[c]['not_compared']})" if moves[c]["not_compared"] else "")
        for c in words.competences
    ]


def test_demo_return_visits_are_the_same_for_a_seed_and_their_codes_read_back(
    tmp_path: Path,
) -> None:
    """Some demo visitors come back: the same ones for the same seed, each code saying
    exactly the month and levels stored, mostly a move up."""
    found = []
    for name in ("a", "b"):
        place = Place.open(tmp_path / name)
        published = place.workspace.library.latest(DEFAULT_QUESTIONNAIRE)
        assert published is not None
        fill(place.workspace.store, published, 200, seed=5, end=DEMO_END)
        store = place.workspace.store
        found.append(
            (
                store.query(
                    "SELECT id, return_code, previous_month FROM interviews"
                    " WHERE return_code IS NOT NULL ORDER BY id"
                ),
                store.query("SELECT * FROM previous_levels ORDER BY interview_id, competence"),
            )
        )
    assert found[0] == found[1]
    visits, _ = found[0]
    assert 10 <= len(visits) <= 60  # about 15 %
    assert published is not None
    q = published.questionnaire
    for visit in visits:
        kept = store.get(visit["id"]).previous
        assert kept is not None and read_code(visit["return_code"], [q]) == kept
    returns, moves = recount_returns(store, Filters(), list(LEVELS), [])
    total = Counter[str]()
    for counts in moves.values():
        total.update(counts)
    assert returns == len(visits)
    assert total["up"] > total["same"] > total["down"] > 0


def test_the_levels_table_has_every_level_even_one_nobody_reached(home: Path) -> None:
    """« Autonome » stays a column when nobody is Autonome, so two reports compare, and
    no level heading is split over two lines (FINDINGS 2.3, 2.6)."""
    library = Place.open(home).workspace.library
    words = report_words(library, FR)
    levels = {c: Counter({"a_decouvrir": 2, "": 1}) for c in words.competences}
    figures = Figures(Filters(), 3, by_day=[("2026-12-07", 3)], levels=levels,
                      by_place=[("Marché", 3)], autonomie=[("entierement_accompagne", 2)],
                      overall=[("a_decouvrir", 2), ("", 1)], age_bands=[("non_communique", 3)],
                      communes=[("", 3)], proposed=[("health-online", 2)])  # fmt: skip
    _, sections = read_report(render_report(figures, words, "Test", date(2026, 12, 7), FR))
    table = sections["Niveaux par compétence"]
    header = [p.text.strip() for p in table.pieces if p.bold and p.text.strip()]
    assert header[:6] == [
        "Compétence",
        "À découvrir",
        "Premiers pas",
        "En progrès",
        "Autonome",
        "Non évaluée",
    ]
    assert table.rows(5) == {words(c): [2, 0, 0, 0, 1] for c in words.competences}


def test_a_report_with_nothing_in_it_says_so(home: Path, tmp_path: Path) -> None:
    """An empty period: one plain sentence, no headings over nothing (FINDINGS 2.3b)."""
    dataset(home)
    out = run("report", "--to", "2026-01-31", "--output", str(tmp_path / "r.pdf"), home=home)
    assert out.returncode == 0, out.stderr
    whole, sections = read_report((tmp_path / "r.pdf").read_bytes())
    assert "Aucun diagnostic terminé sur cette période" in whole
    assert "Niveaux par compétence" not in sections and "Diagnostics par lieu" not in sections


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (
            ("--place", "Nulle part"),
            "Aucun entretien terminé au lieu « Nulle part » : vérifiez son nom."
            " Lieux connus : « Camion », « Marché ».",
        ),
        (
            ("--mediator", "ZZ"),
            "Aucun entretien terminé avec le médiateur ou la médiatrice « ZZ » : vérifiez le nom."
            " Noms connus : « A. M. », « K. B. ».",
        ),
        (
            ("--from", "2026-12-08", "--to", "01/12/2026"),
            "La date de début (8 décembre 2026) est après la date de fin (1er décembre 2026) :"
            " inversez-les.",
        ),
    ],
)
def test_a_report_that_cannot_match_is_refused_in_one_line(
    home: Path, tmp_path: Path, args: tuple[str, ...], said: str
) -> None:
    """A typo in a place, a mediator or the dates gave an empty report and exit 0."""
    dataset(home)
    for output in ((), ("--output", str(tmp_path / "r.pdf"))):
        out = run("report", *args, *output, home=home)
        assert out.returncode != 0
        assert " ".join(out.stderr.split()) == said.replace("\u00a0", " ")
    assert not (tmp_path / "r.pdf").exists()


def test_report_dates_are_read_the_same_in_both_faces(home: Path) -> None:
    """JJ/MM/AAAA as well as AAAA-MM-JJ on the command line, as on the screen (FINDINGS 4.10)."""
    dataset(home)
    for first in ("02/03/2026", "2026-03-02"):
        out = run("report", "--from", first, "--to", "04/03/2026", home=home)
        assert out.returncode == 0, out.stderr
        assert out.stdout.startswith("3 diagnostics"), out.stdout
    bad = run("report", "--from", "hier", home=home)
    assert bad.returncode != 0
    assert "Date à écrire JJ/MM/AAAA ou AAAA-MM-JJ : hier" in " ".join(bad.stderr.split())
