"""Results: each competence's level as a bar with plain words, and the next steps.

While the interview is open, Space keeps or removes a step and `a` adds a service of
the catalogue, each change stored at once; `f` finishes. A finished interview is shown
read-only: its kept steps, the sheet to reprint, and `m` to change it (confirmed). `g`
writes the sheet in large print, open or finished.

The screen is the mediator's: the questionnaire's words (competences, levels, steps) are
in the app's language, like the sentences around them; the sheet speaks the visitor's.
"""

from __future__ import annotations

from datetime import date

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Header, Label, OptionList, Static

from evaluation.interview.record import KeptStep, Stage
from evaluation.interview.scoring import Result
from evaluation.interview.travelled import told
from evaluation.machine.clock import local_time
from evaluation.offers.catalogue import Service
from evaluation.offers.opening_hours import when_to_come
from evaluation.operations.interviews import finish, keep_steps
from evaluation.operations.results import StepChoice, step_choices
from evaluation.operations.sheets import Printed, write_and_print
from evaluation.questionnaire.visitor import for_visitor
from evaluation.session import Session
from evaluation.tui.dialogs.catalogue import CatalogueDialog
from evaluation.tui.messages import BackToQuestions, ChangeFinished, Finished, Paused
from evaluation.tui.screen import BaseScreen, footer
from evaluation.tui.ui import Ui
from evaluation.tui.widgets.level_table import LevelRow, LevelTable
from evaluation.tui.widgets.steps_list import StepLine, StepsList
from evaluation.tui.workers import run_blocking


