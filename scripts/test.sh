#!/usr/bin/env bash
# Runs the whole test suite: C++ unit tests (GoogleTest via ctest), then the pytest suites that
# drive the tarn CLI and the tarn Python package and compare with the real peers (delta-spark,
# deltalake, DuckDB, polars).
#   scripts/test.sh                 normal build in build/
#   TARN_SANITIZE=1 scripts/test.sh ASan+UBSan build in build-asan/ (skips the Spark tests)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
if [[ "${TARN_SANITIZE:-0}" == "1" ]]; then
  BUILD_DIR="$ROOT/build-asan"
  bash scripts/build.sh "$BUILD_DIR" -DTARN_SANITIZE=ON
  export ASAN_OPTIONS="detect_leaks=0:abort_on_error=1"
  export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
  PYTEST_MARK=(-m "not spark")
else
  BUILD_DIR="$ROOT/build"
  bash scripts/build.sh "$BUILD_DIR"
  PYTEST_MARK=()
fi
export TARN_BIN="$BUILD_DIR/tarn"
# The tarn Python package (test/python), rebuilt only when its sources changed.
bash scripts/install_python.sh

echo "== unit tests (ctest) =="
ctest --test-dir "$BUILD_DIR" --output-on-failure -j2

echo "== interoperability and CLI tests (pytest) =="
"$ROOT/.venv/bin/python" -m pytest -q "${PYTEST_MARK[@]}" "$ROOT/test" "$@"
