"""The activity report as PDF, with charts (reportlab graphics), in French.

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

from exports import sheet_style as style
from exports.report import Counts, Report

WIDTH = style.PAGE[0] - 2 * style.MARGIN


def render_report(
    report: Report, labels: dict[str, str], levels: list[str], title: str, today: date
) -> bytes:
    """The PDF bytes; `labels` turns ids (competences, levels, next steps) into words,
    `levels` orders the levels from the lowest up."""
    rl_config.invariant = True
    s = style.styles()
    f = report.filters
    period = f"du {f.start or 'début'} au {f.end or today.isoformat()}"
    scope = ", ".join(f.places) or "tous les lieux"
    if f.mediators:
        scope += " ; médiateurs : " + ", ".join(f.mediators)
    story: list[Flowable] = [
        Paragraph(escape(title), s["title"]),
        Paragraph(escape(f"Rapport d'activité {period} — {scope}"), s["subtitle"]),
        Spacer(0, 4 * mm),
        Paragraph(
            f"<b>{report.interviews}</b> diagnostics, durée moyenne "
            f"<b>{report.minutes:.0f} min</b>."
            + (
                f" {report.unscored} sans niveau : leur version du questionnaire n'est pas "
                "installée ici."
                if report.unscored
                else ""
            ),
            s["body"],
        ),
    ]

    def name(key: str) -> str:
        return labels.get(key, key) or "—"

    story += _section("Diagnostics par semaine", _columns(report.by_week[-26:]), s)
    places = _top([(name(k), n) for k, n in report.by_place], 15, "autres lieux")
    story += _section("Diagnostics par lieu", _bars(places), s)
    story += _section("Autonomie (CRA)", _bars([(name(k), n) for k, n in report.autonomie]), s)
    story += _section("Niveaux par compétence", _levels_table(report, levels, name), s)
    story += _section(
        "Prochaines étapes les plus proposées",
        _bars([(name(k), n) for k, n in report.proposed[:8]]),
        s,
    )
    story += _section("Tranches d'âge", _bars([(name(k), n) for k, n in report.age_bands]), s)
    story += _section(
        "Communes de résidence (10 premières)",
        _bars([(k or "non communiquée", n) for k, n in report.communes[:10]]),
        s,
    )
    story.append(Spacer(0, 4 * mm))
    story.append(Paragraph(f"Édité le {today.isoformat()} — chiffres agrégés, aucune donnée "
                           "individuelle.", s["small"]))  # fmt: skip
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


def _levels_table(report: Report, levels: list[str], label: Callable[[str], str]) -> Flowable:
    seen = {lv for counts in report.levels.values() for lv in counts if lv}
    order = [lv for lv in levels if lv in seen] + sorted(seen - set(levels))
    header = ["Compétence", *(label(lv) for lv in order), "non évaluée"]
    rows = [header]
    for competence, counts in sorted(report.levels.items()):
        rows.append([label(competence), *(str(counts.get(lv, 0)) for lv in order),
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
