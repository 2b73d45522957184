"""The activity report as PDF, with charts (reportlab graphics), in the reader's language.

Counts only: the report never names a visitor. Every bar carries its number in bold, so
the charts read in black and white as well as in colour (and a test reads them back).
It opens on who came, when, where and with whom (each mediator's interviews, places and
days), then their levels, what was proposed and the progress of those who came back with
their progress code; sections follow one another with no
forced page break, so no page is left half empty.
"""

from __future__ import annotations

import math
from collections import Counter
from datetime import date
from xml.sax.saxutils import escape

from reportlab import rl_config
from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.shapes import Drawing, Rect, String
from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from evaluation.i18n import Translator
from evaluation.i18n.dates import day_month, day_number, long_date, short_day, short_month
from evaluation.structure.figures import (
    MOVE_COLUMNS,
    Counts,
    Figures,
    Grain,
    Timeline,
    Words,
    move_columns,
    period,
    timeline,
)
from exports import document as style

WIDTH = style.PAGE[0] - 2 * style.MARGIN - 12  # inside the frame's padding
HALF = (WIDTH - 8 * mm) / 2
TOP_PLACES, TOP_STEPS, TOP_COMMUNES = 15, 8, 10
LABEL_SIZE = 12  # the words of the charts: the house's body size
NUMBER_SIZE = 12  # the bold count written on each bar (smaller on a narrow column)
CELL_PADDING = 6  # reportlab's table cell padding, each side
TIMELINE = {  # its heading and its caption
    Grain.DAY: ("report.pdf.by_day", "report.pdf.timeline.day"),
    Grain.WEEK: ("report.pdf.by_week", "report.pdf.timeline.week"),
    Grain.MONTH: ("report.pdf.by_month", "report.pdf.timeline.month"),
    Grain.YEAR: ("report.pdf.by_year", "report.pdf.timeline.year"),
}


def render_report(figures: Figures, words: Words, title: str, today: date, t: Translator) -> bytes:
    """The PDF bytes of the report of `figures` made on `today`."""
    rl_config.invariant = True
    s = style.styles()
    story: list[Flowable] = [
        Paragraph(escape(title), s["title"]),
        Paragraph(escape(_subtitle(figures, today, t)), s["subtitle"]),
        Spacer(0, 3 * mm),
        Paragraph(escape(_summary(figures, t)), s["body"]),
    ]
    if not figures.interviews:  # headings over nothing would read as a broken report
        story.append(Paragraph(escape(t("report.pdf.nothing")), s["body"]))
        return _ended(story, title, today, t, s)
    line = timeline(figures, today)
    if line is not None:
        story += _timeline_section(line, t, s)
    places = _top([(words(k), n) for k, n in figures.by_place], TOP_PLACES,
                  t("report.pdf.other_places"))  # fmt: skip
    story += _section(t("report.pdf.by_place"), _bars(places, WIDTH, s), s)
    if figures.mediators:
        story += _section(t("report.pdf.by_mediator"), _mediators_table(figures, t, s), s)
    ages = [(words(k), n) for k, n in figures.age_bands]
    communes = _top([(k or t("report.pdf.commune_unknown"), n) for k, n in figures.communes],
                    TOP_COMMUNES, t("report.pdf.other_communes"))  # fmt: skip
    story.append(
        _side_by_side(
            _headed(t("report.pdf.ages"), _bars(ages, HALF, s), s),
            _headed(t("report.pdf.communes"), _bars(communes, HALF, s), s),
        )
    )
    autonomie = [(words(k), n) for k, n in figures.autonomie]
    story += _section(t("report.pdf.autonomie"), _bars(autonomie, WIDTH, s), s)
    story += _section(t("report.pdf.levels"), _levels_table(figures, words, t, s), s)
    overall = [(words(k) if k else t("report.pdf.not_assessed"), n) for k, n in figures.overall]
    story += _section(t("report.pdf.overall"), _bars(overall, WIDTH, s), s)
    for heading, counts in (("report.pdf.proposed", figures.proposed),
                            ("report.pdf.kept", figures.kept)):  # fmt: skip
        story += _section(t(heading), _top_steps(counts, words, t, s), s)
    if figures.moves:
        story += _section(t("report.progress"), _progress(figures, words, t, s), s)
    return _ended(story, title, today, t, s)


