"""Filters pushed into Delta scans over string columns, which the scan evaluates on the stored
dictionary (once per distinct value) before decoding the kept rows: NULLs, negations, IN lists,
null-safe equality and mixed conjuncts must keep exactly the rows Python's evaluation keeps."""
import os
import pathlib
import subprocess

import pyarrow as pa
import pyarrow.ipc as ipc
import pyarrow.parquet as pq
import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
TARN = os.environ.get("TARN_BIN", str(ROOT / "build" / "tarn"))
MODES = ["AIR", "MAIL", "SHIP", "RAIL", None]


@pytest.fixture(scope="module")
def table(tmp_path_factory):
    base = tmp_path_factory.mktemp("strings")
    n = 3000
    data = pa.table({
        "id": pa.array(range(n), pa.int64()),
        "mode": pa.array([MODES[(i * 7) % 5] for i in range(n)], pa.string()),
        "note": pa.array([None if i % 11 == 0 else f"note {i % 13}" for i in range(n)], pa.string()),
    })
    pq.write_table(data, base / "t.parquet")
    subprocess.run([TARN, "delta", "write", str(base / "t"), "--from", str(base / "t.parquet")],
                   check=True, capture_output=True)
    return base / "t", data.to_pylist()


CASES = [
    ("mode = 'AIR'", lambda r: r["mode"] == "AIR"),
    ("mode IN ('AIR', 'SHIP')", lambda r: r["mode"] in ("AIR", "SHIP")),
    ("mode IS NULL", lambda r: r["mode"] is None),
    ("mode IS NOT NULL AND note IS NULL", lambda r: r["mode"] is not None and r["note"] is None),
    ("NOT (mode = 'AIR')", lambda r: r["mode"] is not None and r["mode"] != "AIR"),
    ("mode <> 'AIR' OR mode IS NULL", lambda r: r["mode"] != "AIR"),
    ("mode <=> NULL", lambda r: r["mode"] is None),
    ("mode > 'MAIL' AND note = 'note 3'", lambda r: r["mode"] is not None and r["mode"] > "MAIL" and r["note"] == "note 3"),
    ("mode = 'RAIL' AND id < 1000", lambda r: r["mode"] == "RAIL" and r["id"] < 1000),
    ("mode = note", lambda r: False),
]


@pytest.mark.parametrize("condition,keep", CASES, ids=[c for c, _ in CASES])
def test_string_filter_keeps_the_right_rows(table, condition, keep, tmp_path):
    path, rows = table
    out = tmp_path / "r.arrow"
    subprocess.run([TARN, "sql", "-e", f"SELECT id, mode, note FROM delta.`{path}` WHERE {condition} ORDER BY id",
                    "--format", "arrow", "--output", str(out)], check=True, capture_output=True)
    with ipc.open_stream(out.read_bytes()) as reader:
        result = reader.read_all()
    assert result.schema.field("mode").type == pa.string()
    assert result.to_pylist() == [r for r in rows if keep(r)]
