"""What several test modules share: where the test letters are, the test server, snapshots.

Test modules import from here, never from conftest.py or from each other.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, select

from imr_etl.db.schema import cases, disputed_items, guideline_citations, reviewers

CASES = Path(__file__).parent / "cases"
SEEDS = CASES / "seeds"
REAL_LETTERS = CASES / "published"

# The server tests use; `make test` and CI set IMR_ETL_REQUIRE_POSTGRES=1 so that a missing
# server fails the run instead of skipping its tests.
POSTGRES_URL = os.environ.get(
    "IMR_ETL_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test"
)
REQUIRE_POSTGRES = os.environ.get("IMR_ETL_REQUIRE_POSTGRES") == "1"


def seed_paths() -> list[Path]:
    return sorted(SEEDS.glob("*.txt"))


def copy_seeds(folder: Path) -> Path:
    """A new folder holding a copy of each seed letter."""
    folder.mkdir(parents=True)
    for path in seed_paths():
        shutil.copy(path, folder / path.name)
    return folder


def real_letter_paths() -> list[Path]:
    return sorted(REAL_LETTERS.glob("*.pdf"))


# Natural order of each table, so snapshots compare across runs and backends.
_ORDER = {
    reviewers: [reviewers.c.reviewer_key],
    cases: [cases.c.case_key],
    disputed_items: [disputed_items.c.case_id, disputed_items.c.item_number],
    guideline_citations: [
        guideline_citations.c.item_id,
        guideline_citations.c.cited_by,
        guideline_citations.c.position,
    ],
}


def snapshot(engine: Engine, *, with_ids: bool = True) -> dict[str, list[dict[str, Any]]]:
    """Every row of the contract tables; without surrogate ids for cross-backend comparison."""
    result = {}
    with engine.connect() as connection:
        for table, order in _ORDER.items():
            rows = [
                dict(row._mapping) for row in connection.execute(select(table).order_by(*order))
            ]
            result[table.name] = rows
        if not with_ids:
            result = _by_natural_keys(result)
    return result


def _by_natural_keys(tables: dict[str, list[dict[str, Any]]]) -> dict[str, list[dict[str, Any]]]:
    reviewer_key = {r["reviewer_id"]: r["reviewer_key"] for r in tables["reviewers"]}
    case_key = {c["case_id"]: c["case_key"] for c in tables["cases"]}
    item_key = {
        i["item_id"]: (case_key[i["case_id"]], i["item_number"]) for i in tables["disputed_items"]
    }
    # run_id says which run wrote a case: a surrogate id like the others.
    strip = {"reviewer_id", "case_id", "item_id", "citation_id", "loaded_at", "run_id"}
    out = {
        "reviewers": [{k: v for k, v in r.items() if k not in strip} for r in tables["reviewers"]]
    }
    out["cases"] = [
        {
            **{k: v for k, v in c.items() if k not in strip},
            "reviewer": reviewer_key.get(c["reviewer_id"]),
        }
        for c in tables["cases"]
    ]
    out["disputed_items"] = sorted(
        (
            {**{k: v for k, v in i.items() if k not in strip}, "case": case_key[i["case_id"]]}
            for i in tables["disputed_items"]
        ),
        key=lambda i: (i["case"], i["item_number"]),
    )
    out["guideline_citations"] = sorted(
        (
            {**{k: v for k, v in c.items() if k not in strip}, "item": item_key[c["item_id"]]}
            for c in tables["guideline_citations"]
        ),
        key=lambda c: (c["item"], c["cited_by"], c["position"]),
    )
    return out

# DWC's drug classes as DWC spells them (its decision search's list).
DWC_DRUG_CLASSES = {
    "Opioids", "Muscle Relaxant", "Benzodiazepine", "Sedative-hypnotics", "AntiAnxiety",
    "Anti-epilepsy drugs", "Antidepressant", "NSAID", "Topical Analgesics", "Topical Compounds",
    "Proton Pump Inhibitors", "H2 Blocker/Histamine 2", "GI Agents", "Antiemetic",
    "Adrenal Cortical Steroids", "Misc Analgesics", "Barbiturates", "Cannabinoids",
    "Antimigraine", "Opoid Antagonist", "Stimulants", "Atypical Antipsychotic", "Injection",
    "Viscosupplementation", "Nutritional Products", "Statin", "Beta-blocker",
    "Calcium Cannel Blocker", "Alpha-blocker", "Androgens & Anabolic Steroids", "Anti-coagulant",
    "Antidiabetics", "Antihistamine", "Antihypertensive", "Anti-infectives", "Asthma Medications",
    "Bisphosphonates", "Dopamine agonists", "Fibric Acid", "Hormones", "Impotence Agents",
    "Tumor necrosis factor (TNF) modified",
}  # fmt: skip
