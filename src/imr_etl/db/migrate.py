"""Apply the Alembic migrations through Alembic's API (`imr-etl db upgrade`, and before ingest),
and check that a warehouse is there and at the newest revision for the commands that only read.

Alembic is imported only when a migration runs: checking a warehouse already at head (every
run but the first) reads the numbered migration files' names and the database's
alembic_version row, which is a tenth of a second less at every start.
"""

from __future__ import annotations

import fcntl
import re
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, inspect, text
from sqlalchemy.exc import DBAPIError

from imr_etl import __version__
from imr_etl.db.engine import describe_failure, safe_url, sqlite_path
from imr_etl.errors import DatabaseError

# The migrations ship inside the package, so a regular (non-editable) install can migrate;
# the repository's alembic.ini points at the same folder for developers' `alembic` commands.
MIGRATIONS_DIR = Path(__file__).resolve().parents[1] / "migrations"
# PostgreSQL advisory lock key (any fixed bigint; advisory locks are per database) held while
# one process migrates, so that a second first run waits and then finds the schema at head.
MIGRATION_LOCK_KEY = 0x1A5E_0001
# Each migration is one file, versions/NNNN_what_it_does.py, whose revision is NNNN and whose
# down_revision is the number before it (tests/test_migrations.py holds every file to this).
_MIGRATION_FILE = re.compile(r"^(\d{4})_\w+\.py$")

if TYPE_CHECKING:
    from alembic.config import Config


def alembic_config(engine: Engine | None = None) -> Config:
    """Alembic's config for this project, bound to `engine`'s URL when given."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.set_main_option("path_separator", "os")
    if engine is not None:
        config.attributes["engine"] = engine
    return config


@cache
def known_revisions() -> tuple[str, ...]:
    """The revisions this imr-etl ships, oldest first."""
    names = (path.name for path in (MIGRATIONS_DIR / "versions").iterdir())
    return tuple(sorted(match[1] for name in names if (match := _MIGRATION_FILE.match(name))))


def head_revision() -> str:
    """The newest migration this imr-etl ships."""
    return known_revisions()[-1]


def upgrade_to_head(engine: Engine) -> None:
    """Bring the database's schema to the newest migration; a no-op when it is there.

    Concurrent callers are serialized, so two first runs on a new database do not both
    create the tables. A database migrated by a newer imr-etl is refused, not touched.
    """
    try:
        with _migration_lock(engine):
            revision = current_revision(engine)
            if revision is not None:
                _refuse_unknown(revision)
            if revision != head_revision():
                _upgrade(engine)
    except DBAPIError as exc:
        raise DatabaseError(describe_failure(exc, engine.url)) from exc


def _upgrade(engine: Engine) -> None:
    from alembic import command
    from alembic.util import CommandError

    try:
        command.upgrade(alembic_config(engine), "head")
    except CommandError as exc:
        raise DatabaseError(f"cannot migrate {safe_url(engine.url)}: {exc}") from exc


def require_head(engine: Engine) -> None:
    """Check, without creating or changing anything, that a warehouse at head is there.

    For the commands that only read: a mistyped path or the wrong directory must not turn
    into a new, empty warehouse that reports zeros.
    """
    path = sqlite_path(engine.url)
    if path is not None and not path.is_file():
        # Checked before connecting: connecting would create the file.
        raise DatabaseError(_no_warehouse(str(path.absolute())))
    try:
        revision = current_revision(engine)
    except DBAPIError as exc:
        raise DatabaseError(describe_failure(exc, engine.url)) from exc
    if revision is None:
        raise DatabaseError(_no_warehouse(safe_url(engine.url)))
    _refuse_unknown(revision)
    if revision != head_revision():
        raise DatabaseError(f"warehouse at revision {revision}, this imr-etl expects "
                            f"{head_revision()}: run `imr-etl db upgrade`")


def current_revision(engine: Engine) -> str | None:
    """The revision stamped in the database; None when no migration ever ran there."""
    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        rows = connection.execute(text("SELECT version_num FROM alembic_version")).scalars()
        return next(iter(rows), None)


def downgrade_to_base(engine: Engine) -> None:
    """Remove every table the migrations made (tests use this)."""
    from alembic import command

    command.downgrade(alembic_config(engine), "base")


def _no_warehouse(where: str) -> str:
    return f"no warehouse at {where}: run `imr-etl db upgrade` or `ingest`"


def _refuse_unknown(revision: str) -> None:
    """A revision this version does not ship came from a newer imr-etl: never guess at it."""
    if revision not in known_revisions():
        raise DatabaseError(
            f"warehouse at revision {revision}, which this imr-etl ({__version__}, newest "
            f"revision {head_revision()}) does not know: it was migrated by a newer imr-etl; "
            "install that version")


@contextmanager
def _migration_lock(engine: Engine) -> Iterator[None]:
    """Hold a lock that every migrating imr-etl process takes on this database."""
    path = sqlite_path(engine.url)
    if path is not None:
        # SQLite's DDL runs outside pysqlite's transactions, so the database's own lock
        # cannot serialize a migration: a lock file beside the database does.
        with _lock_file(path.with_name(path.name + ".lock"), engine):
            yield
        return
    with engine.connect() as connection:
        connection.execute(text("SELECT pg_advisory_lock(:key)"), {"key": MIGRATION_LOCK_KEY})
        connection.commit()
        try:
            yield
        finally:
            connection.execute(text("SELECT pg_advisory_unlock(:key)"),
                               {"key": MIGRATION_LOCK_KEY})
            connection.commit()


@contextmanager
def _lock_file(path: Path, engine: Engine) -> Iterator[None]:
    try:
        handle = path.open("a")
    except OSError as exc:
        raise DatabaseError(f"cannot use the database {safe_url(engine.url)}: cannot create "
                            f"{path}: {exc.strerror}") from exc
    with handle:
        fcntl.flock(handle, fcntl.LOCK_EX)  # released when the file is closed, or the process dies
        yield
