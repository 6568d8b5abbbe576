"""Runs as a scheduler sees them, in real processes: stopped by a signal, killed with -9,
and four sharded runs at once into one database."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select, text
from sqlalchemy.engine import make_url

from imr_etl.db.engine import make_engine
from imr_etl.db.migrate import upgrade_to_head
from imr_etl.db.schema import cases, etl_runs
from imr_etl.engine import parsing
from imr_etl.engine.sources import shard_of
from imr_etl.load.lexicon import sync_lexicon
from imr_etl.pipeline import ingest
from imr_etl.transform.treatments import load_lexicon
from tests.helpers import CASES, POSTGRES_URL, real_letter_paths, seed_paths, snapshot


def _letters(folder: Path, copies: int) -> None:
    """Seed letters made distinct by trailing blank lines: `copies` x 5 cases."""
    folder.mkdir()
    for copy in range(copies):
        for seed in seed_paths():
            (folder / f"{copy:04d}_{seed.name}").write_bytes(seed.read_bytes() + b"\n" * copy)


def _cli(*args: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen([sys.executable, "-m", "imr_etl", *args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _descendants(pid: int) -> set[int]:
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            parent = int(stat.rsplit(")", 1)[1].split()[1])
            children.setdefault(parent, []).append(int(entry))
    found, todo = set(), [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.add(child)
            todo.append(child)
    return found


def _running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _wait_for(condition: Callable[[], bool], seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


def _run_row(engine: Engine) -> dict[str, object]:
    with engine.connect() as connection:
        row = connection.execute(select(etl_runs).order_by(etl_runs.c.run_id)).first()
    return dict(row._mapping) if row else {}


def _case_count(engine: Engine) -> int:
    with engine.connect() as connection:
        return int(connection.scalar(select(func.count()).select_from(cases)) or 0)


def _start_busy_run(engine: Engine, folder: Path) -> subprocess.Popen[bytes]:
    """An ingest that has committed batches and has its parser processes running."""
    url = engine.url.render_as_string(hide_password=False)
    process = _cli("ingest", str(folder), "--database-url", url, "--batch-size", "20",
                   "--workers", "2")
    committed = _wait_for(lambda: int(_run_row(engine).get("files_loaded") or 0) > 0, 60)
    assert committed, process.stderr.read().decode() if process.poll() is not None else ""
    assert process.poll() is None, "the run ended before it could be stopped: more letters"
    assert _wait_for(lambda: len(_descendants(process.pid)) >= 2, 20)
    return process


@pytest.mark.parametrize(("signum", "exit_code"), [(signal.SIGTERM, 143),
                                                    (signal.SIGINT, 130),
                                                    (signal.SIGHUP, 129)])
def test_a_signal_stops_the_run_after_its_batch_and_marks_it_interrupted(
    engine: Engine, tmp_path: Path, signum: int, exit_code: int
) -> None:
    _letters(tmp_path / "in", 300)
    process = _start_busy_run(engine, tmp_path / "in")
    helpers = _descendants(process.pid)
    process.send_signal(signum)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == exit_code, stderr.decode()
    run = _run_row(engine)
    assert run["status"] == "interrupted"
    assert run["finished_at"] is not None
    # The counts are those of the batches that committed, and add up.
    assert run["files_loaded"] == _case_count(engine)
    assert 0 < _case_count(engine) < 1500
    assert run["files_seen"] == sum(int(run[f"files_{outcome}"]) for outcome in (  # type: ignore[call-overload]
        "loaded", "unchanged", "rejected", "duplicate"))
    assert _wait_for(lambda: not any(_running(pid) for pid in helpers), 15), [
        pid for pid in helpers if _running(pid)]
    # The next run finishes the job.
    report = ingest([tmp_path / "in"], engine, workers=2)
    assert report.loaded + report.unchanged == 1500
    assert _case_count(engine) == 1500


def test_after_kill_9_the_workers_leave_and_the_next_run_marks_the_run_abandoned(
    engine: Engine, tmp_path: Path
) -> None:
    _letters(tmp_path / "in", 300)
    process = _start_busy_run(engine, tmp_path / "in")
    helpers = _descendants(process.pid)
    assert len(helpers) >= 3  # two parser processes and multiprocessing's resource tracker
    process.kill()
    process.wait()
    assert _wait_for(lambda: not any(_running(pid) for pid in helpers), 15), [
        pid for pid in helpers if _running(pid)]
    killed = _run_row(engine)
    assert killed["status"] == "running"
    assert killed["files_loaded"] == _case_count(engine) > 0  # counts kept as batches commit
    ingest(seed_paths(), engine)
    with engine.connect() as connection:
        statuses = connection.execute(
            select(etl_runs.c.status, etl_runs.c.pid, etl_runs.c.finished_at)
            .order_by(etl_runs.c.run_id)).all()
    assert [status for status, _, _ in statuses] == ["abandoned", "succeeded"]
    assert statuses[0].pid == process.pid
    assert statuses[0].finished_at is not None


def _shard_inputs(folder: Path) -> None:
    """Every kind of input: seeds, the published PDFs, one case in two versions (a
    duplicate), a rejected file, and a copy of a letter under another name."""
    folder.mkdir()
    for path in [*seed_paths(), *real_letter_paths(), *sorted((CASES / "formats").glob("*.txt"))]:
        (folder / path.name).write_bytes(path.read_bytes())
    letter = (CASES / "formats" / "fdl_2013_two_items_upheld.txt").read_text()
    (folder / "re-issued.txt").write_text(letter.replace("Dated: 10/15/2013", "Dated: 10/16/2013"))
    (folder / "junk.txt").write_text("Dear customer, your parcel is on its way.")
    (folder / "copy of CM17-0007857.pdf").write_bytes(
        (CASES / "published" / "CM17-0007857.pdf").read_bytes())


@pytest.mark.parametrize("backend", ["sqlite", pytest.param("postgres",
                                                            marks=pytest.mark.postgres)])
def test_four_concurrent_shards_load_what_one_run_loads(
    request: pytest.FixtureRequest, backend: str, tmp_path: Path
) -> None:
    single: Engine = request.getfixturevalue(f"{backend}_engine")
    _shard_inputs(tmp_path / "in")
    # The two versions of one case, and the two copies of one letter, fall in other shards:
    # their runs race for the same row.
    assert shard_of("fdl_2013_two_items_upheld.txt", 4) != shard_of("re-issued.txt", 4)
    assert shard_of("CM17-0007857.pdf", 4) != shard_of("copy of CM17-0007857.pdf", 4)
    whole = ingest([tmp_path / "in"], single)
    sharded = _sharded_engine(request, backend, tmp_path)
    url = sharded.url.render_as_string(hide_password=False)
    processes = [_cli("ingest", str(tmp_path / "in"), "--database-url", url, "--shard",
                      f"{k}/4", "--workers", "1", "--batch-size", "5", "--json")
                 for k in range(1, 5)]
    summaries = []
    for process in processes:
        stdout, stderr = process.communicate(timeout=300)
        assert process.returncode in (0, 3), stderr.decode()
        summaries.append(json.loads(stdout))
    assert sum(s["files_seen"] for s in summaries) == whole.seen
    assert sum(s["rejected"] for s in summaries) == whole.rejected == 1
    # When the losing version of the duplicated case commits first, its run did write it
    # (and says so), and the winner's run then replaces it: loaded + duplicate is fixed.
    assert sum(s["loaded"] + s["duplicate"] for s in summaries) == whole.loaded + 1
    assert whole.duplicate == 1
    assert snapshot(sharded, with_ids=False) == snapshot(single, with_ids=False)


def _sharded_engine(request: pytest.FixtureRequest, backend: str, tmp_path: Path) -> Engine:
    """A second migrated warehouse with its lexicon tables filled, as after a first run."""
    if backend == "sqlite":
        engine = make_engine(f"sqlite:///{tmp_path / 'sharded.db'}")
        upgrade_to_head(engine)
    else:
        engine = request.getfixturevalue("postgres_second_engine")
    with engine.begin() as connection:
        sync_lexicon(load_lexicon(), loaded_at=datetime.now(UTC), connection=connection)
    return engine


@pytest.fixture
def postgres_second_engine(postgres_admin: Engine | None,
                           postgres_template: str) -> Iterator[Engine]:
    """Another PostgreSQL warehouse at head beside `postgres_engine`, dropped afterwards."""
    assert postgres_admin is not None
    name = f"imr_test_{uuid.uuid4().hex[:12]}"
    with postgres_admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{postgres_template}"'))
    engine = make_engine(make_url(POSTGRES_URL).set(database=name).render_as_string(
        hide_password=False))
    yield engine
    engine.dispose()
    with postgres_admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


def test_reprocess_and_ingest_at_once_lose_no_update(engine: Engine, tmp_path: Path) -> None:
    """Reprocess (a new lexicon: every case to rewrite) while ingest loads a new version of
    every letter: each case ends with ingest's version, whatever the interleaving."""
    folder = tmp_path / "in"
    _letters(folder, 100)
    ingest([folder], engine)
    for path in folder.iterdir():  # new bytes, same rows: a re-download
        path.write_bytes(path.read_bytes() + b"\n\n")
    lexicon = tmp_path / "lexicon"
    shutil.copytree(Path(parsing.__file__).parents[1] / "lexicon", lexicon)
    drugs = lexicon / "drugs.csv"
    drugs.write_text(drugs.read_text().replace(",muscle relaxant,", ",sedative,"))
    url = engine.url.render_as_string(hide_password=False)
    reprocessing = _cli("reprocess", "--database-url", url, "--lexicon-dir", str(lexicon),
                        "--batch-size", "20", "--workers", "1", "--json")
    ingesting = _cli("ingest", str(folder), "--database-url", url, "--batch-size", "20",
                     "--workers", "1", "--json")
    results = {}
    for name, process in (("reprocess", reprocessing), ("ingest", ingesting)):
        stdout, stderr = process.communicate(timeout=600)
        assert process.returncode == 0, stderr.decode()
        results[name] = json.loads(stdout)
    assert results["ingest"]["loaded"] == 500
    expected = {path.name: hashlib.sha256(path.read_bytes()).hexdigest()
                for path in folder.iterdir()}
    with engine.connect() as connection:
        stored = dict(connection.execute(select(cases.c.case_key, cases.c.content_sha256)).all())
    assert stored == expected
