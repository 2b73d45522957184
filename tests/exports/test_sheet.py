"""The skills sheet, read back from the real PDF with pypdf."""

from __future__ import annotations

import io
import os
import shutil
import stat
import subprocess
import sys
from dataclasses import replace
from datetime import date
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from pypdf import PdfReader

from evaluation.french_text import after_colon
from evaluation.interview.answers import Answer, Status
from evaluation.interview.record import KeptStep, Profile
from evaluation.machine.paths import data_folder
from evaluation.offers.opening_hours import when_to_come
from evaluation.operations.sheets import sheet_content
from evaluation.questionnaire.model import MultipleChoice
from evaluation.session import Session
from evaluation.structure.settings import Settings, Structure
from evaluation.workspace import open_workspace
from exports.sheet import render_sheet
from tests.cli.helpers import run
from tests.conftest import FR

NAMES = ["Zoë", "Nguyễn", "Łukasz", "Ayşe", "Bjørn", "Ñuñez"]


ALL_WISHES = ("admin_online", "health", "job", "equipment", "connection", "stay_safe")


def interview(
    home: Path,
    name: str | None,
    lowest: bool = True,
    finish: bool = True,
    wishes: tuple[str, ...] = ALL_WISHES,
) -> Session:
    """A scored interview in a real database: every answer the lowest (or the best)."""
    workspace = open_workspace(data_folder(home), data_folder(home).database)
    store = workspace.store
    store.save_settings(
        Settings(structure=Structure(name="Association Clic Solidaire", phone="05 49 00 00 06"))
    )
    published = workspace.library.latest("diagnostic-base")
    assert published is not None
    q = published.questionnaire
    interview_id = store.start(q.id, q.version, published.sha256, "fr")
    store.record_consent(interview_id, True, "consentement-1")
    store.save_profile(interview_id, Profile(first_name=name))
    for question in q.questions:
        options = question.choices()
        if question.id == "wishes":
            answer = Answer(Status.ANSWERED, wishes)
        elif isinstance(question, MultipleChoice):
            answer = Answer(Status.ANSWERED, (options[0].id,))
        elif options:
            pick = min if lowest else max
            chosen = pick(options, key=lambda o: sum(o.points.values()))
            answer = Answer(Status.ANSWERED, (chosen.id,))
        else:
            answer = Answer(Status.ANSWERED, text="ras")
        store.save_answer(interview_id, question.id, answer, None)
    session = Session.load(workspace, interview_id)
    if finish:
        result = session.result()
        kept = [
            KeptStep(s.rule_id, s.service_ids[0] if s.service_ids else None)
            for s in result.next_steps
        ]
        store.finish(interview_id, kept)
        session = Session.load(workspace, interview_id)
    return session


def text_of(pdf: bytes) -> tuple[int, str]:
    reader = PdfReader(io.BytesIO(pdf))
    return len(reader.pages), "\n".join(page.extract_text() for page in reader.pages)


def pdf_for(session: Session) -> bytes:
    return render_sheet(replace(sheet_content(session), day=date(2026, 11, 22)), FR)


def test_sheet_content_reads_back(home: Path) -> None:
    session = interview(home, "Zoë", lowest=False, wishes=("admin_online", "health"))
    pages, text = text_of(pdf_for(session))
    flat = " ".join(text.split())
    assert pages == 1
    assert "Votre fiche de compétences numériques" in flat
    assert "Pour Zoë" in flat and "22 novembre 2026" in flat
    assert "Association Clic Solidaire" in flat
    q = session.published.questionnaire  # type: ignore[union-attr]
    result = session.result()
    for comp in q.competences:
        level = next(lv for lv in q.levels if lv.id == result.competence(comp.id).level_id)
        assert f"{comp.label.fr} — {level.label.fr}" in flat
    catalogue = session.workspace.catalogue
    for item in session.record.next_steps or ():
        assert item.service_id is not None
        service = catalogue.by_id(item.service_id)
        assert service is not None
        assert service.nom in flat
        if service.adresse:
            assert service.adresse in flat
        told = when_to_come(service.horaires_accueil, date(2026, 11, 22), FR)
        if told is not None:
            said = f"Horaires : {told.plain}" if told.plain else told.line
            assert " ".join(said.split()) in flat  # « 9 h »: a no-break space, read as one
    title = q.title.get("fr")
    assert f"Questionnaire « {title} », version {q.version} · page 1 sur 1" in flat  # footer
    assert session.published.sha256[:12] not in flat  # type: ignore[union-attr]
    assert "diagnostic-base" not in flat
    assert "Adresses d'exemple" in flat and "EXEMPLE, lieu fictif" in flat  # the sample


