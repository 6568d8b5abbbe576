"""docs/: the data dictionary is current, and every example query runs alike on both backends."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from sqlalchemy import Engine, text
from typer.testing import CliRunner

from imr_etl.cli import app
from imr_etl.db.docs import REGENERATE_COMMAND, _cell, column_description, render_data_dictionary
from imr_etl.db.migrate import alembic_config, upgrade_to_head
from imr_etl.db.schema import metadata
from imr_etl.db.search import SQLITE_INDEXES
from imr_etl.db.views import CASE_OUTCOMES, VIEWS
from tests.analyst_data import expected_item_rows, load_letters, migration, plain, relabel

DOCS = Path(__file__).resolve().parents[1] / "docs"
SCHEMA_DOC_PATH = DOCS / "schema.md"
QUERIES = sorted((DOCS / "queries").glob("*.sql"))
# Full-text search is written differently on each database: NAME.sqlite.sql and
# NAME.postgresql.sql are a pair that must give the same rows; every other file runs on both.
DIALECTS = ("sqlite", "postgresql")


def _dialect_of(query: Path) -> str | None:
    return next((d for d in DIALECTS if query.name.endswith(f".{d}.sql")), None)


def _shared_name(query: Path) -> str:
    dialect = _dialect_of(query)
    return query.name.replace(f".{dialect}.sql", ".sql") if dialect else query.name


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
    """Rows per query, keyed by the name shared by both dialects' versions."""
    results = {}
    with engine.connect() as connection:
        for query in QUERIES:
            if _dialect_of(query) not in (None, engine.dialect.name):
                continue
            rows = connection.execute(text(query.read_text(encoding="utf-8"))).all()
            results[_shared_name(query)] = [tuple(plain(value) for value in row) for row in rows]
    return results


def test_dialect_queries_come_in_pairs() -> None:
    paired = [query for query in QUERIES if _dialect_of(query)]
    assert paired, "docs/queries/ has no full-text search example"
    names = Counter(_shared_name(query) for query in paired)
    assert all(count == len(DIALECTS) for count in names.values()), names


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
    # Same rows in the same order: the queries order by numbers first and the test
    # server's C collation sorts text as SQLite does.
    assert set(on_sqlite) == set(on_postgres)
    for name in on_sqlite:
        assert on_sqlite[name] == on_postgres[name], name


def test_queries_read_only_documented_names() -> None:
    """A query that names a view or table the data dictionary lacks would teach a wrong name."""
    known = set(metadata.tables) | {view.name for view in VIEWS} | set(SQLITE_INDEXES)
    for query in QUERIES:
        sql = re.sub(r"--[^\n]*", "", query.read_text(encoding="utf-8"))
        named = set(re.findall(r"\b(?:FROM|JOIN)\s+(\w+)", sql, re.IGNORECASE))
        ctes = set(re.findall(r"\b(\w+)\s+AS\s*\(", sql, re.IGNORECASE))
        assert named - ctes <= known, query.name


_CATALOG = """
SELECT c.relname, c.relkind, a.attname,
       obj_description(c.oid, 'pg_class') AS relation_comment,
       col_description(c.oid, a.attnum) AS column_comment
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = current_schema()
JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
WHERE c.relkind IN ('r', 'v')
"""


@pytest.mark.postgres
def test_postgresql_comments_are_the_data_dictionary(postgres_engine: Engine) -> None:
    """COMMENT ON for every table, view and column, with the text of docs/schema.md."""
    with postgres_engine.connect() as connection:
        rows = connection.execute(text(_CATALOG)).all()
    relations = {row.relname: row.relation_comment for row in rows}
    columns = {(row.relname, row.attname): row.column_comment for row in rows}
    expected_relations = {table.name: table.comment for table in metadata.tables.values()}
    expected_relations |= {view.name: view.description for view in VIEWS}
    expected_columns = {(table.name, column.name): column_description(table, column)
                        for table in metadata.tables.values() for column in table.columns}
    expected_columns |= {(view.name, column.name): column.description
                         for view in VIEWS for column in view.columns}
    assert {name: relations.get(name) for name in expected_relations} == expected_relations
    assert {key: columns.get(key) for key in expected_columns} == expected_columns
    assert all(expected_relations.values()) and all(expected_columns.values())
    doc = render_data_dictionary()
    for (relation, column), comment in expected_columns.items():
        assert f"\n| {column} |" in doc and _cell(comment) in doc, (relation, column)


@pytest.mark.postgres
def test_view_comments_come_back_after_the_views_are_rebuilt(postgres_engine: Engine) -> None:
    """Rebuilding a view drops its comments; the migration run sets them again."""
    from imr_etl.db.comments import sync_view_comments
    before = migration("timeliness_trends_intervals").down_revision
    # Down past the migration that rebuilt the views, and up again: it drops and creates them.
    command.downgrade(alembic_config(postgres_engine), before)
    upgrade_to_head(postgres_engine)
    with postgres_engine.connect() as connection:
        assert connection.scalar(text(
            "SELECT obj_description('v_case_outcomes'::regclass, 'pg_class')")) == \
            CASE_OUTCOMES.description
        assert connection.scalar(text(
            "SELECT col_description('v_case_outcomes'::regclass, 11)")) == \
            CASE_OUTCOMES.columns[10].description
        assert sync_view_comments(connection) == 0  # in step: nothing to write
        connection.execute(text("COMMENT ON COLUMN v_case_outcomes.outcome IS 'stale'"))
        assert sync_view_comments(connection) == 1
