"""`imr-etl report`: every format, empty and full warehouses, the HTML page in a browser."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from sqlalchemy import Engine
from typer.testing import CliRunner

from imr_etl.cli import app
from imr_etl.db.views import DIMENSIONS, DIMENSIONS_BY_NAME
from imr_etl.report import HTML_DIMENSIONS
from imr_etl.report.labels import CATEGORY_LABELS
from tests.analyst_data import expected_item_rows, expected_rates, load_letters, wilson

runner = CliRunner()

# Where the HTML check looks for a browser; IMR_ETL_TEST_BROWSER names another one.
BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def _url(engine: Engine) -> str:
    return engine.url.render_as_string(hide_password=False)


def _report(engine: Engine, *args: str) -> str:
    result = runner.invoke(app, ["report", "--database-url", _url(engine), *args])
    assert result.exit_code == 0, result.output
    return result.stdout


def _python_totals(engine: Engine) -> tuple[int, int]:
    items = expected_item_rows(engine)
    return len(items), sum(item["overturned"] for item in items)


def test_report_on_an_empty_warehouse(engine: Engine) -> None:
    text = _report(engine)
    assert re.search(r"Letters\s+0\n", text)
    assert re.search(r"Overturn rate\s+n/a\n", text)
    assert "No disputed items yet: load letters with `imr-etl ingest DIR`." in text
    payload = json.loads(_report(engine, "--format", "json"))
    assert payload["headline"]["items"] == 0
    assert payload["headline"]["overturn_rate"] is None
    assert payload["tables"][0]["rows"] == []
    assert _report(engine, "--format", "csv") == (
        "treatment_category,items,overturned,overturn_rate,rate_low,rate_high\n")
    assert "## Overturn rate by treatment category" in _report(engine, "--format", "markdown")


def _row_pattern(label: str, n: int, over: int) -> str:
    low, high = wilson(over, n)
    return (rf"\n\s*{re.escape(label)}\s+{n}\s+{over}\s+{over / n * 100:.1f}%\s+"
            rf"{low * 100:.1f}–{high * 100:.1f}%\n")


def test_report_headline_and_category_table_on_a_full_warehouse(engine: Engine) -> None:
    load_letters(engine)
    items, overturned = _python_totals(engine)
    text = _report(engine)
    assert re.search(rf"Disputed items\s+{items}\n", text)
    assert re.search(rf"Overturned items\s+{overturned}\n", text)
    assert re.search(rf"Overturn rate\s+{overturned / items * 100:.1f}%\n", text)
    expected = expected_rates(expected_item_rows(engine), DIMENSIONS_BY_NAME["category"])
    positions = {}
    for (category,), (n, over, _) in expected.items():
        # DWC's own spelling: "Evaluation & Management", "DMEPOS".
        match = re.search(_row_pattern(CATEGORY_LABELS[category], n, over), text)
        assert match, (category, text)
        positions[category] = (n, match.start())
    # Groups under --min-items (5) come after all the others.
    small = [start for n, start in positions.values() if n < 5]
    large = [start for n, start in positions.values() if n >= 5]
    assert small and large and max(large) < min(small)
    assert "Groups of fewer than 5 items are listed last" in text
    assert "evaluation_and_management" not in text and "dmepos" not in text
    assert "Other tables:" in text
    everything_large = _report(engine, "--min-items", "1")
    assert "Groups of fewer than" not in everything_large


def test_report_headers_and_notes_as_dwc_writes_them(sqlite_engine: Engine) -> None:
    load_letters(sqlite_engine)
    assert "IMRO guideline source" in _report(sqlite_engine, "--by", "guideline_source")
    states = _report(sqlite_engine, "--by", "reviewer_state")
    assert "A reviewer licensed in several states counts in each of them" in " ".join(
        states.split())
    markdown = _report(sqlite_engine, "--by", "reviewer_state", "--format", "markdown")
    assert "counts in each of them" in markdown
    modified = _report(sqlite_engine, "--by", "modified_request")
    assert "Modified request" in modified and "Denied request" in modified


def test_report_json_and_csv_carry_the_unrounded_figures(engine: Engine) -> None:
    load_letters(engine)
    items, overturned = _python_totals(engine)
    payload = json.loads(_report(engine, "--format", "json", "--by", "drug_class"))
    assert payload["headline"]["items"] == items
    assert payload["headline"]["overturned"] == overturned
    assert payload["headline"]["overturn_rate"] == overturned / items
    expected = expected_rates(expected_item_rows(engine), DIMENSIONS_BY_NAME["drug_class"])
    table = payload["tables"][0]
    assert table["view"] == "v_overturn_by_drug_class"
    assert {(row["drug_class"],): (row["items"], row["overturned"], row["overturn_rate"])
            for row in table["rows"]} == expected
    for row in table["rows"]:
        low, high = wilson(row["overturned"], row["items"])
        assert row["rate_low"] == pytest.approx(low, rel=1e-12, abs=1e-15)
        assert row["rate_high"] == pytest.approx(high, rel=1e-12, abs=1e-15)
    rows = list(csv.DictReader(io.StringIO(_report(engine, "--format", "csv",
                                                   "--by", "drug_class"))))
    assert {(row["drug_class"],): (int(row["items"]), int(row["overturned"]),
                                   float(row["overturn_rate"])) for row in rows} == expected


def test_report_by_every_dimension(sqlite_engine: Engine) -> None:
    load_letters(sqlite_engine)
    for dimension in DIMENSIONS:
        text = _report(sqlite_engine, "--by", dimension.name)
        assert f"\n{dimension.title}\n " in text, dimension.name
        assert "No rows." not in text, dimension.name
        markdown = _report(sqlite_engine, "--by", dimension.name, "--format", "markdown")
        assert f"## {dimension.title}" in markdown


def test_report_limit_cuts_the_table_and_says_so(sqlite_engine: Engine) -> None:
    load_letters(sqlite_engine)
    text = _report(sqlite_engine, "--by", "reviewer_state", "--limit", "2")
    assert re.search(r"\.\.\. \d+ more rows", text)


def test_report_rejects_an_unknown_dimension(sqlite_engine: Engine) -> None:
    result = runner.invoke(app, ["report", "--database-url", _url(sqlite_engine),
                                 "--by", "colour"])
    assert result.exit_code == 2
    assert "colour" in result.output


def _write_html(engine: Engine, path: Path) -> str:
    result = runner.invoke(app, ["report", "--database-url", _url(engine), "--html", str(path)])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"Wrote {path}")
    return path.read_text(encoding="utf-8")


@pytest.mark.parametrize("letters", ["empty", "full"])
def test_html_page_is_self_contained(sqlite_engine: Engine, tmp_path: Path, letters: str) -> None:
    if letters == "full":
        load_letters(sqlite_engine)
    page = _write_html(sqlite_engine, tmp_path / "report.html")
    assert page.startswith("<!doctype html>")
    # Nothing fetched from anywhere: no scripts, stylesheets, images or fonts by reference.
    assert not re.search(r"<(script|link|img|iframe)\b", page)
    assert not re.search(r"\b(src|href)=", page)
    assert not re.search(r"url\(", page)
    for name in HTML_DIMENSIONS:
        assert f'<section id="{name}">' in page
    charts = re.findall(r'<svg class="chart" data-chart="(\w+)"', page)
    assert charts == ([*HTML_DIMENSIONS, "timeliness"] if letters == "full" else [])


def test_html_rate_charts_share_one_scale_and_draw_intervals(sqlite_engine: Engine,
                                                              tmp_path: Path) -> None:
    load_letters(sqlite_engine)
    page = _write_html(sqlite_engine, tmp_path / "report.html")
    for name in HTML_DIMENSIONS:
        svg = re.search(rf'<svg class="chart" data-chart="{name}".*?</svg>', page, re.S)
        assert svg, name
        chart = svg.group(0)
        # One scale: every rate chart ends at 100%.
        assert ">100.0%</text>" in chart, name
        groups = chart.count('<g class="group')
        assert groups and chart.count('class="whisker"') == groups, name
    category = re.search(r'data-chart="category".*?</svg>', page, re.S)
    assert category
    expected = expected_rates(expected_item_rows(sqlite_engine), DIMENSIONS_BY_NAME["category"])
    small = sum(1 for n, _, _ in expected.values() if n < 5)
    assert category.group(0).count('<g class="group small"') == small > 0
    # The small groups are the last bars.
    assert category.group(0).rindex('<g class="group">') < \
        category.group(0).index('<g class="group small">')
    assert "Evaluation &amp; Management" in category.group(0)
    assert "Median days from application to decision" in page


def test_html_write_failure_is_one_line(sqlite_engine: Engine, tmp_path: Path) -> None:
    result = runner.invoke(app, ["report", "--database-url", _url(sqlite_engine),
                                 "--html", str(tmp_path / "missing" / "report.html")])
    assert result.exit_code == 1
    assert "cannot write" in result.output


def _browser() -> str | None:
    named = os.environ.get("IMR_ETL_TEST_BROWSER")
    candidates = [named] if named else list(BROWSERS)
    return next((found for name in candidates if name and (found := shutil.which(name))), None)


# Appended to a copy of the page: measures what the browser actually drew and writes it into
# the DOM, which --dump-dom prints after the page has loaded.
_MEASURE = """<script>
const charts = [...document.querySelectorAll("svg.chart")].map(svg => {
  const box = svg.getBoundingClientRect();
  const bars = [...svg.querySelectorAll("rect.bar")].map(r => r.getBoundingClientRect().width);
  const whiskers = [...svg.querySelectorAll(".whisker")].map(w => w.getBoundingClientRect());
  return {name: svg.dataset.chart, width: box.width, height: box.height,
          bars: bars.length, drawn: bars.filter(w => w > 0).length,
          whiskers: whiskers.length,
          whiskers_drawn: whiskers.filter(w => w.width > 0 || w.height > 0).length};
});
document.body.setAttribute("data-measured", JSON.stringify(charts));
</script>"""


def test_html_charts_render_in_a_headless_browser(sqlite_engine: Engine, tmp_path: Path) -> None:
    """Skips, saying so, where no Chromium or Chrome is installed (apt-get install chromium)."""
    browser = _browser()
    if browser is None:
        looked_for = os.environ.get("IMR_ETL_TEST_BROWSER") or ", ".join(BROWSERS)
        pytest.skip(f"no headless browser found (looked for {looked_for}): install chromium, "
                    "or name one in IMR_ETL_TEST_BROWSER")
    load_letters(sqlite_engine)
    page = _write_html(sqlite_engine, tmp_path / "report.html")
    measured_page = tmp_path / "measured.html"
    measured_page.write_text(page.replace("</body>", _MEASURE + "</body>"), encoding="utf-8")
    # --no-sandbox: Chromium refuses to start as root (CI containers) with its sandbox on.
    result = subprocess.run(
        [browser, "--headless", "--no-sandbox", "--disable-gpu", "--window-size=1024,3000",
         "--dump-dom", measured_page.as_uri()],
        capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr[-2000:]
    match = re.search(r'data-measured="([^"]*)"', result.stdout)
    assert match, result.stdout[:2000]
    charts = json.loads(match.group(1).replace("&quot;", '"').replace("&amp;", "&"))
    assert [chart["name"] for chart in charts] == [*HTML_DIMENSIONS, "timeliness"]
    for chart in charts:
        assert chart["width"] > 300 and chart["height"] > 50, chart
        assert chart["bars"] > 0, chart
    expected = expected_rates(expected_item_rows(sqlite_engine), DIMENSIONS_BY_NAME["category"])
    category = charts[0]
    assert category["bars"] == len(expected)
    assert category["drawn"] == sum(1 for _, over, _ in expected.values() if over)
    assert category["whiskers"] == len(expected) and category["whiskers_drawn"] == len(expected)
    # A picture for people: the path is printed (pytest -s or -rP shows it).
    screenshot = tmp_path / "report.png"
    shot = subprocess.run(
        [browser, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
         "--window-size=1000,3600", f"--screenshot={screenshot}", measured_page.as_uri()],
        capture_output=True, text=True, timeout=120, check=False)
    assert shot.returncode == 0, shot.stderr[-2000:]
    assert screenshot.stat().st_size > 10_000
    print(f"HTML report screenshot: {screenshot}")  # noqa: T201