def _ended(
    story: list[Flowable], title: str, today: date, t: Translator, s: dict[str, ParagraphStyle]
) -> bytes:
    """The story with its footer, as PDF bytes."""
    story.append(Spacer(0, 4 * mm))
    footer = t("report.pdf.footer", day=long_date(today, t.lang))
    story.append(Paragraph(escape(footer), s["small"]))
    return style.build_pdf(story, title, "évaluation")


def _top_steps(
    counts: Counts, words: Words, t: Translator, s: dict[str, ParagraphStyle]
) -> Flowable:
    """The steps most often counted, and when there are more, how many are shown of all."""
    bars = _bars([(words(k), n) for k, n in counts[:TOP_STEPS]], WIDTH, s)
    if len(counts) <= TOP_STEPS:
        return bars
    said = t("report.pdf.top_steps", count=len(counts), shown=TOP_STEPS)
    return _stacked([bars, Spacer(0, 1 * mm), Paragraph(escape(said), s["small"])])


def _stacked(flowables: list[Flowable]) -> Flowable:
    """Flowables in one cell: nested in a section's KeepTogether, a KeepTogether reports
    a height no page has."""
    together = Table([[flowables]], colWidths=[WIDTH])
    together.setStyle(
        TableStyle([(side, (0, 0), (-1, -1), 0) for side in
                    ("LEFTPADDING", "RIGHTPADDING", "TOPPADDING", "BOTTOMPADDING")])
    )  # fmt: skip
    return together


def _subtitle(figures: Figures, today: date, t: Translator) -> str:
    first, last = period(figures, today)
    days = period_words(first, last, t)  # no start: nothing counted, none asked
    f = figures.filters
    scope = ", ".join(f.places) or t("report.pdf.all_places")
    if f.mediators:
        scope = t("report.pdf.with_mediators", scope=scope, mediators=", ".join(f.mediators))
    return t("report.pdf.subtitle", period=days, scope=scope)


def period_words(first: date | None, last: date | None, t: Translator) -> str:
    """Days from `first` to `last` as a sentence says them, each part once: « le 7
    décembre 2026 », « du 3 au 7 décembre 2026 », « du 3 novembre au 7 décembre 2026 »,
    « du 9 juin 2025 au 7 décembre 2026 »; an open end: « jusqu'au … », « depuis le … »;
    neither: « à toutes les dates »."""
    lang = t.lang
    if first is None or last is None:
        if last is not None:
            return t("period.until", last=long_date(last, lang))
        if first is not None:
            return t("period.since", first=long_date(first, lang))
        return t("period.always")
    if first == last:
        return t("period.day", day=long_date(first, lang))
    if (first.year, first.month) == (last.year, last.month):
        start = day_number(first, lang)
    elif first.year == last.year:
        start = day_month(first, lang)
    else:
        start = long_date(first, lang)
    return t("period.days", first=start, last=long_date(last, lang))


def _summary(figures: Figures, t: Translator) -> str:
    summary = t("report.pdf.summary", count=figures.interviews, minutes=round(figures.minutes))
    if figures.unscored:
        summary += " " + t("report.pdf.unscored", count=figures.unscored)
    return summary + " " + t("report.pdf.returns", count=figures.returns, total=figures.interviews)


def _section(heading: str, body: Flowable, s: dict[str, ParagraphStyle]) -> list[Flowable]:
    return [KeepTogether(_headed(heading, body, s))]


def _headed(heading: str, body: Flowable, s: dict[str, ParagraphStyle]) -> list[Flowable]:
    return [Paragraph(escape(heading), s["heading"]), Spacer(0, 2 * mm), body]


def _side_by_side(left: list[Flowable], right: list[Flowable]) -> Flowable:
    table = Table([[left, right]], colWidths=[HALF + 8 * mm, HALF])
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return table


