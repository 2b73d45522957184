"""Keying a filled paper form back in: one line per item, the ticked digits typed.

A pure state machine over the questionnaire and what was keyed so far, so the screen
stays thin and the show-if of `answers.visible_questions` decides which lines exist,
exactly as on screen. Digits pick the option printed beside the box (0: « je ne sais
pas » or « non communiqué »), typed with or without Shift on an AZERTY keyboard; a line
of one answer moves on by itself; a line of several answers, a text line or a line left
blank moves on with Enter.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from evaluation.i18n import Message
from evaluation.interview.answers import Answer, Status, visible_questions
from evaluation.interview.record import Profile, typed_home
from evaluation.interview.values import ValueRefused, stored
from evaluation.machine.keyboard import digit_of, digits_of
from evaluation.questionnaire.model import (
    Info,
    MultipleChoice,
    Note,
    Question,
    Questionnaire,
    Value,
)
from evaluation.structure.cra import GENRE_VALUES, STATUT_SOCIAL_VALUES, TRANCHE_AGE_VALUES

UNKNOWN = "non_communique"
CONSENT, FIRST_NAME, COMMUNE = "consent", "first_name", "commune"
AGE, STATUS, GENDER = "age_band", "social_status", "gender"
# The profile asked on paper is the one asked on screen, which the consent names.
PROFILE_VALUES = {
    AGE: tuple(v for v in TRANCHE_AGE_VALUES if v != UNKNOWN),
    STATUS: tuple(v for v in STATUT_SOCIAL_VALUES if v != UNKNOWN),
    GENDER: tuple(v for v in GENRE_VALUES if v != UNKNOWN),
}
MAX_TEXT = 500


class Kind(StrEnum):
    ONE = "one"  # one digit, moves on by itself
    SEVERAL = "several"  # digits tick and untick, Enter moves on
    TEXT = "text"  # letters, Enter moves on


@dataclass(frozen=True)
class Line:
    """One line of the form: the consent, a profile field or a question."""

    key: str  # CONSENT, FIRST_NAME, AGE, STATUS, GENDER, COMMUNE or a question id
    kind: Kind
    options: tuple[str, ...] = ()  # what digits 1… pick (option ids or CRA values)
    question: Question | None = None
    number: int = 0  # the question's number as printed (0 for the first lines)


@dataclass
class Keying:
    """What was keyed so far, and which line the mediator is on."""

    questionnaire: Questionnaire
    consent: bool | None = None
    profile: Profile = field(default_factory=Profile)
    answers: dict[str, Answer] = field(default_factory=dict)
    at: int = 0
    typed: str = ""  # the text of a text line, as it is typed
    ticked: list[str] = field(default_factory=list)  # a line of several answers, so far
    problem: Message | None = None  # why the value typed on this line is refused

    def lines(self) -> list[Line]:
        lines = [Line(CONSENT, Kind.ONE, ("yes", "no"))]
        if self.consent:
            lines += [
                Line(FIRST_NAME, Kind.TEXT),
                *(Line(key, Kind.ONE, PROFILE_VALUES[key]) for key in (AGE, STATUS, GENDER)),
                Line(COMMUNE, Kind.TEXT),
            ]
        numbers = {q.id: n for n, q in enumerate(self.questionnaire.questions, start=1)}
        for q in visible_questions(self.questionnaire, self.answers):
            if isinstance(q, Info):
                continue  # printed for the visitor to read: nothing to key
            kind = (
                Kind.TEXT
                if isinstance(q, (Note, Value))
                else Kind.SEVERAL
                if isinstance(q, MultipleChoice)
                else Kind.ONE
            )
            lines.append(Line(q.id, kind, tuple(o.id for o in q.choices()), q, numbers[q.id]))
        return lines

    def current(self) -> Line | None:
        lines = self.lines()
        return lines[self.at] if self.at < len(lines) else None

    @property
    def done(self) -> bool:
        return self.current() is None

    def final(self) -> dict[str, Answer]:
        """Every shown question's answer; a question left blank on paper is skipped, an
        info printed on it was shown."""
        return {
            q.id: self.answers.get(
                q.id, Answer(Status.ANSWERED if isinstance(q, Info) else Status.SKIPPED)
            )
            for q in visible_questions(self.questionnaire, self.answers)
        }

    # --- keys -------------------------------------------------------------------------

    def press(self, key: str, character: str | None = None) -> None:
        """One key: a digit, `enter`, `backspace`, `up`, `down`, or a printable character."""
        line = self.current()
        if key == "up":
            self._go(max(0, self.at - 1))
        elif key == "down" and line is not None:
            self._go(self.at + 1)
        elif line is None:
            return
        elif line.kind is Kind.TEXT:
            self._text(line, key, character)
        elif key == "enter":
            if line.kind is Kind.SEVERAL and self.ticked:
                self._set(line, Answer(Status.ANSWERED, tuple(self.ticked)))
            elif line.kind is Kind.SEVERAL or self._value(line) is None:
                self._set(line, None)  # left blank on the form
            self._go(self.at + 1)
        elif (digit := digit_of(character or key)) is not None:
            self._digit(line, int(digit))

    def _text(self, line: Line, key: str, character: str | None) -> None:
        if key == "enter":
            text = self.typed.strip()
            if line.key == COMMUNE:
                commune, postcode = typed_home(digits_of(text))  # digits typed without Shift
                self.profile = _profile(self.profile, commune=commune, postcode=postcode)
            elif line.key == FIRST_NAME:
                self.profile = _profile(self.profile, first_name=text or None)
            else:
                if text and isinstance(line.question, Value):
                    try:
                        text = stored(line.question.value_kind, text)
                    except ValueRefused as refused:
                        self.problem = refused.message  # the line stays, as typed
                        return
                self._set(line, Answer(Status.ANSWERED, text=text) if text else None)
            self._go(self.at + 1)
        elif key == "backspace":
            self.typed = self.typed[:-1]
        elif character and character.isprintable() and len(self.typed) < MAX_TEXT:
            self.typed += character

    def _digit(self, line: Line, digit: int) -> None:
        if digit > len(line.options):
            return
        if line.key == CONSENT:
            if digit:
                self.consent = digit == 1
                self._go(self.at + 1)
            return
        if line.key in PROFILE_VALUES:
            value = line.options[digit - 1] if digit else UNKNOWN
            self.profile = _profile(self.profile, **{line.key: value})
            self._go(self.at + 1)
            return
        if digit == 0:
            self._set(line, Answer(Status.DONT_KNOW))
            self._go(self.at + 1)
        elif line.kind is Kind.ONE:
            self._set(line, Answer(Status.ANSWERED, (line.options[digit - 1],)))
            self._go(self.at + 1)
        else:
            self._tick(line, line.options[digit - 1])

    def _tick(self, line: Line, option_id: str) -> None:
        """Tick or untick; an exclusive option (« Aucun ») unticks the others, as on screen."""
        assert line.question is not None
        exclusive = {o.id for o in line.question.choices() if o.exclusive}
        if option_id in self.ticked:
            self.ticked.remove(option_id)
        elif option_id in exclusive:
            self.ticked = [option_id]
        else:
            self.ticked = [p for p in self.ticked if p not in exclusive] + [option_id]

    def _set(self, line: Line, answer: Answer | None) -> None:
        if answer is None:
            self.answers.pop(line.key, None)
        else:
            self.answers[line.key] = answer

    def _value(self, line: Line) -> object:
        if line.key == CONSENT:
            return self.consent
        return self.answers.get(line.key)

    def _go(self, index: int) -> None:
        """Move to line `index`, showing what it holds so it can be changed."""
        self.at = min(index, len(self.lines()))
        line = self.current()
        self.typed, self.ticked, self.problem = "", [], None
        if line is None:
            return
        if line.key == COMMUNE:
            self.typed = self.profile.postcode or self.profile.commune or ""
        elif line.key == FIRST_NAME:
            self.typed = self.profile.first_name or ""
        answer = self.answers.get(line.key)
        if answer is not None and line.kind is Kind.SEVERAL:
            self.ticked = list(answer.choices)
        elif answer is not None and line.kind is Kind.TEXT:
            self.typed = answer.text or ""


def _profile(profile: Profile, **changes: str | None) -> Profile:
    values = {**profile.__dict__, **changes}
    return Profile(**values)
