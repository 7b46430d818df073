#!/usr/bin/env bash
# The main job: the Delta Lake lab (LA-04) on products.csv, end to end with the tarn CLI.
# Uses ../shared/data/mslearn/products.csv when present, else tarn's built-in sample of the
# same shape. Tables go under $TARN_HOME (default ./tarn-workspace).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
bash scripts/build.sh "$ROOT/build" >/dev/null
TARN="$ROOT/build/tarn"
HOME_DIR="${TARN_HOME:-$ROOT/tarn-workspace}"
WORK="$HOME_DIR/lab-la04"
TABLE="$WORK/products"
rm -rf "$WORK"
mkdir -p "$WORK"

step() { printf '\n\033[1m== %s ==\033[0m\n' "$*"; }

DATA="$ROOT/../shared/data/mslearn/products.csv"
if [[ -f "$DATA" ]]; then
  echo "Using the lab file $DATA"
else
  DATA="$WORK/products.csv"
  "$TARN" sample products --output "$DATA"
  echo "No ../shared/data here: using tarn's built-in sample products data ($DATA)"
fi

step "1. Load products.csv into a Delta table partitioned by Category"
"$TARN" delta write "$TABLE" --from "$DATA" --partition-by Category
"$TARN" delta read "$TABLE" --filter "Category = 'Road Bikes'" --limit 5

step "2. A second load: new-season Road Bikes at 10% off, appended"
"$TARN" delta read "$TABLE" --filter "Category = 'Road Bikes'" --format csv \
  | awk -F, 'NR==1 {print; next} {n=split($0,f,","); id=f[1]+10000; price=f[n]*0.9; $1=id; out=id; for(i=2;i<n;i++) out=out","f[i]; printf "%s,%.4f\n", out, price}' \
  > "$WORK/second_load.csv"
"$TARN" delta write "$TABLE" --from "$WORK/second_load.csv"

step "3. Time travel: version 0 against the latest version"
echo "Rows in version 0:      $("$TARN" delta read "$TABLE" --version 0 --format json | wc -l)"
echo "Rows in latest version: $("$TARN" delta read "$TABLE" --format json | wc -l)"
echo "Products added since version 0:"
"$TARN" delta read "$TABLE" --filter "ProductID >= 10000" --columns ProductID,ProductName,ListPrice --limit 5

step "4. History"
"$TARN" delta history "$TABLE"

step "5. OPTIMIZE ... ZORDER BY (ListPrice)"
"$TARN" delta read "$TABLE" --filter "ListPrice > 3000" --format json --metrics 2>"$WORK/before.json" >/dev/null
"$TARN" delta optimize "$TABLE" --zorder-by ListPrice
"$TARN" delta read "$TABLE" --filter "ListPrice > 3000" --format json --metrics 2>"$WORK/after.json" >/dev/null
echo "Files read for ListPrice > 3000 before: $(cat "$WORK/before.json")"
echo "Files read for ListPrice > 3000 after:  $(cat "$WORK/after.json")"

step "6. VACUUM: dry run first, then for real (retention 0 hours, forced for the demo)"
"$TARN" delta vacuum "$TABLE" --retain-hours 0 --force --dry-run
"$TARN" delta vacuum "$TABLE" --retain-hours 0 --force

step "7. The table now"
"$TARN" delta describe "$TABLE"
"$TARN" delta history "$TABLE" --limit 4
