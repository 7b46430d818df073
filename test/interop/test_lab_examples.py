"""The main job's LA-05 example against pyspark with delta-spark: the bronze, silver and gold
tables tarn builds from covid_data.csv with examples/la05_medallion_pipeline.sql equal what Spark
computes from the same CSV with the same statements. Open-source Spark has no read_files(), so on
the Spark side that one call becomes a temporary view over spark.read.csv(header, inferSchema);
everything else runs as written. Uses the lab file when ../shared/data is present, else tarn's
built-in sample of the same shape."""
from __future__ import annotations

import math
import os
import re
import subprocess
from pathlib import Path

import pyarrow as pa
import pyarrow.ipc as ipc
import pytest

from interop_helpers import REPO_ROOT

EXAMPLE = REPO_ROOT / "examples" / "la05_medallion_pipeline.sql"
LAB_CSV = REPO_ROOT.parent / "shared" / "data" / "mslearn" / "covid_data.csv"

pytestmark = pytest.mark.spark


def statements(path: Path) -> list[str]:
    text = "\n".join(line for line in path.read_text().splitlines() if not line.lstrip().startswith("--"))
    return [s.strip() for s in text.split(";") if s.strip()]


def tarn_sql(tarn_binary, home: Path, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, TARN_HOME=str(home))
    proc = subprocess.run([str(tarn_binary), "sql", *args], capture_output=True, text=True, env=env, timeout=600)
    assert proc.returncode == 0, proc.stderr
    return proc


def tarn_table(tarn_binary, home: Path, name: str, out: Path) -> pa.Table:
    tarn_sql(tarn_binary, home, "-e", f"SELECT * FROM {name}", "--format", "arrow", "--output", str(out))
    with ipc.open_stream(out.read_bytes()) as reader:
        return reader.read_all()


def normalized(table: pa.Table) -> list[tuple]:
    def cell(v):
        if isinstance(v, float) and math.isnan(v):
            return "NaN"
        return v
    return sorted((tuple(cell(v) for v in row.values()) for row in table.to_pylist()), key=repr)


def test_la05_bronze_silver_gold_equal_pyspark(spark, tarn_binary, tmp_path):
    if LAB_CSV.is_file():
        data_dir = LAB_CSV.parent
    else:
        data_dir = tmp_path / "files"
        data_dir.mkdir()
        subprocess.run([str(tarn_binary), "sample", "covid", "--output", str(data_dir / "covid_data.csv")], check=True)
    home = tmp_path / "workspace"
    tarn_sql(tarn_binary, home, "-e", f"CREATE EXTERNAL VOLUME lab_files LOCATION '{data_dir}'")
    tarn_sql(tarn_binary, home, "-f", str(EXAMPLE))

    spark.read.csv(str(data_dir / "covid_data.csv"), header=True, inferSchema=True) \
        .createOrReplaceTempView("covid_csv")
    # Tables without USING are Delta tables, as on Databricks (and in tarn).
    spark.conf.set("spark.sql.sources.default", "delta")
    try:
        for statement in statements(EXAMPLE):
            spark.sql(re.sub(r"read_files\([^)]*\)", "covid_csv", statement)).collect()
        for name in ("covid_bronze", "covid_silver", "covid_gold"):
            ours = tarn_table(tarn_binary, home, name, tmp_path / f"{name}.arrow")
            theirs = spark.table(name).toArrow()
            assert ours.column_names == theirs.column_names, name
            # read_files infers integers as bigint (Databricks); Spark's CSV reader as int.
            theirs = theirs.cast(ours.schema)
            assert ours.num_rows == theirs.num_rows > 0, name
            assert normalized(ours) == normalized(theirs), name
    finally:
        spark.conf.unset("spark.sql.legacy.timeParserPolicy")
        spark.conf.unset("spark.sql.sources.default")
        for name in ("covid_gold", "covid_silver", "covid_bronze"):
            spark.sql(f"DROP TABLE IF EXISTS {name}")
