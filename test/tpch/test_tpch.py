"""The 22 TPC-H queries through `tarn sql`, answers compared with DuckDB on the same data."""
import math
import os
import pathlib
import subprocess
from decimal import Decimal

import pyarrow as pa
import pyarrow.ipc as ipc
import pyarrow.parquet as pq
import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
TARN = os.environ.get("TARN_BIN", str(ROOT / "build" / "tarn"))
QUERIES = pathlib.Path(__file__).parent / "queries"
TABLES = ["lineitem", "orders", "customer", "part", "partsupp", "supplier", "nation", "region"]
SCALE = os.environ.get("TPCH_SCALE", "0.1")

pytestmark = pytest.mark.tpch


@pytest.fixture(scope="module")
def tpch(tmp_path_factory):
    base = tmp_path_factory.mktemp("tpch")
    raw = base / "raw"
    subprocess.run([str(ROOT / ".venv" / "bin" / "tpchgen-cli"), "parquet", "-s", SCALE, f"--output-dir={raw}"],
                   check=True, capture_output=True)
    for t in TABLES:
        files = sorted(raw.glob(f"{t}.parquet")) or sorted((raw / t).glob("*.parquet"))
        table = pa.concat_tables([pq.read_table(f) for f in files])
        # tpchgen writes string_view; store plain strings (what Spark and Delta writers produce).
        table = table.cast(pa.schema([pa.field(f.name, pa.string() if f.type == pa.string_view() else f.type,
                                               f.nullable) for f in table.schema]))
        pq.write_table(table, base / f"{t}.parquet")
        subprocess.run([TARN, "delta", "write", str(base / "delta" / t), "--from", str(base / f"{t}.parquet")],
                       check=True, capture_output=True)
    import duckdb
    con = duckdb.connect()
    for t in TABLES:
        con.execute(f"CREATE VIEW {t} AS SELECT * FROM read_parquet('{base / (t + '.parquet')}')")
    return base, con


def run_tarn(base, query, out):
    views = "".join(f"CREATE OR REPLACE TEMPORARY VIEW {t} AS SELECT * FROM delta.`{base / 'delta' / t}`;\n"
                    for t in TABLES)
    script = out.with_suffix(".sql")
    script.write_text(views + query)
    proc = subprocess.run([TARN, "sql", "-f", str(script), "--format", "arrow", "--output", str(out)],
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, f"tarn failed:\n{proc.stderr}"
    with ipc.open_stream(out.read_bytes()) as reader:
        return reader.read_all()


def same(got, want, scale):
    if got is None or want is None:
        return got is None and want is None
    if scale is not None:  # a decimal: compare at tarn's scale, within one unit of the last digit
        return abs(Decimal(str(got)) - Decimal(str(want))) <= Decimal(1).scaleb(-scale)
    if isinstance(got, float) or isinstance(want, float):
        return math.isclose(float(got), float(want), rel_tol=1e-9, abs_tol=1e-12)
    return got == want


@pytest.mark.parametrize("number", range(1, 23), ids=[f"q{n:02d}" for n in range(1, 23)])
def test_tpch_query_matches_duckdb(tpch, number, tmp_path):
    base, con = tpch
    query = (QUERIES / f"q{number:02d}.sql").read_text()
    got = run_tarn(base, query, tmp_path / "result.arrow")
    want = con.execute(query).fetchall()
    scales = [f.type.scale if pa.types.is_decimal(f.type) else None for f in got.schema]
    rows = [tuple(r.values()) for r in got.to_pylist()]
    assert len(rows) == len(want), f"{len(rows)} rows, DuckDB has {len(want)}"
    assert len(got.schema) == len(want[0]) if want else True
    for i, (a, b) in enumerate(zip(rows, want)):
        for c, (x, y) in enumerate(zip(a, b)):
            assert same(x, y, scales[c]), f"row {i} column {got.schema[c].name}: tarn {x!r}, DuckDB {y!r}"
