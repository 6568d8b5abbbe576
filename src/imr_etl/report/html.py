"""The report as one self-contained HTML page: figures and inline SVG charts, no network, no JS.

Everything (styles, charts, data tables) is inside the file, so it can be mailed or opened
offline; the SVG is drawn here rather than by a charting library for the same reason.
"""

from __future__ import annotations

from html import escape

from imr_etl.db.analytics import RateRow, RateTable, TimelinessRow
from imr_etl.report import (
    Report,
    arrange,
    describe_dates,
    format_interval,
    format_labels,
    format_rate,
)
from imr_etl.report.labels import NOTES, column_header

CHART_ROWS = 20
"""Bars per categorical chart; the largest groups are kept, the data table has them all."""

_WIDTH = 760
_LABEL_WIDTH = 250
_VALUE_WIDTH = 130
_ROW_HEIGHT = 26
_AXIS_HEIGHT = 24
_COLUMN_CHART_HEIGHT = 240
_RATE_AXIS_TOP = 1.0
"""Every rate chart runs from 0 to 100%, so bars compare across charts."""
_NICE_DAYS = (10, 20, 30, 40, 50, 60, 90, 120, 180, 365)

_STYLE = """
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
       color: #1f2933; margin: 0 auto; max-width: 820px; padding: 24px; }
h1 { font-size: 1.6em; margin-bottom: 0.2em; }
h2 { font-size: 1.15em; margin: 2em 0 0.4em; }
.meta, .note { color: #616e7c; font-size: 0.9em; }
.figures { display: flex; flex-wrap: wrap; gap: 12px; margin: 20px 0; }
.figure { border: 1px solid #d9e2ec; border-radius: 6px; padding: 10px 14px; min-width: 120px; }
.figure .value { font-size: 1.5em; font-weight: 600; }
.figure .name { color: #616e7c; font-size: 0.85em; }
svg.chart { display: block; width: 100%; height: auto; }
svg.chart text { font: 12px system-ui, sans-serif; fill: #1f2933; }
svg.chart .bar { fill: #d64545; }
svg.chart .bar.small { fill: #c5ccd3; }
svg.chart .whisker { stroke: #1f2933; stroke-width: 1.2; }
svg.chart .small-label { fill: #8a96a3; }
svg.chart .days { fill: #3f72af; }
svg.chart .limit { stroke: #1f2933; stroke-dasharray: 4 3; }
svg.chart .track { fill: #f0f4f8; }
svg.chart .grid { stroke: #d9e2ec; }
svg.chart .muted { fill: #616e7c; }
table { border-collapse: collapse; margin-top: 8px; font-size: 0.9em; }
th, td { padding: 3px 10px; border-bottom: 1px solid #e4e7eb; text-align: left; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
details { margin-top: 6px; }
tr.small td { color: #8a96a3; }
"""


