"""Settings: where the warehouse is, and where the DWC publishes the letters."""

from __future__ import annotations

import os

DATABASE_URL_ENV = "IMR_ETL_DATABASE_URL"
DEFAULT_DATABASE_URL = "sqlite:///imr_warehouse.db"
# The DWC's public IMR decision search (`fetch`), and the pause between two requests to it.
DWC_SEARCH_URL = "https://www.dir.ca.gov/dwc/imr/IMRDecisionSearch.asp"
DWC_DELAY_SECONDS = 1.0


def database_url(explicit: str | None = None) -> str:
    """The URL given, else $IMR_ETL_DATABASE_URL, else a SQLite file in the current directory."""
    return explicit or os.environ.get(DATABASE_URL_ENV) or DEFAULT_DATABASE_URL
