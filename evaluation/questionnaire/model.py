"""The questionnaire format: frozen pydantic models, one per YAML construct.

Shape errors are pydantic's; cross-references (ids, conditions, points) are checked in
`references.py` once the shape is right, so every error can name its field path.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum
from functools import cached_property
from typing import Annotated, Any, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, model_validator
from pydantic_core import PydanticCustomError

from evaluation.offers.needs import Need
from evaluation.questionnaire.text import Text
from evaluation.structure.cra import Autonomie, Materiel, StructureRedirection, Thematique

# A name inside a version (section, question, answer, competence, level, step): XLSForm's
# rule, case kept (`Age` and `age` are two names), a leading digit as YAML always allowed.
IDENT_PATTERN = r"^[A-Za-z0-9_][A-Za-z0-9_.-]*$"
Ident = Annotated[str, Field(pattern=IDENT_PATTERN, max_length=64)]
# A questionnaire's own id names its folder, its files in a sync pack and its interviews'
# rows: lower case only, so two ids never meet as one folder on a FAT stick.
QUESTIONNAIRE_ID_PATTERN = r"^[a-z0-9][a-z0-9_-]*$"
QuestionnaireId = Annotated[str, Field(pattern=QUESTIONNAIRE_ID_PATTERN, max_length=64)]


def _unset(value: object) -> bool:
    return value is None or value is False or value == ()


def added(default: Any = None) -> Any:
    """A field added to the format after versions were published: left out of the
    canonical content while it holds its default, so their sha256 never changes."""
    return Field(default=default, exclude_if=_unset)


Points = dict[Ident, Annotated[int, Field(ge=0, le=100)]]


def _codes(per_area: dict[int, int]) -> frozenset[str]:
    return frozenset(f"{area}.{n}" for area, count in per_area.items() for n in range(1, count + 1))


# The CRCN (Pix) framework: 5 domains, 16 competences.
CRCN_CODES = _codes({1: 3, 2: 4, 3: 4, 4: 3, 5: 2})
# DigComp 2.2: 5 areas, 21 competences.
DIGCOMP_CODES = _codes({1: 3, 2: 6, 3: 4, 4: 4, 5: 4})
CrcnCode = Annotated[str, Field(pattern=r"^[1-5]\.[1-4]$")]
DigcompCode = Annotated[str, Field(pattern=r"^[1-5]\.[1-6]$")]

# data·inclusion thematiques are checked against the shipped schema in references.py.
DiThematique = Annotated[str, Field(pattern=r"^[a-z0-9-]+--[a-z0-9-]+$")]


class Frozen(BaseModel):
    """Base of every questionnaire model: unknown keys refused, values immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


def _absent(value: object) -> bool:
    return value is None


def later(default: Any = None) -> Any:
    """A field added later whose `False` or `0` says something: left out of the
    canonical content only while unset."""
    return Field(default=default, exclude_if=_absent)


Number = int | float


