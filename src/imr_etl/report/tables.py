"""The report as text for a terminal, CSV, JSON or Markdown."""

from __future__ import annotations

import csv
import io
import json
import textwrap
from collections.abc import Callable
from typing import Any

from rich import box
from rich.console import Console
from rich.padding import Padding
from rich.table import Table

from imr_etl.db.analytics import RateTable
from imr_etl.db.views import DIMENSIONS
from imr_etl.report import (
    Report,
    arrange,
    describe_dates,
    format_interval,
    format_label,
    format_labels,
    format_rate,
)
from imr_etl.report.labels import NOTES, column_header

FORMATS = ("text", "csv", "json", "markdown")

_EMPTY_HINT = "No disputed items yet: load letters with `imr-etl ingest DIR`."


def render(report: Report, fmt: str) -> str:
    """The report in one of FORMATS; ends with a newline."""
    renderers: dict[str, Callable[[Report], str]] = {
        "text": render_text, "csv": render_csv, "json": render_json,
        "markdown": render_markdown,
    }
    return renderers[fmt](report)


def render_text(report: Report) -> str:
    """Tables for a terminal, drawn by rich: headline figures, then each rate table."""
    out = io.StringIO()
    console = Console(file=out, width=_TEXT_WIDTH, color_system=None, highlight=False,
                      emoji=False, markup=False)
    console.print(f"IMR warehouse  {report.database}", soft_wrap=True)
    console.print(_date_range(report))
    figures = Table.grid(padding=(0, 2))
    figures.add_column()
    figures.add_column(justify="right")
    for name, value in _headline_pairs(report):
        figures.add_row(name, value)
    console.print(Padding(figures, (1, 0, 0, 2)))
    console.print(f"  Case outcomes     {_outcomes_sentence(report)}")
    for table in report.tables:
        console.print()
        console.print(table.dimension.title)
        if not table.rows:
            console.print(f"  {_EMPTY_HINT if not report.headline.items else 'No rows.'}")
            continue
        console.print(_rich_table(report, table))
        notes = _table_notes(report, table)
        for note in notes:
            console.print(Padding(note, (0, 0, 0, 2)))
    shown = {table.dimension.name for table in report.tables}
    others = ", ".join(d.name for d in DIMENSIONS if d.name not in shown)
    lines = ["", *textwrap.wrap(f"Other tables:  imr-etl report --by NAME ({others})",
                                width=88, subsequent_indent=" " * 15),
             "Other formats: --format csv|json|markdown, or charts with --html report.html"]
    # rich pads every line to the console width; a terminal does not need the spaces.
    drawn = "\n".join(line.rstrip() for line in out.getvalue().splitlines())
    return drawn + "\n" + "\n".join(lines) + "\n"


_TEXT_WIDTH = 110


def _rich_table(report: Report, table: RateTable) -> Table:
    """Labels left, numbers right; the small groups below a rule, after the others."""
    grid = Table(box=box.SIMPLE_HEAD, padding=(0, 1), pad_edge=True, show_edge=False)
    for header in _label_headers(table):
        grid.add_column(header, overflow="fold", max_width=48)
    for header in ("Items", "Overturned", "Overturn rate", "95% interval"):
        grid.add_column(header, justify="right", no_wrap=True)
    previous_small = False
    for row, small in arrange(table, report.min_items):
        if small and not previous_small and not table.dimension.chronological:
            grid.add_section()
        previous_small = small
        grid.add_row(*format_labels(table, row), str(row.items), str(row.overturned),
                     format_rate(row.overturn_rate), format_interval(row),
                     style="dim" if small else None)
    return grid


def _table_notes(report: Report, table: RateTable) -> list[str]:
    notes = []
    if any(small for _, small in arrange(table, report.min_items)):
        where = "marked" if table.dimension.chronological else "listed last, below the rule"
        notes.append(f"Groups of fewer than {report.min_items} items are {where}: one "
                     "decision moves their rate a lot (see the 95% interval).")
    if table.total_rows > len(table.rows):
        notes.append(f"... {table.total_rows - len(table.rows)} more rows "
                     "(raise --limit, or use --format csv)")
    if table.dimension.name in NOTES:
        notes.append(NOTES[table.dimension.name])
    return notes


