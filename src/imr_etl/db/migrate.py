"""Apply the Alembic migrations through Alembic's API (`imr-etl db upgrade`, and before ingest)."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine

# The migrations ship inside the package, so a regular (non-editable) install can migrate;
# the repository's alembic.ini points at the same folder for developers' `alembic` commands.
MIGRATIONS_DIR = Path(__file__).resolve().parents[1] / "migrations"


def alembic_config(engine: Engine | None = None) -> Config:
    """Alembic's config for this project, bound to `engine`'s URL when given."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.set_main_option("path_separator", "os")
    if engine is not None:
        config.attributes["engine"] = engine
    return config


def upgrade_to_head(engine: Engine) -> None:
    """Bring the database's schema to the newest migration; a no-op when it is there."""
    command.upgrade(alembic_config(engine), "head")


def downgrade_to_base(engine: Engine) -> None:
    """Remove every table the migrations made (tests use this)."""
    command.downgrade(alembic_config(engine), "base")
