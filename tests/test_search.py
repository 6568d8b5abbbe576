"""Full-text search (`imr-etl search`): the same hits on both backends as a word-by-word scan in
Python, and still right after a letter is replaced, items are pruned and reprocess rewrites."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, select, text, update
from typer.testing import CliRunner

from imr_etl.cli import app
from imr_etl.db.schema import cases, disputed_items
from imr_etl.db.search import POSTGRES_INDEXES, SQLITE_INDEXES, postgres_vector, search_items
from imr_etl.pipeline import ingest, reprocess
from tests.analyst_data import load_letters
from tests.helpers import seed_paths

PHRASES = ["functional improvement", "urine drug screen", "4 A's", "trigger point",
           "physical therapy", "MRI", "10/325", "non-steroidal"]

Hit = tuple[str, int, tuple[str, ...]]
"""(case_key, item_number, where the phrase occurs)."""


def _words(value: str | None) -> list[str]:
    # Written apart from imr_etl.db.search: words are runs of letters and digits.
    return re.findall(r"[^\W_]+", (value or "").lower())


def _contains(value: str | None, phrase: str) -> bool:
    haystack, needle = _words(value), _words(phrase)
    return any(haystack[i:i + len(needle)] == needle
               for i in range(len(haystack) - len(needle) + 1))


def expected_hits(engine: Engine, phrase: str) -> list[Hit]:
    """Every item whose request, rationale or case summary holds the phrase's words in a row."""
    with engine.connect() as connection:
        rows = connection.execute(
            select(cases.c.case_key, disputed_items.c.item_number,
                   disputed_items.c.request_text, disputed_items.c.rationale,
                   cases.c.clinical_summary).join(cases)).all()
    hits = []
    for row in rows:
        where = tuple(name for name, value in (("request_text", row.request_text),
                                               ("rationale", row.rationale),
                                               ("clinical_summary", row.clinical_summary))
                      if _contains(value, phrase))
        if where:
            hits.append((row.case_key, row.item_number, where))
    return sorted(hits)


def found(engine: Engine, phrase: str, **filters: Any) -> list[Hit]:
    with engine.connect() as connection:
        return [(hit.case_key, hit.item_number, hit.matched_in)
                for hit in search_items(connection, phrase, **filters)]


def test_search_finds_what_a_word_scan_finds(engine: Engine) -> None:
    load_letters(engine)
    for phrase in PHRASES:
        expected = expected_hits(engine, phrase)
        assert expected, f"the test letters never say {phrase!r}"
        assert found(engine, phrase) == expected, phrase
    assert found(engine, "no such phrase in any letter") == []
    assert found(engine, "  ,; ") == []
    _fts_is_consistent(engine)


def test_the_consistency_check_sees_a_stale_index(sqlite_engine: Engine) -> None:
    """Without the update trigger the index keeps old words: the check must say so."""
    load_letters(sqlite_engine)
    with sqlite_engine.begin() as connection:
        connection.execute(text("DROP TRIGGER disputed_items_fts_au"))
        connection.execute(update(disputed_items).where(disputed_items.c.item_number == 1)
                           .values(rationale="rewritten"))
    with pytest.raises(AssertionError):
        _fts_is_consistent(sqlite_engine)


def test_search_filters_by_decision_and_category(engine: Engine) -> None:
    load_letters(engine)
    with engine.connect() as connection:
        facts = {(row.case_key, row.item_number): (row.decision, row.treatment_category)
                 for row in connection.execute(
                     select(cases.c.case_key, disputed_items.c.item_number,
                            disputed_items.c.decision,
                            disputed_items.c.treatment_category).join(cases))}
    everything = expected_hits(engine, "physical therapy")
    overturned = [hit for hit in everything if facts[hit[:2]][0] == "overturned"]
    rehabilitation = [hit for hit in everything if facts[hit[:2]][1] == "rehabilitation"]
    assert overturned and rehabilitation and len(overturned) < len(everything)
    assert found(engine, "physical therapy", overturned=True) == overturned
    assert found(engine, "physical therapy", category="rehabilitation") == rehabilitation