class ResultsScreen(BaseScreen):
    IN_INTERVIEW = True
    BINDINGS = [
        # In the footer's order: what a 60-column terminal must still show comes first.
        Binding("f,ctrl+s", "finish", "key.finish", id="results.finish"),
        Binding("escape", "pause", "key.pause", id="results.pause"),
        Binding("left,backspace", "back", "key.back_questions", key_display="←", id="results.back"),
        Binding("i", "sheet", "key.sheet", id="results.sheet"),
        Binding("a", "add", "key.add", id="results.add"),
        Binding("g", "large_sheet", "key.large_sheet", id="results.large_sheet"),
        Binding("i", "reprint", "key.reprint", id="results.reprint"),
        Binding("m", "change", "key.change", tooltip="help.change_finished", id="results.change"),
        Binding("escape", "close", "key.back", id="results.close"),
    ]
    HELP_EXTRA = (("up,down", "help.move_in_list"), ("space", "help.keep_step"))
    # At 50 columns the footer would take three lines and push the step's detail away.
    FOOTER_SPARE = ("large_sheet",)
    # While the interview is open, or once it is finished (read-only):
    EDITING = frozenset({"finish", "add", "sheet", "back", "pause"})
    VIEWING = frozenset({"reprint", "change", "close"})

    def __init__(self, ui: Ui, session: Session) -> None:
        super().__init__(ui)
        self.session = session
        self.result: Result = session.result()
        self.moved = False  # the first highlight is the screen opening, not the mediator
        self.choices: list[StepChoice] = step_choices(session, ui.t.lang)
        self.proximity = session.proximity()

    def compose(self) -> ComposeResult:
        assert self.session.published is not None
        # French, marked « (FR) », where the version lacks the app's language.
        q, lang = self.session.published.questionnaire, self.t.lang
        yield Header()
        with VerticalScroll(id="results"):
            yield Label(self.t("results.title"), classes="title", markup=False)
            yield from self.compose_status()
            if self.session.workspace.catalogue.sample:
                yield Static(self.t("results.sample_catalogue"), classes="warning", markup=False)
            rows = []
            labels = {c.id: for_visitor(c.label, lang) for c in q.competences}
            for comp in self.result.competences:
                label = labels[comp.competence_id]
                if comp.level_id is None:
                    rows.append(LevelRow(label, None, self.t("results.not_assessed")))
                else:
                    level = next(lv for lv in q.levels if lv.id == comp.level_id)
                    said = for_visitor(level.label, lang)
                    rows.append(LevelRow(label, q.level_rank[level.id], said))
            yield LevelTable(rows, len(q.levels), id="levels")
            previous = self.session.record.previous
            if previous is not None:  # a returning visitor: before → now, in words and marks
                now = {c.competence_id: c.level_id for c in self.result.competences}
                way = told(self.t, lang, q, previous, now)
                yield Static("\n".join((way.title, *way.lines)), id="way", markup=False)
            if self.result.level_id is not None:
                overall = next(lv for lv in q.levels if lv.id == self.result.level_id)
                yield Static(
                    self.t(
                        "results.overall",
                        level=for_visitor(overall.label, lang),
                        description=for_visitor(overall.description, lang),
                    ),
                    id="overall",
                    markup=False,
                )
            yield Label("", id="steps-title", classes="subtitle", markup=False)  # on_mount
            lines = [self.line(c) for c in self.choices if self.editable or c.kept]
            steps = StepsList(lines, self.t, editable=self.editable, id="steps")
            steps.display = bool(lines)  # no empty box under its title
            yield steps
            if not lines:
                none = "results.no_steps" if self.editable else "results.no_kept_steps"
                yield Static(self.t(none, keys=self.keys_hint("results.change")), markup=False)
            yield Static("", id="step-detail", classes="hint", markup=False)
            notes = self.notes_text()
            if notes:
                yield Static(notes, id="notes", markup=False)
        yield footer()

    @property
    def editable(self) -> bool:
        return self.session.record.stage is not Stage.FINISHED

    def compose_status(self) -> ComposeResult:
        record = self.session.record
        if record.stage is Stage.FINISHED and record.finished_at:
            from evaluation.i18n.dates import short_date, short_date_time

            when = short_date_time(local_time(record.finished_at), self.t.lang)
            keys = self.keys_hint("results.reprint", "results.large_sheet", "results.change")
            if record.paper is not None:
                # A form has a day, not an hour: say when it was keyed in, not "finished"
                # before the noon it is filed at.
                day = short_date(date.fromisoformat(record.paper.day), self.t.lang)
                said = self.t(
                    "results.viewing_paper", form=record.paper.form, day=day, when=when, keys=keys
                )
            else:
                key = "results.viewing_changed" if record.revision else "results.viewing"
                said = self.t(key, when=when, keys=keys)
            yield Static(said, id="viewing", classes="warning", markup=False)
        elif record.revision:
            yield Static(self.t("results.changing"), classes="warning", markup=False)

    def steps_title(self) -> str:
        return "results.next_steps" if self.editable else "results.kept_steps"

    def line(self, choice: StepChoice) -> StepLine:
        service = choice.service
        notes = []
        if service is not None and self.proximity.far(service):
            notes.append(self.t("steps.far"))
        if service is not None and self.session.workspace.catalogue.sample:
            notes.append(self.t("steps.sample"))
        name = service.named if service else None
        return StepLine(choice.step, choice.title, name, choice.kept, " ".join(notes))

    def notes_text(self) -> str:
        assert self.session.published is not None
        questions = self.session.published.questionnaire.question_index
        lines = [
            self.t(
                "results.note",
                question=for_visitor(questions[qid].text, self.t.lang) if qid in questions else qid,
                note=note,
            )
            for qid, note in self.session.notes.items()
        ]
        return "\n".join([self.t("results.notes"), *lines]) if lines else ""

    def on_mount(self) -> None:
        super().on_mount()
        # The list's own key, once the list is mounted with its binding.
        title = self.t(self.steps_title(), keys=self.keys_hint("steps.toggle"))
        self.query_one("#steps-title", Label).update(title)
        steps = self.query_one("#steps", StepsList)
        if steps.option_count:
            # The levels come first; the page follows the steps once the mediator moves.
            steps.focus(scroll_visible=False)
            steps.highlighted = 0

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Keys of an open interview, or of a finished one (read-only)."""
        if action in self.EDITING | self.VIEWING:
            return action in (self.EDITING if self.editable else self.VIEWING)
        return True

    def help_entries(self) -> list[tuple[str, str]]:
        entries = super().help_entries()
        allowed = {
            self.t(b.tooltip or b.description)
            for b in self.BINDINGS
            if isinstance(b, Binding) and self.check_action(b.action.split("(")[0], ())
        }
        extra = {self.t(text) for _, text in self.HELP_EXTRA} if self.editable else set()
        return [(keys, text) for keys, text in entries if text in allowed | extra]

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        steps = self.query_one("#steps", StepsList)
        if self.is_mounted and steps.has_focus and self.moved:
            # The page follows the step the mediator moves to (a small terminal shows the
            # levels first, the steps below).
            self.call_after_refresh(self.show_current_step)
        self.moved = True
        line = steps.current
        detail = self.query_one("#step-detail", Static)
        if line is None or line.step.service_id is None:
            detail.update("")
            return
        service = self.session.workspace.catalogue.by_id(line.step.service_id)
        detail.update(self.detail(service) if service else "")

    def show_current_step(self) -> None:
        self.query_one("#step-detail", Static).scroll_visible(animate=False)

    def detail(self, service: Service) -> str:
        place = ", ".join(
            v
            for v in (
                service.adresse,
                " ".join(p for p in (service.code_postal, service.commune) if p),
            )
            if v
        )
        lines = [service.nom, place]
        if self.proximity.far(service):
            lines.append(self.t("steps.far_detail"))
        told = when_to_come(service.horaires_accueil, self.session.day, self.t)
        if told is not None:
            lines.append(self.t("sheet.hours", hours=told.plain) if told.plain else told.line)
        if service.telephone:
            lines.append(self.t("sheet.phone", phone=service.telephone))
        return "\n".join(line for line in lines if line)

    def on_steps_list_toggled(self, event: StepsList.Toggled) -> None:
        self.store_steps()

    def store_steps(self) -> None:
        steps = self.query_one("#steps", StepsList)
        kept = list(steps.kept)
        added = [
            line.step.service_id
            for line in steps.lines
            if line.step.rule_id is None and line.step.service_id is not None
        ]
        run_blocking(
            self, self.ui, lambda: keep_steps(self.session, kept, added), self.session.apply
        )

    def action_add(self) -> None:
        catalogue = self.session.workspace.catalogue
        lines = self.query_one("#steps", StepsList).lines
        chosen = {line.step.service_id for line in lines if line.step.service_id is not None}
        self.app.push_screen(
            CatalogueDialog(self.ui, list(catalogue.services), catalogue.sample, chosen),
            self.added,
        )

    def added(self, service_id: str | None) -> None:
        if service_id is None:
            return
        service = self.session.workspace.catalogue.by_id(service_id)
        steps = self.query_one("#steps", StepsList)
        step = KeptStep(None, service_id)
        if service is None or step in {line.step for line in steps.lines}:
            return
        steps.add_line(self.line(StepChoice(step, None, service, True)))
        self.store_steps()

    def kept(self) -> tuple[KeptStep, ...]:
        return tuple(self.query_one("#steps", StepsList).kept)

    def action_reprint(self) -> None:
        self.action_sheet()

    def action_large_sheet(self) -> None:
        self.action_sheet(large=True)

    def action_sheet(self, large: bool = False) -> None:
        kept = self.kept()
        self.notify(self.t("results.sheet_writing"))
        run_blocking(
            self,
            self.ui,
            lambda: write_and_print(self.session, kept, large),
            self.sheet_done,
            group="sheet",
            exclusive=True,
        )

    def sheet_done(self, printed: Printed) -> None:
        if printed.problem is None:
            self.notify(self.t("sheet.printed", path=printed.path))
        else:
            self.notify(
                self.t("sheet.saved_not_printed", path=printed.path, problem=printed.problem),
                severity="warning",
            )

    def action_finish(self) -> None:
        kept = list(self.kept())
        run_blocking(
            self,
            self.ui,
            lambda: finish(self.session, kept),
            lambda saved: self.post_message(Finished(self, self.session.apply(saved))),
            exclusive=True,
        )

    def action_back(self) -> None:
        self.post_message(BackToQuestions(self, self.session))

    def action_pause(self) -> None:
        self.post_message(Paused(self, self.session))

    def action_change(self) -> None:
        self.post_message(ChangeFinished(self, self.session))

    def action_close(self) -> None:
        self.post_message(Paused(self, self.session))
