"""The activity report as PDF, with charts (reportlab graphics), in the reader's language.

Counts only: the report never names a visitor. Bars carry their number, so the charts
read in black and white as well as in colour.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from xml.sax.saxutils import escape

from reportlab import rl_config
from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from evaluation.figures import Counts, Figures
from evaluation.i18n import Translator
from evaluation.i18n.dates import long_date, short_day
from exports import document as style

WIDTH = style.PAGE[0] - 2 * style.MARGIN


def render_report(
    figures: Figures, labels: dict[str, str], levels: list[str], title: str, today: date,
    t: Translator,
) -> bytes:  # fmt: skip
    """The PDF bytes; `labels` turns ids (competences, levels, next steps, CRA values) into
    words, `levels` orders the levels from the lowest up."""
    rl_config.invariant = True
    s = style.styles()
    f = figures.filters
    lang = t.lang
    start = long_date(f.start, lang) if f.start else t("report.pdf.beginning")
    period = t("report.pdf.period", start=start, end=long_date(f.end or today, lang))
    scope = ", ".join(f.places) or t("report.pdf.all_places")
    if f.mediators:
        scope = t("report.pdf.with_mediators", scope=scope, mediators=", ".join(f.mediators))
    summary = t("report.pdf.summary", count=figures.interviews, minutes=round(figures.minutes))
    if figures.unscored:
        summary += " " + t("report.pdf.unscored", count=figures.unscored)
    story: list[Flowable] = [
        Paragraph(escape(title), s["title"]),
        Paragraph(escape(t("report.pdf.subtitle", period=period, scope=scope)), s["subtitle"]),
        Spacer(0, 4 * mm),
        Paragraph(escape(summary), s["body"]),
    ]

    def name(key: str) -> str:
        return labels.get(key, key) or "—"

    weeks = [(short_day(date.fromisoformat(k), lang), n) for k, n in figures.by_week[-26:]]
    story += _section(t("report.pdf.by_week"), _columns(weeks), s)
    places = _top([(name(k), n) for k, n in figures.by_place], 15, t("report.pdf.other_places"))
    story += _section(t("report.pdf.by_place"), _bars(places), s)
    autonomie = [(name(k), n) for k, n in figures.autonomie]
    story += _section(t("report.pdf.autonomie"), _bars(autonomie), s)
    story += _section(
        t("report.pdf.levels"), _levels_table(figures, levels, name, t("report.pdf.competence"),
                                              t("report.pdf.not_assessed")), s
    )  # fmt: skip
    proposed = [(name(k), n) for k, n in figures.proposed[:8]]
    story += _section(t("report.pdf.proposed"), _bars(proposed), s)
    story += _section(t("report.pdf.ages"), _bars([(name(k), n) for k, n in figures.age_bands]), s)
    communes = [(k or t("report.pdf.commune_unknown"), n) for k, n in figures.communes[:10]]
    story += _section(t("report.pdf.communes"), _bars(communes), s)
    story.append(Spacer(0, 4 * mm))
    story.append(Paragraph(escape(t("report.pdf.footer", day=long_date(today, lang))), s["small"]))
    return style.build_pdf(story, title, "évaluation")


def _section(heading: str, body: Flowable, s: dict[str, ParagraphStyle]) -> list[Flowable]:
    return [KeepTogether([Paragraph(escape(heading), s["heading"]), Spacer(0, 2 * mm), body])]


def _bars(counts: Counts) -> Flowable:
    """Horizontal bars, one per key, with the count written at the end of each."""
    if not counts:
        return Spacer(0, 0)
    height = 14 * len(counts) + 10
    drawing = Drawing(WIDTH, height)
    chart = HorizontalBarChart()
    chart.x, chart.y = 60 * mm, 5
    chart.width, chart.height = WIDTH - 80 * mm, height - 10
    chart.data = [[n for _, n in reversed(counts)]]
    chart.categoryAxis.categoryNames = [_short(k) for k, _ in reversed(counts)]
    chart.categoryAxis.labels.fontName = style.FONT
    chart.categoryAxis.labels.fontSize = 9
    chart.valueAxis.visible = False
    chart.valueAxis.valueMin = 0
    chart.bars[0].fillColor = style.BAR_FILL
    chart.bars[0].strokeColor = colors.black
    chart.barLabelFormat = "%d"
    chart.barLabels.fontName = style.FONT
    chart.barLabels.fontSize = 9
    chart.barLabels.nudge = 12
    drawing.add(chart)
    return drawing


def _columns(counts: Counts) -> Flowable:
    """Vertical bars over time (weeks), labelled every few columns."""
    if not counts:
        return Spacer(0, 0)
    drawing = Drawing(WIDTH, 55 * mm)
    chart = VerticalBarChart()
    chart.x, chart.y = 10 * mm, 12 * mm
    chart.width, chart.height = WIDTH - 15 * mm, 40 * mm
    chart.data = [[n for _, n in counts]]
    step = max(1, len(counts) // 8)
    chart.categoryAxis.categoryNames = [
        k if i % step == 0 else "" for i, (k, _) in enumerate(counts)
    ]
    chart.categoryAxis.labels.fontName = style.FONT
    chart.categoryAxis.labels.fontSize = 8
    chart.valueAxis.labels.fontName = style.FONT
    chart.valueAxis.labels.fontSize = 8
    chart.valueAxis.valueMin = 0
    chart.bars[0].fillColor = style.BAR_FILL
    drawing.add(chart)
    return drawing


def _levels_table(
    figures: Figures,
    levels: list[str],
    label: Callable[[str], str],
    competence: str,
    not_assessed: str,
) -> Flowable:
    seen = {lv for counts in figures.levels.values() for lv in counts if lv}
    order = [lv for lv in levels if lv in seen] + sorted(seen - set(levels))
    header = [competence, *(label(lv) for lv in order), not_assessed]
    rows = [header]
    for competence_id, counts in sorted(figures.levels.items()):
        rows.append([label(competence_id), *(str(counts.get(lv, 0)) for lv in order),
                     str(counts.get("", 0))])  # fmt: skip
    table = Table(rows, repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), style.FONT, 9),
                ("FONT", (0, 0), (-1, 0), style.BOLD, 9),
                ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                ("ALIGN", (1, 1), (-1, -1), "RIGHT"),
            ]
        )
    )
    return table


def _top(counts: Counts, n: int, others: str) -> Counts:
    """The first `n` counts, the rest added up under `others` (a chart fits on a page)."""
    if len(counts) <= n:
        return counts
    return [*counts[: n - 1], (others, sum(c for _, c in counts[n - 1 :]))]


def _short(text: str, limit: int = 38) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
