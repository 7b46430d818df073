"""Table commands through `tarn sql` on Delta tables by path: INSERT (by position, column list,
BY NAME, static partitions, OVERWRITE, REPLACE WHERE), TRUNCATE, DESCRIBE HISTORY / DETAIL,
OPTIMIZE, VACUUM and the range() table-valued function. Results are read back with deltalake
(an independent Delta reader) and compared with what the statements should have produced."""
import os
import pathlib
import subprocess

import pyarrow as pa
import pyarrow.ipc as ipc
import pyarrow.parquet as pq
import pytest
from deltalake import DeltaTable

ROOT = pathlib.Path(__file__).resolve().parents[2]
TARN = os.environ.get("TARN_BIN", str(ROOT / "build" / "tarn"))


def sql(script, tmp_path, check=True):
    out = tmp_path / "result.arrow"
    if out.exists():
        out.unlink()
    proc = subprocess.run([TARN, "sql", "-e", script, "--format", "arrow", "--output", str(out)],
                          capture_output=True, text=True, timeout=300)
    if check and proc.returncode != 0:
        raise AssertionError(f"tarn sql failed:\n{script}\n{proc.stderr}")
    if proc.returncode != 0:
        return None, proc.stderr
    if not out.exists() or out.stat().st_size == 0:  # a statement without rows
        return None, proc.stderr
    with ipc.open_stream(out.read_bytes()) as reader:
        return reader.read_all(), proc.stderr


@pytest.fixture
def people(tmp_path):
    """A Delta table (id BIGINT, name STRING, city STRING) partitioned by city, written by tarn."""
    path = tmp_path / "people"
    data = pa.table({"id": pa.array([1, 2, 3], pa.int64()), "name": ["ann", "bob", "cyd"],
                     "city": ["Oslo", "Rome", "Oslo"]})
    pq.write_table(data, tmp_path / "people.parquet")
    subprocess.run([TARN, "delta", "write", str(path), "--from", str(tmp_path / "people.parquet"),
                    "--partition-by", "city"], check=True, capture_output=True)
    return path


def rows(path):
    return sorted(DeltaTable(str(path)).to_pyarrow_table().to_pylist(), key=lambda r: r["id"])


def test_insert_values_by_position_casts_to_column_types(people, tmp_path):
    result, _ = sql(f"INSERT INTO delta.`{people}` VALUES (4, 'dan', 'Rome'), (5, 'eve', 'Oslo')", tmp_path)
    assert result.to_pylist() == [{"num_affected_rows": 2, "num_inserted_rows": 2}]
    got = rows(people)
    assert [r["id"] for r in got] == [1, 2, 3, 4, 5]
    assert got[3] == {"id": 4, "name": "dan", "city": "Rome"}
    # The INT literals were cast to the table's BIGINT column.
    assert DeltaTable(str(people)).schema().to_arrow().field("id").type == pa.int64()


def test_insert_column_list_by_name_and_static_partition(people, tmp_path):
    sql(f"INSERT INTO delta.`{people}` (name, id) VALUES ('fay', 6)", tmp_path)
    sql(f"INSERT INTO delta.`{people}` BY NAME SELECT 'Rome' AS city, 7 AS id, 'gus' AS name", tmp_path)
    sql(f"INSERT INTO delta.`{people}` PARTITION (city = 'Bern') VALUES (8, 'hal')", tmp_path)
    got = {r["id"]: r for r in rows(people)}
    assert got[6] == {"id": 6, "name": "fay", "city": None}
    assert got[7] == {"id": 7, "name": "gus", "city": "Rome"}
    assert got[8] == {"id": 8, "name": "hal", "city": "Bern"}


def test_insert_overwrite_partition_and_replace_where(people, tmp_path):
    sql(f"INSERT OVERWRITE delta.`{people}` PARTITION (city = 'Oslo') VALUES (10, 'ivy')", tmp_path)
    assert [(r["id"], r["city"]) for r in rows(people)] == [(2, "Rome"), (10, "Oslo")]
    sql(f"INSERT INTO delta.`{people}` REPLACE WHERE city = 'Rome' SELECT 11, 'jon', 'Rome'", tmp_path)
    assert [(r["id"], r["city"]) for r in rows(people)] == [(10, "Oslo"), (11, "Rome")]
    sql(f"INSERT OVERWRITE delta.`{people}` SELECT id + 100, name, city FROM range(1, 3) "
        f"CROSS JOIN (SELECT 'x' AS name, 'Pisa' AS city)", tmp_path)
    assert [r["id"] for r in rows(people)] == [101, 102]


def test_insert_errors_keep_the_table(people, tmp_path):
    before = rows(people)
    _, err = sql(f"INSERT INTO delta.`{people}` VALUES (1, 'a')", tmp_path, check=False)
    assert "INSERT_COLUMN_ARITY_MISMATCH.NOT_ENOUGH_DATA_COLUMNS" in err
    _, err = sql(f"INSERT INTO delta.`{people}` VALUES (1, 'a', 'b', 'c')", tmp_path, check=False)
    assert "INSERT_COLUMN_ARITY_MISMATCH.TOO_MANY_DATA_COLUMNS" in err
    _, err = sql(f"INSERT INTO delta.`{people}` VALUES ('not a number', 'a', 'b')", tmp_path, check=False)
    assert "CAST_INVALID_INPUT" in err
    _, err = sql(f"INSERT INTO delta.`{tmp_path / 'missing'}` VALUES (1)", tmp_path, check=False)
    assert "DELTA_MISSING_DELTA_TABLE" in err
    assert rows(people) == before
    assert len(DeltaTable(str(people)).history()) == 1