def _bars(counts: Counts, width: float, s: dict[str, ParagraphStyle]) -> Flowable:
    """Horizontal bars, one row per key: its words (wrapped, never cut), then a bar as
    long as its share of the largest, its count written after it."""
    if not counts:
        return Spacer(0, 0)
    label = ParagraphStyle("bar-label", parent=s["body"], fontSize=LABEL_SIZE)
    label_width = min(92 * mm, width * 0.55)  # a step's words on two lines at most
    bar_width = width - label_width
    room = bar_width - 8 - stringWidth(str(max(n for _, n in counts)), style.BOLD, NUMBER_SIZE)
    largest = max(n for _, n in counts) or 1
    rows = []
    for key, n in counts:
        drawing = Drawing(bar_width, 14)
        length = room * n / largest
        drawing.add(Rect(0, 1, length, 12, fillColor=style.BAR_FILL, strokeColor=colors.black,
                         strokeWidth=0.5))  # fmt: skip
        drawing.add(String(length + 3, 3, str(n), fontName=style.BOLD, fontSize=NUMBER_SIZE))
        rows.append([Paragraph(escape(key), label), drawing])
    table = Table(rows, colWidths=[label_width, bar_width])
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return table


def _timeline_section(
    line: Timeline, t: Translator, s: dict[str, ParagraphStyle]
) -> list[Flowable]:
    """The interviews day by day over two weeks at most, else week by week (month by
    month, year by year over a long period), every bar of the period drawn, its caption
    saying what the bars cover."""
    lang = t.lang
    total = sum(n for _, n in line.bars)
    heading, caption = TIMELINE[line.grain]
    said = t(caption, count=total, period=period_words(line.first, line.last, t))
    names = [_period_name(key, line.grain, lang) for key, _ in line.bars]
    return [
        KeepTogether(
            [
                Paragraph(escape(t(heading)), s["heading"]),
                Paragraph(escape(said), s["small"]),
                Spacer(0, 2 * mm),
                _columns([n for _, n in line.bars], names),
            ]
        )
    ]


def _period_name(key: str, grain: Grain, lang: str) -> str:
    if grain in {Grain.DAY, Grain.WEEK}:
        return short_day(date.fromisoformat(key), lang)
    if grain is Grain.MONTH:
        return short_month(date.fromisoformat(f"{key}-01"), lang)
    return key


def _columns(values: list[int], names: list[str]) -> Flowable:
    """Vertical bars over time, each with its count on top; names under every few bars,
    as many as fit; whole numbers on the axis."""
    drawing = Drawing(WIDTH, 64 * mm)
    chart = VerticalBarChart()
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueStep = _whole_step(max(values))
    chart.valueAxis.valueMax = max(chart.valueAxis.valueStep, *values)
    axis = max(stringWidth(str(chart.valueAxis.valueMax), style.FONT, LABEL_SIZE), 4 * mm)
    chart.x, chart.y = axis + 4 * mm, 9 * mm
    chart.width, chart.height = WIDTH - chart.x - 2 * mm, 48 * mm
    chart.data = [values]
    slot = chart.width / len(values)
    widest = max(stringWidth(n, style.FONT, LABEL_SIZE) for n in names) + 8
    step = max(1, math.ceil(widest / slot))
    chart.categoryAxis.categoryNames = [n if i % step == 0 else "" for i, n in enumerate(names)]
    for labels in (chart.categoryAxis.labels, chart.valueAxis.labels):
        labels.fontName, labels.fontSize = style.FONT, LABEL_SIZE
    chart.bars[0].fillColor = style.BAR_FILL
    chart.barLabelFormat = "%d"
    chart.barLabels.fontName = style.BOLD
    # As large as the widest count fits its column (a long period's columns are narrow).
    number = stringWidth(str(max(values)), style.BOLD, NUMBER_SIZE)
    chart.barLabels.fontSize = min(NUMBER_SIZE, NUMBER_SIZE * slot / (number + 2))
    chart.barLabels.nudge = 7
    drawing.add(chart)
    return drawing


def _whole_step(largest: int) -> int:
    """A step of 1, 2 or 5 times a power of ten giving at most five ticks: never 0.5."""
    power = 1
    while True:
        for step in (power, 2 * power, 5 * power):
            if largest <= 5 * step:
                return step
        power *= 10


