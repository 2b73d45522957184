"""Results: each competence's level as a bar with plain words, and the next steps."""

from __future__ import annotations

from dataclasses import replace

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Footer, Header, Label, SelectionList, Static

from evaluation.scoring import Result
from evaluation.session import Session
from evaluation.tui.screens.base import SessionScreen
from evaluation.tui.screens.catalogue import CatalogueScreen

BAR_WIDTH = 12


def level_bar(rank: int, levels: int) -> str:
    """A bar readable without colour: filled blocks for the level reached."""
    filled = round(BAR_WIDTH * (rank + 1) / levels)
    return "█" * filled + "░" * (BAR_WIDTH - filled)


class ResultsScreen(SessionScreen):
    BINDINGS = [
        Binding("ctrl+s,f", "finish", "key.finish", id="results.finish"),
        Binding("a", "add", "key.add", id="results.add"),
        Binding("i", "sheet", "key.sheet", id="results.sheet"),
        Binding("left,backspace", "back", "key.back", key_display="←", id="results.back"),
        Binding("escape", "pause", "key.pause", id="results.pause"),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__(session)
        self.result: Result = session.result()

    def compose(self) -> ComposeResult:
        assert self.session.published is not None
        q, lang = self.session.published.questionnaire, self.session.lang
        yield Header()
        with VerticalScroll(id="results"):
            yield Label(self.tr("results.title"), classes="title")
            for comp in self.result.competences:
                label = next(c.label.get(lang) for c in q.competences if c.id == comp.competence_id)
                if comp.level_id is None:
                    line = f"{label:<32} {'·' * BAR_WIDTH}  {self.tr('results.not_assessed')}"
                else:
                    level = next(lv for lv in q.levels if lv.id == comp.level_id)
                    bar = level_bar(q.level_rank[level.id], len(q.levels))
                    line = f"{label:<32} {bar}  {level.label.get(lang)}"
                yield Static(line, classes="competence")
            if self.result.level_id is not None:
                overall = next(lv for lv in q.levels if lv.id == self.result.level_id)
                yield Static(
                    self.tr("results.overall", level=overall.label.get(lang))
                    + f" — {overall.description.get(lang)}",
                    id="overall",
                )
            yield Label(self.tr("results.next_steps"), classes="subtitle")
            yield SelectionList[str](*self.step_options(), id="steps")
            if not self.result.next_steps:
                yield Static(self.tr("results.no_steps"))
        yield Footer()

    def step_options(self) -> list[tuple[str, str, bool]]:
        """One line per next step, with its best service; `a` adds others."""
        catalogue, lang = self.session.workspace.catalogue, self.session.lang
        options: list[tuple[str, str, bool]] = []
        for step in self.result.next_steps:
            service = catalogue.by_id(step.service_ids[0]) if step.service_ids else None
            label = step.title.get(lang)
            if service is not None:
                label += f" — {service.nom}"
            options.append((label, f"{step.rule_id}|{service.id if service else ''}", True))
        return options

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#steps", SelectionList).focus(scroll_visible=False)
        if self.session.record.stage != "results":
            self.mark_results()

    @work(thread=True, group="db")
    def mark_results(self) -> None:
        self.session.workspace.store.set_position(self.session.id, None, "results")

    def action_add(self) -> None:
        self.app.push_screen(CatalogueScreen(), self.added)

    def added(self, service_id: str | None) -> None:
        if service_id is None:
            return
        service = self.session.workspace.catalogue.by_id(service_id)
        if service is not None:
            self.query_one("#steps", SelectionList).add_option(
                (service.nom, f"|{service.id}", True)
            )

    def action_sheet(self) -> None:
        chosen = [str(v) for v in self.query_one("#steps", SelectionList).selected]
        self.write_sheet(chosen)

    @work(thread=True, exclusive=True, group="sheet")
    def write_sheet(self, chosen: list[str]) -> None:
        """Write the PDF with the steps kept on screen, then print it where a printer exists."""
        from exports.sheet import write_and_print

        store = self.session.workspace.store
        session = replace(
            self.session, record=replace(self.session.record, next_steps=tuple(chosen))
        )
        folder = self.evaluation.folder.exports
        outcome = write_and_print(session, store.settings().structure, folder)
        self.app.call_from_thread(self.notify, outcome.message(self.session.lang), timeout=15)

    def action_finish(self) -> None:
        chosen = [str(v) for v in self.query_one("#steps", SelectionList).selected]
        self.finish(chosen)

    @work(thread=True, exclusive=True, group="db")
    def finish(self, chosen: list[str]) -> None:
        self.session.workspace.store.finish(self.session.id, chosen)
        self.app.call_from_thread(self.finished)

    def finished(self) -> None:
        self.notify(self.tr("results.finished"))
        self.dismiss()

    def action_back(self) -> None:
        from evaluation.tui.screens.question import QuestionScreen

        last = self.session.flow().before(None)
        if last is not None and self.session.record.stage != "finished":
            self.session.record = replace(self.session.record, position=last)
            self.dismiss()
            self.app.push_screen(QuestionScreen(self.session))
