"""What an operator sees when something is wrong: one line on stderr, exit 1, no password.

And the commands that only read never create or migrate a warehouse.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import Engine, inspect, text
from sqlalchemy.engine import make_url
from typer.testing import CliRunner, Result

import imr_etl
from imr_etl.cli import app
from imr_etl.db.engine import make_engine
from imr_etl.db.migrate import MIGRATIONS_DIR, alembic_config
from imr_etl.db.schema import metadata
from imr_etl.db.search import is_search_object
from imr_etl.pipeline import ingest
from tests.helpers import SEEDS, seed_paths

runner = CliRunner()

PASSWORD = "S3cretPW9"
# Every way of getting the URL wrong that an operator has met; none may print PASSWORD.
BAD_URLS = {
    f"postgresql:/etl:{PASSWORD}@db.example/imr":
        "error: the database URL is malformed: write it as sqlite:///FILE or "
        "postgresql://USER@HOST:PORT/DATABASE",
    "sqlite://relative.db":
        "error: a SQLite URL has three slashes before a relative path (sqlite:///relative.db) "
        "and four before an absolute one",
    "sqlite://":
        "error: a SQLite URL must name a file (sqlite:///FILE): a warehouse in memory would "
        "vanish when the command ends",
    f"postgresql://etl:{PASSWORD}@db.example:notaport/imr":
        "error: the port in the database URL is not a number",
    f"mysql://etl:{PASSWORD}@db.example/imr":
        "error: unsupported database 'mysql': use sqlite:///FILE or "
        "postgresql://USER@HOST:PORT/DATABASE",
    f"postgresql+psycopg2://etl:{PASSWORD}@db.example/imr":
        "error: imr-etl connects to PostgreSQL through psycopg 3, not 'psycopg2': write the URL "
        "as postgresql://…",
}
# Every command that takes a database URL.
DATABASE_COMMANDS = [["ingest", "LETTERS"], ["reprocess"], ["rejected"], ["report"],
                     ["search", "opioids"], ["lexicon", "unmapped"], ["db", "upgrade"],
                     ["db", "grant-readonly", "bi"]]
# The commands that only read: they must find a warehouse at head.
READ_ONLY_COMMANDS = [["rejected"], ["report"], ["lexicon", "unmapped"], ["report", "--html",
                                                                         "OUT"],
                      ["search", "opioids"]]


def _invoke(args: list[str], tmp_path: Path) -> Result:
    args = [str(tmp_path) if arg == "LETTERS" else str(tmp_path / "out.html") if arg == "OUT"
            else arg for arg in args]
    return runner.invoke(app, args)


def _one_error_line(result: Result) -> str:
    assert result.exit_code == 1, result.output
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


@pytest.mark.parametrize("url", BAD_URLS)
@pytest.mark.parametrize("command_args", DATABASE_COMMANDS, ids=" ".join)
def test_a_bad_url_is_one_line_without_the_password(
        url: str, command_args: list[str], tmp_path: Path) -> None:
    result = _invoke([*command_args, "--database-url", url], tmp_path)
    assert _one_error_line(result) == BAD_URLS[url]
    assert PASSWORD not in result.output
    assert list(tmp_path.iterdir()) == []


def test_a_wrong_password_is_not_printed() -> None:
    url = f"postgresql://postgres:{PASSWORD}@127.0.0.1:1/imr"
    result = runner.invoke(app, ["report", "--database-url", url])
    assert _one_error_line(result).startswith(
        "error: cannot use the database postgresql+psycopg://postgres:***@127.0.0.1:1/imr: ")
    assert PASSWORD not in result.output


def test_the_installed_command_prints_no_traceback(tmp_path: Path) -> None:
    """The real entry point, not the test runner: what a scheduler's log would hold."""
    imr_etl_command = Path(sys.executable).with_name("imr-etl")
    url = f"postgresql:/etl:{PASSWORD}@db.example/imr"
    result = subprocess.run([str(imr_etl_command), "report", "--database-url", url],
                            capture_output=True, text=True, cwd=tmp_path, check=False)
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == BAD_URLS[url] + "\n"


@pytest.mark.parametrize("command_args", [["report"], ["search", "treatment"],
                                          ["ingest", "--json", "LETTERS"]], ids=" ".join)
def test_a_reader_gone_away_ends_the_command_quietly(
        command_args: list[str], sqlite_engine: Engine, tmp_path: Path) -> None:
    """`imr-etl … | head`: exit 1 without a word, as click does for --help."""
    imr_etl_command = Path(sys.executable).with_name("imr-etl")
    url = sqlite_engine.url.render_as_string(hide_password=False)
    ingest(seed_paths(), sqlite_engine)
    args = [str(SEEDS) if arg == "LETTERS" else arg for arg in command_args]
    read_end, write_end = os.pipe()
    os.close(read_end)  # no reader from the start: the command's first write fails
    try:
        result = subprocess.run([str(imr_etl_command), *args, "--database-url", url],
                                stdout=write_end, stderr=subprocess.PIPE, text=True,
                                check=False)
    finally:
        os.close(write_end)
    assert (result.returncode, result.stderr) == (1, "")


@pytest.mark.parametrize("command_args", READ_ONLY_COMMANDS, ids=" ".join)
def test_a_read_only_command_does_not_create_a_sqlite_warehouse(
        command_args: list[str], tmp_path: Path) -> None:
    database = tmp_path / "mistyped.db"
    result = _invoke([*command_args, "--database-url", f"sqlite:///{database}"], tmp_path)
    assert _one_error_line(result) == (
        f"error: no warehouse at {database}: run `imr-etl db upgrade` or `ingest`")
    assert list(tmp_path.iterdir()) == []


