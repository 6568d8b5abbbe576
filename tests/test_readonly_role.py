"""`imr-etl db grant-readonly`: on a real PostgreSQL the role reads all and writes nothing."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, ProgrammingError
from typer.testing import CliRunner

from imr_etl.cli import app
from imr_etl.db.roles import grant_readonly
from imr_etl.db.views import VIEW_NAMES
from imr_etl.errors import DatabaseError
from tests.analyst_data import load_letters
from tests.helpers import POSTGRES_URL

runner = CliRunner()

# Writes of every kind, on tables and views, that the role must not be able to run.
_WRITES = [
    "INSERT INTO etl_runs (command, started_at, status, files_seen, files_loaded, "
    "files_unchanged, files_rejected, parser_version) VALUES ('x', now(), 'x', 0, 0, 0, 0, 'x')",
    "UPDATE cases SET patient_age = 1",
    "DELETE FROM guideline_citations",
    "TRUNCATE rejected_letters",
    "CREATE TABLE analyst_scratch (x integer)",
    "DROP VIEW v_item_decisions",
    "ALTER TABLE reviewers ADD COLUMN x integer",
    "CREATE VIEW v_mine AS SELECT 1 AS x",
]


@pytest.fixture
def role(postgres_url: str) -> Iterator[str]:
    """A role name unused on the server; the role and its grants are removed afterwards."""
    name = f"imr_analyst_{uuid.uuid4().hex[:10]}"
    yield name
    # Roles are server-wide: drop what the test database holds for it, then the role, before
    # postgres_url drops the database.
    test_db = make_url(POSTGRES_URL).set(drivername="postgresql+psycopg",
                                         database=make_url(postgres_url).database)
    admin = create_engine(test_db, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        exists = connection.scalar(text("SELECT 1 FROM pg_roles WHERE rolname = :r"), {"r": name})
        if exists:
            connection.execute(text(f'DROP OWNED BY "{name}"'))
            connection.execute(text(f'DROP ROLE "{name}"'))
    admin.dispose()


def _as_role(postgres_url: str, role: str, *, read_only_default: bool = True) -> Engine:
    """Connect as the role; without the read-only default, as a client may ask at connect."""
    url = make_url(postgres_url).set(drivername="postgresql+psycopg", username=role,
                                     password=None)
    if read_only_default:
        return create_engine(url)
    return create_engine(url, connect_args={"options": "-c default_transaction_read_only=off"})


def _relations(engine: Engine) -> list[str]:
    inspector = inspect(engine)
    return inspector.get_table_names() + inspector.get_view_names()


@pytest.mark.postgres
def test_role_reads_every_table_and_view_and_writes_nothing(
        postgres_engine: Engine, postgres_url: str, role: str) -> None:
    load_letters(postgres_engine)
    grant = grant_readonly(postgres_engine, role, password="s3cret'quote")
    assert grant.created
    relations = _relations(postgres_engine)
    assert set(VIEW_NAMES) <= set(relations)
    assert grant.relations == len(relations)

    reader = _as_role(postgres_url, role)
    writer = _as_role(postgres_url, role, read_only_default=False)
    try:
        with reader.connect() as connection:
            for name in relations:
                connection.execute(text(f"SELECT * FROM {name} LIMIT 1")).all()
            assert connection.scalar(text("SELECT count(*) FROM v_item_decisions")) > 0
        for statement in _WRITES:
            # Sessions start read-only (the belt) ...
            with reader.connect() as connection, pytest.raises(DBAPIError) as refused:
                connection.execute(text(statement))
            assert "read-only transaction" in str(refused.value.orig), statement
            # ... and a session that turns that default off meets the privileges (the braces).
            with writer.connect() as connection, pytest.raises(ProgrammingError) as denied:
                connection.execute(text(statement))
            assert "permission denied" in str(denied.value.orig) \
                or "must be owner" in str(denied.value.orig), statement
    finally:
        reader.dispose()
        writer.dispose()


@pytest.mark.postgres
def test_tables_and_views_of_later_migrations_are_readable(
        postgres_engine: Engine, postgres_url: str, role: str) -> None:
    grant_readonly(postgres_engine, role)
    # What a later migration does, as the same user: a new table, a view rebuilt.
    with postgres_engine.begin() as connection:
        connection.execute(text("CREATE TABLE later_lookup (code text PRIMARY KEY)"))
        connection.execute(text("INSERT INTO later_lookup VALUES ('x')"))
        connection.execute(text("DROP VIEW v_overturn_by_decision_year"))
        connection.execute(text("CREATE VIEW v_overturn_by_decision_year AS SELECT 1 AS x"))
    reader = _as_role(postgres_url, role, read_only_default=False)
    try:
        with reader.connect() as connection:
            assert connection.scalar(text("SELECT code FROM later_lookup")) == "x"
            assert connection.scalar(text("SELECT x FROM v_overturn_by_decision_year")) == 1
            with pytest.raises(ProgrammingError, match="permission denied"):
                connection.execute(text("INSERT INTO later_lookup VALUES ('y')"))
    finally:
        reader.dispose()


@pytest.mark.postgres
def test_granting_twice_keeps_the_role(postgres_engine: Engine, role: str) -> None:
    assert grant_readonly(postgres_engine, role).created
    again = grant_readonly(postgres_engine, role)
    assert not again.created
    assert again.relations > 0


@pytest.mark.postgres
def test_refuses_a_role_that_can_already_write(postgres_engine: Engine, role: str) -> None:
    with postgres_engine.begin() as connection:
        connection.execute(text(f'CREATE ROLE "{role}" LOGIN'))
        connection.execute(text(f'GRANT INSERT ON cases TO "{role}"'))
    with pytest.raises(DatabaseError, match=r"could still write \(INSERT on cases\)"):
        grant_readonly(postgres_engine, role)
    # Refused in one transaction: nothing was granted.
    with postgres_engine.connect() as connection:
        assert not connection.scalar(
            text("SELECT has_table_privilege(:r, 'reviewers', 'SELECT')"), {"r": role})


@pytest.mark.postgres
def test_refuses_the_user_running_it(postgres_engine: Engine) -> None:
    with postgres_engine.connect() as connection:
        current = connection.scalar(text("SELECT current_user"))
    with pytest.raises(DatabaseError, match="owns the tables"):
        grant_readonly(postgres_engine, current)


@pytest.mark.postgres
def test_cli_grants_and_prints_how_to_connect(postgres_url: str, role: str) -> None:
    result = runner.invoke(app, ["db", "grant-readonly", role, "--database-url", postgres_url])
    assert result.exit_code == 0, result.output
    assert f"Role {role} created and granted" in result.stdout
    assert f"Connect as: postgresql://{role}@" in result.stdout


def test_cli_refuses_sqlite_without_creating_a_file(tmp_path: Path) -> None:
    warehouse = tmp_path / "warehouse.db"
    result = runner.invoke(app, ["db", "grant-readonly", "analyst",
                                 "--database-url", f"sqlite:///{warehouse}"])
    assert result.exit_code == 1
    assert "grant-readonly needs PostgreSQL" in result.output
    assert not warehouse.exists()


def test_refuses_sqlite(sqlite_engine: Engine) -> None:
    with pytest.raises(DatabaseError, match="needs PostgreSQL"):
        grant_readonly(sqlite_engine, "analyst")