class Condition(Frozen):
    """A structured show-if or rule condition; never an expression run as code.

    Either `question` with one test, or `all` / `any` of nested conditions. The tests:
    `any_of` or `none_of` (option ids; on a typed value, the value), `answered` (true:
    something was given; false: nothing), `at_least`, `at_most`, `above`, `below` (a
    number answered, or the number an answer is named by), `selected_at_least`,
    `selected_at_most` (how many answers are ticked). A condition on a question that is
    hidden, skipped or answered "je ne sais pas" is false, but for `answered: false`.
    """

    question: Ident | None = None
    any_of: tuple[Ident, ...] | None = Field(default=None, min_length=1)
    none_of: tuple[Ident, ...] | None = Field(default=None, min_length=1)
    answered: bool | None = later()
    at_least: Number | None = later()
    at_most: Number | None = later()
    above: Number | None = later()
    below: Number | None = later()
    selected_at_least: int | None = later()
    selected_at_most: int | None = later()
    all_: tuple[Condition, ...] | None = Field(default=None, alias="all", min_length=1)
    any_: tuple[Condition, ...] | None = Field(default=None, alias="any", min_length=1)

    TESTS: ClassVar[tuple[str, ...]] = (
        "any_of",
        "none_of",
        "answered",
        "at_least",
        "at_most",
        "above",
        "below",
        "selected_at_least",
        "selected_at_most",
    )

    def test(self) -> tuple[str, Any]:
        """The leaf's one test and its value, e.g. ('at_least', 18)."""
        return next((t, getattr(self, t)) for t in self.TESTS if getattr(self, t) is not None)

    @model_validator(mode="after")
    def _one_form(self) -> Condition:
        leaf = self.question is not None
        tests = sum(getattr(self, t) is not None for t in self.TESTS)
        groups = (self.all_ is not None) + (self.any_ is not None)
        if leaf and tests == 1 and groups == 0:
            return self
        if not leaf and tests == 0 and groups == 1:
            return self
        raise PydanticCustomError("q.condition_form", "condition form")

    def questions(self) -> tuple[str, ...]:
        """Every question id this condition reads."""
        if self.question is not None:
            return (self.question,)
        return tuple(q for c in (self.all_ or self.any_ or ()) for q in c.questions())


class Option(Frozen):
    """One answer a visitor can give, with its points per competence.

    `can_do` and `next` say, when this answer is given, what the person already does and
    what comes next, in words for the skills sheet (for the competences the question
    scores). `exclusive`: ticking it unticks the others ("Aucun"). `accueil`: what this
    answer says a place must be ready for (large print, another language…); such a
    place comes first among the next steps' services.
    """

    id: Ident
    label: Text
    points: Points = {}
    materiel: tuple[Materiel, ...] = ()
    exclusive: bool = added(False)
    can_do: Text | None = added()
    next: Text | None = added()
    accueil: tuple[Need, ...] = added(())


class Step(Frozen):
    """An answer on a fixed scale (yes/no, frequency, task); its label has a default."""

    label: Text | None = None
    points: Points = {}
    materiel: tuple[Materiel, ...] = ()
    can_do: Text | None = added()
    next: Text | None = added()


class Zero(Enum):
    """What `0` answers on a question: the visitor's « Je ne sais pas », or the
    mediator's « Pas pu l'observer » on a task they watch."""

    DONT_KNOW = "dont_know"
    NOT_OBSERVED = "not_observed"


@dataclass(frozen=True)
class VisitorChoice:
    """An answer as the visitor reads and hears it: no points, nothing of the mediator's."""

    id: str
    label: Text
    exclusive: bool = False


@dataclass(frozen=True)
class VisitorPart:
    """What the visitor reads and hears of a question: the words said to them and the
    answers they choose among. The visitor's view and voice take only this type, so a
    task's instruction and grading, or the mediator's note, cannot reach them."""

    question_id: str
    text: Text
    choices: tuple[VisitorChoice, ...] = ()
    multiple: bool = False
    dont_know: bool = False  # the visitor may answer « Je ne sais pas » (`0`)


@dataclass(frozen=True)
class MediatorPart:
    """What only the mediator reads of a question: an instruction, the grading they give
    after watching, or the note they write."""

    question_id: str
    instruction: Text | None = None
    grading: tuple[Option, ...] = ()
    note: Text | None = None


class _Question(Frozen):
    id: Ident
    text: Text
    help: Text | None = None
    show_if: Condition | None = None
    # Kept for ODK tools, both ways through XLSForm; the app still lets the mediator
    # pass any question (the visitor may always decline) and draws its own screens.
    required: bool = added(False)
    appearance: Annotated[str, Field(pattern=r"^[a-z0-9 -]+$", max_length=80)] | None = added()
    # ODK's messages when an answer is missing or refused: kept, never shown by the app.
    required_message: Text | None = added()
    constraint_message: Text | None = added()
    # What `0` answers on this kind (None: no `0`, a note or an info).
    ZERO: ClassVar[Zero | None] = Zero.DONT_KNOW
    MULTIPLE: ClassVar[bool] = False  # several answers may be ticked

    def choices(self) -> tuple[Option, ...]:
        """The options on screen, in order (empty for a free note)."""
        return ()

    def for_the_visitor(self) -> VisitorPart | None:
        """The visitor's part: the question and its answers (None: nothing for them)."""
        return VisitorPart(
            self.id,
            self.text,
            tuple(VisitorChoice(o.id, o.label, o.exclusive) for o in self.choices()),
            multiple=self.MULTIPLE,
            dont_know=self.ZERO is Zero.DONT_KNOW,
        )

    def for_the_mediator(self) -> MediatorPart | None:
        """The mediator's own part, never shown nor said to the visitor."""
        return None


