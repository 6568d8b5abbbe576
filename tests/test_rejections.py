"""Damaged and foreign input through `imr-etl ingest`: every file accounted for, on both backends.

A nightly run meets good letters and one file of each damaged class. Each bad file is
rejected with a reason a person can act on and kept with its bytes; the good letters load;
the counts add up to the files seen; the exit code is 3. A fixed file loads on the next run
and leaves rejected_letters.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, select
from typer.testing import CliRunner

from imr_etl.cli import EXIT_OK, EXIT_REJECTED, app
from imr_etl.db.schema import cases, etl_runs, rejected_letters
from tests.helpers import CASES, seed_paths
from tests.pdfs import binary_junk, damaged_pdf, letter_pdf, scanned_pdf

MAX_BYTES = 100_000
OVERSIZE_SAMPLE = 64 * 1024

GOOD_LETTERS = seed_paths() + sorted((CASES / "formats").glob("*.txt"))


def _seed_text(index: int) -> str:
    return seed_paths()[index].read_text(encoding="utf-8")


def bad_files() -> dict[str, bytes]:
    """One file of each damaged or foreign class, by the name it is saved under."""
    seed_001 = _seed_text(1)
    return {
        "empty.txt": b"",
        "junk.txt": binary_junk(),
        "damaged.pdf": damaged_pdf(letter_pdf(_seed_text(0))),
        "scanned.pdf": scanned_pdf(pages=2),
        "minutes.txt": b"Minutes of the claims unit meeting\nAttendees: five adjusters.\n"
                       b"Item 1: the new fax machine. Item 2: parking.\n",
        "cut_off.txt": _seed_text(2).split("IMR ISSUES")[0].encode(),
        "pending.txt": seed_001.replace(":  Upheld", ":  Pending", 1).encode(),
        "huge.txt": (seed_001.encode() + b"\n") * (2 * MAX_BYTES // len(seed_001.encode())),
        "two_letters.txt": (_seed_text(3) + "\n" + _seed_text(4)).encode(),
    }


# What each bad file is rejected as: (stage, reason), or (stage, start of the reason) where
# the reason quotes the PDF library's own words.
EXPECTED_REJECTIONS = {
    "empty.txt": ("extract", "the file is empty: re-fetch the letter"),
    "junk.txt": ("extract", "the file is binary, not text or PDF: check what was downloaded"),
    "damaged.pdf": ("extract", "the PDF is damaged or not a PDF ("),
    "scanned.pdf": ("extract", "the PDF has no text layer (2 page(s) of images, probably a "
                               "scan): run OCR on it and ingest the result"),
    "minutes.txt": ("transform", "not an IMR final determination letter: none of its section "
                                 "headings (e.g. 'HOW THE IMR FINAL DETERMINATION WAS MADE') "
                                 "were found"),
    "cut_off.txt": ("transform", "the letter is cut off before its decisions: no 'IMR ISSUES, "
                                 "DECISIONS AND RATIONALES' section; re-fetch the complete letter"),
    "pending.txt": ("transform", "item 1 ('Norco 10/325mg #60') has the decision 'Pending', "
                                 "neither Upheld nor Overturned"),
    "huge.txt": ("extract", "the file is {size:,} bytes, more than the 100,000-byte limit for "
                            "one letter (its first 64 KiB are kept); split it, or raise "
                            "--max-bytes if it really is one letter"),
    "two_letters.txt": ("transform", "the file holds 2 letters run together ('HOW THE IMR FINAL "
                                     "DETERMINATION WAS MADE' 2 times): split it into one file "
                                     "per letter and ingest those"),
}


@pytest.fixture
def inbox(tmp_path: Path) -> Path:
    """A crawler's night: the good letters and one file of each bad class, side by side."""
    directory = tmp_path / "inbox"
    directory.mkdir()
    for path in GOOD_LETTERS:
        shutil.copy(path, directory / path.name)
    for name, content in bad_files().items():
        (directory / name).write_bytes(content)
    return directory


