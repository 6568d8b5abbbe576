"""Reprocessing stored letters after a lexicon change, and the unmapped-request report."""

from __future__ import annotations

import shutil
from importlib import resources
from pathlib import Path

from sqlalchemy import Engine, select
from typer.testing import CliRunner

from imr_etl.cli import app
from imr_etl.db.schema import lexicon_drugs, lexicon_versions
from imr_etl.pipeline import ingest, reprocess
from tests.helpers import seed_paths, snapshot


def _lexicon_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "lexicon"
    shutil.copytree(str(resources.files("imr_etl") / "lexicon"), folder)
    return folder


def test_reprocess_after_a_lexicon_change_rewrites_exactly_the_affected_rows(
    engine: Engine, tmp_path: Path
) -> None:
    ingest(seed_paths(), engine)
    before = snapshot(engine)
    unchanged_run = reprocess(engine)
    assert (unchanged_run.seen, unchanged_run.loaded, unchanged_run.unchanged) == (5, 0, 5)
    assert snapshot(engine) == before

    # An operator reclassifies carisoprodol (Soma) in a copy of the lexicon.
    lexicon = _lexicon_copy(tmp_path)
    drugs = lexicon / "drugs.csv"
    drugs.write_text(
        drugs.read_text()
        .replace(
            "carisoprodol,carisoprodol,muscle relaxant,", "carisoprodol,carisoprodol,sedative,"
        )
        .replace("soma,carisoprodol,muscle relaxant,", "soma,carisoprodol,sedative,")
    )
    report = reprocess(engine, lexicon_dir=lexicon)
    assert (report.seen, report.loaded, report.unchanged, report.rejected) == (5, 3, 2, 0)

    after = snapshot(engine)
    changed_items = [
        (b["item_id"], b["request_text"], b["drug_class"], a["drug_class"])
        for b, a in zip(before["disputed_items"], after["disputed_items"], strict=True)
        if a != b
    ]
    assert changed_items == [
        (3, "Soma 350mg #90 with 3 refills", "muscle relaxant", "sedative"),
        (9, "Soma 350mg bid #45 x 3 refills", "muscle relaxant", "sedative"),
        (10, "Carisoprodol 350 mg QTY: 30.00", "muscle relaxant", "sedative"),
    ]
    assert after["guideline_citations"] == before["guideline_citations"]
    assert after["reviewers"] == before["reviewers"]
    # Every case is stamped with the new lexicon version; only the three with carisoprodol
    # were rewritten (their fingerprint and load time changed).
    assert {c["lexicon_version"] for c in after["cases"]} != {
        c["lexicon_version"] for c in before["cases"]
    }
    assert len({c["lexicon_version"] for c in after["cases"]}) == 1
    stamp = {"lexicon_version", "record_sha256", "loaded_at"}
    rewritten = {
        a["case_key"]
        for b, a in zip(before["cases"], after["cases"], strict=True)
        if a["record_sha256"] != b["record_sha256"]
    }
    assert rewritten == {
        "000_4ef19c4490aa1079.txt",
        "002_3f37efda7cfb3431.txt",
        "003_07ba6293188c7f5b.txt",
    }
    assert [{k: v for k, v in c.items() if k not in stamp} for c in after["cases"]] == [
        {k: v for k, v in c.items() if k not in stamp} for c in before["cases"]
    ]
    with engine.connect() as connection:
        assert (
            connection.scalar(
                select(lexicon_drugs.c.drug_class).where(lexicon_drugs.c.term == "soma")
            )
            == "sedative"
        )
        assert len(connection.execute(select(lexicon_versions)).all()) == 1
    # --outdated now finds nothing older than this lexicon.
    outdated = reprocess(engine, outdated_only=True, lexicon_dir=lexicon)
    assert outdated.seen == 0


def test_unknown_treatments_stay_unmapped_and_are_listed(engine: Engine, tmp_path: Path) -> None:
    letters = tmp_path / "letters"
    letters.mkdir()
    for path in seed_paths():
        shutil.copy(path, letters / path.name)
    seed = letters / "002_3f37efda7cfb3431.txt"
    seed.write_text(
        seed.read_text().replace(
            "Klonopin 0.5mg HS #30 x 3 refills: Upheld", "Zorbulax 0.5mg HS #30 x 3 refills: Upheld"
        )
    )
    ingest([letters], engine)
    url = engine.url.render_as_string(hide_password=False)
    result = CliRunner().invoke(app, ["lexicon", "unmapped", "--database-url", url])
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        "items  request text",
        "    1  Zorbulax 0.5mg HS #30 x 3 refills",
    ]