OTHER = "other"
OTHER_LABEL = Text(fr="Autre", en="Other")


class ListChoice(_Question):
    """A question with its own list of answers; `other` adds « Autre », whose words
    are typed (XLSForm's `or_other`): it scores nothing."""

    options: tuple[Option, ...] = Field(min_length=2)
    other: bool = added(False)
    _choices: tuple[Option, ...] = PrivateAttr(default=())

    def model_post_init(self, context: Any, /) -> None:
        extra = (Option(id=OTHER, label=OTHER_LABEL),) if self.other else ()
        self._choices = (*self.options, *extra)

    def choices(self) -> tuple[Option, ...]:
        return self._choices


class SingleChoice(ListChoice):
    kind: Literal["single"]


class MultipleChoice(ListChoice):
    kind: Literal["multiple"]
    MULTIPLE = True


def _scale(
    steps: Mapping[Any, Step], defaults: tuple[tuple[str, str, str], ...]
) -> tuple[Option, ...]:
    options = []
    for step_id, fr, en in defaults:
        step = steps.get(step_id, Step())
        label = step.label or Text(fr=fr, en=en)
        options.append(
            Option(
                id=step_id,
                label=label,
                points=step.points,
                materiel=step.materiel,
                can_do=step.can_do,
                next=step.next,
            )
        )
    return tuple(options)


YES_NO = (("yes", "Oui", "Yes"), ("no", "Non", "No"))
FREQUENCY = (
    ("never", "Jamais", "Never"),
    ("rarely", "Rarement", "Rarely"),
    ("sometimes", "Parfois", "Sometimes"),
    ("often", "Souvent", "Often"),
)
TASK = (
    ("alone", "Réussi sans aide", "Done alone"),
    ("with_help", "Réussi avec de l'aide", "Done with help"),
    ("failed", "Pas réussi", "Not done"),
)


class _Scaled(_Question):
    """A question whose options are a fixed scale; built once, scoring asks often."""

    SCALE: ClassVar[tuple[tuple[str, str, str], ...]] = ()
    answers: Mapping[Any, Step]
    _choices: tuple[Option, ...] = PrivateAttr(default=())

    def model_post_init(self, context: Any, /) -> None:
        self._choices = _scale(self.answers, self.SCALE)

    def choices(self) -> tuple[Option, ...]:
        return self._choices


class YesNo(_Scaled):
    kind: Literal["yes_no"]
    answers: dict[Literal["yes", "no"], Step] = {}
    SCALE = YES_NO


class Frequency(_Scaled):
    kind: Literal["frequency"]
    answers: dict[Literal["never", "rarely", "sometimes", "often"], Step] = {}
    SCALE = FREQUENCY


class Task(_Scaled):
    """A practical task: `text` is said to the visitor; the instruction and the grading
    (done alone, with help, not done, not observed) are the mediator's."""

    kind: Literal["task"]
    instruction: Text
    answers: dict[Literal["alone", "with_help", "failed"], Step] = {}
    SCALE = TASK
    ZERO = Zero.NOT_OBSERVED

    def for_the_visitor(self) -> VisitorPart:
        return VisitorPart(self.id, self.text)

    def for_the_mediator(self) -> MediatorPart:
        return MediatorPart(self.id, instruction=self.instruction, grading=self.choices())


