"""A file read by an earlier run is read again only when its signature (size, times, device,
inode) differs from the one stored in input_files, or when its case is gone."""

from __future__ import annotations

import logging
import os
import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, delete, func, select

from imr_etl.db import engine as db_engine
from imr_etl.db.engine import make_engine
from imr_etl.db.schema import cases, input_files
from imr_etl.engine import sources
from imr_etl.load.input_files import KnownFile, remember_files
from imr_etl.pipeline import ingest
from tests.helpers import copy_seeds, seed_paths


@pytest.fixture
def inbox(tmp_path: Path) -> Path:
    return copy_seeds(tmp_path / "inbox")


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the files the run reads, in order."""
    names: list[str] = []
    real_read: Callable[..., Any] = sources.read_file

    def counting_read(path: str, **options: Any) -> Any:
        names.append(os.path.basename(path))
        return real_read(path, **options)

    monkeypatch.setattr(sources, "read_file", counting_read)
    return names


@pytest.fixture
def trust_new_files(monkeypatch: pytest.MonkeyPatch) -> None:
    """The test's files were written a moment ago; their signatures are to be kept anyway."""
    monkeypatch.setattr(sources, "RECENT_CHANGE_NS", -10**12)


def _stored_signatures(engine: Engine) -> int:
    with engine.connect() as connection:
        return connection.execute(select(func.count()).select_from(input_files)).scalar_one()


@pytest.mark.usefixtures("trust_new_files")
def test_an_unchanged_rerun_reads_no_file(engine: Engine, inbox: Path,
                                         reads: list[str]) -> None:
    first = ingest([inbox], engine)
    assert (first.loaded, len(reads)) == (5, 5)
    assert _stored_signatures(engine) == 5
    reads.clear()
    second = ingest([inbox], engine)
    assert (second.loaded, second.unchanged, reads) == (0, 5, [])
    # --reread reads them all, and finds them unchanged by their bytes.
    third = ingest([inbox], engine, reread=True)
    assert (third.unchanged, len(reads)) == (5, 5)


@pytest.mark.usefixtures("trust_new_files")
def test_a_file_rewritten_with_its_size_and_times_kept_is_read_again(
        engine: Engine, inbox: Path, reads: list[str]) -> None:
    ingest([inbox], engine)
    letter = inbox / seed_paths()[0].name
    before = letter.stat()
    text = letter.read_text(encoding="utf-8")
    changed = text.replace("The patient", "THE patient", 1)
    assert changed != text and len(changed) == len(text)
    letter.write_text(changed, encoding="utf-8")
    # Same size, and the modification time set back: only the change time tells.
    os.utime(letter, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert letter.stat().st_size == before.st_size
    reads.clear()

    report = ingest([inbox], engine)

    assert (report.loaded, report.unchanged, reads) == (1, 4, [letter.name])
    with engine.connect() as connection:
        stored = connection.execute(
            select(cases.c.clinical_summary).where(cases.c.source_name == letter.name)
        ).scalar_one()
    assert "THE patient" in stored


def test_a_file_changed_a_moment_ago_is_not_trusted_next_run(
        engine: Engine, inbox: Path, reads: list[str]) -> None:
    ingest([inbox], engine)
    # Written within the last second: its times may not move at its next change.
    assert _stored_signatures(engine) == 0
    reads.clear()
    report = ingest([inbox], engine)
    assert (report.unchanged, len(reads)) == (5, 5)


@pytest.mark.usefixtures("trust_new_files")
def test_a_known_file_whose_case_is_gone_is_read_and_loaded(
        engine: Engine, inbox: Path, reads: list[str]) -> None:
    ingest([inbox], engine)
    name = seed_paths()[1].name
    with engine.begin() as connection:
        connection.execute(delete(cases).where(cases.c.source_name == name))
    reads.clear()

    report = ingest([inbox], engine)

    assert (report.loaded, report.unchanged, reads) == (1, 4, [name])


def test_signatures_a_locked_warehouse_refuses_are_left_for_the_next_run(
        sqlite_engine: Engine, monkeypatch: pytest.MonkeyPatch,
        caplog: pytest.LogCaptureFixture) -> None:
    """The table only saves reading: a write lock held past the wait costs the next run a
    read, never this run its result."""
    monkeypatch.setattr(db_engine, "SQLITE_BUSY_TIMEOUT", 0.05)
    impatient = make_engine(sqlite_engine.url.render_as_string(hide_password=False))
    holder = sqlite3.connect(sqlite_engine.url.database or "", isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another run writing its batch
    try:
        with caplog.at_level(logging.INFO, logger="imr_etl.load"):
            remember_files({"inbox/a.txt": KnownFile("1:2:3:4:5", "ab" * 32)},
                           read_at=datetime(2026, 12, 3, tzinfo=UTC), engine=impatient)
    finally:
        holder.rollback()
        holder.close()
        impatient.dispose()
    assert caplog.messages == ["file signatures not stored (database is locked): the next "
                               "run reads these files again"]
    assert _stored_signatures(sqlite_engine) == 0
