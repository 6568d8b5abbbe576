"""Settings: where the warehouse is."""

from __future__ import annotations

import os

DATABASE_URL_ENV = "IMR_ETL_DATABASE_URL"
DEFAULT_DATABASE_URL = "sqlite:///imr_warehouse.db"


def database_url(explicit: str | None = None) -> str:
    """The URL given, else $IMR_ETL_DATABASE_URL, else a SQLite file in the current directory."""
    return explicit or os.environ.get(DATABASE_URL_ENV) or DEFAULT_DATABASE_URL
