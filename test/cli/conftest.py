"""Fixtures of the CLI suites.

``run`` - runs SQL through `tarn sql` in a workspace of the test's own (TARN_HOME), each call a new
process, and returns the last statement's rows as a pyarrow Table (None for no rows), or the
error text when ``check=False`` and the statement failed.
"""
import os
import pathlib
import subprocess

import pyarrow.ipc as ipc
import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
TARN = os.environ.get("TARN_BIN", str(ROOT / "build" / "tarn"))


@pytest.fixture
def run(tmp_path):
    home = tmp_path / "workspace"

    def sql(script, check=True):
        out = tmp_path / "result.arrow"
        if out.exists():
            out.unlink()
        env = dict(os.environ, TARN_HOME=str(home))
        proc = subprocess.run([TARN, "sql", "-e", script, "--format", "arrow", "--output", str(out)],
                              capture_output=True, text=True, timeout=300, env=env)
        if check and proc.returncode != 0:
            raise AssertionError(f"tarn sql failed:\n{script}\n{proc.stderr}")
        if proc.returncode != 0:
            return proc.stderr
        if not out.exists() or out.stat().st_size == 0:
            return None
        with ipc.open_stream(out.read_bytes()) as reader:
            return reader.read_all()

    sql.home = home
    return sql
