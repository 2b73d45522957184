"""The activity figures on screen: counts per place, week, level, and the progress of
visitors who came back, in plain text lines.

Titles are bold through styles, never markup, so a place named "[Marché]" shows as is.
"""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual.widgets import Static

from evaluation.i18n import Translator
from evaluation.structure.figures import NOT_COMPARED, Counts, Figures, Words, move_columns


class FiguresView(Static):
    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)

    def show(self, figures: Figures, words: Words, t: Translator) -> None:
        from evaluation.i18n.dates import day_month

        name = words

        def line(title: str, counts: Counts, limit: int = 8) -> Text:
            shown = ", ".join(f"{name(k)} ({n})" for k, n in counts[:limit]) or "—"
            return Text.assemble((t("report.line_title", title=title), "bold"), shown)

        weeks = [
            (t("report.week_of", day=day_month(date.fromisoformat(k), t.lang)), n)
            for k, n in figures.by_week[-6:]
        ]
        lines: list[Text] = [
            Text(t("report.total", count=figures.interviews, minutes=round(figures.minutes)))
        ]
        if figures.unscored:
            lines.append(Text(t("report.unscored", count=figures.unscored)))
        lines += [
            line(t("report.by_place"), figures.by_place),
            Text.assemble(
                (t("report.line_title", title=t("report.by_mediator")), "bold"),
                ", ".join(t.message(done.said()) for done in figures.mediators) or "—",
            ),
            line(t("report.by_week"), weeks),
            line(t("report.autonomie"), figures.autonomie),
            Text(t("report.levels"), style="bold"),
        ]
        order = [*words.levels_in(figures.levels), ""]
        for competence in words.competences_in(figures.levels):
            counts = figures.levels[competence]
            shown = ", ".join(f"{name(lv)} ({counts[lv]})" for lv in order if counts[lv])
            lines.append(Text("  " + t("report.line", title=name(competence), values=shown)))
        lines += [
            line(t("report.proposed"), figures.proposed, 5),
            line(t("report.ages"), figures.age_bands),
            Text(t("report.progress"), style="bold"),
            Text("  " + t("report.returns", count=figures.returns, total=figures.interviews)),
        ]
        for competence in words.competences_in(figures.moves):
            moves = figures.moves[competence]
            shown = ", ".join(
                f"{t(f'report.move.{column}')} ({n})"
                for column, n in move_columns(moves)
                if n or column != NOT_COMPARED
            )
            lines.append(Text("  " + t("report.line", title=name(competence), values=shown)))
        self.update(Text("\n").join(lines))
