#!/usr/bin/env bash
# Builds the tarn Python package and installs it into .venv (pip install --no-build-isolation),
# only when its sources changed since the last install; otherwise it returns at once. The build
# keeps its CMake tree in build-python/ and compiles through ccache, so after scripts/build.sh
# the libraries come from the cache and only the binding is compiled.
#   scripts/install_python.sh          install if changed
#   TARN_PYTHON_FORCE=1 scripts/...    install anyway
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# build/, build-python/ (and build-dev/ by hand) share compiled objects through ccache: paths are
# taken relative to the repository and the build folder is not part of the key.
export CCACHE_BASEDIR="${CCACHE_BASEDIR:-$ROOT}" CCACHE_NOHASHDIR="${CCACHE_NOHASHDIR:-1}"
cd "$ROOT"
bash scripts/bootstrap.sh
PY="$ROOT/.venv/bin/python"
STAMP="$ROOT/.venv/.tarn-python.stamp"  # inside the venv: a new venv installs again

# What the package is built from: tracked and new (not ignored) files, by content.
sources_hash() {
  if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    git ls-files -z --cached --others --exclude-standard -- src cmake CMakeLists.txt pyproject.toml
  else
    find src cmake CMakeLists.txt pyproject.toml -type f -print0 | sort -z
  fi | { xargs -0 sha1sum 2>/dev/null || true; } | sha1sum | cut -d" " -f1
}
hash="$(sources_hash)"
if [[ "${TARN_PYTHON_FORCE:-0}" != "1" && -f "$STAMP" && "$(cat "$STAMP")" == "$hash" ]] \
    && "$PY" -c "import tarn" 2>/dev/null; then
  exit 0
fi
echo "[install_python] building the tarn Python package (build-python/)"
start=$SECONDS
rm -f "$STAMP"
# The compiler CMake picks for build/ (scikit-build-core would take Python's, `g++`: ccache keys
# on the compiler's name, so the two builds would not share objects).
CXX="${CXX:-c++}" CMAKE_BUILD_PARALLEL_LEVEL="${CMAKE_BUILD_PARALLEL_LEVEL:-2}" \
  "$PY" -m pip install -q --no-build-isolation --no-deps "$ROOT"
echo "$hash" >"$STAMP"
echo "[install_python] installed in $((SECONDS - start))s"