def run_cli(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout


def ingest(inbox: Path, url: str, *extra: str) -> tuple[int, str]:
    return run_cli("ingest", str(inbox), "--database-url", url, "--max-bytes", str(MAX_BYTES),
                   *extra)


def rows(engine: Engine, table: Any) -> list[dict[str, Any]]:
    with engine.connect() as connection:
        return [dict(row._mapping) for row in connection.execute(select(table))]


def _expected_reason(name: str, inbox: Path) -> str:
    reason = EXPECTED_REJECTIONS[name][1]
    return reason.format(size=(inbox / name).stat().st_size) if name == "huge.txt" else reason


def _reason_matches(name: str, reason: str, inbox: Path) -> bool:
    expected = _expected_reason(name, inbox)
    return reason.startswith(expected) if name == "damaged.pdf" else reason == expected


def test_every_file_is_loaded_or_rejected_with_its_reason(engine: Engine, inbox: Path) -> None:
    url = engine.url.render_as_string(hide_password=False)
    exit_code, output = ingest(inbox, url, "--json")
    assert exit_code == EXIT_REJECTED
    summary = json.loads(output)
    n_files, n_good, n_bad = len(list(inbox.iterdir())), len(GOOD_LETTERS), len(bad_files())
    assert (summary["files_seen"], summary["loaded"], summary["unchanged"],
            summary["rejected"]) == (n_files, n_good, 0, n_bad)
    assert summary["loaded"] + summary["unchanged"] + summary["rejected"] == summary["files_seen"]
    assert summary["status"] == "rejections"

    # Each rejection names its stage and a reason a person can act on.
    reported = {r["source_name"]: (r["stage"], r["reason"]) for r in summary["rejections"]}
    assert set(reported) == set(EXPECTED_REJECTIONS)
    for name, (stage, reason) in reported.items():
        assert stage == EXPECTED_REJECTIONS[name][0], name
        assert _reason_matches(name, reason, inbox), (name, reason)

    # The rejected inputs are kept with their raw content (an oversized file's first 64 KiB).
    stored = {row["source_name"]: row for row in rows(engine, rejected_letters)}
    assert set(stored) == set(EXPECTED_REJECTIONS)
    for name, row in stored.items():
        content = (inbox / name).read_bytes()
        assert bytes(row["raw_content"]) == (content[:OVERSIZE_SAMPLE] if name == "huge.txt"
                                             else content), name
        assert row["content_sha256"] == hashlib.sha256(bytes(row["raw_content"])).hexdigest()
        assert (row["stage"], row["reason"]) == reported[name]

    # The good letters loaded; nothing offered is lost.
    loaded = {row["source_name"]: row["letter_format"] for row in rows(engine, cases)}
    assert set(loaded) == {path.name for path in GOOD_LETTERS}
    # Each case records the layout it was parsed as.
    assert {name: fmt for name, fmt in loaded.items() if fmt != "fdl_2014"} == {
        "fdl_2013_overturned_without_case_number.txt": "fdl_2013",
        "fdl_2013_two_items_upheld.txt": "fdl_2013",
        "mpr_single_issue.txt": "mpr", "mpr_two_issues.txt": "mpr"}
    assert set(loaded) | set(stored) == {path.name for path in inbox.iterdir()}

    (run,) = rows(engine, etl_runs)
    assert (run["status"], run["files_seen"], run["files_loaded"], run["files_unchanged"],
            run["files_rejected"]) == ("rejections", n_files, n_good, 0, n_bad)
    assert run["files_loaded"] + run["files_unchanged"] + run["files_rejected"] == (
        run["files_seen"])


def test_a_fixed_file_loads_and_leaves_rejected_letters(engine: Engine, inbox: Path) -> None:
    url = engine.url.render_as_string(hide_password=False)
    ingest(inbox, url)
    first_seen = {row["source_name"]: row["first_seen_at"]
                  for row in rows(engine, rejected_letters)}

    (inbox / "cut_off.txt").write_text(_seed_text(2), encoding="utf-8")  # re-fetched whole
    exit_code, output = ingest(inbox, url, "--json")
    summary = json.loads(output)
    assert exit_code == EXIT_REJECTED
    n_good = len(GOOD_LETTERS)
    assert (summary["files_seen"], summary["loaded"], summary["unchanged"],
            summary["rejected"]) == (n_good + len(bad_files()), 1, n_good, len(bad_files()) - 1)

    stored = {row["source_name"]: row for row in rows(engine, rejected_letters)}
    assert set(stored) == set(EXPECTED_REJECTIONS) - {"cut_off.txt"}
    assert "cut_off.txt" in {row["source_name"] for row in rows(engine, cases)}
    for name, row in stored.items():  # still rejected: first seen then, last seen now
        assert row["first_seen_at"] == first_seen[name]
        assert row["last_seen_at"] >= row["first_seen_at"]

    # `imr-etl rejected` lists what is left, for people and for scripts.
    exit_code, listing = run_cli("rejected", "--database-url", url)
    assert exit_code == EXIT_OK
    lines = listing.splitlines()
    assert len(lines) == len(stored)
    for name in stored:
        (line,) = [line for line in lines if line.startswith(f"{name}  ")]
        stage = EXPECTED_REJECTIONS[name][0]
        assert f"[{stage}] {_expected_reason(name, inbox)}" in line
    exit_code, listing = run_cli("rejected", "--database-url", url, "--json")
    assert {row["source_name"]: row["reason"] for row in json.loads(listing)} == {
        name: row["reason"] for name, row in stored.items()}

    # With the bad files gone, the run has nothing to reject and exits 0.
    for name in stored:
        (inbox / name).unlink()
    exit_code, output = ingest(inbox, url)
    assert exit_code == EXIT_OK
    assert output.startswith(f"ingest: {n_good + 1} files seen: 0 loaded, {n_good + 1} unchanged, "
                             "0 rejected")


def test_a_rejected_file_offered_unchanged_is_rejected_again(engine: Engine,
                                                              inbox: Path) -> None:
    url = engine.url.render_as_string(hide_password=False)
    ingest(inbox, url)
    exit_code, output = ingest(inbox, url, "--json")
    summary = json.loads(output)
    assert exit_code == EXIT_REJECTED
    assert (summary["loaded"], summary["unchanged"], summary["rejected"]) == (
        0, len(GOOD_LETTERS), len(bad_files()))
    assert len(rows(engine, rejected_letters)) == len(bad_files())
    assert [run["files_rejected"] for run in rows(engine, etl_runs)] == [len(bad_files())] * 2


def test_a_file_named_explicitly_is_accounted_for_whatever_its_suffix(
        engine: Engine, tmp_path: Path) -> None:
    """A file passed by name is read whatever its suffix, so nothing passed is ignored."""
    path = tmp_path / "letter.dat"
    path.write_bytes(binary_junk(512))
    exit_code, output = ingest(path, engine.url.render_as_string(hide_password=False), "--json")
    assert exit_code == EXIT_REJECTED
    assert [r["source_name"] for r in json.loads(output)["rejections"]] == ["letter.dat"]
