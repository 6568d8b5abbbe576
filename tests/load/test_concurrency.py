"""Several runs at once on a database that does not exist yet (a scheduler starting two jobs).

Each process migrates the new database and syncs the lexicon tables; they must take turns,
and every run's letters must end in the warehouse.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import func, select

from imr_etl.db.engine import make_engine
from imr_etl.db.schema import cases, etl_runs, lexicon_drugs, lexicon_versions
from imr_etl.transform.treatments import load_lexicon
from tests.helpers import real_letter_paths, seed_paths

RUNS = 3


def _letter_folders(tmp_path: Path) -> list[Path]:
    """RUNS folders, each with its own letters: a seed and a share of the published letters."""
    folders = [tmp_path / f"letters{n}" for n in range(RUNS)]
    for folder in folders:
        folder.mkdir()
    letters = seed_paths()[:RUNS] + real_letter_paths()[: 4 * RUNS]
    for n, path in enumerate(letters):
        shutil.copy(path, folders[n % RUNS] / path.name)
    return folders


@pytest.mark.parametrize("url_fixture", [
    "sqlite_url", pytest.param("empty_postgres_url", marks=pytest.mark.postgres)])
def test_concurrent_first_runs_on_a_new_database_all_load(
        url_fixture: str, tmp_path: Path, request: pytest.FixtureRequest) -> None:
    url: str = request.getfixturevalue(url_fixture)
    folders = _letter_folders(tmp_path)
    command = str(Path(sys.executable).with_name("imr-etl"))
    env = {**os.environ, "IMR_ETL_DATABASE_URL": url}
    runs = [subprocess.Popen([command, "ingest", str(folder), "--workers", "1"], env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for folder in folders]
    outcomes = [(run.wait(timeout=300), *run.communicate()) for run in runs]
    assert [code for code, _, _ in outcomes] == [0] * RUNS, outcomes

    engine = make_engine(url)
    expected = sorted(path.name for folder in folders for path in folder.iterdir())
    with engine.connect() as connection:
        assert sorted(connection.scalars(select(cases.c.source_name))) == expected
        assert connection.scalar(select(func.count()).select_from(etl_runs)) == RUNS
        assert list(connection.scalars(select(lexicon_versions.c.version))) == [
            load_lexicon().version]
        assert connection.scalar(select(func.count()).select_from(lexicon_drugs)) == len(
            {drug.term for drug in load_lexicon().drugs})
    engine.dispose()