def render_html(report: Report) -> str:
    """The whole page: headline figures, then a chart and a data table per rate table."""
    headline = report.headline
    figures = [("Letters", str(headline.letters)), ("Disputed items", str(headline.items)),
               ("Overturned items", str(headline.overturned)),
               ("Overturn rate", format_rate(headline.overturn_rate))]
    figures += [(name.replace("_", " ").capitalize() + " cases", str(count))
                for name, count in headline.case_outcomes.items()]
    dates = describe_dates(report)
    sections = "\n".join(_chart_section(report, table) for table in report.tables)
    if report.timeliness:
        sections += "\n" + _timeliness_section(report.timeliness)
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>IMR overturn rates</title>
<style>{_STYLE}</style>
</head>
<body>
<h1>IMR final determinations: overturn rates</h1>
<p class="meta">{escape(report.database)}: {escape(dates)}.
Generated {escape(report.generated_at.isoformat(timespec="seconds"))} by imr-etl.</p>
<div class="figures">
{"".join(_figure(name, value) for name, value in figures)}
</div>
{sections}
<p class="note">Overturn rate: disputed items whose denial the IMR overturned, divided by all
disputed items in the group. Every rate chart runs from 0 to 100%. The whiskers are the 95%
Wilson interval: the range of rates the items seen are consistent with. Groups of fewer than
{report.min_items} items are grey and listed last (months keep their order). The figures come
from the warehouse's v_overturn_by_* and v_timeliness_by_month views.</p>
</body>
</html>
"""


def _figure(name: str, value: str) -> str:
    return (f'<div class="figure"><div class="value">{escape(value)}</div>'
            f'<div class="name">{escape(name)}</div></div>')


def _chart_section(report: Report, table: RateTable) -> str:
    dimension = table.dimension
    rows = arrange(table, report.min_items)
    if not rows:
        chart = '<p class="note">No items with a known value yet.</p>'
    elif dimension.chronological:
        chart = _column_chart(table, rows)
    else:
        chart = _bar_chart(table, rows)
    notes = ""
    if dimension.name in NOTES:
        notes = f'<p class="note">{escape(NOTES[dimension.name])}</p>\n'
    return (f'<section id="{escape(dimension.name)}">\n<h2>{escape(dimension.title)}</h2>\n'
            f'{chart}\n{_coverage_note(table, report.headline.items)}{notes}'
            f'{_data_table(table, rows)}\n</section>')


def _coverage_note(table: RateTable, all_items: int) -> str:
    """Say how many items the chart leaves out because their value is unknown."""
    covered = sum(row.items for row in table.rows)
    if table.dimension.name == "reviewer_state" or not all_items or covered >= all_items:
        return ""  # reviewer states count an item once per license: no simple coverage
    if table.total_rows > len(table.rows):
        return ""  # a cut table does not hold every group
    label = column_header(table.dimension.label_columns[-1]).lower()
    return (f'<p class="note">{covered} of {all_items} disputed items; the other '
            f'{all_items - covered} have no {escape(label)}.</p>\n')


def _bar_chart(table: RateTable, arranged: list[tuple[RateRow, bool]]) -> str:
    """Horizontal bars with whiskers, one per group: large groups first, small ones grey."""
    rows = arranged[:CHART_ROWS]
    bar_width = _WIDTH - _LABEL_WIDTH - _VALUE_WIDTH
    height = _AXIS_HEIGHT + _ROW_HEIGHT * len(rows)
    parts = _axis(_RATE_AXIS_TOP, x0=_LABEL_WIDTH, width=bar_width, height=height)
    for index, (row, small) in enumerate(rows):
        y = _AXIS_HEIGHT + index * _ROW_HEIGHT
        label = " / ".join(format_labels(table, row))
        shown = label if len(label) <= 36 else label[:35] + "…"
        length = bar_width * row.overturn_rate / _RATE_AXIS_TOP
        low = _LABEL_WIDTH + bar_width * row.rate_low / _RATE_AXIS_TOP
        high = _LABEL_WIDTH + bar_width * row.rate_high / _RATE_AXIS_TOP
        middle = y + 13
        muted = " small" if small else ""
        parts.append(
            f'<g class="group{muted}"><title>{escape(_tooltip(label, row, small))}</title>'
            f'<text class="{"small-label" if small else ""}" x="{_LABEL_WIDTH - 8}" '
            f'y="{y + 17}" text-anchor="end">{escape(shown)}</text>'
            f'<rect class="track" x="{_LABEL_WIDTH}" y="{y + 5}" width="{bar_width}" height="16"/>'
            f'<rect class="bar{muted}" x="{_LABEL_WIDTH}" y="{y + 5}" width="{length:.1f}" '
            f'height="16"/>'
            f'{_whisker(low, high, middle, horizontal=True)}'
            f'<text x="{_LABEL_WIDTH + bar_width + 8}" y="{y + 17}">'
            f'{format_rate(row.overturn_rate)}'
            f'<tspan class="muted"> ({row.overturned} of {row.items})</tspan></text></g>')
    note = ""
    if len(arranged) > len(rows) or table.total_rows > len(arranged):
        note = (f'<p class="note">{len(rows)} of {table.total_rows} groups, the largest; '
                "the table below has all it read.</p>")
    return _svg(table, height, parts) + note


def _whisker(start: float, end: float, at: float, *, horizontal: bool) -> str:
    """A 95% interval: a line from `start` to `end` with caps, across or up the chart."""
    if horizontal:
        return (f'<path class="whisker" d="M{start:.1f} {at:.1f}H{end:.1f}'
                f'M{start:.1f} {at - 4:.1f}V{at + 4:.1f}M{end:.1f} {at - 4:.1f}V{at + 4:.1f}"/>')
    return (f'<path class="whisker" d="M{at:.1f} {start:.1f}V{end:.1f}'
            f'M{at - 4:.1f} {start:.1f}H{at + 4:.1f}M{at - 4:.1f} {end:.1f}H{at + 4:.1f}"/>')


def _column_chart(table: RateTable, arranged: list[tuple[RateRow, bool]]) -> str:
    """Vertical columns with whiskers in label order (months, years)."""
    plot_top, plot_height = _AXIS_HEIGHT, _COLUMN_CHART_HEIGHT - _AXIS_HEIGHT - 30
    x0 = 50
    slot = (_WIDTH - x0) / len(arranged)
    column_width = min(60.0, slot * 0.6)
    parts = _value_axis(x0, plot_top, plot_height, [
        (fraction, format_rate(_RATE_AXIS_TOP * fraction)) for fraction in (0.0, 0.5, 1.0)])
    base = plot_top + plot_height
    for index, (row, small) in enumerate(arranged):
        label = " / ".join(format_labels(table, row))
        height = plot_height * row.overturn_rate / _RATE_AXIS_TOP
        x = x0 + slot * index + (slot - column_width) / 2
        middle = x + column_width / 2
        top_of_whisker = base - plot_height * row.rate_high / _RATE_AXIS_TOP
        bottom_of_whisker = base - plot_height * row.rate_low / _RATE_AXIS_TOP
        muted = " small" if small else ""
        parts.append(
            f'<g class="group{muted}"><title>{escape(_tooltip(label, row, small))}</title>'
            f'<rect class="bar{muted}" x="{x:.1f}" y="{base - height:.1f}" '
            f'width="{column_width:.1f}" height="{height:.1f}"/>'
            f'{_whisker(bottom_of_whisker, top_of_whisker, middle, horizontal=False)}'
            f'<text x="{middle:.1f}" y="{top_of_whisker - 6:.1f}" '
            f'text-anchor="middle">{format_rate(row.overturn_rate)}</text>'
            f'<text x="{middle:.1f}" y="{base + 16:.1f}" '
            f'text-anchor="middle">{escape(label)}</text>'
            f'<text class="muted" x="{middle:.1f}" y="{base + 30:.1f}" '
            f'text-anchor="middle">{row.items} items</text></g>')
    return _svg(table, _COLUMN_CHART_HEIGHT + 10, parts)


def _value_axis(x0: int, plot_top: int, plot_height: int,
                ticks: list[tuple[float, str]]) -> list[str]:
    parts = []
    for fraction, text in ticks:
        y = plot_top + plot_height * (1 - fraction)
        parts.append(f'<line class="grid" x1="{x0}" x2="{_WIDTH}" y1="{y:.1f}" y2="{y:.1f}"/>'
                     f'<text class="muted" x="{x0 - 6}" y="{y + 4:.1f}" text-anchor="end">'
                     f'{escape(text)}</text>')
    return parts


def _timeliness_section(months: tuple[TimelinessRow, ...]) -> str:
    """Median days from application to decision per month, against the statutory limit."""
    known = [row for row in months if row.median_days_received_to_decision is not None]
    title = "Median days from application to decision, by decision month"
    if not known:
        chart = '<p class="note">No letter states both dates yet.</p>'
    else:
        chart = _days_chart(known, title)
    body = "\n".join(
        f"<tr><td>{escape(row.decision_month)}</td><td>{escape(row.priority)}</td>"
        f'<td class="num">{row.letters}</td>'
        f'<td class="num">{_days(row.median_days_received_to_decision)}</td>'
        f'<td class="num">{_days(row.median_days_assigned_to_decision)}</td>'
        f'<td class="num">{"" if row.limit_days is None else row.limit_days}</td>'
        f'<td class="num">{format_rate(row.within_limit_share)}</td></tr>'
        for row in months)
    table = ("<details><summary>Data (view v_timeliness_by_month)</summary>\n<table>\n"
             "<tr><th>decision month</th><th>priority</th><th class=\"num\">letters</th>"
             '<th class="num">median days from application</th>'
             '<th class="num">median days from assignment</th>'
             '<th class="num">limit (days)</th><th class="num">within limit</th></tr>\n'
             f"{body}\n</table></details>")
    return (f'<section id="timeliness">\n<h2>{escape(title)}</h2>\n{chart}\n'
            '<p class="note">The dashed line is the statutory limit for the priority (table '
            "time_limits: 30 days for a standard review, Labor Code 4610.6(d)(1)(B)), counted "
            "here from the application received date.</p>\n"
            f"{table}\n</section>")


def _days_chart(rows: list[TimelinessRow], title: str) -> str:
    plot_top, plot_height = _AXIS_HEIGHT, _COLUMN_CHART_HEIGHT - _AXIS_HEIGHT - 30
    highest = max(max(row.median_days_received_to_decision or 0.0, row.limit_days or 0)
                  for row in rows)
    top = next((nice for nice in _NICE_DAYS if highest <= nice), highest)
    x0 = 50
    slot = (_WIDTH - x0) / len(rows)
    column_width = min(60.0, slot * 0.6)
    parts = _value_axis(x0, plot_top, plot_height,
                        [(fraction, f"{top * fraction:g} d") for fraction in (0.0, 0.5, 1.0)])
    base = plot_top + plot_height
    for index, row in enumerate(rows):
        median = row.median_days_received_to_decision or 0.0
        height = plot_height * median / top
        x = x0 + slot * index + (slot - column_width) / 2
        middle = x + column_width / 2
        label = row.decision_month + ("" if row.priority == "standard" else f" {row.priority}")
        limit = ""
        if row.limit_days is not None:
            y = base - plot_height * row.limit_days / top
            limit = (f'<line class="limit" x1="{x - 6:.1f}" x2="{x + column_width + 6:.1f}" '
                     f'y1="{y:.1f}" y2="{y:.1f}"/>')
        tooltip = (f"{label}: median {_days(median)} days from application to decision, "
                   f"{row.letters} letters, {format_rate(row.within_limit_share)} within the "
                   "limit")
        parts.append(
            f'<g class="group"><title>{escape(tooltip)}</title>'
            f'<rect class="bar days" x="{x:.1f}" y="{base - height:.1f}" '
            f'width="{column_width:.1f}" height="{height:.1f}"/>{limit}'
            f'<text x="{middle:.1f}" y="{base - height - 6:.1f}" text-anchor="middle">'
            f'{_days(median)} d</text>'
            f'<text x="{middle:.1f}" y="{base + 16:.1f}" text-anchor="middle">'
            f'{escape(label)}</text>'
            f'<text class="muted" x="{middle:.1f}" y="{base + 30:.1f}" text-anchor="middle">'
            f'{row.letters} letters</text></g>')
    return (f'<svg class="chart" data-chart="timeliness" role="img" '
            f'aria-label="{escape(title)}" viewBox="0 0 {_WIDTH} {_COLUMN_CHART_HEIGHT + 10}" '
            f'width="{_WIDTH}" height="{_COLUMN_CHART_HEIGHT + 10}" '
            f'xmlns="http://www.w3.org/2000/svg"><title>{escape(title)}</title>'
            f'{"".join(parts)}</svg>')


def _days(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


def _svg(table: RateTable, height: int, parts: list[str]) -> str:
    title = escape(table.dimension.title)
    return (f'<svg class="chart" data-chart="{escape(table.dimension.name)}" role="img" '
            f'aria-label="{title}" viewBox="0 0 {_WIDTH} {height}" width="{_WIDTH}" '
            f'height="{height}" xmlns="http://www.w3.org/2000/svg">'
            f'<title>{title}</title>{"".join(parts)}</svg>')


def _axis(top: float, *, x0: int, width: int, height: int) -> list[str]:
    parts = []
    for fraction in (0.0, 0.25, 0.5, 0.75, 1.0):
        x = x0 + width * fraction
        parts.append(f'<line class="grid" x1="{x:.1f}" x2="{x:.1f}" y1="{_AXIS_HEIGHT - 4}" '
                     f'y2="{height}"/><text class="muted" x="{x:.1f}" y="{_AXIS_HEIGHT - 8}" '
                     f'text-anchor="middle">{format_rate(top * fraction)}</text>')
    return parts


def _data_table(table: RateTable, arranged: list[tuple[RateRow, bool]]) -> str:
    if not arranged:
        return ""
    headers = "".join(f"<th>{escape(column_header(name))}</th>"
                      for name in table.dimension.label_columns)
    body = "\n".join(
        f'<tr{" class=small" if small else ""}>'
        + "".join(f"<td>{escape(label)}</td>" for label in format_labels(table, row))
        + f'<td class="num">{row.items}</td><td class="num">{row.overturned}</td>'
        f'<td class="num">{format_rate(row.overturn_rate)}</td>'
        f'<td class="num">{escape(format_interval(row))}</td></tr>'
        for row, small in arranged)
    rows = "1 row" if table.total_rows == 1 else f"{table.total_rows} rows"
    return (f"<details><summary>Data ({rows}, view "
            f"{escape(table.dimension.view)})</summary>\n<table>\n<tr>{headers}"
            '<th class="num">items</th><th class="num">overturned</th>'
            '<th class="num">overturn rate</th><th class="num">95% interval</th></tr>\n'
            f"{body}\n</table></details>")


def _tooltip(label: str, row: RateRow, small: bool) -> str:
    caution = "; a small group" if small else ""
    return (f"{label}: {format_rate(row.overturn_rate)} overturned "
            f"({row.overturned} of {row.items} items; 95% interval "
            f"{format_interval(row)}{caution})")