@pytest.mark.postgres
def test_search_gives_the_same_hits_on_sqlite_and_postgresql(
        sqlite_engine: Engine, postgres_engine: Engine) -> None:
    for backend in (sqlite_engine, postgres_engine):
        load_letters(backend)
    for phrase in PHRASES:
        with sqlite_engine.connect() as lite, postgres_engine.connect() as pg:
            assert search_items(lite, phrase) == search_items(pg, phrase), phrase


def _replace_seed(tmp_path: Path, old: str, new: str) -> Path:
    """A copy of the first seed letter, under its own file name, with one phrase changed."""
    seed = seed_paths()[0]
    copy = tmp_path / "changed" / seed.name
    copy.parent.mkdir()
    body = seed.read_text(encoding="utf-8")
    assert old in body
    copy.write_text(body.replace(old, new), encoding="utf-8")
    return copy


def _fts_is_consistent(engine: Engine) -> None:
    """Every word FTS5 holds for every row is the row's text now, and nothing else.

    fts5vocab lists the index's (row, column, word) instances; they must equal the words of
    the base tables' text, so no stale word of a replaced or deleted row is left behind.
    (FTS5's own integrity-check does not compare external content before SQLite 3.44.)
    """
    if engine.dialect.name != "sqlite":
        return
    with engine.begin() as connection:
        for index, (table, key, columns) in SQLITE_INDEXES.items():
            vocab = f"temp.{index}_instances"
            connection.execute(text(f"CREATE VIRTUAL TABLE IF NOT EXISTS {vocab} "
                                    f"USING fts5vocab(main, {index}, instance)"))
            indexed = Counter((row.doc, row.col, row.term) for row in connection.execute(
                text(f"SELECT doc, col, term FROM {vocab}")))
            expected: Counter[tuple[int, str, str]] = Counter()
            for row in connection.execute(text(f"SELECT {key}, {', '.join(columns)} "
                                               f"FROM {table}")):
                for column in columns:
                    for word in _folded_words(getattr(row, column)):
                        expected[(row[0], column, word)] += 1
            assert indexed == expected, index
            connection.execute(text(f"DROP TABLE {vocab}"))


def _folded_words(value: str | None) -> list[str]:
    """_words, with accents removed as FTS5's unicode61 tokenizer removes them."""
    decomposed = unicodedata.normalize("NFKD", value or "")
    return _words("".join(ch for ch in decomposed if not unicodedata.combining(ch)))


def test_search_follows_a_replaced_letter(engine: Engine, tmp_path: Path) -> None:
    load_letters(engine)
    seed_key = seed_paths()[0].name
    before = [hit for hit in found(engine, "functional benefit") if hit[0] == seed_key]
    assert before
    changed = _replace_seed(tmp_path, "functional benefit", "zebrafish benefit")
    report = ingest([changed], engine)
    assert report.loaded == 1
    assert [hit for hit in found(engine, "functional benefit") if hit[0] == seed_key] == []
    assert [hit[:2] for hit in found(engine, "zebrafish benefit")] == \
        [hit[:2] for hit in before]
    assert found(engine, "zebrafish benefit") == expected_hits(engine, "zebrafish benefit")
    _fts_is_consistent(engine)
    # And back: the original bytes replace the changed letter again.
    ingest([seed_paths()[0]], engine)
    assert found(engine, "zebrafish") == []
    assert [hit for hit in found(engine, "functional benefit") if hit[0] == seed_key] == before


