"""A letter that loads but fails a cross-check of its format: stored with its warnings,
listed by v_parse_warnings, counted in the run's summary and --json."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from sqlalchemy import Engine, select, text
from typer.testing import CliRunner

from imr_etl.cli import app
from imr_etl.db.schema import cases
from imr_etl.pipeline import ingest
from tests.helpers import SEEDS, seed_paths

_SEED = "001_889cb31e74d125a2.txt"


def _letters(folder: Path) -> Path:
    """The seeds, one of them altered to state an impossible age."""
    folder.mkdir()
    for path in seed_paths():
        shutil.copy(path, folder / path.name)
    altered = (SEEDS / _SEED).read_text(encoding="utf-8").replace("a 60 year old", "a 6 year old")
    (folder / "CM99-0000006.txt").write_text(altered, encoding="utf-8")
    (folder / _SEED).unlink()
    return folder


def test_a_warned_letter_loads_with_its_warnings_and_is_listed(
    engine: Engine, tmp_path: Path
) -> None:
    report = ingest([_letters(tmp_path / "letters")], engine)
    assert (report.loaded, report.rejected, report.warned) == (5, 0, 1)
    with engine.connect() as connection:
        stored = dict(connection.execute(select(cases.c.source_name, cases.c.parse_warnings)).all())
        listed = connection.execute(text(
            "SELECT source_name, letter_format, parse_warnings FROM v_parse_warnings")).all()
    assert stored == {path.name: None for path in seed_paths() if path.name != _SEED} | {
        "CM99-0000006.txt": "patient_age"}
    assert [tuple(row) for row in listed] == [("CM99-0000006.txt", "fdl_2014", "patient_age")]
    again = ingest([tmp_path / "letters"], engine)
    assert (again.unchanged, again.warned) == (5, 0)  # only letters loaded by a run count


def test_the_summary_and_json_count_the_warned_letters(tmp_path: Path, sqlite_url: str) -> None:
    runner = CliRunner()
    letters = _letters(tmp_path / "letters")
    result = runner.invoke(app, ["ingest", str(letters), "--database-url", sqlite_url])
    assert result.exit_code == 0, result.output
    assert ("  1 of the loaded letters fail a cross-check of their format: see the view "
            "v_parse_warnings") in result.stdout.splitlines()
    (letters / "CM99-0000006.txt").write_text(
        (SEEDS / _SEED).read_text(encoding="utf-8").replace("a 60 year old", "a 7 year old"),
        encoding="utf-8")
    result = runner.invoke(app, ["ingest", str(letters), "--database-url", sqlite_url, "--json"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert (summary["loaded"], summary["unchanged"], summary["parse_warnings"]) == (1, 4, 1)
