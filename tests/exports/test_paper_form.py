"""The blank paper form, written by the real command and read back as a reader would:
every question and option, the show-if instructions, the version on every page, no
question cut by a page break, numbered forms, and ink inside the page."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
from pathlib import Path

from PIL import Image
from pypdf import PdfReader

from evaluation.i18n import translator
from evaluation.machine.paths import data_folder
from evaluation.questionnaire import Library, load_file
from evaluation.questionnaire.model import Condition, MultipleChoice, Note, Task
from exports.paper_form import (
    SEVERAL,
    SINGLE,
    PaperFormContent,
    render_paper_form,
    skip_instruction,
)
from tests.cli.helpers import run
from tests.conftest import FR, MINI
from tests.exports.test_sheet import inked, poppler
from tests.tui.test_visitor_language import TRILINGUAL


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def pages_of(pdf: Path) -> list[str]:
    return [flat(page.extract_text()) for page in PdfReader(pdf).pages]


def test_every_question_and_option_is_printed_whole(home: Path, tmp_path: Path) -> None:
    pdf = tmp_path / "feuilles.pdf"
    done = run(
        "questionnaires", "paper", "diagnostic-base", "--count", "2", "--output", str(pdf),
        home=home,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    published = Library.discover().latest("diagnostic-base")
    assert published is not None
    q, sha = published.questionnaire, published.sha256[:12]
    assert "2 feuilles, n° " in done.stdout and sha in done.stdout
    pages = pages_of(pdf)
    version = f"Questionnaire diagnostic-base · version {q.version} · empreinte {sha}"
    assert all(version in page for page in pages)  # every page names its version
    footers = [re.search(r"Feuille n° (\w{4}-\d{4}) · page (\d+) sur (\d+)", p) for p in pages]
    assert all(footers)
    numbers = [(m.group(1), int(m.group(2))) for m in footers if m]
    forms = sorted({n for n, _ in numbers})
    assert len(forms) == 2 and forms[0][-4:] == "0001" and forms[1][-4:] == "0002"
    for form in forms:  # each form numbered from its own first page, in order, of its total
        own = [page for n, page in numbers if n == form]
        assert own == list(range(1, len(own) + 1))
        totals = {int(m.group(3)) for m in footers if m and m.group(1) == form}
        assert totals == {len(own)}
    last = [p for p, (n, _) in zip(pages, numbers, strict=True) if n == forms[0]][-1]
    # The last page never holds the mediator's note box alone (a page for one box).
    assert len(re.findall(r"\b\d+\. ", last)) > 1, last
    title = flat(q.title.get("fr") or "")
    assert any(title in line for line in pdftotext_lines(pdf))  # the title on one line
    first_form = [p for p, (n, _) in zip(pages, numbers, strict=True) if n == forms[0]]

    whole = " ".join(first_form)
    assert flat("Si vous n'avez coché ni « Un smartphone (téléphone avec écran tactile) » ni"
                " « Une tablette » à la question 1, passez à la question 7.") in whole  # fmt: skip
    assert flat("Si vous n'avez pas coché « Un smartphone (téléphone avec écran tactile) » à"
                " la question 1, passez à la question 11.") in whole  # fmt: skip
    for n, question in enumerate(q.questions, start=1):
        start = f"{n}. {flat(question.text.get('fr'))}"
        holding = [p for p in first_form if start in p]
        assert len(holding) == 1, start  # printed once, its start on one page
        page = holding[0]
        rest = page[page.index(start) :]
        nxt = f" {n + 1}. "
        block = rest[: rest.index(nxt)] if nxt in rest else rest
        if isinstance(question, Note):
            continue
        box = SEVERAL if isinstance(question, MultipleChoice) else SINGLE
        for digit, option in enumerate(question.choices(), start=1):
            assert flat(f"{box} {digit} {option.label.get('fr')}") in block, (start, option.id)
        unknown = "Pas pu l'observer" if isinstance(question, Task) else "Je ne sais pas"
        assert f"{box} 0 {unknown}" in block, start  # the whole question on this page
        if isinstance(question, Task):
            assert flat(question.instruction.get("fr")) in block


def test_conditions_are_said_in_words_in_the_form_language() -> None:
    q = load_file(MINI).questionnaire
    task = q.question_index["switch_on"]
    numbers = {question.id: n for n, question in enumerate(q.questions, start=1)}
    assert skip_instruction(q, task, numbers, "en", translator("en")) == (
        "If you did not tick “A smartphone” in question 1, go to question 3."
    )
    both = Condition.model_validate(
        {"all": [{"question": "devices", "none_of": ["none"]},
                 {"question": "devices", "any_of": ["smartphone", "computer"]}]}
    )  # fmt: skip
    changed = task.model_copy(update={"show_if": both})
    said = skip_instruction(q, changed, numbers, "fr", FR)
    assert said == (
        "Seulement si vous n'avez pas coché « Aucun » à la question 1 et vous avez coché"
        " « Un smartphone » ou « Un ordinateur » à la question 1 ; sinon, passez à la question 3."
    )
    data = render_paper_form(
        PaperFormContent("en", q, "0" * 64, ("AB12-0001",), 24), translator("en")
    )
    text = flat(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages))
    assert "Form no. AB12-0001 · page 1" in text and "2. Switch this phone on." in text


def test_the_first_page_is_drawn_inside_the_paper(home: Path, tmp_path: Path) -> None:
    pdf = tmp_path / "feuille.pdf"
    assert (
        run(
            "questionnaires", "paper", "diagnostic-base", "--output", str(pdf), home=home
        ).returncode
        == 0
    )
    dpi = 50
    subprocess.run(
        [poppler("pdftoppm"), "-r", str(dpi), "-gray", "-png", str(pdf), str(tmp_path / "page")],
        check=True,
    )
    pages = sorted(tmp_path.glob("page-*.png"))
    assert len(pages) >= 2
    for page in pages:
        ink = Image.open(page).convert("L").point(lambda v: 255 if v < 200 else 0)
        w, h = (size * 25.4 / dpi for size in ink.size)
        assert inked(ink, dpi, (13, 13, w - 13, h - 13)), page.name
        assert not inked(ink, dpi, (0, 0, 10, h)), page.name
        assert not inked(ink, dpi, (w - 10, 0, w, h)), page.name
        assert not inked(ink, dpi, (0, 0, w, 4)), page.name
        assert not inked(ink, dpi, (0, h - 4, w, h)), page.name


def test_a_form_in_the_visitors_third_language(home: Path, tmp_path: Path) -> None:
    """A version written in Ukrainian prints in Ukrainian, an untranslated text in French
    marked; a language the version is not written in is refused in one line."""
    target = data_folder(home).questionnaires / "diagnostic-base" / "90.yaml"
    target.parent.mkdir(parents=True)
    shutil.copy(TRILINGUAL, target)
    pdf = tmp_path / "uk.pdf"
    done = run(
        "questionnaires", "paper", "diagnostic-base", "--version", "90", "--lang", "uk",
        "--output", str(pdf), home=home,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    text = "\n".join(pages_of(pdf))
    assert "Якими пристроями ви користуєтеся?" in text and "Смартфон" in text
    assert "Aucun (FR)" in text  # « Aucun » has no Ukrainian text in the fixture
    refused = run(
        "questionnaires", "paper", "diagnostic-base", "--version", "90", "--lang", "de",
        "--output", str(tmp_path / "de.pdf"), home=home,
    )  # fmt: skip
    assert refused.returncode == 1
    assert refused.stderr.strip().endswith(
        "Cette version n'est pas écrite en « de » : langues possibles : fr, en, uk"
    )
    assert not (tmp_path / "de.pdf").exists()


def test_every_item_the_consent_names_has_its_box() -> None:
    """The printed consent names the first name and the gender: the form asks for them,
    with the same boxes as the screen (0 « Non communiqué »)."""
    published = Library.discover().latest("diagnostic-base")
    assert published is not None
    data = render_paper_form(
        PaperFormContent("fr", published.questionnaire, published.sha256, ("AB12-0001",), 24),
        FR,
    )
    text = flat(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages))
    assert "votre prénom" in text and "votre genre" in text  # named by the consent
    profile = text[text.index("Prénom ou pseudonyme") : text.index("Commune ou code postal")]
    assert f"{SINGLE} 1 Homme {SINGLE} 2 Femme {SINGLE} 0 Non communiqué" in profile


def test_the_conditions_coordinators_write_are_said_in_words_on_paper() -> None:
    from tests.test_values import HOUSEHOLD

    q = load_file(HOUSEHOLD).questionnaire
    numbers = {question.id: n for n, question in enumerate(q.questions, start=1)}

    def said(question_id: str) -> str:
        return skip_instruction(q, q.question_index[question_id], numbers, "fr", FR)

    assert said("ArrivalDate") == (
        "Seulement si votre réponse à la question 1 vaut au moins 1 ; sinon, passez à la "
        "question 4."
    )
    assert said("Uses").startswith("Seulement si vous avez répondu à la question 4 ;")
    assert said("Busy").startswith(
        "Seulement si vous avez coché au moins 2 réponses à la question 5 ;"
    )
    assert said("Children").startswith(
        "Seulement si votre réponse à la question 1 vaut plus de 1 et votre réponse à la "
        "question 1 vaut au plus 12 ;"
    )
    assert said("Remark").startswith(
        "Seulement si votre réponse à la question 2 vaut moins de 0,5 ou vous n'avez pas "
        "répondu à la question 3 ;"
    )
    data = render_paper_form(PaperFormContent("fr", q, "0" * 64, ("AB12-0001",), 24), FR)
    text = flat(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages))
    assert "1. Combien de personnes vivent chez vous ?" in text
    assert "Autre" in text


Box = tuple[float, float, float, float]  # left, bottom, right, top on the page


def shaded_boxes_and_text(page: object) -> tuple[list[Box], list[tuple[str, float, float]]]:
    """The filled rectangles of a page (`re` then `f`) and every piece of text with
    where it starts, both in page coordinates (the current matrix applied)."""
    boxes: list[Box] = []
    pending: list[Box] = []
    texts: list[tuple[str, float, float]] = []

    def place(cm: list[float], x: float, y: float) -> tuple[float, float]:
        return cm[0] * x + cm[2] * y + cm[4], cm[1] * x + cm[3] * y + cm[5]

    def before(op: bytes, args: list[float], cm: list[float], tm: list[float]) -> None:
        if op == b"re":
            x, y, w, h = (float(a) for a in args)
            (x0, y0), (x1, y1) = place(cm, x, y), place(cm, x + w, y + h)
            pending.append((min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)))
        elif op in (b"f", b"F", b"f*", b"B", b"b"):
            boxes.extend(pending)
            pending.clear()
        elif op in (b"n", b"S", b"W"):
            pending.clear()

    def text(said: str, cm: list[float], tm: list[float], *_: object) -> None:
        if said.strip():
            x, y = place(cm, tm[4], tm[5])
            texts.append((flat(said), x, y))

    page.extract_text(visitor_operand_before=before, visitor_text=text)  # type: ignore[attr-defined]
    return boxes, texts


def test_the_mediators_part_is_printed_in_a_box_of_its_own(home: Path, tmp_path: Path) -> None:
    """A task printed its grading (« Réussi sans aide … Pas pu l'observer ») under the
    visitor's question with « (une seule réponse) », and the mediator's note as a
    question for the visitor. What `for_the_mediator` gives is now inside a shaded box
    titled for the mediator, and nothing of the visitor's part is."""
    pdf = tmp_path / "feuille.pdf"
    done = run("questionnaires", "paper", "diagnostic-base", "--output", str(pdf), home=home)
    assert done.returncode == 0, done.stderr
    published = Library.discover().latest("diagnostic-base")
    assert published is not None
    q = published.questionnaire
    mediators = [p for p in (x.for_the_mediator() for x in q.questions) if p is not None]
    assert any(p.grading for p in mediators) and any(p.note for p in mediators)
    grading = {o.label.get("fr") for p in mediators for o in p.grading} | {"Pas pu l'observer"}
    visitor_only = {"Je ne sais pas", "Jamais", "Souvent"}
    inside: dict[str, list[bool]] = {}
    titles = 0
    for page in PdfReader(pdf).pages:
        boxes, texts = shaded_boxes_and_text(page)
        for said, x, y in texts:
            shaded = any(left <= x <= right and bottom <= y <= top
                         for left, bottom, right, top in boxes)  # fmt: skip
            for label in grading | visitor_only:
                if said.endswith(label):
                    inside.setdefault(label, []).append(shaded)
            titles += said == "Réservé au médiateur ou à la médiatrice" and shaded
    assert titles == len(mediators)
    assert all(all(inside[label]) for label in grading), inside
    assert not any(any(inside[label]) for label in visitor_only), inside
    whole = " ".join(pages_of(pdf))
    for question in q.questions:
        if isinstance(question, Task):
            said = flat(question.text.get("fr"))
            assert f"{said} (une seule réponse)" not in whole, said


def pdftotext_lines(pdf: Path) -> list[str]:
    out = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    )
    return [" ".join(line.split()) for line in out.stdout.splitlines()]