def test_long_result_fits_on_two_pages(home: Path) -> None:
    session = interview(home, "Marie-Bernadette Nguyễn-Łukaszewicz de La Tour d'Auvergne")
    assert len(session.record.next_steps or ()) >= 8
    pages, text = text_of(pdf_for(session))
    assert pages == 2
    assert "À découvrir" in text


@pytest.mark.parametrize("name", NAMES)
def test_every_name_is_real_text(home: Path, name: str) -> None:
    _, text = text_of(pdf_for(interview(home, name)))
    assert f"Pour {name}" in text


def test_anonymous_sheet_has_no_name(home: Path) -> None:
    _, text = text_of(pdf_for(interview(home, None)))
    assert "Pour " not in text


def test_output_is_repeatable(home: Path) -> None:
    session = interview(home, "Bjørn")
    assert pdf_for(session) == pdf_for(session)


def test_sheet_command_writes_and_prints(home: Path, tmp_path: Path) -> None:
    session = interview(home, "Ayşe")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    log = tmp_path / "lp.log"
    fake_lp = bin_dir / "lp"
    fake_lp.write_text(f'#!/bin/sh\necho "$@" > {log}\n', encoding="utf-8")
    fake_lp.chmod(fake_lp.stat().st_mode | stat.S_IEXEC)
    os.environ["PATH"] = f"{bin_dir}{os.pathsep}{os.environ['PATH']}"
    try:
        out = run("sheet", session.id[:8], "--print", home=home)
    finally:
        os.environ["PATH"] = os.environ["PATH"].split(os.pathsep, 1)[1]
    assert out.returncode == 0, out.stderr
    path = Path(out.stdout.strip())
    assert path.parent == home / "exports"
    assert log.read_text().split() == ["--", str(path)]
    assert "Pour Ayşe" in text_of(path.read_bytes())[1]


def test_sheet_command_without_printer_says_where_the_file_is(home: Path, tmp_path: Path) -> None:
    session = interview(home, None)
    output = tmp_path / "fiche.pdf"
    env_path = os.environ["PATH"]
    os.environ["PATH"] = str(Path(sys.executable).parent)  # no lp there
    try:
        out = run("sheet", session.id, "--output", str(output), "--print", home=home)
    finally:
        os.environ["PATH"] = env_path
    assert out.returncode == 1
    assert out.stderr.strip() == (
        "pas d'impression : cet ordinateur n'a pas de système d'impression (CUPS) ; "
        f"la fiche est ici : {output}"
    )
    assert output.exists()


def real_catalogue(home: Path) -> None:
    """The office's catalogue (here the sample's services, received as a real file)."""
    from evaluation.offers.catalogue import SAMPLE

    home.mkdir(parents=True, exist_ok=True)
    (home / "catalogue.json").write_bytes(SAMPLE.read_bytes())


def test_a_typical_result_fits_on_one_page(home: Path) -> None:
    real_catalogue(home)
    wishes = ("admin_online", "health", "job", "equipment", "connection", "stay_safe")
    session = interview(home, "Ayşe", lowest=False, wishes=wishes)
    assert len(session.record.next_steps or ()) >= 6
    pages, text = text_of(pdf_for(session))
    assert pages == 1
    assert "EXEMPLE" not in text and "Adresses d'exemple" not in text  # a real catalogue