def test_the_default_warehouse_is_not_created_by_report(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("IMR_ETL_DATABASE_URL", raising=False)
    result = runner.invoke(app, ["report"])
    assert _one_error_line(result) == (
        f"error: no warehouse at {tmp_path / 'imr_warehouse.db'}: run `imr-etl db upgrade` or "
        "`ingest`")
    assert list(tmp_path.iterdir()) == []


def _display(url: str) -> str:
    return make_url(url).set(drivername="postgresql+psycopg").render_as_string(hide_password=True)


@pytest.mark.postgres
@pytest.mark.parametrize("command_args", [["report"], ["db", "grant-readonly", "bi"]],
                         ids=" ".join)
def test_a_read_only_command_does_not_migrate_an_empty_postgresql_database(
        command_args: list[str], empty_postgres_url: str, tmp_path: Path) -> None:
    result = _invoke([*command_args, "--database-url", empty_postgres_url], tmp_path)
    assert _one_error_line(result) == (
        f"error: no warehouse at {_display(empty_postgres_url)}: run `imr-etl db upgrade` or "
        "`ingest`")
    engine = make_engine(empty_postgres_url)
    assert inspect(engine).get_table_names() == []
    engine.dispose()


def _revisions() -> list[str]:
    """The shipped revision ids, oldest first, read from the file names."""
    return sorted(path.name.split("_")[0] for path in (MIGRATIONS_DIR / "versions").glob("*.py"))


# Each command on SQLite; on PostgreSQL, where only the connection differs, a few.
_BY_BACKEND = [
    *[pytest.param("sqlite_engine", args, id=f"sqlite-{' '.join(args)}")
      for args in DATABASE_COMMANDS if args[-1] != "bi"],
    *[pytest.param("postgres_engine", args, id=f"postgresql-{' '.join(args)}",
                   marks=pytest.mark.postgres)
      for args in (["ingest", "LETTERS"], ["report"], ["db", "upgrade"],
                   ["db", "grant-readonly", "bi"])],
]


_WRITING = (["ingest", "LETTERS"], ["reprocess"], ["db", "upgrade"])


@pytest.mark.parametrize(("backend", "command_args"),
                         [param for param in _BY_BACKEND if param.values[1] not in _WRITING])
def test_a_read_only_command_refuses_an_older_revision_and_leaves_it(
        backend: str, command_args: list[str], tmp_path: Path,
        request: pytest.FixtureRequest) -> None:
    engine: Engine = request.getfixturevalue(backend)
    older, head = _revisions()[-2:]
    command.downgrade(alembic_config(engine), older)
    url = engine.url.render_as_string(hide_password=False)
    result = _invoke([*command_args, "--database-url", url], tmp_path)
    assert _one_error_line(result) == (
        f"error: warehouse at revision {older}, this imr-etl expects {head}: "
        "run `imr-etl db upgrade`")
    with engine.connect() as connection:
        assert connection.scalar(text("SELECT version_num FROM alembic_version")) == older


@pytest.mark.parametrize(("backend", "command_args"), _BY_BACKEND)
def test_a_revision_from_a_newer_imr_etl_is_refused_by_every_command(
        backend: str, command_args: list[str], tmp_path: Path,
        request: pytest.FixtureRequest) -> None:
    engine: Engine = request.getfixturevalue(backend)
    with engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    tables = set(inspect(engine).get_table_names())
    url = engine.url.render_as_string(hide_password=False)
    result = _invoke([*command_args, "--database-url", url], tmp_path)
    assert _one_error_line(result) == (
        f"error: warehouse at revision 9999, which this imr-etl ({imr_etl.__version__}, newest "
        f"revision {_revisions()[-1]}) does not know: it was migrated by a newer imr-etl; "
        "install that version")
    assert set(inspect(engine).get_table_names()) == tables
    # The full-text search tables (SQLite FTS5) are not models.
    models = {name for name in tables if not is_search_object(name)}
    assert {"cases", "etl_runs"} <= models <= set(metadata.tables) | {"alembic_version"}
    with engine.connect() as connection:
        assert connection.scalar(text("SELECT version_num FROM alembic_version")) == "9999"


def test_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert (result.exit_code, result.stdout) == (0, f"imr-etl {imr_etl.__version__}\n")


def _all_commands() -> list[list[str]]:
    from typer.main import get_command

    group = get_command(app)
    found = []

    def walk(command_group: object, prefix: list[str]) -> None:
        for name, sub in getattr(command_group, "commands", {}).items():
            if hasattr(sub, "commands"):
                walk(sub, [*prefix, name])
            else:
                found.append([*prefix, name])

    walk(group, [])
    return found


@pytest.mark.parametrize("command_args", [[], *_all_commands()], ids=" ".join)
def test_help_shows_flags_as_flags(command_args: list[str]) -> None:
    result = runner.invoke(app, [*command_args, "--help"])
    assert result.exit_code == 0
    assert "<bool>" not in result.stdout
    assert "--help  " in result.stdout or "--help\n" in result.stdout
    if "--json" in result.stdout:
        assert "  --json  " in result.stdout
    if "--database-url" in result.stdout:
        assert "--database-url URL" in result.stdout


def test_an_unexpected_error_is_one_line_without_the_password(
        sqlite_engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError(f"lost postgresql://etl:{PASSWORD}@db.example/imr\nsecond line")

    monkeypatch.setattr("imr_etl.cli.list_rejected", broken)
    url = sqlite_engine.url.render_as_string(hide_password=False)
    result = runner.invoke(app, ["rejected", "--database-url", url])
    assert _one_error_line(result) == (
        "error: unexpected RuntimeError: lost postgresql://etl:***@db.example/imr "
        "(set IMR_ETL_TRACEBACK=1 to see where)")
