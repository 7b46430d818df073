#!/usr/bin/env bash
# Builds the SQL parser's libFuzzer target with clang (ASan + UBSan) and runs it.
# Usage: scripts/fuzz_parser.sh [SECONDS]   (default 60)
# The parser and plan sources are compiled straight into the fuzzer; Arrow comes from the pinned
# pyarrow wheel in .venv, as the CMake build takes it. New inputs go to build-fuzz/corpus;
# crashes to build-fuzz/crash-*. See test/fuzz/README.md.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUN_SECONDS="${1:-60}"
OUT="$ROOT/build-fuzz"

if ! command -v clang++ >/dev/null 2>&1; then
  if [[ $(id -u) -eq 0 ]]; then apt-get install -y clang; else sudo apt-get install -y clang; fi
fi
PY="$ROOT/.venv/bin/python"
[[ -x "$PY" ]] || bash "$ROOT/scripts/bootstrap.sh"
ARROW_INCLUDE="$("$PY" -c 'import pyarrow; print(pyarrow.get_include())')"
ARROW_LIB_DIR="$("$PY" -c 'import pyarrow, os; print(os.path.dirname(pyarrow.__file__))')"
LIBARROW="$(ls "$ARROW_LIB_DIR"/libarrow.so.[0-9]* | grep -vE '\.so\.[0-9]+\.[0-9]+' | head -1)"

SOURCES=(
  "$ROOT/test/fuzz/parser_fuzzer.cc"
  "$ROOT/src/sql/plan/data_type.cc"
  "$ROOT/src/sql/plan/expression.cc"
  "$ROOT/src/sql/plan/logical_plan.cc"
  "$ROOT/src/sql/plan/statement.cc"
)
for f in "$ROOT"/src/sql/parser/*.cc; do
  [[ "$f" == *_test.cc ]] || SOURCES+=("$f")
done

mkdir -p "$OUT/corpus"
echo "building $OUT/parser_fuzzer"
clang++ -std=c++20 -O1 -g -fno-omit-frame-pointer \
  -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
  -I"$ROOT/src" -isystem "$ARROW_INCLUDE" \
  "${SOURCES[@]}" "$LIBARROW" -lfmt -Wl,-rpath,"$ARROW_LIB_DIR" \
  -o "$OUT/parser_fuzzer"

echo "fuzzing for ${RUN_SECONDS}s"
cd "$OUT"
./parser_fuzzer -max_total_time="$RUN_SECONDS" -timeout=5 -max_len=4096 -print_final_stats=1 \
  "$OUT/corpus" "$ROOT/test/fuzz/corpus"
