#!/usr/bin/env bash
# The main job: two Azure Databricks labs as plain SQL through `tarn sql`, in a workspace of its own:
#   LA-04 Explore Delta Lake (examples/la04_delta_lake.sql): products table, UPDATE, time travel,
#         history, OPTIMIZE, VACUUM;
#   LA-05 Build a data pipeline (examples/la05_medallion_pipeline.sql): covid_data.csv read with
#         read_files into bronze, silver with typed dates and a CHECK on Country_Region, gold totals.
# The lab files come from ../shared/data/mslearn when that folder exists, else from tarn's
# deterministic built-in samples of the same shape (`tarn sample products|covid`). Either way they
# are reached through the external volume /Volumes/main/default/lab_files, as in the labs.
# The workspace is $TARN_HOME/main-job (TARN_HOME defaults to ./tarn-workspace), rebuilt each run.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
bash scripts/build.sh "$ROOT/build" >/dev/null
TARN="$ROOT/build/tarn"
export TARN_HOME="${TARN_HOME:-$ROOT/tarn-workspace}/main-job"
rm -rf "$TARN_HOME"
mkdir -p "$TARN_HOME"

step() { printf '\n\033[1;34m==== %s ====\033[0m\n' "$*"; }

LAB_DATA="${TARN_LAB_DATA:-$ROOT/../shared/data/mslearn}"  # TARN_LAB_DATA: another folder of the lab files
if [[ -f "$LAB_DATA/products.csv" && -f "$LAB_DATA/covid_data.csv" ]]; then
  DATA_DIR="$(cd "$LAB_DATA" && pwd)"
  echo "Using the lab files in $DATA_DIR"
else
  DATA_DIR="$TARN_HOME/sample-files"
  mkdir -p "$DATA_DIR"
  "$TARN" sample products --output "$DATA_DIR/products.csv"
  "$TARN" sample covid --output "$DATA_DIR/covid_data.csv"
  echo "No ../shared/data here: using tarn's built-in sample data sets in $DATA_DIR"
fi
# An external volume only points at the folder: dropping it, or the workspace, leaves the files.
"$TARN" sql -e "CREATE EXTERNAL VOLUME lab_files LOCATION '$DATA_DIR' COMMENT 'the lab files'"

step "LA-04 Explore Delta Lake (examples/la04_delta_lake.sql)"
"$TARN" sql --echo --max-rows 12 -f examples/la04_delta_lake.sql

step "LA-05 Build a data pipeline (examples/la05_medallion_pipeline.sql)"
"$TARN" sql --echo --max-rows 40 -f examples/la05_medallion_pipeline.sql

step "The silver table's expectation at work: a row without Country_Region is rejected"
if "$TARN" sql -e "INSERT INTO covid_silver VALUES (DATE'2021-03-08', NULL, 1, 0, 0)" 2>"$TARN_HOME/rejected.txt"; then
  echo "expected the CHECK constraint to reject the row" >&2
  exit 1
fi
cat "$TARN_HOME/rejected.txt"
"$TARN" sql -e "SELECT count(*) AS silver_rows_after_the_rejected_insert FROM covid_silver"

step "The workspace catalog"
"$TARN" sql -e "SHOW TABLES; SHOW VOLUMES"