def render_markdown(report: Report) -> str:
    """GitHub-flavoured Markdown: a figures table, then each rate table."""
    lines = ["# IMR warehouse report", "", f"Warehouse `{report.database}`. {_date_range(report)}",
             "",
             "| Figure | Value |", "|---|---:|"]
    lines += [f"| {name} | {value} |" for name, value in _headline_pairs(report)]
    lines.append(f"| Case outcomes | {_outcomes_sentence(report)} |")
    for table in report.tables:
        lines += ["", f"## {table.dimension.title}", ""]
        if not table.rows:
            lines.append(_EMPTY_HINT if not report.headline.items else "No rows.")
            continue
        headers = [*_label_headers(table), "Items", "Overturned", "Overturn rate",
                   "95% interval"]
        lines.append("| " + " | ".join(headers) + " |")
        aligns = ["---"] * len(table.dimension.label_columns) + ["---:"] * 4
        lines.append("|" + "|".join(aligns) + "|")
        for row, small in arrange(table, report.min_items):
            labels = [_markdown_cell(label) for label in format_labels(table, row)]
            if small:
                labels = [f"_{label}_" if label else label for label in labels]
            cells = [*labels, str(row.items), str(row.overturned),
                     format_rate(row.overturn_rate), format_interval(row)]
            lines.append("| " + " | ".join(cells) + " |")
        notes = _table_notes(report, table)
        if notes:
            lines += ["", *(note.replace("below the rule", "in italics") for note in notes)]
    return "\n".join(lines) + "\n"


def render_csv(report: Report) -> str:
    """The rate tables as CSV (the view's columns, rate as an unrounded fraction)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    for index, table in enumerate(report.tables):
        if index:
            out.write("\n")
        writer.writerow([*table.dimension.label_columns, "items", "overturned", "overturn_rate",
                         "rate_low", "rate_high"])
        for row in table.rows:
            writer.writerow([*(format_label(v) for v in row.labels), row.items, row.overturned,
                             repr(row.overturn_rate), repr(row.rate_low), repr(row.rate_high)])
    return out.getvalue()


def render_json(report: Report) -> str:
    """Headline and tables as one JSON document; rates are fractions, null when undefined."""
    headline = report.headline
    payload: dict[str, Any] = {
        "database": report.database,
        "generated_at": report.generated_at.isoformat(timespec="seconds"),
        "headline": {
            "letters": headline.letters, "items": headline.items,
            "overturned": headline.overturned, "overturn_rate": headline.overturn_rate,
            "case_outcomes": headline.case_outcomes,
            "first_decision_date": _iso(headline.first_decision_date),
            "last_decision_date": _iso(headline.last_decision_date),
            "rejected_letters": headline.rejected_letters,
        },
        "tables": [_table_json(table) for table in report.tables],
    }
    return json.dumps(payload, indent=2) + "\n"


def _table_json(table: RateTable) -> dict[str, Any]:
    columns = table.dimension.label_columns
    return {
        "dimension": table.dimension.name, "view": table.dimension.view,
        "total_rows": table.total_rows,
        "rows": [{**dict(zip(columns, row.labels, strict=True)), "items": row.items,
                  "overturned": row.overturned, "overturn_rate": row.overturn_rate,
                  "rate_low": row.rate_low, "rate_high": row.rate_high}
                 for row in table.rows],
    }


def _headline_pairs(report: Report) -> list[tuple[str, str]]:
    headline = report.headline
    pairs = [("Letters", str(headline.letters)), ("Disputed items", str(headline.items)),
             ("Overturned items", str(headline.overturned)),
             ("Overturn rate", format_rate(headline.overturn_rate))]
    if headline.rejected_letters:
        pairs.append(("Rejected letters", str(headline.rejected_letters)))
    return pairs


def _outcomes_sentence(report: Report) -> str:
    outcomes = report.headline.case_outcomes
    return (f"{outcomes.get('upheld', 0)} upheld, "
            f"{outcomes.get('partially_overturned', 0)} partially overturned, "
            f"{outcomes.get('overturned', 0)} overturned")


def _date_range(report: Report) -> str:
    phrase = describe_dates(report)
    return phrase[0].upper() + phrase[1:] + "."


def _iso(value: object) -> str | None:
    return None if value is None else str(value)


def _label_headers(table: RateTable) -> list[str]:
    return [column_header(name) for name in table.dimension.label_columns]


def _markdown_cell(text: str) -> str:
    return text.replace("|", "\\|")
