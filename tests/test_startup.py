"""Every command starts by importing the CLI: the libraries only some commands need stay out
of it, and a run against a warehouse already at head does not import Alembic."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from imr_etl.db.engine import make_engine
from imr_etl.db.migrate import upgrade_to_head

LOADED_LATE = ("alembic", "httpx", "bs4", "tenacity", "pypdfium2")

_CHECK = """
import sys
from imr_etl.cli import app
from imr_etl.db.engine import make_engine
from imr_etl.db.migrate import upgrade_to_head
upgrade_to_head(make_engine(sys.argv[1]))
print(" ".join(name for name in sys.argv[2:] if name in sys.modules))
"""


def test_a_run_at_head_imports_no_migration_http_or_pdf_library(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'warehouse.db'}"
    upgrade_to_head(make_engine(url))
    loaded = subprocess.run([sys.executable, "-c", _CHECK, url, *LOADED_LATE],
                            capture_output=True, text=True, check=True).stdout.split()
    assert loaded == []
