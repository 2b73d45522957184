"""The large-print FALC sheet, read back as a person would: every text run at 14 pt or
more (pypdf), the words in reading order (pdftotext), two pages at most, the
pictograms inked in their column (pdftoppm)."""

from __future__ import annotations

import io
import math
import re
import subprocess
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from babel.messages.pofile import read_po
from PIL import Image
from pypdf import PdfReader

from evaluation import i18n
from evaluation.interview.return_code import CodeRefusal
from evaluation.offers.opening_hours import when_to_come
from evaluation.operations.sheets import sheet_content
from evaluation.session import Session
from exports import document as style
from exports.sheet import ChosenStep, SheetContent, headings, places
from exports.sheet_large import Can, can, render_large_sheet
from tests.cli.helpers import run
from tests.conftest import FR
from tests.exports.test_sheet import inked, interview, poppler, real_catalogue

Run = tuple[str, float, str]  # text, size in points, font


def large_pdf(session: Session) -> bytes:
    return render_large_sheet(replace(sheet_content(session), day=date(2026, 11, 22)), FR)


def runs(pdf: bytes) -> list[Run]:
    """Every text run of every page with its size as printed (the font size times the
    text and page matrices' scale) and its font."""
    found: list[Run] = []

    def visit(text: str, cm: list[float], tm: list[float], font: Any, size: float) -> None:
        if text.strip():
            a, b, c, d = (
                tm[0] * cm[0] + tm[1] * cm[2],
                tm[0] * cm[1] + tm[1] * cm[3],
                tm[2] * cm[0] + tm[3] * cm[2],
                tm[2] * cm[1] + tm[3] * cm[3],
            )
            scale = math.sqrt(abs(a * d - b * c))
            name = str(font.get("/BaseFont", "")) if font else ""
            found.append((text, size * scale, name))

    for page in PdfReader(io.BytesIO(pdf)).pages:
        page.extract_text(visitor_text=visit)
    return found


