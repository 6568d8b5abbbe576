"""Shared fixtures: real SQLite files and real PostgreSQL databases, built by the migrations.

Migrating takes longer than most tests, so each backend is migrated once per session into a
template (a SQLite file; a PostgreSQL database) and every test gets a copy. The migration tests
start from the empty databases instead.
"""

from __future__ import annotations

import secrets
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

from imr_etl.db.engine import make_engine
from imr_etl.db.migrate import upgrade_to_head
from tests.helpers import POSTGRES_URL, REQUIRE_POSTGRES

# Databases of this session carry one random suffix, so that sessions sharing the server
# (several checkouts, CI jobs) never touch each other's databases.
_SESSION = secrets.token_hex(4)


def _admin_engine() -> Engine:
    url = make_url(POSTGRES_URL).set(drivername="postgresql+psycopg")
    return create_engine(url, isolation_level="AUTOCOMMIT")


def _postgres_url(database: str) -> str:
    return make_url(POSTGRES_URL).set(database=database).render_as_string(hide_password=False)


@pytest.fixture(scope="session")
def postgres_admin() -> Iterator[Engine | None]:
    """An AUTOCOMMIT engine on the server for CREATE/DROP DATABASE; None when there is none."""
    admin = _admin_engine()
    try:
        with admin.connect():
            pass
    except OperationalError as exc:
        if REQUIRE_POSTGRES:
            pytest.fail(f"PostgreSQL is required but does not answer at {POSTGRES_URL}: {exc.orig}")
        yield None
        return
    yield admin
    admin.dispose()


@pytest.fixture(scope="session")
def postgres_template(postgres_admin: Engine | None) -> Iterator[str]:
    """The name of a database migrated to head once per session, the source of every copy."""
    if postgres_admin is None:
        pytest.skip(f"no PostgreSQL server at {POSTGRES_URL}")
    name = f"imr_test_{_SESSION}_template"
    with postgres_admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    engine = make_engine(_postgres_url(name))
    upgrade_to_head(engine)
    # CREATE DATABASE ... TEMPLATE refuses a template that has open connections.
    engine.dispose()
    yield name
    with postgres_admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


def _postgres_database(admin: Engine, template: str | None) -> Iterator[str]:
    name = f"imr_test_{_SESSION}_{secrets.token_hex(6)}"
    clause = f' TEMPLATE "{template}"' if template else ""
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"{clause}'))
    yield _postgres_url(name)
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


@pytest.fixture
def empty_postgres_url(postgres_admin: Engine | None) -> Iterator[str]:
    """A new PostgreSQL database without any table, dropped after the test."""
    if postgres_admin is None:
        pytest.skip(f"no PostgreSQL server at {POSTGRES_URL}")
    yield from _postgres_database(postgres_admin, None)


@pytest.fixture
def postgres_url(postgres_admin: Engine | None, postgres_template: str) -> Iterator[str]:
    """A PostgreSQL database migrated to head (a copy of the template), dropped afterwards."""
    assert postgres_admin is not None
    yield from _postgres_database(postgres_admin, postgres_template)


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite file migrated to head once per session."""
    path = tmp_path_factory.mktemp("template") / "warehouse.db"
    engine = make_engine(f"sqlite:///{path}")
    upgrade_to_head(engine)
    # Closing the last connection checkpoints the WAL, so the file alone is the database.
    engine.dispose()
    return path


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    """The URL of a SQLite file that does not exist yet."""
    return f"sqlite:///{tmp_path / 'warehouse.db'}"


@pytest.fixture
def sqlite_engine(sqlite_url: str, sqlite_template: Path) -> Iterator[Engine]:
    """A SQLite warehouse at head: a copy of the template at `sqlite_url`."""
    shutil.copyfile(sqlite_template, make_url(sqlite_url).database or "")
    engine = make_engine(sqlite_url)
    yield engine
    engine.dispose()


@pytest.fixture
def postgres_engine(postgres_url: str) -> Iterator[Engine]:
    """A PostgreSQL warehouse at head."""
    engine = make_engine(postgres_url)
    yield engine
    engine.dispose()


_BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


@pytest.fixture(params=_BACKENDS)
def engine(request: pytest.FixtureRequest) -> Engine:
    """The warehouse on each backend in turn, migrated to head."""
    name = "sqlite_engine" if request.param == "sqlite" else "postgres_engine"
    engine: Engine = request.getfixturevalue(name)
    return engine


@pytest.fixture(params=_BACKENDS)
def empty_url(request: pytest.FixtureRequest) -> str:
    """A database on each backend in turn, with no tables: SQLite's file does not exist yet."""
    name = "sqlite_url" if request.param == "sqlite" else "empty_postgres_url"
    url: str = request.getfixturevalue(name)
    return url


@pytest.fixture
def empty_engine(empty_url: str) -> Iterator[Engine]:
    """An engine on a database with no tables, on each backend in turn."""
    engine = make_engine(empty_url)
    yield engine
    engine.dispose()
