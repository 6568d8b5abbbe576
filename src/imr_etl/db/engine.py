"""Engines for SQLite and PostgreSQL, and the one place connection failures become text."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.engine.url import URL
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError

from imr_etl.errors import DatabaseError


def normalize_url(url: str) -> URL:
    """Parse a database URL; plain postgresql:// URLs use psycopg 3."""
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise DatabaseError(f"not a database URL: {url!r} (expected sqlite:///FILE or "
                            "postgresql://USER@HOST/DB)") from exc
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed


def safe_url(url: str | URL) -> str:
    """The URL as it may be printed: never with its password."""
    try:
        parsed = url if isinstance(url, URL) else make_url(url)
    except ArgumentError:
        return "<unparseable URL>"
    return parsed.render_as_string(hide_password=True)


def make_engine(url: str) -> Engine:
    """An engine for the warehouse; SQLite gets foreign keys and WAL turned on."""
    parsed = normalize_url(url)
    try:
        engine = create_engine(parsed)
    except NoSuchModuleError as exc:
        raise DatabaseError(f"unsupported database {parsed.drivername!r}: use sqlite or "
                            "postgresql") from exc
    if parsed.get_backend_name() == "sqlite":
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
