"""`tarn files read` against Spark's own readers on the lab data sets: the inferred schema and the
rows must match `spark.read.csv(header=True, inferSchema=True)` / `spark.read.json`.

One deliberate difference: tarn follows Databricks read_files, which infers integer columns as
bigint where open-source Spark's CSV reader infers int; the comparison maps Spark's int to bigint.
Skipped when ../shared/data (relative to the repository root) is absent.
"""
from __future__ import annotations

import math
import os
import subprocess
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

ROOT = Path(__file__).resolve().parents[2]
TARN = os.environ.get("TARN_BIN", str(ROOT / "build" / "tarn"))
DATA = ROOT.parent / "shared" / "data" / "mslearn"

pytestmark = [
    pytest.mark.spark,
    pytest.mark.skipif(not DATA.is_dir(), reason=f"{DATA} not present (lab data sets)"),
]


def tarn_read(tmp_path: Path, path: Path, fmt: str, *options: str, extra: list[str] = ()) -> pa.Table:
    out = tmp_path / f"{path.stem}.parquet"
    args = [TARN, "files", "read", str(path), "--format", fmt, "--output-format", "parquet", "--output", str(out)]
    for option in options:
        args += ["--option", option]
    args += list(extra)
    proc = subprocess.run(args, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    return pq.read_table(out)


def spark_types(df) -> list[tuple[str, str]]:
    names = {"integer": "bigint", "long": "bigint", "int": "bigint"}
    return [(f.name, names.get(f.dataType.simpleString(), f.dataType.simpleString())) for f in df.schema.fields]


def arrow_types(table: pa.Table) -> list[tuple[str, str]]:
    def name(t: pa.DataType) -> str:
        if pa.types.is_int64(t):
            return "bigint"
        if pa.types.is_float64(t):
            return "double"
        if pa.types.is_string(t) or pa.types.is_large_string(t):
            return "string"
        if pa.types.is_boolean(t):
            return "boolean"
        if pa.types.is_date32(t):
            return "date"
        if pa.types.is_timestamp(t):
            return "timestamp" if t.tz else "timestamp_ntz"
        if pa.types.is_decimal(t):
            return f"decimal({t.precision},{t.scale})"
        return str(t)

    return [(f.name, name(f.type)) for f in table.schema]


def normalized_rows(table: pa.Table) -> list[tuple]:
    def norm(v):
        if isinstance(v, float) and math.isnan(v):
            return "NaN"
        return v

    rows = [tuple(norm(v) for v in row.values()) for row in table.to_pylist()]
    return sorted(rows, key=repr)


def compare(tarn_table: pa.Table, spark_df):
    assert "_rescued_data" in tarn_table.column_names
    rescued = tarn_table.column("_rescued_data")
    assert rescued.null_count == len(rescued), f"unexpected rescued data: {rescued.drop_null()[:3]}"
    tarn_table = tarn_table.drop_columns(["_rescued_data"])
    assert arrow_types(tarn_table) == spark_types(spark_df)
    spark_table = spark_df.toArrow()
    # Spark's int columns come back as int32: cast to the bigint tarn infers before comparing rows.
    spark_table = spark_table.cast(tarn_table.schema)
    assert tarn_table.num_rows == spark_table.num_rows
    assert normalized_rows(tarn_table) == normalized_rows(spark_table)


@pytest.mark.parametrize("name", ["covid_data.csv", "products.csv"])
def test_csv_matches_spark(spark, tmp_path, name):
    path = DATA / name
    tarn_table = tarn_read(tmp_path, path, "csv", "header=true")
    spark_df = spark.read.csv(str(path), header=True, inferSchema=True)
    compare(tarn_table, spark_df)


def test_json_matches_spark(spark, tmp_path):
    path = DATA / "devices1.json"
    tarn_table = tarn_read(tmp_path, path, "json")
    compare(tarn_table, spark.read.json(str(path)))


def test_malformed_csv_is_rescued_not_lost(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("id,amount\n1,10\n2,oops\n3,30,extra\n")
    schema = ('{"type":"struct","fields":[{"name":"id","type":"long","nullable":true,"metadata":{}},'
              '{"name":"amount","type":"long","nullable":true,"metadata":{}},'
              '{"name":"_rescued_data","type":"string","nullable":true,"metadata":{}}]}')
    table = tarn_read(tmp_path, bad, "csv", "header=true", extra=["--schema-json", schema])
    assert table.column("id").to_pylist() == [1, 2, 3]
    assert table.column("amount").to_pylist() == [10, None, 30]
    rescued = table.column("_rescued_data").to_pylist()
    assert rescued[0] is None and '"oops"' in rescued[1] and '"_c2":"extra"' in rescued[2]