def test_history_detail_optimize_vacuum_truncate(people, tmp_path):
    for i in range(3):
        sql(f"INSERT INTO delta.`{people}` VALUES ({20 + i}, 'n', 'Oslo')", tmp_path)
    history, _ = sql(f"DESCRIBE HISTORY delta.`{people}`", tmp_path)
    assert history.column("version").to_pylist() == [3, 2, 1, 0]
    assert history.column("operation").to_pylist()[0] == "WRITE"
    limited, _ = sql(f"DESCRIBE HISTORY delta.`{people}` LIMIT 1", tmp_path)
    assert limited.num_rows == 1
    detail, _ = sql(f"DESCRIBE DETAIL delta.`{people}`", tmp_path)
    d = detail.to_pylist()[0]
    assert d["format"] == "delta" and d["partitionColumns"] == ["city"]
    assert d["numFiles"] == len(DeltaTable(str(people)).file_uris())
    optimized, _ = sql(f"OPTIMIZE delta.`{people}` ZORDER BY (id)", tmp_path)
    assert optimized.column("numFilesRemoved").to_pylist()[0] >= 2
    assert len(DeltaTable(str(people)).file_uris()) == 2  # one file per partition
    dry, _ = sql("SET spark.databricks.delta.retentionDurationCheck.enabled = false; "
                 f"VACUUM delta.`{people}` RETAIN 0 HOURS DRY RUN", tmp_path)
    assert dry.num_rows >= 4  # the compacted files
    sql("SET spark.databricks.delta.retentionDurationCheck.enabled = false; "
        f"VACUUM delta.`{people}` RETAIN 0 HOURS", tmp_path)
    assert [r["id"] for r in rows(people)] == [1, 2, 3, 20, 21, 22]
    _, err = sql(f"VACUUM delta.`{people}` RETAIN 0 HOURS", tmp_path, check=False)
    assert "DELTA_VACUUM_RETENTION" in err or "retention" in err.lower()
    sql(f"TRUNCATE TABLE delta.`{people}`", tmp_path)
    assert rows(people) == []


def test_range_table_function(tmp_path):
    result, _ = sql("SELECT sum(id) AS s, count(*) AS n FROM range(10)", tmp_path)
    assert result.to_pylist() == [{"s": 45, "n": 10}]
    result, _ = sql("SELECT id FROM range(10, 0, -3)", tmp_path)
    assert result.column("id").to_pylist() == [10, 7, 4, 1]
    _, err = sql("SELECT * FROM no_such_function(1)", tmp_path, check=False)
    assert "UNRESOLVABLE_TABLE_VALUED_FUNCTION" in err


def test_delete_with_any_condition(people, tmp_path):
    result, _ = sql(f"DELETE FROM delta.`{people}` WHERE city = 'Oslo' AND id > 1", tmp_path)
    assert result.to_pylist() == [{"num_affected_rows": 1}]
    assert [r["id"] for r in rows(people)] == [1, 2]
    # A condition only the SQL engine can evaluate (a function call, a subquery).
    result, _ = sql(f"DELETE FROM delta.`{people}` WHERE length(name) > 2 AND id IN (SELECT 2)", tmp_path)
    assert result.to_pylist() == [{"num_affected_rows": 1}]
    assert [r["id"] for r in rows(people)] == [1]


def test_create_table_at_path(tmp_path):
    t = tmp_path / "created"
    sql(f"CREATE TABLE delta.`{t}` (id BIGINT NOT NULL, amount DECIMAL(10,2), day DATE, "
        f"CONSTRAINT positive CHECK (amount > 0)) PARTITIONED BY (day) COMMENT 'orders' "
        f"TBLPROPERTIES ('delta.appendOnly' = 'false')", tmp_path)
    dt = DeltaTable(str(t))
    schema = dt.schema().to_arrow()
    assert [f.name for f in schema] == ["id", "amount", "day"]
    assert dt.metadata().partition_columns == ["day"]
    assert dt.metadata().description == "orders"
    assert dt.metadata().configuration["delta.constraints.positive"] == "amount > 0"
    assert dt.to_pyarrow_table().num_rows == 0
    _, err = sql(f"CREATE TABLE delta.`{t}` (a INT)", tmp_path, check=False)
    assert "DELTA_PATH_EXISTS" in err
    sql(f"CREATE TABLE IF NOT EXISTS delta.`{t}` (a INT)", tmp_path)
    assert [f.name for f in DeltaTable(str(t)).schema().to_arrow()] == ["id", "amount", "day"]
    _, err = sql(f"INSERT INTO delta.`{t}` VALUES (1, -5.00, DATE'2024-01-01')", tmp_path, check=False)
    assert "DELTA_VIOLATE_CONSTRAINT_WITH_VALUES" in err or "CHECK" in err
    sql(f"INSERT INTO delta.`{t}` VALUES (1, 5.00, DATE'2024-01-01')", tmp_path)
    c = tmp_path / "ctas"
    sql(f"CREATE TABLE delta.`{c}` AS SELECT id, id * 2 AS twice FROM range(4)", tmp_path)
    assert DeltaTable(str(c)).to_pyarrow_table().sort_by("id").to_pylist() == [
        {"id": i, "twice": 2 * i} for i in range(4)]
    sql(f"CREATE OR REPLACE TABLE delta.`{c}` AS SELECT 'x' AS s", tmp_path)
    assert DeltaTable(str(c)).to_pyarrow_table().to_pylist() == [{"s": "x"}]
    assert len(DeltaTable(str(c)).history()) == 2  # history kept across the replace
