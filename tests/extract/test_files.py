"""Files that are not plain letter files: devices, FIFOs, lying sizes, names that are not UTF-8.

Each must end as one rejection (or one loaded letter) and the run must go on.
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import Engine, select
from typer.testing import CliRunner

from imr_etl.cli import app
from imr_etl.db.schema import cases, rejected_letters
from imr_etl.errors import ExtractError
from imr_etl.extract.files import iter_letter_paths, read_bytes
from tests.helpers import seed_paths
from tests.pdfs import binary_junk

IMR_ETL = str(Path(sys.executable).with_name("imr-etl"))


def _limit_memory() -> None:
    # Should a device be read to the end, fail fast instead of eating the machine's memory.
    resource.setrlimit(resource.RLIMIT_AS, (2 * 1024**3, 2 * 1024**3))


def _ingest_subprocess(folder: Path, url: str) -> subprocess.CompletedProcess[str]:
    """A run in its own process, bounded in time and memory, as a scheduler would start it."""
    return subprocess.run([IMR_ETL, "ingest", str(folder), "--database-url", url, "--json",
                           "--workers", "1"], capture_output=True, text=True, timeout=60,
                          preexec_fn=_limit_memory, check=False)


def _inbox(tmp_path: Path) -> Path:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    shutil.copy(seed_paths()[0], inbox / seed_paths()[0].name)
    return inbox


def test_a_device_and_a_fifo_named_txt_are_rejected_and_the_run_goes_on(
        tmp_path: Path, sqlite_url: str) -> None:
    inbox = _inbox(tmp_path)
    (inbox / "zero.txt").symlink_to("/dev/zero")
    os.mkfifo(inbox / "pipe.txt")
    result = _ingest_subprocess(inbox, sqlite_url)
    assert result.returncode == 3, result.stderr
    summary = json.loads(result.stdout)
    assert (summary["loaded"], summary["rejected"]) == (1, 2)
    assert sorted((r["source_name"], r["stage"], r["reason"]) for r in summary["rejections"]) == [
        ("pipe.txt", "extract",
         "not a regular file but a FIFO (named pipe): only letter files are read"),
        ("zero.txt", "extract",
         "not a regular file but a character device: only letter files are read"),
    ]


def test_a_symlink_to_a_letter_is_read(tmp_path: Path) -> None:
    link = tmp_path / "link.txt"
    link.symlink_to(seed_paths()[0])
    assert read_bytes(link) == seed_paths()[0].read_bytes()


def test_folders_are_walked_in_name_order_files_first_without_following_links(
        tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    (inbox / "b").mkdir(parents=True)
    (inbox / "a" / "deep").mkdir(parents=True)
    for name in ("z.txt", "a.PDF", "b/x.txt", "a/deep/y.pdf", "a/notes.md", "a/m.txt"):
        (inbox / name).write_bytes(b"letter")
    (inbox / "link.txt").symlink_to(inbox / "z.txt")
    (inbox / "c").symlink_to(inbox / "b")  # a link to a folder: its letters would count twice
    os.mkfifo(inbox / "pipe.txt")
    given = tmp_path / "given.md"
    given.write_bytes(b"named by the operator")

    found = list(iter_letter_paths([inbox, given]))

    top = f"{inbox}/"
    assert found == [(top + name, name) for name in (
        "a.PDF", "link.txt", "pipe.txt", "z.txt", "a/m.txt", "a/deep/y.pdf", "b/x.txt")] + [
        (str(given), "given.md")]


def test_a_path_given_twice_or_inside_a_folder_given_is_walked_once(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    (inbox / "2016").mkdir(parents=True)
    for name in ("a.txt", "2016/b.txt"):
        (inbox / name).write_bytes(b"letter")
    sibling = tmp_path / "inbox-2017"  # its name starts like the folder's, but is not inside
    sibling.mkdir()
    (sibling / "c.txt").write_bytes(b"letter")

    found = list(iter_letter_paths([inbox / "2016", inbox / "a.txt", inbox, inbox / ".",
                                    sibling]))

    assert found == [(f"{inbox}/a.txt", "a.txt"), (f"{inbox}/2016/b.txt", "2016/b.txt"),
                     (f"{sibling}/c.txt", "c.txt")]


def test_a_folder_that_cannot_be_read_is_a_warning_and_the_walk_goes_on(
        tmp_path: Path, sqlite_url: str, monkeypatch: pytest.MonkeyPatch,
        caplog: pytest.LogCaptureFixture) -> None:
    inbox = tmp_path / "inbox"
    (inbox / "locked").mkdir(parents=True)
    (inbox / "locked" / "hidden.txt").write_bytes(b"letter")
    shutil.copy(seed_paths()[0], inbox / "open.txt")
    real_scandir = os.scandir

    def scandir(path: str) -> object:
        # Permissions cannot lock root (which runs CI) out of a folder; the error can.
        if path.rstrip("/").endswith("locked"):
            raise PermissionError(13, "Permission denied", path)
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    assert [relative for _, relative in iter_letter_paths([inbox])] == ["open.txt"]
    warning = (f"cannot read the folder {inbox}/locked (Permission denied): its letters are "
               "not loaded")
    assert caplog.messages == [warning]

    # A run walks the folders to count them (with --shard, twice) and to read them: one warning.
    result = CliRunner().invoke(app, ["ingest", str(inbox), "--database-url", sqlite_url,
                                      "--workers", "1", "--shard", "1/1"])
    assert result.exit_code == 0, result.output
    assert [line.split(" ", 1)[1] for line in result.stderr.splitlines()] == [
        f"warning imr_etl.extract: {warning}"]
    assert result.stdout.startswith("ingest: 1 files seen: 1 loaded")


def test_the_size_limit_is_enforced_on_what_is_read_not_on_the_reported_size(
        tmp_path: Path) -> None:
    # Files in /proc are regular files that report a size of 0 whatever they hold.
    link = tmp_path / "maps.txt"
    link.symlink_to("/proc/self/maps")
    assert link.stat().st_size == 0
    with pytest.raises(ExtractError) as caught:
        read_bytes(link, max_bytes=100)
    assert caught.value.reason == (
        "the file is larger than that, more than the 100-byte limit for one letter (its first "
        "64 KiB are kept); split it, or raise --max-bytes if it really is one letter")
    assert caught.value.content is not None and len(caught.value.content) == 101
    # At the limit exactly, the file is read whole.
    exact = tmp_path / "exact.txt"
    exact.write_bytes(b"x" * 100)
    assert read_bytes(exact, max_bytes=100) == b"x" * 100


def test_file_names_that_are_not_utf8_are_stored_escaped(engine: Engine, tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    seed = seed_paths()[0]
    letter_name = b"caf\xe9_" + os.fsencode(seed.name)  # Latin-1 bytes, not UTF-8
    shutil.copy(seed, os.path.join(os.fsencode(inbox), letter_name))
    junk_name = b"\xff\xfe_junk.txt"
    Path(os.fsdecode(os.path.join(os.fsencode(inbox), junk_name))).write_bytes(binary_junk())
    url = engine.url.render_as_string(hide_password=False)

    result = CliRunner().invoke(app, ["ingest", str(inbox), "--database-url", url, "--json"])
    assert result.exit_code == 3, result.output
    summary = json.loads(result.stdout)
    assert (summary["loaded"], summary["rejected"]) == (1, 1)
    with engine.connect() as connection:
        assert connection.execute(select(cases.c.source_name)).scalars().all() == [
            "caf\\xe9_" + seed.name]
        assert connection.execute(
            select(rejected_letters.c.source_name, rejected_letters.c.source_path)).all() == [
            # source_path: the input's path relative to the ingest root (its identity).
            ("\\xff\\xfe_junk.txt", "\\xff\\xfe_junk.txt")]

    # A second run finds both again: the letter unchanged, the junk still rejected.
    again = CliRunner().invoke(app, ["ingest", str(inbox), "--database-url", url, "--json"])
    assert again.exit_code == 3, again.output
    summary = json.loads(again.stdout)
    assert (summary["unchanged"], summary["rejected"]) == (1, 1)


def test_a_folder_without_letters_is_named_in_a_warning(tmp_path: Path, sqlite_url: str) -> None:
    empty = tmp_path / "mnt" / "letters"
    empty.mkdir(parents=True)
    (empty / "README.md").write_text("not a letter")
    letters = _inbox(tmp_path)
    result = CliRunner().invoke(app, ["ingest", str(empty), str(letters), "--database-url",
                                      sqlite_url])
    assert result.exit_code == 0, result.output
    assert result.stderr == f"warning: no letter files (.txt, .pdf) in {empty}\n"
    assert result.stdout.startswith("ingest: 1 files seen: 1 loaded")
