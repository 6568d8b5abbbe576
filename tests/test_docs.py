"""docs/: the data dictionary is current, and every example query runs alike on both backends."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, text
from typer.testing import CliRunner

from imr_etl.cli import app
from imr_etl.db.docs import REGENERATE_COMMAND, render_data_dictionary
from imr_etl.db.schema import metadata
from imr_etl.db.views import VIEWS
from tests.analyst_data import expected_item_rows, load_letters, plain, relabel

DOCS = Path(__file__).resolve().parents[1] / "docs"
SCHEMA_DOC_PATH = DOCS / "schema.md"
QUERIES = sorted((DOCS / "queries").glob("*.sql"))


def test_schema_doc_is_up_to_date() -> None:
    assert SCHEMA_DOC_PATH.exists(), f"docs/schema.md is missing: run `{REGENERATE_COMMAND}`"
    assert SCHEMA_DOC_PATH.read_text(encoding="utf-8") == render_data_dictionary(), (
        f"docs/schema.md is out of date with the schema: run `{REGENERATE_COMMAND}`")


def test_schema_doc_names_every_table_view_and_column() -> None:
    doc = render_data_dictionary()
    for table in metadata.tables.values():
        assert f"\n### {table.name}\n" in doc
        for column in table.columns:
            assert f"\n| {column.name} |" in doc, f"{table.name}.{column.name}"
    for view in VIEWS:
        assert f"\n### {view.name}\n" in doc
        for view_column in view.columns:
            assert f"\n| {view_column.name} | {view_column.type} |" in doc


def test_db_docs_command_writes_the_same_file(tmp_path: Path) -> None:
    output = tmp_path / "schema.md"
    result = CliRunner().invoke(app, ["db", "docs", "--output", str(output)])
    assert result.exit_code == 0, result.output
    assert output.read_text(encoding="utf-8") == render_data_dictionary()
    printed = CliRunner().invoke(app, ["db", "docs"])
    assert printed.stdout == render_data_dictionary()


def test_every_query_has_a_header_and_is_listed() -> None:
    assert len(QUERIES) >= 5
    index = (QUERIES[0].parent / "README.md").read_text(encoding="utf-8")
    for query in QUERIES:
        header = query.read_text(encoding="utf-8").splitlines()[0]
        assert header.startswith("-- ") and len(header) > 20, query.name
        assert f"]({query.name})" in index, f"{query.name} is not listed in docs/queries/README.md"


def _run_queries(engine: Engine) -> dict[str, list[tuple[Any, ...]]]:
    results = {}
    with engine.connect() as connection:
        for query in QUERIES:
            rows = connection.execute(text(query.read_text(encoding="utf-8"))).all()
            results[query.name] = [tuple(plain(value) for value in row) for row in rows]
    return results


def test_every_query_runs_and_answers(engine: Engine) -> None:
    load_letters(engine)
    relabel(engine)  # dated letters, opioids and overturned items, whatever the parser gives
    for name, rows in _run_queries(engine).items():
        assert rows, f"{name} returned nothing on the test letters"


def test_items_per_letter_query_counts_what_python_counts(engine: Engine) -> None:
    load_letters(engine)
    per_letter = Counter(item["case_key"] for item in expected_item_rows(engine))
    expected = sorted(Counter(per_letter.values()).items())
    rows = _run_queries(engine)["items_per_letter.sql"]
    assert [(items, letters) for items, letters, _ in rows] == expected


def test_opioid_query_counts_what_python_counts(engine: Engine) -> None:
    load_letters(engine)
    by_year: dict[int, list[int]] = {}
    for item in expected_item_rows(engine):
        if item["drug_class"] == "opioid" and item["decision_year"] is not None:
            counts = by_year.setdefault(item["decision_year"], [0, 0])
            counts[0] += 1
            counts[1] += item["overturned"]
    expected = [(year, n, over, over / n) for year, (n, over) in sorted(by_year.items())]
    assert _run_queries(engine)["opioid_overturn_rate_by_year.sql"] == expected


@pytest.mark.postgres
def test_every_query_gives_the_same_rows_on_sqlite_and_postgresql(
        sqlite_engine: Engine, postgres_engine: Engine) -> None:
    for backend in (sqlite_engine, postgres_engine):
        load_letters(backend)
        relabel(backend)
    on_sqlite, on_postgres = _run_queries(sqlite_engine), _run_queries(postgres_engine)
    for query in QUERIES:
        # Same rows in the same order: the queries order by numbers first and the test
        # server's C collation sorts text as SQLite does.
        assert on_sqlite[query.name] == on_postgres[query.name], query.name


def test_queries_read_only_documented_names() -> None:
    """A query that names a view or table the data dictionary lacks would teach a wrong name."""
    known = set(metadata.tables) | {view.name for view in VIEWS}
    for query in QUERIES:
        sql = re.sub(r"--[^\n]*", "", query.read_text(encoding="utf-8"))
        named = set(re.findall(r"\b(?:FROM|JOIN)\s+(\w+)", sql, re.IGNORECASE))
        ctes = set(re.findall(r"\b(\w+)\s+AS\s*\(", sql, re.IGNORECASE))
        assert named - ctes <= known, query.name
