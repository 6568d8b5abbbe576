"""The command line as a scheduler and a person see it: exit codes, summaries, errors."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from imr_etl.cli import app
from tests.helpers import copy_seeds, seed_paths

runner = CliRunner()


def _letters(tmp_path: Path) -> Path:
    return copy_seeds(tmp_path / "letters")


def test_ingest_prints_a_summary_and_exits_0(tmp_path: Path, sqlite_url: str) -> None:
    result = runner.invoke(app, ["ingest", str(_letters(tmp_path)), "--database-url", sqlite_url])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith("ingest: 5 files seen: 5 loaded, 0 unchanged, 0 rejected")
    assert lines[1] == (
        f"warehouse {sqlite_url}: 5 cases, 12 disputed items (1 overturned), "
        "25 guideline citations, 0 rejected letters"
    )


def test_second_ingest_reports_everything_unchanged(tmp_path: Path, sqlite_url: str) -> None:
    letters = _letters(tmp_path)
    runner.invoke(app, ["ingest", str(letters), "--database-url", sqlite_url])
    result = runner.invoke(app, ["ingest", str(letters), "--database-url", sqlite_url, "--json"])
    assert result.exit_code == 0
    summary = json.loads(result.stdout)
    assert (
        summary["files_seen"],
        summary["loaded"],
        summary["unchanged"],
        summary["rejected"],
    ) == (5, 0, 5, 0)
    assert summary["status"] == "succeeded"
    assert summary["warehouse"]["disputed_items"] == 12


def test_a_rejected_letter_gives_exit_code_3(tmp_path: Path, sqlite_url: str) -> None:
    letters = _letters(tmp_path)
    (letters / "notes.txt").write_text("Meeting notes: nothing to do with IMR.\n")
    result = runner.invoke(app, ["ingest", str(letters), "--database-url", sqlite_url])
    assert result.exit_code == 3
    assert (
        "  rejected notes.txt [transform]: not an IMR final determination letter: none of "
        "its section headings"
    ) in result.stdout
    listed = runner.invoke(app, ["rejected", "--database-url", sqlite_url])
    assert listed.exit_code == 0
    assert listed.stdout.startswith("notes.txt  [transform] not an IMR final determination letter")


def test_unreachable_database_is_one_line_without_password(tmp_path: Path) -> None:
    url = "postgresql://analyst:s3cret-pw@127.0.0.1:1/warehouse"
    result = runner.invoke(app, ["ingest", str(_letters(tmp_path)), "--database-url", url])
    assert result.exit_code == 1
    assert "s3cret-pw" not in result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(
        "error: cannot use the database postgresql+psycopg://analyst:***@127.0.0.1:1/warehouse: "
    )
    assert "Traceback" not in result.output


def test_database_url_from_the_environment(tmp_path: Path, sqlite_url: str) -> None:
    result = runner.invoke(
        app, ["ingest", str(_letters(tmp_path))], env={"IMR_ETL_DATABASE_URL": sqlite_url}
    )
    assert result.exit_code == 0
    assert sqlite_url in result.stdout


def test_missing_path_is_a_usage_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["ingest", str(tmp_path / "nope")])
    assert result.exit_code == 2


def test_parse_prints_the_record_as_json() -> None:
    result = runner.invoke(app, ["parse", str(seed_paths()[3])])
    assert result.exit_code == 0
    record = json.loads(result.stdout)
    assert record["case_key"] == "003_07ba6293188c7f5b.txt"
    assert [(i["request_text"], i["decision"]) for i in record["items"]] == [
        ("Carisoprodol 350 mg QTY: 30.00", "upheld"),
        ("Oxycodone 10 mg QTY: 270.00", "overturned"),
    ]


def test_db_upgrade(sqlite_url: str) -> None:
    result = runner.invoke(app, ["db", "upgrade", "--database-url", sqlite_url])
    assert result.exit_code == 0
    assert result.stdout.strip() == f"Schema is up to date: {sqlite_url}"


def test_every_command_has_help() -> None:
    for command in (["ingest"], ["parse"], ["reprocess"], ["rejected"], ["db", "upgrade"]):
        result = runner.invoke(app, [*command, "--help"])
        assert result.exit_code == 0
        assert "Usage" in result.stdout
