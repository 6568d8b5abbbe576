"""Reprocessing stored letters after a lexicon change, and the unmapped-request report."""

from __future__ import annotations

import shutil
from importlib import resources
from pathlib import Path

from sqlalchemy import Engine, select
from typer.testing import CliRunner

from imr_etl.cli import app
from imr_etl.db.engine import make_engine
from imr_etl.db.schema import lexicon_drugs, lexicon_versions
from imr_etl.extract.files import read_letter
from imr_etl.pipeline import ingest, reprocess
from imr_etl.records import LetterRecord
from imr_etl.transform.letter import transform_letter
from imr_etl.transform.treatments import load_lexicon
from tests.helpers import real_letter_paths, seed_paths, snapshot


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
    stamp = {"lexicon_version", "record_sha256", "loaded_at", "run_id"}
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


PREVIOUS_LEXICON = Path(__file__).parent.parent / "cases" / "lexicon_previous"


def _previous_lexicon(tmp_path: Path) -> Path:
    """The previous release's three files, with the files it did not have yet."""
    folder = _lexicon_copy(tmp_path)
    for path in PREVIOUS_LEXICON.glob("*.csv"):
        shutil.copy(path, folder / path.name)
    return folder


def _normalized(record: LetterRecord) -> list[tuple[object, ...]]:
    return [
        tuple(getattr(item, name) for name in _NORMALIZED) for item in record.items
    ]


_NORMALIZED = (
    "treatment_category", "treatment_subcategory", "treatment_name", "drug_class",
    "body_region", "strength", "quantity", "refills", "frequency", "sessions", "retrospective",
    "treatment_rule", "unrecognized_ingredients",
)  # fmt: skip


def test_reprocess_outdated_brings_a_warehouse_to_the_new_vocabulary(
    engine: Engine, tmp_path: Path
) -> None:
    letters = seed_paths() + real_letter_paths()
    previous = _previous_lexicon(tmp_path)
    ingest(letters, engine, lexicon_dir=previous)
    before = snapshot(engine)

    # Which letters the new vocabulary changes, found by parsing each with both lexicons.
    old_lexicon, new_lexicon = load_lexicon(previous), load_lexicon()
    changed = set()
    for path in letters:
        _, raw = read_letter(path)
        old, new = transform_letter(raw, old_lexicon), transform_letter(raw, new_lexicon)
        if _normalized(old) != _normalized(new):
            changed.add(new.case_key)
    assert 0 < len(changed) < len(letters)

    report = reprocess(engine, outdated_only=True)
    assert (report.seen, report.loaded, report.unchanged, report.rejected) == (
        len(letters), len(changed), len(letters) - len(changed), 0,
    )  # fmt: skip
    after = snapshot(engine)
    rewritten = {
        a["case_key"]
        for b, a in zip(before["cases"], after["cases"], strict=True)
        if a["loaded_at"] != b["loaded_at"]
    }
    assert rewritten == changed
    assert {c["lexicon_version"] for c in after["cases"]} == {new_lexicon.version}

    # The warehouse now holds what a first load with the new vocabulary writes.
    fresh = make_engine(f"sqlite:///{tmp_path / 'fresh.db'}")
    ingest(letters, fresh)
    assert snapshot(engine, with_ids=False) == snapshot(fresh, with_ids=False)
    assert reprocess(engine, outdated_only=True).seen == 0
