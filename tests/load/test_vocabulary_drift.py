"""Drift you can see: unmapped items counted per run, a warning above a threshold, and each
item's provenance stored next to the lexicon row that named it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from sqlalchemy import Engine, select
from typer.testing import CliRunner

from imr_etl.cli import app
from imr_etl.db.schema import disputed_items, etl_runs, lexicon_drugs, lexicon_treatments
from tests.helpers import seed_paths

# The five seeds hold 12 items (tests/cases/seeds/*.json).
SEED_ITEMS = 12


def _letters_with_unknown_drug(tmp_path: Path) -> Path:
    letters = tmp_path / "letters"
    letters.mkdir()
    for path in seed_paths():
        shutil.copy(path, letters / path.name)
    seed = letters / "002_3f37efda7cfb3431.txt"
    seed.write_text(
        seed.read_text().replace("Klonopin 0.5mg HS #30", "Zorbulax 0.5mg HS #30")
    )
    return letters


def _url(engine: Engine) -> str:
    return engine.url.render_as_string(hide_password=False)


def test_a_run_counts_unmapped_items_and_warns_above_the_threshold(
    engine: Engine, tmp_path: Path
) -> None:
    letters = _letters_with_unknown_drug(tmp_path)
    result = CliRunner().invoke(app, ["ingest", str(letters), "--database-url", _url(engine),
                                      "--workers", "1", "--json"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert (summary["items_loaded"], summary["items_unmapped"]) == (SEED_ITEMS, 1)
    # 1 of 12 is 8.3%, above the default 5%.
    assert summary["unmapped_warning"] == (
        "1 of 12 items loaded (8.3%) have no treatment name, above 5%: "
        "see `imr-etl lexicon unmapped`"
    )
    assert result.stderr.startswith("warning: 1 of 12 items loaded (8.3%)")
    with engine.connect() as connection:
        run = connection.execute(select(etl_runs.c.items_loaded, etl_runs.c.items_unmapped)).one()
    assert tuple(run) == (SEED_ITEMS, 1)


def test_no_warning_below_the_threshold(engine: Engine, tmp_path: Path) -> None:
    letters = _letters_with_unknown_drug(tmp_path)
    result = CliRunner().invoke(app, ["ingest", str(letters), "--database-url", _url(engine),
                                      "--workers", "1", "--unmapped-warning", "10"])
    assert result.exit_code == 0, result.output
    assert "warning" not in result.stderr
    assert "; 12 items written, 1 without a treatment name  (" in result.stdout.splitlines()[0]


def test_provenance_joins_the_lexicon_tables(engine: Engine, tmp_path: Path) -> None:
    CliRunner().invoke(app, ["ingest", *map(str, seed_paths()), "--database-url", _url(engine)])
    with engine.connect() as connection:
        rows = connection.execute(
            select(disputed_items.c.request_text, disputed_items.c.treatment_rule)
        ).all()
        by_request = {row.request_text: row.treatment_rule for row in rows}
        assert by_request["Norco 10/325mg #90 with 3 refills"] == "drugs.csv:norco"
        drug = connection.execute(
            select(lexicon_drugs.c.generic_name).where(lexicon_drugs.c.rule == "drugs.csv:norco")
        ).scalar_one()
        assert drug == "hydrocodone/acetaminophen"
        rule = by_request["Retro trigger point injection to L5 region performed 8/21/13"]
        name = connection.execute(
            select(lexicon_treatments.c.name).where(lexicon_treatments.c.rule == rule)
        ).scalar_one()
        assert name == "trigger point injection"


def test_lexicon_unmapped_lists_a_compound_mapped_in_part(
    engine: Engine, tmp_path: Path
) -> None:
    letters = tmp_path / "letters"
    letters.mkdir()
    seed = seed_paths()[0]
    (letters / seed.name).write_text(
        seed.read_text().replace(
            "Soma 350mg #90 with 3 refills", "Flurbiprofen 20%/Zorbacaine 2% cream 120gm"
        )
    )
    CliRunner().invoke(app, ["ingest", str(letters), "--database-url", _url(engine)])
    result = CliRunner().invoke(app, ["lexicon", "unmapped", "--database-url", _url(engine)])
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        "items  request text",
        "    1  Flurbiprofen 20%/Zorbacaine 2% cream 120gm  [not recognised: zorbacaine]",
    ]
