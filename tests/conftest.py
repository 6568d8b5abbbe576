"""Shared fixtures: real SQLite files and real PostgreSQL databases, built by the migrations."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

from imr_etl.db.engine import make_engine
from imr_etl.db.migrate import upgrade_to_head

CASES = Path(__file__).parent / "cases"
SEEDS = CASES / "seeds"
REAL_LETTERS = CASES / "published"

# The server tests use; `make test` and CI set IMR_ETL_REQUIRE_POSTGRES=1 so that a missing
# server fails the run instead of skipping its tests.
POSTGRES_URL = os.environ.get(
    "IMR_ETL_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test"
)
REQUIRE_POSTGRES = os.environ.get("IMR_ETL_REQUIRE_POSTGRES") == "1"


def seed_paths() -> list[Path]:
    return sorted(SEEDS.glob("*.txt"))


def real_letter_paths() -> list[Path]:
    return sorted(REAL_LETTERS.glob("*.pdf"))


def _admin_engine() -> Engine:
    url = make_url(POSTGRES_URL).set(drivername="postgresql+psycopg")
    return create_engine(url, isolation_level="AUTOCOMMIT")


@pytest.fixture(scope="session")
def postgres_available() -> bool:
    try:
        with _admin_engine().connect():
            return True
    except OperationalError as exc:
        if REQUIRE_POSTGRES:
            pytest.fail(f"PostgreSQL is required but does not answer at {POSTGRES_URL}: {exc.orig}")
        return False


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'warehouse.db'}"


@pytest.fixture
def postgres_url(postgres_available: bool) -> Iterator[str]:
    """A fresh, empty PostgreSQL database for one test, dropped afterwards."""
    if not postgres_available:
        pytest.skip(f"no PostgreSQL server at {POSTGRES_URL}")
    name = f"imr_test_{uuid.uuid4().hex[:12]}"
    admin = _admin_engine()
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(POSTGRES_URL).set(database=name)
    yield url.render_as_string(hide_password=False)
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture
def sqlite_engine(sqlite_url: str) -> Iterator[Engine]:
    engine = make_engine(sqlite_url)
    upgrade_to_head(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def postgres_engine(postgres_url: str) -> Iterator[Engine]:
    engine = make_engine(postgres_url)
    upgrade_to_head(engine)
    yield engine
    engine.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def engine(request: pytest.FixtureRequest) -> Engine:
    """The warehouse on each backend in turn, migrated to head."""
    name = "sqlite_engine" if request.param == "sqlite" else "postgres_engine"
    return request.getfixturevalue(name)
