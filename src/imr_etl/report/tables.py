"""The report as text for a terminal, CSV, JSON or Markdown."""

from __future__ import annotations

import csv
import io
import json
import textwrap
from collections.abc import Callable, Sequence
from typing import Any

from imr_etl.db.analytics import RateTable
from imr_etl.db.views import DIMENSIONS
from imr_etl.report import Report, describe_dates, format_label, format_rate

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
    """Aligned plain text for a terminal: headline figures, then each rate table."""
    lines = [f"IMR warehouse  {report.database}", _date_range(report), ""]
    lines += [f"  {name:<18}{value:>8}" for name, value in _headline_pairs(report)]
    lines.append(f"  {'Case outcomes':<18}{_outcomes_sentence(report)}")
    for table in report.tables:
        lines += ["", table.dimension.title]
        if not table.rows:
            lines.append(f"  {_EMPTY_HINT if not report.headline.items else 'No rows.'}")
            continue
        header = [*_label_headers(table), "Items", "Overturned", "Overturn rate"]
        body = [[*(format_label(v) for v in row.labels), str(row.items), str(row.overturned),
                 format_rate(row.overturn_rate)] for row in table.rows]
        lines += _aligned([header, ["-" * len(h) for h in header], *body],
                          numeric_from=len(table.dimension.label_columns))
        if table.total_rows > len(table.rows):
            lines.append(f"  ... {table.total_rows - len(table.rows)} more rows "
                         "(raise --limit, or use --format csv)")
    shown = {table.dimension.name for table in report.tables}
    others = ", ".join(d.name for d in DIMENSIONS if d.name not in shown)
    lines += ["", *textwrap.wrap(f"Other tables:  imr-etl report --by NAME ({others})",
                                 width=88, subsequent_indent=" " * 15),
              "Other formats: --format csv|json|markdown, or charts with --html report.html"]
    return "\n".join(lines) + "\n"


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
        headers = [*_label_headers(table), "Items", "Overturned", "Overturn rate"]
        lines.append("| " + " | ".join(headers) + " |")
        aligns = ["---"] * len(table.dimension.label_columns) + ["---:"] * 3
        lines.append("|" + "|".join(aligns) + "|")
        for row in table.rows:
            cells = [*(_markdown_cell(format_label(v)) for v in row.labels), str(row.items),
                     str(row.overturned), format_rate(row.overturn_rate)]
            lines.append("| " + " | ".join(cells) + " |")
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
    return [name.replace("_", " ").capitalize() for name in table.dimension.label_columns]


def _aligned(rows: Sequence[Sequence[str]], *, numeric_from: int) -> list[str]:
    """Columns padded to their widest cell; numbers right-aligned."""
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return ["  " + "  ".join(cell.rjust(widths[i]) if i >= numeric_from else cell.ljust(widths[i])
                             for i, cell in enumerate(row)).rstrip()
            for row in rows]


def _markdown_cell(text: str) -> str:
    return text.replace("|", "\\|")
