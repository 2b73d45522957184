"""Every sentence both sheets can say of a competence, in every language: built from
texts typed for their slot, never contradicting itself nor doubling a verb. Checked over
every competence × level × what the answers said (nothing, a skill, a next step, both),
then on the PDFs of both sheets."""

from __future__ import annotations

import io
from dataclasses import replace
from itertools import product
from pathlib import Path

from pypdf import PdfReader

from evaluation.french_text import folded
from evaluation.i18n import translator
from evaluation.interview.scoring import CompetenceResult, main_competence
from evaluation.operations.sheets import sheet_content
from evaluation.questionnaire import Library, Questionnaire
from evaluation.questionnaire.text import Text
from exports.sheet import Said, SheetContent, render_sheet, said, standing
from exports.sheet_large import render_large_sheet
from tests.exports.test_sheet import interview

LANGS = ("fr", "en")
PRONOUNS = {"vous", "you", ""}


def diagnostic() -> Questionnaire:
    published = Library.discover().latest("diagnostic-base")
    assert published is not None
    return published.questionnaire


Told = tuple[str, Text]  # a question's id, a phrase one of its answers gives


def phrases(q: Questionnaire, competence_id: str) -> tuple[list[Told], list[Told]]:
    """The `can_do` and `next` phrases the answers can give a competence, with their
    question (one answer per question: its two phrases never come together)."""
    can: list[Told] = []
    then: list[Told] = []
    ids = tuple(c.id for c in q.competences)
    for question in q.questions:
        if main_competence(question, ids) != competence_id:
            continue
        for option in question.choices():
            can += [(question.id, option.can_do)] if option.can_do else []
            then += [(question.id, option.next)] if option.next else []
    return can, then


def first_word(text: str) -> str:
    return folded(text).split(" ", 1)[0].strip("«» :")


def check(sentences: list[Said], lang: str, where: str) -> None:
    plain = [s for s in sentences if not s.label]
    known = [s for s in sentences if s.label and folded(s.label).startswith(("vous", "you"))]
    assert not (plain and known), where  # a level's sentence never beside the answers'
    for one in sentences:
        assert one.text.strip(), where
        if one.label:
            # « À apprendre : apprendre à… », « Ensuite : ensuite »: the label's verb again
            label_words = {w.strip(":") for w in folded(one.label).split()} - PRONOUNS
            assert first_word(one.text) not in label_words, (where, one)
            assert one.text[:1] == one.text[:1].lower() or not one.text[1:2].islower(), (
                where,
                one,
            )  # after a colon, lower case (a name such as FranceConnect stays)
            assert not one.text.endswith("."), (where, one)  # the sentence adds it
    coming = [s for s in sentences if s not in known and s.label]
    for then in coming:
        for already in known:
            # The next step never restates a skill already known.
            assert folded(then.text) not in folded(already.text), (where, then, already)


def test_every_competence_at_every_level_says_what_fits_its_slot(home: Path) -> None:
    q = diagnostic()
    base = sheet_content(interview(home, None, finish=False))
    for competence, level, lang in product(q.competences, q.levels, LANGS):
        t = translator(lang)
        can, then = phrases(q, competence.id)
        pairs = [
            (a[1] if a else None, b[1] if b else None)
            for a, b in product((None, *can), (None, *then))
            if a is None or b is None or a[0] != b[0]
        ]
        for told_can, told_next in pairs:
            result = replace(
                base.result,
                competences=tuple(
                    CompetenceResult(
                        c.competence_id,
                        c.points,
                        c.max_points,
                        c.counted,
                        c.dont_know,
                        level.id,
                        (told_can,) if told_can and c.competence_id == competence.id else (),
                        (told_next,) if told_next and c.competence_id == competence.id else (),
                    )
                    for c in base.result.competences
                ),
            )
            content: SheetContent = replace(base, result=result, lang=lang)
            where = standing(competence, content)
            for family in ("sheet", "large"):
                sentences = said(where, t, family)
                name = (competence.id, level.id, lang, family, told_can, told_next)
                check(sentences, lang, str(name))
                if told_can is None and told_next is None:
                    # The level's own pair, written together: its sentence, its next.
                    assert sentences[0].label == "", name
                else:  # the answers' words only: no level sentence beside them
                    assert all(s.label for s in sentences), name


def test_no_can_do_of_one_answer_is_the_next_step_of_another() -> None:
    """An answer's « next » never names what another answer of the competence says the
    person already does: a sheet would say both."""
    q = diagnostic()
    for competence, lang in product(q.competences, LANGS):
        can, then = phrases(q, competence.id)
        for (asked, step), (other, done) in product(then, can):
            if asked != other:
                said_next, said_done = (folded(x.get(lang) or x.fr) for x in (step, done))
                assert said_next != said_done, (competence.id, lang, said_next)


def test_both_sheets_never_double_a_verb_nor_mix_level_words(home: Path) -> None:
    """The all-lowest visitor of the findings: no « À apprendre : apprendre », the level
    named as « Le chemin parcouru » names it, not « Vous débutez » for two levels."""
    session = interview(home, None)
    q = session.published.questionnaire  # type: ignore[union-attr]
    for lang in LANGS:
        content = replace(sheet_content(session), lang=lang)
        for render in (render_sheet, render_large_sheet):
            pdf = render(content, translator(lang))
            text = " ".join(
                " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).split()
            )
            lowered = folded(text)
            for doubled in ("apprendre : apprendre", "learn next: learn", "ensuite : ensuite"):
                assert doubled not in lowered, (lang, render.__name__, doubled)
            assert "vous debutez" not in lowered and "just starting" not in lowered
            if render is render_large_sheet:
                for level in q.levels:
                    label = level.label.get(lang) or level.label.fr
                    # A workshop may be named after a level (Atelier « Premiers pas »).
                    named = text.count(f"« {label} »") + text.count(f"“{label}”")
                    assert text.count(label) - named in (0, text.count(f": {label}.")), label