def test_search_forgets_deleted_items(engine: Engine) -> None:
    """As when a replaced letter has fewer items and the loader prunes the rest."""
    load_letters(engine)
    seed = seed_paths()[0]
    with engine.connect() as connection:
        last = connection.execute(
            select(disputed_items.c.item_number, disputed_items.c.rationale).join(cases)
            .where(cases.c.case_key == seed.name)
            .order_by(disputed_items.c.item_number.desc())).first()
    assert last is not None and last.item_number > 1
    with engine.begin() as connection:  # the index must forget the text of deleted rows
        connection.execute(text("DELETE FROM disputed_items WHERE item_number = :n AND "
                                "case_id = (SELECT case_id FROM cases WHERE case_key = :k)"),
                           {"n": last.item_number, "k": seed.name})
    assert all(hit[:2] != (seed.name, last.item_number)
               for hit in found(engine, " ".join(_words(last.rationale)[:4])))
    _fts_is_consistent(engine)


def test_search_follows_reprocess(engine: Engine) -> None:
    """Reprocess rewrites a case whose stored rows differ from its letter: the index follows."""
    load_letters(engine)
    seed_key = seed_paths()[0].name
    before = found(engine, "functional benefit")
    with engine.begin() as connection:
        case_id = connection.scalar(select(cases.c.case_id).where(cases.c.case_key == seed_key))
        connection.execute(update(disputed_items).where(disputed_items.c.case_id == case_id)
                           .values(rationale="tampered with by hand"))
        connection.execute(update(cases).where(cases.c.case_id == case_id)
                           .values(record_sha256="stale", clinical_summary="tampered"))
    assert len(found(engine, "tampered")) > 0
    reprocess(engine)
    assert found(engine, "tampered") == []
    assert found(engine, "functional benefit") == before
    _fts_is_consistent(engine)


def test_sqlite_triggers_exist_at_head(sqlite_engine: Engine) -> None:
    """A later migration that rebuilds cases or disputed_items must recreate them."""
    with sqlite_engine.connect() as connection:
        triggers = set(connection.execute(text(
            "SELECT name FROM sqlite_master WHERE type = 'trigger'")).scalars())
    assert {f"{index}_{kind}" for index in SQLITE_INDEXES for kind in ("ai", "ad", "au")} \
        <= triggers


@pytest.mark.postgres
def test_postgresql_search_uses_the_gin_indexes(postgres_engine: Engine) -> None:
    load_letters(postgres_engine)
    with postgres_engine.connect() as connection:
        connection.execute(text("SET enable_seqscan = off"))
        for index, (table, column) in POSTGRES_INDEXES.items():
            plan = "\n".join(connection.execute(text(
                f"EXPLAIN SELECT 1 FROM {table} WHERE {postgres_vector(column)} @@ "
                "phraseto_tsquery('simple'::regconfig, 'physical therapy')")).scalars())
            assert index in plan, plan


def test_search_command_prints_case_number_and_decision(sqlite_engine: Engine) -> None:
    load_letters(sqlite_engine)
    url = sqlite_engine.url.render_as_string(hide_password=False)
    result = CliRunner().invoke(app, ["search", "urine drug screen", "--database-url", url])
    assert result.exit_code == 0, result.output
    expected = expected_hits(sqlite_engine, "urine drug screen")
    with sqlite_engine.connect() as connection:
        numbers = dict(connection.execute(select(cases.c.case_key, cases.c.case_number)).all())
    for case_key, item_number, _ in expected:
        assert re.search(rf"{re.escape(numbers[case_key] or case_key)}\s+#{item_number}\s+"
                         r"(upheld|overturned)", result.stdout), (case_key, result.stdout)
    assert f"{len(expected)} items" in result.stdout
    overturned = CliRunner().invoke(app, ["search", "urine drug screen", "--overturned",
                                          "--category", "pharmaceuticals", "--database-url",
                                          url])
    assert overturned.exit_code == 0, overturned.output
    assert "upheld" not in overturned.stdout


def test_search_command_says_when_nothing_matches(sqlite_engine: Engine) -> None:
    url = sqlite_engine.url.render_as_string(hide_password=False)
    result = CliRunner().invoke(app, ["search", "zebrafish", "--database-url", url])
    assert result.exit_code == 0, result.output
    assert "No item mentions" in result.stdout
