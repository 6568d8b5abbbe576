"""docs/bi.md: every connection string that can be tried here opens the loaded warehouse.

The strings are read from the document itself, so a wrong one in the doc fails here. Tools
that do not run on this machine (Metabase, Power BI, Tableau, DBeaver's JDBC, ODBC) are not
tried; psql and psycopg2 are tried where installed.
"""

from __future__ import annotations

import importlib.util
import re
import shutil
import sqlite3
import subprocess
from pathlib import Path

import pandas
import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

from imr_etl.db.roles import grant_readonly
from tests.analyst_data import load_letters

BI_DOC = Path(__file__).resolve().parents[1] / "docs" / "bi.md"


def _doc() -> str:
    return BI_DOC.read_text(encoding="utf-8")


def _spans(pattern: str) -> list[str]:
    """The doc's `code spans` (outside fenced blocks) that match a regular expression."""
    prose = re.sub(r"^```.*?^```", "", _doc(), flags=re.S | re.M)
    return [span for span in re.findall(r"`([^`\n]+)`", prose) if re.search(pattern, span)]


@pytest.fixture
def sqlite_file(sqlite_engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The loaded warehouse as ./imr_warehouse.db, WAL checkpointed into the file."""
    load_letters(sqlite_engine)
    path = Path(make_url(sqlite_engine.url).database or "")
    sqlite_engine.dispose()
    target = tmp_path / "imr_warehouse.db"
    shutil.copyfile(path, target)
    monkeypatch.chdir(tmp_path)
    return target


def _items(engine: Engine) -> int:
    with engine.connect() as connection:
        return int(connection.scalar(text("SELECT COUNT(*) FROM v_item_decisions")) or 0)


def test_sqlite_read_only_urls_open_the_warehouse_and_refuse_writes(sqlite_file: Path) -> None:
    urls = _spans(r"^sqlite:///file:")
    assert len(urls) >= 3, urls  # SQLAlchemy relative and absolute, Superset
    for url in urls:
        concrete = url.replace("/absolute/path/imr_warehouse.db", str(sqlite_file))
        engine = create_engine(concrete)
        assert _items(engine) > 0, url
        with pytest.raises(OperationalError, match="readonly"), engine.begin() as connection:
            connection.execute(text("DELETE FROM etl_runs"))
        engine.dispose()


def test_the_old_superset_url_is_named_only_as_the_wrong_one(sqlite_file: Path) -> None:
    """Without file:, SQLite takes the query string as part of the name: a new empty file."""
    wrong = "sqlite:////absolute/path/imr_warehouse.db?mode=ro&uri=true"
    assert f"`{wrong}`, without `file:`, opens a new empty database" in _doc()
    engine = create_engine(wrong.replace("/absolute/path/imr_warehouse.db", str(sqlite_file)))
    with engine.connect() as connection:
        tables = connection.execute(text("SELECT name FROM sqlite_master")).all()
    engine.dispose()
    assert tables == []


def test_pandas_and_sqlite3_read_only_connection(sqlite_file: Path) -> None:
    (line,) = _spans(r"sqlite3\.connect\(")
    connect = re.search(r'sqlite3\.connect\("([^"]+)", uri=True\)', line)
    assert connect, line
    connection = sqlite3.connect(connect.group(1), uri=True)
    assert connection.execute("SELECT COUNT(*) FROM v_item_decisions").fetchone()[0] > 0
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        connection.execute("DELETE FROM etl_runs")
    frame = eval(line, {"pd": pandas, "sqlite3": sqlite3})  # the doc's own expression
    assert len(frame) > 0


def test_sqlite3_command_line(sqlite_file: Path) -> None:
    (command,) = _spans(r"^sqlite3 -readonly")
    if shutil.which("sqlite3") is None:
        pytest.skip("no sqlite3 command here")
    result = subprocess.run([*command.split(), "SELECT COUNT(*) FROM cases"],
                            capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0, result.stderr
    assert int(result.stdout.split()[-1]) > 0


def _urls(scheme: str) -> list[str]:
    """Every URL of the scheme in the doc's code spans, also inside a line of Python."""
    return [url for span in _spans(re.escape(scheme))
            for url in re.findall(re.escape(scheme) + r'[^"\s`]+', span)]


def _local(url: str, postgres_url: str, role: str) -> str:
    """A doc URL pointed at the test server; the server has no TLS, so sslmode=prefer."""
    server = make_url(postgres_url)
    return (url.replace("dbhost", server.host or "127.0.0.1")
            .replace(":5432/imr", f":{server.port or 5432}/{server.database}")
            .replace("analyst:PASSWORD@", f"{role}:unused@")
            .replace("analyst@", f"{role}@")
            .replace("sslmode=require", "sslmode=prefer"))


@pytest.mark.postgres
def test_postgresql_urls_read_as_the_read_only_role(postgres_engine: Engine,
                                                    postgres_url: str) -> None:
    load_letters(postgres_engine)
    role = f"imr_bi_{make_url(postgres_url).database}"[:60]
    grant_readonly(postgres_engine, role, password=None)
    try:
        urls = _urls("postgresql+psycopg://")
        assert urls, "docs/bi.md names no psycopg URL"
        for url in urls:
            engine = create_engine(_local(url, postgres_url, role))
            assert _items(engine) > 0
            engine.dispose()
        assert _urls("postgresql+psycopg2://"), "Superset's URL is missing"
        if importlib.util.find_spec("psycopg2") is not None:  # Superset's driver, if here
            for url in _urls("postgresql+psycopg2://"):
                engine = create_engine(_local(url, postgres_url, role))
                assert _items(engine) > 0
                engine.dispose()
        psql = next((span for span in _spans(r"^psql ")), None)
        assert psql, "docs/bi.md names no psql command"
        if shutil.which("psql") is None:
            pytest.skip("no psql here")
        target = re.search(r'"([^"]+)"', psql)
        assert target, psql
        result = subprocess.run(
            ["psql", _local(target.group(1), postgres_url, role), "-Atc",
             "SELECT COUNT(*) FROM v_item_decisions"],
            capture_output=True, text=True, timeout=60, check=False)
        assert result.returncode == 0, result.stderr
        assert int(result.stdout.strip()) > 0
    finally:
        with postgres_engine.begin() as connection:
            connection.execute(text(f'DROP OWNED BY "{role}"'))
            connection.execute(text(f'DROP ROLE IF EXISTS "{role}"'))
