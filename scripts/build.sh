#!/usr/bin/env bash
# Configures and builds tarn (after bootstrap). Usage: scripts/build.sh [BUILD_DIR] [extra cmake args]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# build/, build-python/ (and build-dev/ by hand) share compiled objects through ccache: paths are
# taken relative to the repository and the build folder is not part of the key.
export CCACHE_BASEDIR="${CCACHE_BASEDIR:-$ROOT}" CCACHE_NOHASHDIR="${CCACHE_NOHASHDIR:-1}"
BUILD_DIR="${1:-$ROOT/build}"
shift || true
bash "$ROOT/scripts/bootstrap.sh"
if [[ ! -f "$BUILD_DIR/build.ninja" ]]; then
  cmake -S "$ROOT" -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@" >/dev/null
fi
ninja -C "$BUILD_DIR" -j"$(nproc)" | grep -vE '^\[[0-9]+/[0-9]+\] ' || true
test -x "$BUILD_DIR/tarn"
