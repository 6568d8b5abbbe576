"""Engines for SQLite and PostgreSQL, and the one place connection failures become text."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.engine.url import URL
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError

from imr_etl.errors import ConfigError, DatabaseError

# What a URL must look like, for the messages that refuse one.
URL_FORMS = "sqlite:///FILE or postgresql://USER@HOST:PORT/DATABASE"
# Seconds a SQLite connection waits for another process's write transaction.
SQLITE_BUSY_TIMEOUT = 120.0
# imr-etl installs and is tested with one PostgreSQL driver, psycopg 3; other drivers are
# refused by name, before SQLAlchemy tries to import them and fails with a traceback.
_DRIVERS = {
    "sqlite": "sqlite",
    "sqlite+pysqlite": "sqlite",
    "postgresql": "postgresql+psycopg",
    "postgres": "postgresql+psycopg",
    "postgresql+psycopg": "postgresql+psycopg",
}


def normalize_url(url: str) -> URL:
    """Parse and check a database URL; plain postgresql:// URLs use psycopg 3.

    A URL that cannot be parsed is never repeated in the message: it may hold a password.

    >>> normalize_url("postgresql://etl@db.example/imr").drivername
    'postgresql+psycopg'
    """
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise ConfigError(f"the database URL is malformed: write it as {URL_FORMS}") from exc
    except ValueError as exc:  # SQLAlchemy's int() of the port
        raise ConfigError("the port in the database URL is not a number") from exc
    driver = _DRIVERS.get(parsed.drivername)
    if driver is None:
        backend, _, dbapi = parsed.drivername.partition("+")
        if backend in ("postgresql", "postgres"):
            raise ConfigError(f"imr-etl connects to PostgreSQL through psycopg 3, not {dbapi!r}: "
                              "write the URL as postgresql://…")
        raise ConfigError(f"unsupported database {parsed.drivername!r}: use {URL_FORMS}")
    if driver == "sqlite":
        _check_sqlite_url(parsed)
    return parsed.set(drivername=driver)


def _check_sqlite_url(url: URL) -> None:
    if url.host:
        # sqlite://name.db reads as a host named name.db and no file at all.
        raise ConfigError(f"a SQLite URL has three slashes before a relative path "
                          f"(sqlite:///{url.host}) and four before an absolute one")
    if url.database in (None, "", ":memory:"):
        raise ConfigError("a SQLite URL must name a file (sqlite:///FILE): a warehouse in "
                          "memory would vanish when the command ends")


def sqlite_path(url: URL) -> Path | None:
    """The file of a SQLite URL; None for PostgreSQL."""
    if url.get_backend_name() != "sqlite" or not url.database:
        return None
    return Path(url.database)


def safe_url(url: str | URL) -> str:
    """The URL as it may be printed: never with its password."""
    try:
        parsed = url if isinstance(url, URL) else make_url(url)
    except (ArgumentError, ValueError):
        return "<unparseable URL>"
    return parsed.render_as_string(hide_password=True)


def make_engine(url: str) -> Engine:
    """An engine for the warehouse; SQLite gets foreign keys and WAL turned on."""
    parsed = normalize_url(url)
    sqlite = parsed.get_backend_name() == "sqlite"
    # A concurrent run holds SQLite's write lock for a whole batch, longer than the driver's
    # default 5 s wait on a busy machine; waiting longer beats failing the run.
    connect_args = {"timeout": SQLITE_BUSY_TIMEOUT} if sqlite else {}
    try:
        engine = create_engine(parsed, connect_args=connect_args)
    except (NoSuchModuleError, ImportError) as exc:
        raise ConfigError(f"the driver for {parsed.drivername!r} is not installed") from exc
    if sqlite:
        event.listen(engine, "connect", _sqlite_pragmas)
    return engine


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # SQLite ignores foreign keys (and so ON DELETE CASCADE) unless asked, per connection.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA synchronous = NORMAL")
    cursor.close()


def describe_failure(exc: DBAPIError, url: str | URL) -> str:
    """One line naming the database (without password) and the driver's first line of complaint."""
    reason = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
    return f"cannot use the database {safe_url(url)}: {reason}"


def check_connection(engine: Engine) -> None:
    """Connect once so an unreachable database fails here, as one clear DatabaseError."""
    try:
        with engine.connect():
            pass
    except DBAPIError as exc:
        raise DatabaseError(describe_failure(exc, engine.url)) from exc
