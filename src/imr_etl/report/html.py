"""The report as one self-contained HTML page: figures and inline SVG charts, no network, no JS.

Everything (styles, charts, data tables) is inside the file, so it can be mailed or opened
offline; the SVG is drawn here rather than by a charting library for the same reason.
"""

from __future__ import annotations

from html import escape

from imr_etl.db.analytics import RateRow, RateTable
from imr_etl.report import Report, describe_dates, format_label, format_rate

CHART_ROWS = 20
"""Bars per categorical chart; the largest groups are kept, the data table has them all."""

_WIDTH = 760
_LABEL_WIDTH = 250
_VALUE_WIDTH = 130
_ROW_HEIGHT = 26
_AXIS_HEIGHT = 24
_COLUMN_CHART_HEIGHT = 240
_NICE_MAXIMA = (0.05, 0.1, 0.2, 0.25, 0.5, 0.75, 1.0)

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
svg.chart .track { fill: #f0f4f8; }
svg.chart .grid { stroke: #d9e2ec; }
svg.chart .muted { fill: #616e7c; }
table { border-collapse: collapse; margin-top: 8px; font-size: 0.9em; }
th, td { padding: 3px 10px; border-bottom: 1px solid #e4e7eb; text-align: left; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
details { margin-top: 6px; }
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
    sections = "\n".join(_chart_section(table, headline.items) for table in report.tables)
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
disputed items in the group. Rates of small groups move a lot with one decision; the item
counts are beside every bar. The figures come from the warehouse's v_overturn_by_* views.</p>
</body>
</html>
"""


def _figure(name: str, value: str) -> str:
    return (f'<div class="figure"><div class="value">{escape(value)}</div>'
            f'<div class="name">{escape(name)}</div></div>')


def _chart_section(table: RateTable, all_items: int) -> str:
    dimension = table.dimension
    if not table.rows:
        chart = '<p class="note">No items with a known value yet.</p>'
    elif dimension.chronological:
        chart = _column_chart(table)
    else:
        chart = _bar_chart(table)
    return (f'<section id="{escape(dimension.name)}">\n<h2>{escape(dimension.title)}</h2>\n'
            f'{chart}\n{_coverage_note(table, all_items)}{_data_table(table)}\n</section>')


def _coverage_note(table: RateTable, all_items: int) -> str:
    """Say how many items the chart leaves out because their value is unknown."""
    covered = sum(row.items for row in table.rows)
    if table.dimension.name == "reviewer_state" or not all_items or covered >= all_items:
        return ""  # reviewer states count an item once per license: no simple coverage
    label = table.dimension.label_columns[-1].replace("_", " ")
    return (f'<p class="note">{covered} of {all_items} disputed items; the other '
            f'{all_items - covered} have no {escape(label)}.</p>\n')


def _bar_chart(table: RateTable) -> str:
    """Horizontal bars, one per group, largest groups first."""
    rows = table.rows[:CHART_ROWS]
    top = _nice_maximum(rows)
    bar_width = _WIDTH - _LABEL_WIDTH - _VALUE_WIDTH
    height = _AXIS_HEIGHT + _ROW_HEIGHT * len(rows)
    parts = _axis(top, x0=_LABEL_WIDTH, width=bar_width, height=height)
    for index, row in enumerate(rows):
        y = _AXIS_HEIGHT + index * _ROW_HEIGHT
        label = " / ".join(format_label(value) for value in row.labels)
        shown = label if len(label) <= 36 else label[:35] + "…"
        length = bar_width * min(row.overturn_rate / top, 1.0)
        parts.append(
            f'<g><title>{escape(_tooltip(label, row))}</title>'
            f'<text x="{_LABEL_WIDTH - 8}" y="{y + 17}" text-anchor="end">{escape(shown)}</text>'
            f'<rect class="track" x="{_LABEL_WIDTH}" y="{y + 5}" width="{bar_width}" height="16"/>'
            f'<rect class="bar" x="{_LABEL_WIDTH}" y="{y + 5}" width="{length:.1f}" height="16"/>'
            f'<text x="{_LABEL_WIDTH + bar_width + 8}" y="{y + 17}">'
            f'{format_rate(row.overturn_rate)}'
            f'<tspan class="muted"> ({row.overturned} of {row.items})</tspan></text></g>')
    note = ""
    if table.total_rows > len(rows):
        note = (f'<p class="note">The {len(rows)} largest of {table.total_rows} groups; '
                "the table below has them all.</p>")
    return _svg(table, height, parts) + note


def _column_chart(table: RateTable) -> str:
    """Vertical columns in label order (years)."""
    rows = table.rows
    top = _nice_maximum(rows)
    plot_top, plot_height = _AXIS_HEIGHT, _COLUMN_CHART_HEIGHT - _AXIS_HEIGHT - 30
    x0 = 50
    slot = (_WIDTH - x0) / len(rows)
    column_width = min(60.0, slot * 0.6)
    parts = []
    for fraction in (0.0, 0.5, 1.0):
        y = plot_top + plot_height * (1 - fraction)
        parts.append(f'<line class="grid" x1="{x0}" x2="{_WIDTH}" y1="{y:.1f}" y2="{y:.1f}"/>'
                     f'<text class="muted" x="{x0 - 6}" y="{y + 4:.1f}" text-anchor="end">'
                     f'{format_rate(top * fraction)}</text>')
    for index, row in enumerate(rows):
        label = format_label(row.labels[0])
        height = plot_height * min(row.overturn_rate / top, 1.0)
        x = x0 + slot * index + (slot - column_width) / 2
        middle = x + column_width / 2
        parts.append(
            f'<g><title>{escape(_tooltip(label, row))}</title>'
            f'<rect class="bar" x="{x:.1f}" y="{plot_top + plot_height - height:.1f}" '
            f'width="{column_width:.1f}" height="{height:.1f}"/>'
            f'<text x="{middle:.1f}" y="{plot_top + plot_height - height - 5:.1f}" '
            f'text-anchor="middle">{format_rate(row.overturn_rate)}</text>'
            f'<text x="{middle:.1f}" y="{plot_top + plot_height + 16:.1f}" '
            f'text-anchor="middle">{escape(label)}</text>'
            f'<text class="muted" x="{middle:.1f}" y="{plot_top + plot_height + 30:.1f}" '
            f'text-anchor="middle">{row.items} items</text></g>')
    return _svg(table, _COLUMN_CHART_HEIGHT + 10, parts)


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


def _data_table(table: RateTable) -> str:
    if not table.rows:
        return ""
    headers = "".join(f"<th>{escape(name)}</th>" for name in table.dimension.label_columns)
    body = "\n".join(
        "<tr>" + "".join(f"<td>{escape(format_label(value))}</td>" for value in row.labels)
        + f'<td class="num">{row.items}</td><td class="num">{row.overturned}</td>'
        f'<td class="num">{format_rate(row.overturn_rate)}</td></tr>'
        for row in table.rows)
    rows = "1 row" if table.total_rows == 1 else f"{table.total_rows} rows"
    return (f"<details><summary>Data ({rows}, view "
            f"{escape(table.dimension.view)})</summary>\n<table>\n<tr>{headers}"
            '<th class="num">items</th><th class="num">overturned</th>'
            f'<th class="num">overturn rate</th></tr>\n{body}\n</table></details>')


def _nice_maximum(rows: tuple[RateRow, ...]) -> float:
    """The axis end: the smallest round fraction at or above every rate shown."""
    highest = max((row.overturn_rate for row in rows), default=0.0)
    return next((nice for nice in _NICE_MAXIMA if highest <= nice), 1.0)


def _tooltip(label: str, row: RateRow) -> str:
    return (f"{label}: {format_rate(row.overturn_rate)} overturned "
            f"({row.overturned} of {row.items} items)")
