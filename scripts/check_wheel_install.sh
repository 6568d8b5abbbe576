#!/usr/bin/env bash
# Build a wheel, install it into a fresh venv in a temporary folder (no source tree in
# sight), and run the main job there: migrate, ingest the sample letters, report.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
python3 -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet --upgrade pip
"$work/venv/bin/pip" wheel --quiet --no-deps --wheel-dir "$work/dist" "$repo"
"$work/venv/bin/pip" install --quiet "$work"/dist/imr_etl-*.whl
cp -r "$repo/data" "$work/letters"
cd "$work"
db="sqlite:///$work/warehouse.db"
"$work/venv/bin/imr-etl" db upgrade --database-url "$db"
"$work/venv/bin/imr-etl" ingest letters --database-url "$db"
"$work/venv/bin/imr-etl" report --database-url "$db"
echo "wheel install: migrate, ingest and report ran outside the checkout"