class Note(_Question):
    """A free note typed by the mediator; it scores nothing and the visitor never sees it."""

    kind: Literal["note"]
    ZERO = None

    def for_the_visitor(self) -> None:
        return None

    def for_the_mediator(self) -> MediatorPart:
        return MediatorPart(self.id, note=self.text)


class Info(_Question):
    """A text shown to the visitor and read aloud (XLSForm's `note`): nothing to type,
    nothing scored. Enter moves on and stores only that it was shown, so resuming and
    the progress count treat it as any question passed."""

    kind: Literal["info"]
    ZERO = None

    def for_the_visitor(self) -> VisitorPart:
        return VisitorPart(self.id, self.text)


class ValueKind(Enum):
    """What a typed answer holds (XLSForm's `integer`, `decimal`, `date`)."""

    INTEGER = "integer"
    DECIMAL = "decimal"
    DATE = "date"


class Value(_Question):
    """A value the visitor gives and the mediator types (an age, a number of people, a
    date): kept with the interview and exported, never scored."""

    kind: Literal["integer", "decimal", "date"]
    ZERO = None

    @property
    def value_kind(self) -> ValueKind:
        return ValueKind(self.kind)


Question = Annotated[
    SingleChoice | MultipleChoice | YesNo | Frequency | Task | Note | Info | Value,
    Field(discriminator="kind"),
]
QUESTION_KINDS = (
    "single",
    "multiple",
    "yes_no",
    "frequency",
    "task",
    "note",
    "info",
    "integer",
    "decimal",
    "date",
)


class Section(Frozen):
    id: Ident
    title: Text
    questions: tuple[Question, ...] = Field(min_length=1)


class Statement(Frozen):
    """What a person at one level can already do, and what comes next."""

    can_do: Text
    next: Text


class Competence(Frozen):
    id: Ident
    label: Text
    crcn: tuple[CrcnCode, ...] = Field(min_length=1)
    digcomp: tuple[DigcompCode, ...] = Field(min_length=1)
    min_answers: int = Field(default=2, ge=1)
    by_level: dict[Ident, Statement]


class Level(Frozen):
    id: Ident
    label: Text
    min_percent: int = Field(ge=0, le=100)
    autonomie: Autonomie
    description: Text


class NextStepRule(Frozen):
    """A next step, proposed when its triggers hold; it points at themes, never places."""

    id: Ident
    title: Text
    competence: Ident | None = None
    level_at_most: Ident | None = None
    when: Condition | None = None
    thematiques: tuple[DiThematique, ...] = Field(min_length=1)
    cra_thematiques: tuple[Thematique, ...] = ()
    structure: StructureRedirection | None = None
    priority: int = 0
    # Steps that say nearly the same thing share a group: only the first one proposed stays.
    group: Ident | None = added()

    @model_validator(mode="after")
    def _triggered(self) -> NextStepRule:
        if (self.competence is None) != (self.level_at_most is None):
            raise PydanticCustomError("q.rule_pair", "competence with level_at_most")
        if self.competence is None and self.when is None:
            raise PydanticCustomError("q.rule_trigger", "a rule needs a trigger")
        return self


class Questionnaire(Frozen):
    """One published version of a questionnaire."""

    format: Literal[1] = 1
    id: QuestionnaireId
    version: int = Field(ge=1)
    title: Text
    description: Text | None = None
    competences: tuple[Competence, ...] = Field(min_length=1)
    levels: tuple[Level, ...] = Field(min_length=2)
    sections: tuple[Section, ...] = Field(min_length=1)
    next_steps: tuple[NextStepRule, ...] = ()

    @cached_property
    def questions(self) -> tuple[Question, ...]:
        """Every question in order, across sections."""
        return tuple(q for s in self.sections for q in s.questions)

    @cached_property
    def question_index(self) -> dict[str, Question]:
        return {q.id: q for q in self.questions}

    @cached_property
    def section_of(self) -> dict[str, Section]:
        return {q.id: s for s in self.sections for q in s.questions}

    @cached_property
    def level_rank(self) -> dict[str, int]:
        return {level.id: rank for rank, level in enumerate(self.levels)}
