"""One interview: its record, its exact questionnaire version, its answers and notes."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from evaluation.i18n import Message, msg
from evaluation.interview.answers import Answer, Status
from evaluation.interview.flow import Flow
from evaluation.interview.travelled import passable
from evaluation.machine.clock import local_day
from evaluation.offers.communes import communes
from evaluation.offers.eligibility import Visitor
from evaluation.offers.needs import needs_of
from evaluation.offers.proximity import Near, Proximity
from evaluation.questionnaire import Published
from evaluation.store import InterviewRecord
from evaluation.structure.settings import Settings
from evaluation.workspace import Workspace

if TYPE_CHECKING:  # scoring and its tables load with the first result, not the consent
    from evaluation.interview.scoring import Result
    from evaluation.offers.catalogue import Catalogue


@dataclass(frozen=True)
class Saved:
    """What an operation stored for one interview, read back: the record as it is now
    (None: unchanged), the answers and notes changed ("": a note removed). The thread
    that owns the `Session` (the face's) applies it (`Session.apply`), never a worker."""

    record: InterviewRecord | None = None
    answers: Mapping[str, Answer] = field(default_factory=dict)
    notes: Mapping[str, str] = field(default_factory=dict)


@dataclass
class Session:
    workspace: Workspace
    record: InterviewRecord
    published: Published | None
    answers: dict[str, Answer] = field(default_factory=dict)
    notes: dict[str, str] = field(default_factory=dict)
    settings: Settings = field(default_factory=Settings)  # as when the interview was opened
    # The result, scored once for the answers and the record's place, visitor and the
    # catalogue it was scored with: `set_answer` drops it, a change of the others too.
    _scored: tuple[Any, Catalogue, Result] | None = field(default=None, repr=False, compare=False)

    @classmethod
    def load(cls, workspace: Workspace, interview_id: str) -> Session:
        """Read an interview back from the store (blocking)."""
        store = workspace.store
        record = store.get(interview_id)
        published = workspace.published_for(
            record.questionnaire_id, record.questionnaire_version, record.questionnaire_sha256
        )
        return cls(
            workspace,
            record,
            published,
            store.answers(interview_id),
            store.notes(interview_id),
            store.settings(),
        )

    @property
    def id(self) -> str:
        return self.record.id

    @property
    def lang(self) -> str:
        """The visitor's language (an ISO 639 code, `fr`, `en`, `uk`…): the questions,
        their options and the sheet are in it; the mediator's menus keep the app's."""
        return self.record.lang

    def flow(self, answers: dict[str, Answer] | None = None) -> Flow:
        """The flow of the questions (with `answers` instead of those saved, if given)."""
        assert self.published is not None
        given = self.answers if answers is None else answers
        return Flow(self.published.questionnaire, given, self.passed())

    def passed(self, answers: Mapping[str, Answer] | None = None) -> frozenset[str]:
        """The questions passed over because the visitor was already « Autonome » in
        their competence at the earlier visit (kept as skipped answers; in `answers`
        instead of those saved, if given)."""
        previous = self.record.previous
        if previous is None or self.published is None:
            return frozenset()
        given = self.answers if answers is None else answers
        spared = passable(self.published.questionnaire, previous)
        return frozenset(q for q in spared if (a := given.get(q)) and a.status is Status.SKIPPED)

    def set_answer(self, question_id: str, answer: Answer) -> None:
        """An answer changed (committed by the caller): the result is scored again."""
        self.answers[question_id] = answer
        self._scored = None

    def apply(self, saved: Saved) -> Session:
        """Take in what an operation stored (on the thread that owns this session)."""
        if saved.record is not None:
            self.record = saved.record
        for question_id, answer in saved.answers.items():
            self.set_answer(question_id, answer)
        for question_id, note in saved.notes.items():
            if note:
                self.notes[question_id] = note
            else:
                self.notes.pop(question_id, None)
        return self

    def result(self) -> Result:
        """The interview's result: scored at the first call after an answer changed, then
        kept (the results screen, the steps, the sheet and the finish share it)."""
        from evaluation.interview.scoring import score

        assert self.published is not None
        r = self.record
        catalogue = self.workspace.catalogue
        inputs = (r.started_at, r.place_commune, r.place_postcode, r.profile)
        kept = self._scored
        if kept is not None and kept[0] == inputs and kept[1] is catalogue:
            return kept[2]
        result = score(
            self.published.questionnaire,
            self.answers,
            self.workspace.catalogue,
            near=self.near,
            day=self.day,
            home=self.home,
            visitor=self.visitor,
        )
        self._scored = (inputs, catalogue, result)
        return result

    @property
    def day(self) -> date:
        """The interview's day, where it took place: next openings count from it."""
        return local_day(self.record.started_at)

    @property
    def near(self) -> Near:
        """Where the interview took place (the place of that day)."""
        return Near(self.record.place_commune, self.record.place_postcode)

    @property
    def home(self) -> Near:
        """Where the visitor lives, as they said it (may be unknown)."""
        profile = self.record.profile
        return Near(profile.commune, profile.postcode)

    @property
    def visitor(self) -> Visitor:
        """What the visitor told of themselves, for who a service is for."""
        profile = self.record.profile
        return Visitor(
            communes().at(profile.commune, profile.postcode) if self.home.known else None,
            profile.age_band,
            profile.social_status,
            needs_of(self.record.lang),
        )

    def proximity(self) -> Proximity:
        return Proximity(self.workspace.catalogue, self.near, self.home)

    def stored(self, **changed: Any) -> Saved:
        """The record read back after a change (blocking), with what else changed
        (`answers`, `notes`), for the owner of the session to apply."""
        return Saved(self.workspace.store.get(self.id), **changed)

    def missing(self) -> Message:
        r = self.record
        return msg(
            "session.version_missing",
            id=r.questionnaire_id,
            version=r.questionnaire_version,
            sha=r.questionnaire_sha256[:12],
        )
