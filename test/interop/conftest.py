"""Shared fixtures for the tarn interoperability suite.

* ``spark``  - defined in test/conftest.py, shared with the other suites (one JVM per run).
* ``tarn``   - runs the tarn CLI (``$TARN_BIN``, default <repo>/build/tarn) and reads tables back
  into pyarrow through ``tarn delta read --format parquet --output FILE``.
Helpers (``assert_tables_equal`` order-insensitive rows + schema, ``spark_read``,
``deltalake_read``, ``delta_log_versions`` ...) live in interop_helpers.py.

Environment:
  TARN_BIN                  path of the tarn binary (missing binary => tests FAIL, never skip)
  TARN_QUICK=1              smaller concurrency workloads
  TARN_IVY_DIR              Ivy cache for the Delta jars (default <repo>/.cache/ivy)
  TARN_DELTA_SPARK_PACKAGES override spark.jars.packages (default: what delta-spark's pip
                            package resolves, io.delta:delta-spark_<spark major.minor>_2.13:<ver>)
  TARN_CMD_TIMEOUT          seconds before one tarn invocation is considered hung (default 120)
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from interop_helpers import TARN_BIN, Tarn


@pytest.fixture(scope="session")
def tarn_binary() -> Path:
    if not TARN_BIN.exists():
        pytest.fail(
            f"tarn binary not found at {TARN_BIN}. Build it first (cmake --build build) or point "
            f"TARN_BIN at it. The interop suite never skips because tarn is missing.",
            pytrace=False)
    if not os.access(TARN_BIN, os.X_OK):
        pytest.fail(f"tarn binary at {TARN_BIN} is not executable", pytrace=False)
    return TARN_BIN


@pytest.fixture(scope="session")
def tarn(tarn_binary, tmp_path_factory) -> Tarn:
    return Tarn(tarn_binary, tmp_path_factory.mktemp("tarn-io"))
