#!/usr/bin/env bash
# Installs what tarn needs on a Debian 12 machine, once: apt packages, then a project-local
# virtual environment (.venv) with the pinned pyarrow (whose C++ libraries tarn links) and the
# test peers. Quick when everything is already there: it only compares stamps.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

APT_PACKAGES=(cmake ninja-build g++ ccache pkg-config python3-venv
  libcli11-dev libfmt-dev nlohmann-json3-dev libgtest-dev libgmock-dev libroaring-dev libedit-dev libsqlite3-dev
  openjdk-17-jre-headless)

missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "[bootstrap] installing apt packages: ${missing[*]}"
  SUDO=""; [[ $(id -u) -ne 0 ]] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi

VENV="$ROOT/.venv"
STAMP="$VENV/.requirements.stamp"
if [[ ! -x "$VENV/bin/python" ]]; then
  echo "[bootstrap] creating $VENV"
  python3 -m venv "$VENV"
fi
if ! cmp -s "$ROOT/scripts/requirements.txt" "$STAMP"; then
  echo "[bootstrap] installing pinned Python packages (first run only)"
  "$VENV/bin/pip" install -q --upgrade pip
  "$VENV/bin/pip" install -q -r "$ROOT/scripts/requirements.txt"
  cp "$ROOT/scripts/requirements.txt" "$STAMP"
fi
