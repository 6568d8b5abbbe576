"""`imr-etl db docs --datasette FILE`: metadata Datasette itself accepts, matching the dictionary,
and a page of `cases` that renders with it."""

from __future__ import annotations

import asyncio
import json
import shutil
from pathlib import Path

import pytest
from sqlalchemy import Engine
from sqlalchemy.engine import make_url
from typer.testing import CliRunner

from imr_etl.cli import app
from imr_etl.db.datasette import LABEL_COLUMNS, LONG_TEXT_COLUMNS, render_datasette_metadata
from imr_etl.db.docs import column_description
from imr_etl.db.schema import metadata
from imr_etl.db.views import VIEWS
from tests.analyst_data import expected_item_rows, load_letters

datasette_app = pytest.importorskip("datasette.app", reason="datasette is not installed")
datasette_utils = pytest.importorskip("datasette.utils")


def _write(tmp_path: Path) -> dict[str, object]:
    output = tmp_path / "metadata.json"
    result = CliRunner().invoke(app, ["db", "docs", "--datasette", str(output)])
    assert result.exit_code == 0, result.output
    # Datasette's own loader: JSON (or YAML) into the dict it serves.
    parsed = datasette_utils.parse_metadata(output.read_text(encoding="utf-8"))
    assert parsed == json.loads(json.dumps(render_datasette_metadata()))
    return parsed


def test_metadata_describes_every_table_view_and_column(tmp_path: Path) -> None:
    tables = _write(tmp_path)["databases"]["imr_warehouse"]["tables"]  # type: ignore[index]
    for table in metadata.tables.values():
        entry = tables[table.name]
        assert entry["description"] == table.comment
        assert entry["columns"] == {column.name: column_description(table, column)
                                    for column in table.columns}
    for view in VIEWS:
        assert tables[view.name]["description"] == view.description
        assert tables[view.name]["columns"] == {c.name: c.description for c in view.columns}
    for name, label in LABEL_COLUMNS.items():
        assert tables[name]["label_column"] == label
        assert label in metadata.tables[name].c


@pytest.fixture
def served(sqlite_engine: Engine, tmp_path: Path) -> tuple[object, Engine]:
    """Datasette over a loaded warehouse file named imr_warehouse.db, with the metadata."""
    load_letters(sqlite_engine)
    source = Path(make_url(sqlite_engine.url).database or "")
    sqlite_engine.dispose()  # checkpoint the WAL into the file
    target = tmp_path / "imr_warehouse.db"
    shutil.copyfile(source, target)
    instance = datasette_app.Datasette([str(target)], metadata=_write(tmp_path))
    return instance, sqlite_engine


def _get(instance: object, path: str) -> tuple[int, str]:
    async def fetch() -> tuple[int, str]:
        await instance.invoke_startup()  # type: ignore[attr-defined]
        response = await instance.client.get(path)  # type: ignore[attr-defined]
        return response.status_code, response.text
    return asyncio.run(fetch())


def test_a_page_of_cases_renders_with_descriptions(served: tuple[object, Engine]) -> None:
    instance, engine = served
    status, page = _get(instance, "/imr_warehouse/cases")
    assert status == 200, page[:500]
    assert "Letters (cases)" in page
    assert metadata.tables["cases"].comment in page
    case_numbers = {row["case_number"] for row in expected_item_rows(engine)} - {None}
    assert sum(1 for number in case_numbers if number in page) >= 10
    assert "List without the long text columns" in page


def test_links_to_a_case_show_its_case_number(served: tuple[object, Engine]) -> None:
    instance, engine = served
    status, page = _get(instance, "/imr_warehouse/disputed_items?_size=5&_sort=item_id")
    assert status == 200, page[:500]
    first = min(expected_item_rows(engine), key=lambda row: row["item_id"])
    # The case_id cell links to the case and reads as its case_key (the label column).
    assert f">{first['case_key']}</a>" in page


def test_long_text_listing_and_search(served: tuple[object, Engine]) -> None:
    instance, _ = served
    hidden = "&".join(f"_nocol={name}" for name in LONG_TEXT_COLUMNS["cases"])
    status, page = _get(instance, f"/imr_warehouse/cases.json?{hidden}&_shape=objects")
    assert status == 200
    row = json.loads(page)["rows"][0]
    assert not set(LONG_TEXT_COLUMNS["cases"]) & set(row)
    status, page = _get(instance, "/imr_warehouse/cases_overview.json?_shape=objects")
    assert status == 200 and "letter_text" not in json.loads(page)["rows"][0]
    status, page = _get(instance,
                        "/imr_warehouse/disputed_items.json?_search=urine+drug+screen"
                        "&_shape=objects")
    assert status == 200 and json.loads(page)["rows"]
