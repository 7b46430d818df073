"""Row-level changes made by tarn (DELETE through deletion vectors or rewrites), its change data
feed and RESTORE, checked against delta-spark and deltalake; and a Spark-made table with
deletion vectors read (with row addresses) and changed further by tarn.

Tables are built with the CLI: ``tarn delta write`` / ``delete`` / ``changes`` / ``restore``.
"""
from __future__ import annotations

import json

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest

from interop_helpers import (assert_tables_equal, deltalake_read, delta_log_actions,
                             delta_log_versions, spark_read)

ROWS = pa.table({
    "id": pa.array(range(20), pa.int64()),
    "region": pa.array(["EU" if i % 2 == 0 else "US" for i in range(20)]),
    "amount": pa.array([float(i) * 1.5 for i in range(20)]),
})
PROPS = {"delta.enableDeletionVectors": "true", "delta.enableChangeDataFeed": "true"}


def expected_after(deleted) -> pa.Table:
    keep = [i for i in range(20) if not deleted(i)]
    return ROWS.take(pa.array(keep, pa.int64()))


def deleted_rows(i: int) -> bool:
    return i * 1.5 > 21 or i == 3


@pytest.fixture(scope="module")
def dv_table(tarn, tmp_path_factory):
    """v0 create (DVs + CDF on, partitioned), v1 DELETE amount > 21, v2 DELETE id = 3."""
    path = tmp_path_factory.mktemp("rowchanges") / "dv_table"
    tarn.write(path, ROWS, partition_by=["region"], properties=PROPS)
    tarn("delta", "delete", str(path), "--where", "amount > 21")
    tarn("delta", "delete", str(path), "--where", "id = 3")
    return path


def read_changes(tarn, path, start: int, end: int | None = None) -> pa.Table:
    out = tarn.tmpfile(".parquet")
    args = ["delta", "changes", str(path), "--from", str(start), "--format", "parquet", "--output", str(out)]
    if end is not None:
        args += ["--to", str(end)]
    tarn(*args)
    return pq.read_table(out)


def test_tarn_delete_writes_deletion_vectors(dv_table, tarn):
    assert delta_log_versions(dv_table) == [0, 1, 2]
    adds = [a["add"] for a in delta_log_actions(dv_table, 2) if "add" in a]
    assert adds and all(a.get("deletionVector") for a in adds), adds
    assert any("cdc" in a for a in delta_log_actions(dv_table, 2))
    assert_tables_equal(tarn.read(dv_table), expected_after(deleted_rows), check_column_order=False)


@pytest.mark.spark
def test_spark_reads_tarn_deletion_vectors(dv_table, spark):
    assert_tables_equal(spark_read(spark, dv_table), expected_after(deleted_rows), check_column_order=False)
    assert_tables_equal(spark_read(spark, dv_table, version=1), expected_after(lambda i: i * 1.5 > 21),
                        check_column_order=False)


def test_deltalake_reads_tarn_deletion_vectors(dv_table):
    try:
        rows = deltalake_read(dv_table)
    except Exception as exc:  # noqa: BLE001 - delta-rs builds without DV support refuse the table
        pytest.skip(f"deltalake cannot read deletion vectors here: {exc}")
    assert_tables_equal(rows, expected_after(deleted_rows), check_column_order=False)


@pytest.mark.spark
def test_change_data_feed_matches_spark(dv_table, tarn, spark):
    ours = read_changes(tarn, dv_table, 0)
    theirs = (spark.read.format("delta").option("readChangeFeed", "true").option("startingVersion", 0)
              .load(str(dv_table)).toArrow())
    columns = ["id", "region", "amount", "_change_type", "_commit_version"]
    assert_tables_equal(ours.select(columns), theirs.select(columns), check_column_order=False)
    assert ours.schema.field("_commit_timestamp").type == pa.timestamp("us", tz="UTC")
    # A range that starts after the create.
    ours = read_changes(tarn, dv_table, 2, 2)
    assert sorted(ours.column("id").to_pylist()) == [3]
    assert set(ours.column("_change_type").to_pylist()) == {"delete"}


def test_change_data_feed_errors(dv_table, tarn):
    proc = tarn.run("delta", "changes", str(dv_table), "--from", "9", check=False)
    assert proc.returncode != 0 and "DELTA_INVALID_CDC_RANGE" in proc.stderr