def pdftotext(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "gros.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(
        [poppler("pdftotext"), str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return " ".join(out.split())


def test_every_word_is_printed_at_14_points_or_more_without_italics(home: Path) -> None:
    pdf = large_pdf(interview(home, "Zoë"))
    found = runs(pdf)
    assert len(found) > 50
    small = [(text, size) for text, size, _ in found if size < style.LARGE - 0.01]
    assert small == []
    fonts = {font.split("+")[-1] for _, _, font in found}
    assert fonts == {"DejaVuSans", "DejaVuSans-Bold"}  # no oblique, no italic face
    assert all(s.alignment == 0 for s in style.large_styles().values())  # left aligned


def every_place_is_told(content: SheetContent, text: str) -> None:
    """Each kept step's heading is on the sheet, with its place's name, address, next
    opening and phone, or the plain line that there is no place for it."""
    for place in places(content.steps):
        for heading in headings(place):
            assert " ".join(heading.split()) in text, heading
        service = place[0].service
        if service is None:
            assert "Pas encore de lieu pour cela près d'ici" in text
            continue
        assert " ".join(service.nom.split()) in text, service.nom
        assert not service.adresse or f"Adresse : {service.adresse}" in text, service.nom
        assert not service.telephone or f"Téléphone : {service.telephone}" in text
        told = when_to_come(service.horaires_accueil, content.day, FR)
        assert told is not None and " ".join(told.line.split()) in text, service.nom


@pytest.mark.parametrize("lowest", [False, True])
def test_the_longest_results_keep_every_place(home: Path, tmp_path: Path, lowest: bool) -> None:
    """Every kept step keeps its place, with a progress code taking room and a long
    name, for an advanced visitor's six steps and a beginner's ten: told shortly when
    two pages cannot hold them in full, and on a third page (or more) rather than one
    place left out, but never on more pages than the short places need."""
    from exports.sheet_large import _render

    session = interview(home, "Marie-Bernadette Nguyễn-Łukaszewicz", lowest=lowest)
    content = replace(sheet_content(session), day=date(2026, 11, 22))
    assert content.code and len(content.steps) >= 6
    pdf = render_large_sheet(content, FR)
    text = pdftotext(pdf, tmp_path)
    every_place_is_told(content, text)
    assert "Et encore" not in text and "autres idées" not in text
    shortest = _render(content, FR, places(content.steps), [], encourage=False)
    assert len(PdfReader(io.BytesIO(pdf)).pages) == style.page_count(pdf)
    assert style.page_count(pdf) == max(2, style.page_count(shortest))  # no page to spare


def test_a_place_is_told_shortly_only_when_the_pages_cannot_hold_it_in_full(
    home: Path, tmp_path: Path
) -> None:
    """Places are told in full, in order, as long as the sheet's pages hold them; each
    place told shortly would have taken one more page in full. The short ones send the
    visitor to the full sheet for the other opening days."""
    from exports.sheet_large import _render

    real_catalogue(home)  # no « exemple » line under each place
    session = interview(home, "Marie-Bernadette Nguyễn-Łukaszewicz")  # eight places
    content = replace(sheet_content(session), day=date(2026, 11, 22), code="K7M29QX4T")
    groups = places(content.steps)
    pdf = render_large_sheet(content, FR)
    text = pdftotext(pdf, tmp_path)
    every_place_is_told(content, text)

    def in_full(group: list[ChosenStep]) -> bool:
        assert group[0].service is not None
        told = when_to_come(group[0].service.horaires_accueil, content.day, FR)
        assert told is not None and told.plain
        return " ".join(f"Quand : {told.plain}.".split()) in text

    whole = [g for g in groups if in_full(g)]
    all_full = _render(content, FR, groups, list(range(len(groups))), False)
    if style.page_count(all_full) <= style.page_count(pdf):  # they all fit: none is short
        assert whole == groups
        assert "Les autres jours d'ouverture sont sur la fiche complète" not in text
    else:
        assert 0 < len(whole) < len(groups)
        assert "Les autres jours d'ouverture sont sur la fiche complète" in text
    for index, group in enumerate(groups):
        if group not in whole:
            more = sorted([*map(groups.index, whole), index])
            assert style.page_count(_render(content, FR, groups, more, False)) > style.page_count(
                pdf
            )


def test_a_kept_step_without_a_place_says_so_plainly(home: Path, tmp_path: Path) -> None:
    session = interview(home, "Zoë", lowest=False, wishes=("admin_online",))
    content = replace(sheet_content(session), day=date(2026, 11, 22))
    placeless = replace(content, steps=(ChosenStep("Un atelier qui n'existe pas encore", None),))
    text = pdftotext(render_large_sheet(placeless, FR), tmp_path)
    assert "Un atelier qui n'existe pas encore" in text
    assert "Pas encore de lieu pour cela près d'ici : demandez à la personne qui vous aide." in text


def test_the_falc_words_and_the_next_steps_in_large_print(home: Path, tmp_path: Path) -> None:
    session = interview(home, "Zoë", lowest=False, wishes=("admin_online",))
    pdf = large_pdf(session)
    text = pdftotext(pdf, tmp_path)
    for words in (
        "Votre fiche : vous et le numérique",
        "Pour Zoë",
        "Le 22 novembre 2026.",
        "Où vous en êtes",
        "Niveau : Autonome.",
        "Vous savez déjà :",
        "Où aller ensuite",
        "Attention : ces adresses sont des exemples.",
        "Bravo ! Chaque petit pas compte.",
        "Page 1 sur 2 · questionnaire version",
    ):
        assert words in text, words
    catalogue = session.workspace.catalogue
    for step in session.record.next_steps or ():
        assert step.service_id is not None
        service = catalogue.by_id(step.service_id)
        assert service is not None and service.telephone and service.adresse
        assert f"Téléphone : {service.telephone}" in text
        assert f"Adresse : {service.adresse}" in text
    assert "Quand : le " in text or "Quand : du " in text  # the day and the time
    assert "Et encore" not in text  # every step fits
    lowest = pdftotext(large_pdf(interview(home, "Zoë")), tmp_path)
    assert "Niveau : À découvrir." in lowest and "Ensuite : " in lowest


def test_three_words_from_the_levels_autonomy(home: Path) -> None:
    session = interview(home, "Zoë")
    q = session.published.questionnaire  # type: ignore[union-attr]
    said = {lv.id: can(lv) for lv in q.levels}
    assert said["autonome"] is Can.ALONE
    assert said["en_progres"] is Can.WITH_HELP
    assert said["a_decouvrir"] is said["debutant"] is Can.NOT_YET


def test_the_pictograms_are_drawn_beside_each_competence(home: Path, tmp_path: Path) -> None:
    """pdftoppm draws the page: ink in the pictograms' column (left of the text), inside
    the margins; nothing on the right edge."""
    path = tmp_path / "gros.pdf"
    path.write_bytes(large_pdf(interview(home, "Zoë", lowest=False)))
    dpi = 50
    subprocess.run(
        [poppler("pdftoppm"), "-r", str(dpi), "-gray", "-png", str(path), str(tmp_path / "p")],
        check=True,
    )
    pages = sorted(tmp_path.glob("p-*.png"))
    assert pages
    ink = Image.open(pages[0]).convert("L").point(lambda v: 255 if v < 200 else 0)
    w, h = (size * 25.4 / dpi for size in ink.size)
    # The pictograms' column: 13 mm (margin) to 13 + 17 mm, below the header.
    column = [inked(ink, dpi, (13, top, 30, top + 10)) for top in range(90, 200, 10)]
    assert sum(column) >= 4
    assert not inked(ink, dpi, (w - 10, 0, w, h))


def test_evaluation_sheet_large_writes_it(home: Path, tmp_path: Path) -> None:
    session = interview(home, "Zoë")
    out = tmp_path / "gros.pdf"
    result = run("sheet", session.id[:8], "--large", "--output", str(out), home=home)
    assert result.returncode == 0, result.stderr
    assert "Où vous en êtes" in pdftotext(out.read_bytes(), tmp_path)
    regular = run("sheet", session.id[:8], home=home)  # the regular sheet stays the default
    assert "Vous savez déjà" in pdftotext(Path(regular.stdout.strip()).read_bytes(), tmp_path)


def test_the_large_sheet_speaks_to_the_visitor_in_one_person(home: Path, tmp_path: Path) -> None:
    """« vous » throughout, as the questionnaire's sentences it quotes: never « je »
    beside « votre compte », never a point médian nor a masculine-only « médiateur »."""
    for lowest in (True, False):
        text = pdftotext(large_pdf(interview(home, "Zoë", lowest=lowest)), tmp_path)
        words = re.findall(r"[\w·']+", text.lower())
        assert not {"je", "j'", "moi", "ma", "mon", "mes"} & set(words), text
        assert "·" not in text.replace(" · ", " ")
        assert "médiateur" not in text.split("Où vous en êtes")[0]  # the fixed words
        assert "Vous savez déjà :" in text


def test_every_large_print_word_is_said_to_you_in_both_languages() -> None:
    """The kind, not one case: each fixed text of the large-print sheet speaks to the
    visitor (no first person), without a point médian or a masculine-only mediator."""
    first_person = {
        "fr": {"je", "j'", "moi", "ma", "mon", "mes"},
        "en": {"i", "me", "my", "i'm"},
    }
    for lang, forbidden in first_person.items():
        catalogue = read_po((Path(i18n.__file__).parent / f"{lang}.po").open("rb"))
        said = [m for m in catalogue if m.id and str(m.id).startswith("large.")]
        assert len(said) > 15
        for message in said:
            forms = message.string if isinstance(message.string, tuple) else (message.string,)
            for text in forms:
                assert isinstance(text, str)
                words = set(re.findall(r"[\w·']+", text.lower()))
                assert not forbidden & words, (message.id, text)
                assert "·e" not in text and "médiateur" not in text, (message.id, text)


def test_a_paid_place_gives_its_price_in_large_print(home: Path, tmp_path: Path) -> None:
    session = interview(home, "Zoë", lowest=False, wishes=("equipment",))
    text = pdftotext(large_pdf(session), tmp_path)
    assert "Payant : de 30 € à 90 € selon l'appareil, sur justificatif de ressources" in text


def test_the_structure_is_called_by_its_number_not_without_an_article(
    home: Path, tmp_path: Path
) -> None:
    """« Appelez Association Numérique 79 » has no article: the number is called, the
    name follows in brackets; without a name, the number alone."""
    session = interview(home, "Zoë", lowest=False, wishes=("health",))
    text = pdftotext(large_pdf(session), tmp_path)
    assert "Une question ? Appelez le 05 49 00 00 06 (Association Clic Solidaire)." in text
    content = sheet_content(session)
    nameless = replace(content, structure=replace(content.structure, name=""))
    text = pdftotext(render_large_sheet(nameless, FR), tmp_path)
    assert "Une question ? Appelez le 05 49 00 00 06." in text and "()" not in text


def test_a_return_visit_keeps_its_first_place_in_large_print(home: Path, tmp_path: Path) -> None:
    """The tester's anonymous return visit: the code box and the way travelled filled two
    pages, so the large print said « Pas d'étape choisie aujourd'hui » next to « Et encore 4
    autres idées » while the regular sheet listed the four kept steps. The first kept place
    is always there (the way travelled gives way, the regular sheet has it)."""
    from evaluation.interview.return_code import make_code, read_code
    from evaluation.session import Session as Loaded

    session = interview(home, None, finish=False)
    q = session.published.questionnaire  # type: ignore[union-attr]
    code = make_code(q, "2026-06", {c.id: "en_progres" for c in q.competences})
    earlier = read_code(code, [q])
    assert not isinstance(earlier, CodeRefusal)
    session.workspace.store.set_previous(session.id, earlier)
    session.workspace.store.finish(session.id, list(session.result().proposed()[:4]))
    session = Loaded.load(session.workspace, session.id)
    text = pdftotext(large_pdf(session), tmp_path)
    assert "Pas d'étape choisie" not in text
    first = session.record.next_steps[0]  # type: ignore[index]
    assert first.service_id is not None
    service = session.workspace.catalogue.by_id(first.service_id)
    assert service is not None and service.nom in text
    for step in session.record.next_steps or ():  # every kept place, on any page
        if step.service_id is not None:
            kept = session.workspace.catalogue.by_id(step.service_id)
            assert kept is not None and kept.nom in text