def _mediators_table(figures: Figures, t: Translator, s: dict[str, ParagraphStyle]) -> Flowable:
    """Per mediator, most interviews first: interviews, places and days."""
    cell = ParagraphStyle("cell", parent=s["body"], fontSize=10, leading=12)
    head = ParagraphStyle("head", parent=cell, fontName=style.BOLD)
    header = [t(k) for k in ("report.pdf.mediator", "report.pdf.interviews",
                             "report.pdf.places", "report.pdf.days")]  # fmt: skip
    rows: list[list[object]] = [[Paragraph(escape(h), head) for h in header]]
    for done in figures.mediators:
        name = done.mediator or t("report.pdf.mediator_unknown")
        rows.append([Paragraph(escape(name), cell), done.interviews, done.places, done.days])
    first = WIDTH * 0.46
    rest = (WIDTH - first) / 3
    table = Table(rows, colWidths=[first, rest, rest, rest], repeatRows=1)
    table.setStyle(_grid())
    return table


def _grid() -> TableStyle:
    """A table of counts: ruled, numbers right-aligned."""
    return TableStyle(
        [
            ("FONT", (1, 1), (-1, -1), style.FONT, 10),
            ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
            ("ALIGN", (1, 1), (-1, -1), "RIGHT"),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ]
    )


def _levels_table(
    figures: Figures, words: Words, t: Translator, s: dict[str, ParagraphStyle]
) -> Flowable:
    """Per competence, in the questionnaire's order, how many reached each level."""
    order = [*words.levels_in(figures.levels), ""]
    columns = [*map(words, order[:-1]), t("report.pdf.not_assessed")]
    every = {**{c: Counter[str]() for c in words.competences}, **figures.levels}
    rows = [(words(c), [every[c].get(lv, 0) for lv in order]) for c in words.competences_in(every)]
    return _table(columns, rows, t, s)


def _progress(
    figures: Figures, words: Words, t: Translator, s: dict[str, ParagraphStyle]
) -> Flowable:
    """Per competence, how many of those who came back with their progress code moved
    up, stayed or moved down since their visit before: words and numbers, no colour."""
    rows = [
        (words(c), [n for _, n in move_columns(figures.moves[c])])
        for c in words.competences_in(figures.moves)
    ]
    table = _table([t(f"report.move.{m}") for m in MOVE_COLUMNS], rows, t, s)
    read = Paragraph(escape(t("report.pdf.moves_read")), s["small"])
    return _stacked([table, Spacer(0, 1 * mm), read])


def _table(
    columns: list[str],
    rows: list[tuple[str, list[int]]],
    t: Translator,
    s: dict[str, ParagraphStyle],
) -> Flowable:
    """A table of counts: one row per competence, its name first, then a number per column."""
    cell = ParagraphStyle("cell", parent=s["body"], fontSize=10, leading=12)
    # Each column as wide as its heading on one line (« À découvrir » never split), in
    # the largest size that leaves the competences a quarter of the width.
    for size in (10, 9, 8):
        widths = [stringWidth(c, style.BOLD, size) + 2 * CELL_PADDING for c in columns]
        if WIDTH - sum(widths) >= WIDTH / 4:
            break
    rest = max(widths)
    first = WIDTH - rest * len(columns)
    head = ParagraphStyle("head", parent=cell, fontName=style.BOLD, fontSize=size, leading=size + 2)
    header = [t("report.pdf.competence"), *columns]
    lines: list[list[object]] = [[Paragraph(escape(h), head) for h in header]]
    lines += [[Paragraph(escape(name), cell), *map(str, numbers)] for name, numbers in rows]
    table = Table(lines, colWidths=[first] + [rest] * len(columns), repeatRows=1)
    table.setStyle(_grid())
    return table


def _top(counts: Counts, n: int, others: str) -> Counts:
    """The first `n` counts, the rest added up under `others` (a chart fits on a page)."""
    if len(counts) <= n:
        return counts
    return [*counts[: n - 1], (others, sum(c for _, c in counts[n - 1 :]))]