def test_every_place_says_its_next_opening_on_one_page(home: Path) -> None:
    """The regular sheet says when to come as the large-print one does: the week in
    plain words and « Prochaine ouverture », for each of a typical result's six places,
    still on one page."""
    real_catalogue(home)
    session = interview(home, "Ayşe", lowest=False, wishes=ALL_WISHES)
    content = replace(sheet_content(session), day=date(2026, 11, 22))
    pages, text = text_of(render_sheet(content, FR))
    flat = " ".join(text.split())
    assert pages == 1
    for step in content.steps:
        assert step.service is not None
        told = when_to_come(step.service.horaires_accueil, content.day, FR)
        assert told is not None and told.plain
        assert " ".join(f"Horaires : {told.plain}".split()) in flat
        assert " ".join(told.line.split()) in flat
    assert flat.count("Prochaine ouverture : ") == len(content.steps) == 6


def test_the_words_come_from_the_answers_not_from_the_level(home: Path) -> None:
    """Someone without an e-mail she can open is not told she exchanges by e-mail."""
    session = interview(home, "Zoë", lowest=False, wishes=("health",), finish=False)
    store = session.workspace.store
    for question_id, choices in (
        ("messaging", ("sms",)),
        ("email_account", ("no",)),
        ("attachment", ("never",)),
    ):
        store.save_answer(session.id, question_id, Answer(Status.ANSWERED, choices), None)
    _, text = text_of(pdf_for(Session.load(session.workspace, session.id)))
    flat = " ".join(text.split())
    assert "Vous savez déjà : envoyer des SMS ;" in flat
    assert "Ensuite : avoir une adresse e-mail et savoir l'ouvrir." in flat
    assert "par e-mail" not in flat.split("Vos prochaines étapes")[0]


def test_a_service_far_from_the_place_is_labelled(home: Path) -> None:
    session = interview(home, "Bjørn", wishes=("health",))
    with session.workspace.store.transaction() as db:  # the interview took place in the Loiret
        db.execute(
            "UPDATE interviews SET place_commune = 'Orléans', place_postcode = '45000'"
            " WHERE id = ?",
            (session.id,),
        )
    _, text = text_of(pdf_for(Session.load(session.workspace, session.id)))
    assert "(loin d'ici)" in text  # the sample's services are in the Deux-Sèvres (79)
    near = interview(home, "Zoë", wishes=("health",))
    assert "(loin d'ici)" not in text_of(pdf_for(near))[1]  # "Niort"? no: no place at all


def poppler(tool: str) -> str:
    """A poppler tool, as the tests that read a sheet as a reader would need it: missing,
    the test fails and says how to install it (it is never skipped)."""
    path = shutil.which(tool)
    if path is None:
        pytest.fail(f"{tool} (poppler-utils) is required: run .ci/setup-debian")
    return path


