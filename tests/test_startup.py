"""Every command starts by importing the CLI: the libraries only some commands need stay out
of it, a run against a warehouse already at head does not import Alembic, and a run whose
letters are all unchanged does not import the parser."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from imr_etl.db.engine import make_engine
from imr_etl.db.migrate import upgrade_to_head
from imr_etl.pipeline import ingest
from tests.helpers import SEEDS

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


# The parser and what only it uses: worker processes import them, and the main process
# only when it parses a letter itself.
PARSER_MODULES = ("imr_etl.transform.letter", "imr_etl.transform.treatments.classifier", "ftfy")

_RERUN = """
import sys
from pathlib import Path
from imr_etl.cli import app
from imr_etl.db.engine import make_engine
from imr_etl.pipeline import ingest
report = ingest([Path(sys.argv[2])], make_engine(sys.argv[1]), workers=int(sys.argv[3]))
assert report.counts.unchanged == report.counts.seen > 0, report.counts
print(" ".join(name for name in sys.argv[4:] if name in sys.modules))
"""


def test_an_unchanged_rerun_does_not_import_the_parser(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'warehouse.db'}"
    ingest([SEEDS], make_engine(url))
    for workers in ("1", "2"):
        loaded = subprocess.run([sys.executable, "-c", _RERUN, url, str(SEEDS), workers,
                                 *PARSER_MODULES],
                                capture_output=True, text=True, check=True).stdout.split()
        assert loaded == [], workers