@pytest.mark.spark
def test_restore_matches_old_version(tarn, spark, tmp_path):
    path = tmp_path / "restore_table"
    tarn.write(path, ROWS, properties={"delta.enableDeletionVectors": "true"})
    tarn("delta", "delete", str(path), "--where", "id < 5")                       # v1 (DV)
    tarn.write(path, ROWS.slice(0, 2).append_column("extra", pa.array([1, 2], pa.int32())),
               merge_schema=True)                                                   # v2 (schema)
    out = json.loads(tarn("delta", "restore", str(path), "--version", "1", "--format", "json"))
    assert out["version"] == 3
    assert out["num_of_files_after_restore"] == 1
    old = spark_read(spark, path, version=1)
    assert old.column_names == ["id", "region", "amount"]
    assert_tables_equal(spark_read(spark, path), old)
    assert_tables_equal(tarn.read(path), old)
    last = spark.sql(f"DESCRIBE HISTORY delta.`{path}` LIMIT 1").collect()[0]
    assert last["operation"] == "RESTORE"
    proc = tarn.run("delta", "restore", str(path), "--version", "99", check=False)
    assert proc.returncode != 0 and "DELTA_CANNOT_RESTORE_TABLE_VERSION" in proc.stderr


@pytest.mark.spark
def test_spark_deletion_vectors_read_and_changed_by_tarn(tarn, spark, tmp_path):
    path = tmp_path / "spark_dv"
    (spark.range(0, 40).selectExpr("id", "cast(id * 2 as int) AS v").coalesce(1)
     .write.format("delta").option("delta.enableDeletionVectors", "true").save(str(path)))
    spark.sql(f"ALTER TABLE delta.`{path}` SET TBLPROPERTIES ('delta.enableDeletionVectors' = 'true')")
    spark.sql(f"DELETE FROM delta.`{path}` WHERE id % 3 = 0")
    versions = delta_log_versions(path)
    assert any(a.get("add", {}).get("deletionVector") for a in delta_log_actions(path, versions[-1])), \
        "Spark did not write a deletion vector"

    # One file written in id order: a row's physical position is its id.
    out = tarn.tmpfile(".parquet")
    tarn("delta", "read", str(path), "--row-address", "--format", "parquet", "--output", str(out))
    rows = pq.read_table(out)
    assert rows.column_names == ["id", "v", "__tarn_file_index", "__tarn_row_index"]
    assert rows.column("id").to_pylist() == rows.column("__tarn_row_index").to_pylist()
    assert sorted(rows.column("id").to_pylist()) == [i for i in range(40) if i % 3 != 0]

    tarn("delta", "delete", str(path), "--where", "id IN (0, 5, 10, 15, 20, 25, 30, 35) OR v = 38")
    expected = [i for i in range(40) if i % 3 != 0 and i % 5 != 0 and i != 19]
    spark_rows = spark_read(spark, path)
    assert sorted(spark_rows.column("id").to_pylist()) == expected
    assert sorted(tarn.read(path).column("id").to_pylist()) == expected
    # The new DV is the union of Spark's and tarn's deletions.
    adds = [a["add"] for a in delta_log_actions(path, delta_log_versions(path)[-1]) if "add" in a]
    assert len(adds) == 1 and adds[0]["deletionVector"]["cardinality"] == 40 - len(expected)


def test_deltalake_reads_copy_on_write_changes(tarn, tmp_path):
    """Without deletion vectors DELETE rewrites files; delta-rs reads the result and its CDF."""
    path = tmp_path / "cow_table"
    tarn.write(path, ROWS, partition_by=["region"], properties={"delta.enableChangeDataFeed": "true"})
    tarn("delta", "delete", str(path), "--where", "amount > 21 OR id = 3")
    assert not any(a.get("add", {}).get("deletionVector") for a in delta_log_actions(path, 1))
    assert_tables_equal(deltalake_read(path), expected_after(deleted_rows), check_column_order=False)
    from deltalake import DeltaTable

    theirs = DeltaTable(str(path)).load_cdf(starting_version=0).read_all()
    ours = read_changes(tarn, path, 0)
    columns = ["id", "region", "amount", "_change_type", "_commit_version"]
    assert_tables_equal(ours.select(columns), theirs.select(columns), check_schema=False)
