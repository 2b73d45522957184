"""Reading aloud: a question said to the visitor in the interview's language, and every
question of a version written as WAV files for the office to listen to."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from evaluation.files.disk import write_durably
from evaluation.i18n import LANGUAGES, msg
from evaluation.machine.paths import DataFolder
from evaluation.problems import Problem
from evaluation.questionnaire import Library
from evaluation.questionnaire.visitor import consent_words, offered
from evaluation.session import Session
from evaluation.speech.player import CommandPlayer, Player
from evaluation.speech.reading import Piece, Reading, pieces, write_wav


def reading(session: Session, question_id: str, player: Player | None = None) -> Reading | None:
    """What to say to the visitor for `question_id`, ready to `run` in a worker and `stop`
    from the screen; None when the question holds nothing for them (a mediator's note)."""
    assert session.published is not None
    part = session.published.questionnaire.question_index[question_id].for_the_visitor()
    if part is None:
        return None
    return Reading(pieces(session.published, part, session.lang), player or CommandPlayer())


def consent_reading(session: Session, player: Player | None = None) -> Reading:
    """The consent said to the visitor: its text then its question, as the visitor view
    shows them, in their language (French for a language the app does not speak)."""
    voice = session.lang if session.lang in LANGUAGES else "fr"
    said = consent_words(session.lang, session.settings.retention_months, marked=False)
    return Reading([Piece(text, voice, None) for text in said], player or CommandPlayer())


def reads_by_itself(session: Session) -> bool:
    """Whether Réglages asks every new question to be read aloud."""
    return session.workspace.store.settings().read_aloud


@dataclass(frozen=True)
class Spoken:
    path: Path
    seconds: float


def speak(
    folder: DataFolder, questionnaire_id: str, version: int | None, lang: str, output: Path
) -> list[Spoken]:
    """One WAV per question of the version (the newest when `version` is None) that holds
    something for the visitor: the synthetic voice saying what they hear, in `lang`. A
    file keeps its question's number, so a note left out leaves a gap."""
    library = Library.discover(folder.questionnaires)
    published = (
        library.latest(questionnaire_id)
        if version is None
        else library.get(questionnaire_id, version)
    )
    if published is None:
        shown = questionnaire_id if version is None else f"{questionnaire_id} v{version}"
        raise Problem(msg("speech.unknown_questionnaire", id=shown))
    languages = offered(published.questionnaire)
    if lang not in languages:
        raise Problem(msg("speech.unknown_language", lang=lang, languages=", ".join(languages)))
    questions = published.questionnaire.questions
    spoken = []
    for n, question in enumerate(questions, start=1):
        part = question.for_the_visitor()
        if part is None:
            continue
        target = output / f"{n:02d}-{question.id}.wav"
        seconds = write_wav(pieces(published, part, lang), target, write_durably)
        spoken.append(Spoken(target, seconds))
    return spoken
