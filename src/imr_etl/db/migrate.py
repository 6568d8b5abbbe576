"""Apply the Alembic migrations through Alembic's API (`imr-etl db upgrade`, and before ingest)."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine

# The migrations live at the top of the repository (alembic.ini beside them); in an
# installed wheel they are not shipped, so this module finds them from the source tree.
PROJECT_ROOT = Path(__file__).resolve().parents[3]


def alembic_config(engine: Engine | None = None) -> Config:
    """Alembic's config for this project, bound to `engine`'s URL when given."""
    config = Config(str(PROJECT_ROOT / "alembic.ini"))
    config.set_main_option("script_location", str(PROJECT_ROOT / "migrations"))
    if engine is not None:
        config.attributes["engine"] = engine
    return config


def upgrade_to_head(engine: Engine) -> None:
    """Bring the database's schema to the newest migration; a no-op when it is there."""
    command.upgrade(alembic_config(engine), "head")


def downgrade_to_base(engine: Engine) -> None:
    """Remove every table the migrations made (tests use this)."""
    command.downgrade(alembic_config(engine), "base")