def test_the_page_reads_in_order_as_text(home: Path, tmp_path: Path) -> None:
    """pdftotext (poppler) reads the sheet top to bottom: the warning first."""
    pdf = tmp_path / "fiche.pdf"
    pdf.write_bytes(pdf_for(interview(home, "Ñuñez")))
    out = subprocess.run(
        [poppler("pdftotext"), "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    landmarks = ("Pour Ñuñez", "Adresses d'exemple", "Où vous en êtes", "Vos prochaines étapes")
    order = [out.index(w) for w in (*landmarks, "chaque petit pas compte")]
    assert order == sorted(order)


def test_every_page_keeps_its_ink_inside_the_margins(home: Path, tmp_path: Path) -> None:
    """pdftoppm draws each page as an image: ink on every page, none within 10 mm of the
    left, right and top edges (the margins are 13 mm) nor 4 mm of the bottom (the
    footer's line sits in the bottom margin)."""
    pdf = tmp_path / "fiche.pdf"
    pdf.write_bytes(pdf_for(interview(home, "Marie-Bernadette Nguyễn-Łukaszewicz")))
    dpi = 50
    subprocess.run(
        [poppler("pdftoppm"), "-r", str(dpi), "-gray", "-png", str(pdf), str(tmp_path / "page")],
        check=True,
    )
    pages = sorted(tmp_path.glob("page-*.png"))
    assert len(pages) == 2  # the longest result: two pages, as promised
    for page in pages:
        ink = Image.open(page).convert("L").point(lambda v: 255 if v < 200 else 0)
        w, h = (size * 25.4 / dpi for size in ink.size)  # in mm
        assert inked(ink, dpi, (13, 13, w - 13, h - 13)), page.name  # something printed
        assert not inked(ink, dpi, (0, 0, 10, h)), page.name  # left band
        assert not inked(ink, dpi, (w - 10, 0, w, h)), page.name  # right band
        assert not inked(ink, dpi, (0, 0, w, 10)), page.name  # top band
        assert not inked(ink, dpi, (0, h - 4, w, h)), page.name  # bottom band


def inked(ink: Any, dpi: int, box_mm: tuple[float, float, float, float]) -> bool:
    """Whether any dark pixel of `ink` lies in the box (left, top, right, bottom) in mm."""
    box = tuple(round(v * dpi / 25.4) for v in box_mm)
    return ink.crop(box).getbbox() is not None


def test_a_level_sentence_after_a_colon_goes_on_in_lower_case() -> None:
    assert after_colon("Découvrir les réglages utiles.") == "découvrir les réglages utiles."
    assert after_colon("FranceConnect pour vos démarches.") == "FranceConnect pour vos démarches."
    assert after_colon("CAF : votre compte.") == "CAF : votre compte."
    assert after_colon("") == ""


def test_a_place_is_told_once_with_every_reason_to_go(home: Path) -> None:
    """Three steps leading to one workshop are one place on the sheet, under its three
    reasons; no place is printed twice."""
    session = interview(home, "Zoë")
    content = sheet_content(session)
    first = next(step for step in content.steps if step.service is not None)
    steps = tuple(replace(step, service=first.service) for step in content.steps[:3])
    pdf = render_sheet(replace(content, steps=steps, day=date(2026, 11, 22)), FR)
    flat = " ".join(text_of(pdf)[1].split())
    assert first.service is not None
    assert flat.count(first.service.nom) == 1, first.service.nom
    for step in steps:
        assert step.title is not None and step.title in flat  # every reason stays


def test_a_bracketed_example_does_not_choose_the_place(home: Path) -> None:
    """« Entretenir votre téléphone (mises à jour, mémoire, mots de passe) » is about the
    phone: the scams workshop (which speaks of passwords) is not where it sends."""
    result = interview(home, "Zoë").result()
    (step,) = [s for s in result.next_steps if s.rule_id == "troubleshooting-workshop"]
    assert step.service_ids[0] != "exemple--atelier-arnaques-centre-social"
    assert step.service_ids[0] == "exemple--permanence-mediateur-marche"  # « votre téléphone »


def test_every_footer_says_its_page_out_of_how_many(home: Path) -> None:
    pdf = pdf_for(interview(home, "Marie-Bernadette Nguyễn-Łukaszewicz"))
    pages = [" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(pdf)).pages]
    assert len(pages) == 2
    assert "· page 1 sur 2" in pages[0] and "· page 2 sur 2" in pages[1]


def test_a_second_page_is_never_spent_on_the_closing_sentence_alone(home: Path) -> None:
    """A beginner with a real catalogue whose places just fill the page: the closing
    sentence gives way rather than take a page of its own."""
    real_catalogue(home)
    pages, text = text_of(pdf_for(interview(home, "Zoë", wishes=("health", "job"))))
    assert pages == 1
    assert "page 1 sur 1" in " ".join(text.split())


def test_a_phone_number_is_never_split_across_two_lines(home: Path) -> None:
    """However long the place's name before it, the structure's phone (and each place's)
    stays whole on one line."""
    session = interview(home, "Zoë", lowest=False, wishes=("admin_online",))
    content = replace(sheet_content(session), day=date(2026, 11, 22))
    for length in range(0, 64, 3):
        pdf = render_sheet(replace(content, place="Salle " + "x" * length), FR)
        text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
        lines = [" ".join(line.replace("\u00a0", " ").split()) for line in text.splitlines()]
        for phone in ("05 49 00 00 06", "05 49 00 00 02"):
            assert any(phone in line for line in lines), (length, phone)


@pytest.mark.parametrize("large", [False, True])
def test_a_postcode_is_never_split_from_its_commune(home: Path, large: bool) -> None:
    """« 5 place de la Mairie, 79990 / Saint-Aubin-des-Prés »: however long the place's
    name before it, the postcode and its commune stay on one line, on both sheets."""
    from exports.sheet_large import render_large_sheet

    session = interview(home, "Zoë", lowest=False, wishes=("admin_online",))
    content = replace(sheet_content(session), day=date(2026, 11, 22))
    render = render_large_sheet if large else render_sheet
    step = content.steps[0]
    assert step.service is not None and step.service.code_postal and step.service.commune
    town = f"{step.service.code_postal} {step.service.commune}"
    for length in range(0, 40, 2):
        service = step.service.model_copy(update={"nom": "Lieu " + "x" * length})
        pdf = render(replace(content, steps=(replace(step, service=service),)), FR)
        text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
        lines = [" ".join(line.split()) for line in text.splitlines()]
        assert any(town in line for line in lines), (length, large)


def test_a_paper_form_keyed_in_gets_the_steps_its_result_proposes(home: Path) -> None:
    """No next step was chosen with the visitor on paper: the sheet lists those the
    result proposes (as an interview finished on screen without a change), not « come
    back whenever you like » under a box announcing places."""
    from evaluation.operations import paper
    from evaluation.operations.sheets import write_sheet
    from tests.paper.test_entry import TYPICAL, header, keyed, workspace

    ws = workspace(home)
    session = paper.enter(ws, header(ws), keyed(ws, TYPICAL), "fr")
    proposed = session.result().next_steps
    assert proposed and proposed[0].service_ids
    assert len(session.record.next_steps or ()) == len(proposed)  # kept as proposed
    for large in (False, True):
        reader = PdfReader(write_sheet(session, large=large))
        flat = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
        assert "Pas d'étape choisie" not in flat and "Continuez comme ça" not in flat
        first = ws.catalogue.by_id(proposed[0].service_ids[0])
        assert first is not None and first.nom in flat


def test_with_no_step_kept_the_sheet_says_so_plainly(home: Path) -> None:
    """The mediator removed every step: no congratulation, no box about sample places
    that are not there."""
    session = interview(home, "Zoë", finish=False)
    session.workspace.store.finish(session.id, [])
    session = Session.load(session.workspace, session.id)
    _, text = text_of(pdf_for(session))
    flat = " ".join(text.split())
    assert "Pas d'étape choisie aujourd'hui : vous pouvez revenir nous voir" in flat
    assert "Continuez comme ça" not in flat
    assert "Adresses d'exemple" not in flat and "EXEMPLE" not in flat


# Schedules as found in the field: public holidays, week days of the month, month ranges,
# week numbers, `off`, comments, and some that no parser reads.
FIELD_SCHEDULES = (
    "Tu[1,3] 14:00-16:00; PH off",
    "Jan-Mar Sa 10:00-12:00",
    "week 01-53/2 We 09:00-12:00",
    'Mo-Fr 14:00-17:00 "sur rendez-vous"',
    "Mo 9h-12h",
    "Jun-Sep Mo 10:00-12:00",
)


@pytest.mark.parametrize("large", [False, True])
def test_sheet_says_next_openings_never_the_syntax(home: Path, large: bool) -> None:
    from evaluation.offers.catalogue import Service
    from exports.sheet import ChosenStep
    from exports.sheet_large import render_large_sheet

    def service(n: int, hours: str) -> Service:
        return Service(
            id=f"s{n}",
            source="test",
            structure_id="st",
            nom=f"Lieu fictif numéro {n}",
            description="Un lieu fictif.",
            date_maj="2026-01-01",
            horaires_accueil=hours,
        )

    content = replace(
        sheet_content(interview(home, "Zoë")),
        day=date(2026, 12, 7),
        sample=False,
        steps=tuple(ChosenStep(None, service(n, hours)) for n, hours in enumerate(FIELD_SCHEDULES)),
    )
    _, text = text_of((render_large_sheet if large else render_sheet)(content, FR))
    flat = " ".join(text.split())
    for hours in FIELD_SCHEDULES:
        assert hours not in flat
    for word in ("PH", "Tu[", "Jan-Mar", "week", "9h-12h"):
        assert word not in flat
    assert "Prochaine ouverture : mardi 15 décembre, de 14 h à 16 h" in flat
    assert "Prochaine ouverture : samedi 2 janvier, de 10 h à 12 h" in flat
    assert "Prochaine ouverture : mercredi 16 décembre, de 9 h à 12 h" in flat
    assert "Prochaine ouverture : mardi 8 décembre, de 14 h à 17 h (sur rendez-vous)" in flat
    assert "Horaires : se renseigner par téléphone" in flat
    assert "Fermé les quatre prochaines semaines : se renseigner par téléphone" in flat


def test_the_sheet_command_reads_its_interview_s_version_only(
    home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`evaluation sheet ID` loads the one questionnaire version of its interview: no
    other version is read nor checked, not even a broken one (the app's home says that)."""
    from click.testing import CliRunner

    from evaluation.cli.group import cli
    from evaluation.questionnaire import library, load_file

    session = interview(home, "Zoë")
    broken = home / "questionnaires" / "diagnostic-base" / "9.yaml"
    broken.parent.mkdir(parents=True)
    broken.write_text("id: [")
    read: list[Path] = []
    real = load_file

    def recording(path: Path) -> Any:
        read.append(path)
        return real(path)

    monkeypatch.setattr(library, "load_file", recording)
    output = tmp_path / "fiche.pdf"
    done = CliRunner().invoke(cli, ["sheet", session.record.id[:8], "--output", str(output)])
    assert done.exit_code == 0, done.output
    assert text_of(output.read_bytes())[0] >= 1
    version = session.record.questionnaire_version
    assert read == [library.shipped_dir() / "diagnostic-base" / f"{version}.yaml"]
    workspace = open_workspace(data_folder(home), data_folder(home).database)
    assert [p.where.startswith(str(broken)) for p in workspace.problems] == [True]


@pytest.mark.parametrize("large", [False, True])
def test_what_french_keeps_together_is_never_split(home: Path, large: bool) -> None:
    """A postcode stays with its commune, a number with its unit or its name (« Numérique
    79 »), an hour with the word before it (« à 18 h »), a month with its year, however
    the lines fall (the place and the structure's name made longer step by step)."""
    from exports.sheet_large import render_large_sheet

    session = interview(home, "Zoë", wishes=("admin_online", "health"))
    content = replace(sheet_content(session), day=date(2026, 11, 22))
    render = render_large_sheet if large else render_sheet
    for length in range(0, 40, 3):
        structure = Structure(name="Association " + "N" * length + " Numérique 79", phone="05")
        pdf = render(replace(content, place="Salle " + "x" * length, structure=structure), FR)
        text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
        lines = [" ".join(line.replace("\u00a0", " ").split()) for line in text.splitlines()]
        assert any("Numérique 79" in line for line in lines), length
        assert any("79990 Saint-Aubin-des-Prés" in line for line in lines), length
        for line, after in pairwise(lines):
            assert not line.endswith((" 79990", " 79")), (length, line)
            assert not after.startswith(("h ", "km ", "2026")), (length, after)
            # A number starts a line only after punctuation, never cut from its word.
            code = content.code[:4] in after  # the progress code, a box of its own
            assert code or not (after[:1].isdigit() and line[-1:].isalpha()), (line, after)
