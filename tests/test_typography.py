"""French typography everywhere: no line starts with « : ; ? ! » » nor ends with « « »,
and « … » is never written « ... ».

The wrappers are checked at every width from 20 to 100 on every French text the app
shows (the catalogues and the questionnaires), as they wrap on screen (Rich, Textual)
and on paper (reportlab); the screens themselves are checked in their snapshots.
"""

from __future__ import annotations

import html
import re
from collections import defaultdict
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph
from rich._wrap import divide_line
from textual._wrap import compute_wrap_offsets
from textual.content import Content

import evaluation.tui  # noqa: F401  (keeps French spaces unbroken on screen)
import exports.document  # noqa: F401  (and on paper)
from evaluation.french_text import typeset, words
from evaluation.questionnaire import Library

ROOT = Path(__file__).parent.parent
CATALOGUES = ROOT / "evaluation" / "i18n"
SNAPSHOTS = ROOT / "tests" / "tui" / "__snapshots__"
OPENS = (":", ";", "?", "!", "»")
WIDTHS = range(20, 101)


def catalogue_texts(lang: str) -> list[str]:
    with (CATALOGUES / f"{lang}.po").open("rb") as source:
        catalogue = read_po(source)
    found: list[str] = []
    for message in catalogue:
        if message.id:
            string = message.string
            strings = tuple(string) if isinstance(string, (tuple, list)) else (string,)
            found.extend(str(s) for s in strings if s)
    return found


def bad(line: str) -> bool:
    return line.lstrip().startswith(OPENS) or line.rstrip().endswith("«")


def french_texts() -> list[str]:
    texts = catalogue_texts("fr")
    for published in Library.discover(None).all():
        q = published.questionnaire
        for question in q.questions:
            texts.append(question.text.fr)
            texts.extend(choice.label.fr for choice in question.choices())
    # a placeholder stands for a short value (a long one is folded like any long word)
    lines = {re.sub(r"\{[^}]*\}", "x", line) for text in texts for line in text.splitlines()}
    # a fragment that itself starts with « : » (" : {reason}") follows other words
    return sorted(line for line in lines if re.search(r"\s[:;?!»]|«\s", line) and not bad(line))


def test_the_french_spaces_are_set_as_no_break_spaces() -> None:
    assert typeset("« aplay » enregistré : oui ? non !...", "fr") == (
        "«\u00a0aplay\u00a0» enregistré\u00a0: oui\u00a0? non\u00a0!…"
    )
    assert words("penser ? « aplay » ici : là") == ["penser ?", "« aplay »", "ici :", "là"]


@pytest.fixture(scope="module")
def texts() -> list[str]:
    found = french_texts()
    assert len(found) > 100
    return found


def test_no_line_on_screen_starts_with_closing_punctuation(texts: list[str]) -> None:
    wrong: list[tuple[int, str]] = []
    for text in texts:
        for width in WIDTHS:
            for cuts in (divide_line(text, width), compute_wrap_offsets(text, width, 8)):
                lines = [text[a:b] for a, b in zip([0, *cuts], [*cuts, len(text)], strict=True)]
                wrong.extend((width, line) for line in lines if bad(line))
    assert wrong == []


def test_textual_content_wraps_french_whole() -> None:
    text = "Regardez ce message. Est-ce une arnaque ? Qu'est-ce qui vous le fait penser ?"
    text += " « aplay » enregistré : oui ; non !"
    lines = [line.plain for width in WIDTHS for line in Content(text).wrap(width)]
    assert [line for line in lines if bad(line)] == []


def test_no_line_on_paper_starts_with_closing_punctuation(texts: list[str]) -> None:
    style = ParagraphStyle("body", fontName="Helvetica", fontSize=12, leading=15)
    wrong: list[tuple[int, str]] = []
    for text in texts[:200]:
        plain = html.escape(text, quote=False)
        for width in range(120, 500, 7):  # points: 4 to 17 cm
            paragraph = Paragraph(plain, style)
            paragraph.wrap(width, 10_000)
            for line in paragraph.blPara.lines:
                pieces = line[1] if isinstance(line, tuple) else line.words
                said = " ".join(w if isinstance(w, str) else w.text for w in pieces)
                if bad(said):
                    wrong.append((width, said))
    assert wrong == []


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_catalogues_write_an_ellipsis_as_one_character(lang: str) -> None:
    assert [t for t in catalogue_texts(lang) if "..." in t or "(—)" in t] == []


def screen_lines(svg: Path) -> list[str]:
    rows: dict[int, list[str]] = defaultdict(list)
    for line, text in re.findall(
        r'clip-path="url\(#[\w-]+-line-(\d+)\)">([^<]*)</text>', svg.read_text()
    ):
        rows[int(line)].append(html.unescape(text))
    return ["".join(parts).strip(" \n\u00a0│┃║▊▎▌▐▕▏|") for parts in rows.values()]


def test_no_screen_snapshot_breaks_french_punctuation() -> None:
    svgs = sorted(SNAPSHOTS.rglob("*.svg"))
    assert svgs
    wrong = [
        (svg.name, line) for svg in svgs for line in screen_lines(svg) if bad(line) or "..." in line
    ]
    assert wrong == []


def test_a_quoted_text_never_nests_the_same_quotation_marks() -> None:
    """« À dire à la personne : « … ouvrez le dossier « Photos » du bureau. » »: the
    inner quotes become the inner kind, in both languages."""
    from evaluation.french_text import quotable
    from evaluation.i18n import translator

    fr = "Sur cet ordinateur, ouvrez le dossier «\u00a0Photos\u00a0» du bureau."
    said = translator("fr")("question.say", text=quotable(fr, "fr"))
    assert said.count("«") == 1 and said.count("»") == 1
    assert "“Photos”" in said
    en = 'On this computer, open the "Photos" folder on the desktop.'
    said = translator("en")("question.say", text=quotable(en, "en"))
    assert said.count('"') == 2 and "‘Photos’" in said
    assert quotable(fr, "en").count("‘") == 1


def test_a_sentence_after_a_label_and_a_colon_goes_on_in_lower_case() -> None:
    from evaluation.french_text import after_colon
    from evaluation.i18n import translator

    said = translator("fr")("question.for_mediator", text=after_colon("Donnez le nom du Wi-Fi."))
    assert ": donnez le nom" in said
