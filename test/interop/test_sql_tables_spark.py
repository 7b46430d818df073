"""Tables made and changed with tarn SQL, read by delta-spark; and a table delta-spark made and
changed, registered in tarn's catalog as an external table and queried with tarn SQL.

tarn side: MERGE, DELETE with deletion vectors, UPDATE, a column rename under column mapping, the
change data feed on. Spark must see the same rows at every version and the same change feed
(table_changes in tarn vs readChangeFeed in Spark)."""
from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pyarrow as pa
import pyarrow.ipc as ipc
import pytest

from interop_helpers import assert_tables_equal, spark_read

pytestmark = pytest.mark.spark


class Sql:
    def __init__(self, tarn_binary, home: Path, scratch: Path):
        self.tarn, self.home, self.scratch = str(tarn_binary), home, scratch

    def __call__(self, script: str) -> pa.Table | None:
        out = self.scratch / "result.arrow"
        out.unlink(missing_ok=True)
        proc = subprocess.run([self.tarn, "sql", "-e", script, "--format", "arrow", "--output", str(out)],
                              capture_output=True, text=True, timeout=600,
                              env=dict(os.environ, TARN_HOME=str(self.home)))
        assert proc.returncode == 0, f"{script}\n{proc.stderr}"
        if not out.exists() or out.stat().st_size == 0:
            return None
        with ipc.open_stream(out.read_bytes()) as reader:
            return reader.read_all()


@pytest.fixture
def sql(tarn_binary, tmp_path):
    return Sql(tarn_binary, tmp_path / "workspace", tmp_path)


def by_id(table: pa.Table) -> list[dict]:
    return sorted(table.to_pylist(), key=lambda r: r["id"])


def test_spark_reads_a_table_tarn_changed_with_sql(spark, sql):
    sql("CREATE TABLE acct (id BIGINT, owner STRING, balance DOUBLE, region STRING) PARTITIONED BY (region) "
        "TBLPROPERTIES ('delta.enableDeletionVectors' = 'true', 'delta.enableChangeDataFeed' = 'true', "
        "'delta.columnMapping.mode' = 'name')")
    sql("INSERT INTO acct SELECT id, concat('owner', id), id * 10.0, CASE WHEN id % 2 = 0 THEN 'eu' ELSE 'us' END "
        "FROM range(1, 21)")                                                                    # v1
    sql("MERGE INTO acct t USING (SELECT id, id * 100.0 AS balance FROM range(15, 25)) s ON t.id = s.id "
        "WHEN MATCHED THEN UPDATE SET balance = s.balance "
        "WHEN NOT MATCHED THEN INSERT (id, owner, balance, region) VALUES (s.id, 'new', s.balance, 'us')")  # v2
    sql("DELETE FROM acct WHERE id % 5 = 0")                                                    # v3 (DVs)
    sql("UPDATE acct SET balance = balance + 1 WHERE region = 'eu'")                            # v4
    path = sql("DESCRIBE DETAIL acct").to_pylist()[0]["location"].removeprefix("file:")

    def change_feed(start, end):
        ours = sql(f"SELECT * FROM table_changes('acct', {start}, {end})").drop_columns(["_commit_timestamp"])
        theirs = (spark.read.format("delta").option("readChangeFeed", "true").option("startingVersion", start)
                  .option("endingVersion", end).load(path).drop("_commit_timestamp").toArrow())
        assert_tables_equal(ours, theirs, label=f"change feed {start}..{end}", check_schema=False)

    change_feed(1, 4)
    sql("ALTER TABLE acct RENAME COLUMN owner TO holder")                                       # v5
    sql("INSERT INTO acct VALUES (99, 'late', 1.0, 'eu')")                                      # v6
    change_feed(6, 6)

    ours = sql("SELECT * FROM acct")
    theirs = spark_read(spark, path)
    assert ours.column_names == theirs.column_names == ["id", "holder", "balance", "region"]
    assert by_id(ours) == by_id(theirs)
    assert len(by_id(ours)) == 24 - 4 + 1  # ids 1..24 without 5, 10, 15, 20, and 99
    for version in range(1, 5):
        assert by_id(sql(f"SELECT * FROM acct VERSION AS OF {version}")) == by_id(spark_read(spark, path, version)), \
            f"version {version}"
    assert any(f.endswith(".bin") for f in os.listdir(path)), "the DELETE should have written deletion vectors"


def test_tarn_registers_and_changes_a_spark_table(spark, sql, tmp_path):
    path = tmp_path / "spark_orders"
    spark.sql(f"CREATE TABLE delta.`{path}` (id BIGINT, item STRING, qty INT) USING delta "
              "TBLPROPERTIES ('delta.enableDeletionVectors' = 'true')")
    spark.sql(f"INSERT INTO delta.`{path}` VALUES (1, 'pen', 3), (2, 'ink', 1), (3, 'pad', 7), (4, 'cap', 2)")
    spark.sql(f"DELETE FROM delta.`{path}` WHERE id = 2")
    spark.sql(f"UPDATE delta.`{path}` SET qty = qty * 10 WHERE item = 'pad'")

    sql(f"CREATE TABLE orders LOCATION '{path}'")
    assert by_id(sql("SELECT * FROM orders")) == [
        {"id": 1, "item": "pen", "qty": 3}, {"id": 3, "item": "pad", "qty": 70}, {"id": 4, "item": "cap", "qty": 2}]
    assert sql("SELECT sum(qty) AS s FROM orders WHERE id > 1").to_pylist() == [{"s": 72}]
    # tarn changes it; Spark reads the result; dropping the external table keeps the data.
    sql("MERGE INTO orders t USING (SELECT 4 AS id, 'cap' AS item, 5 AS qty UNION ALL SELECT 9, 'mug', 1) s "
        "ON t.id = s.id WHEN MATCHED THEN UPDATE SET * WHEN NOT MATCHED THEN INSERT *")
    sql("DELETE FROM orders WHERE item = 'pen'")
    assert by_id(spark_read(spark, path)) == by_id(sql("SELECT * FROM orders")) == [
        {"id": 3, "item": "pad", "qty": 70}, {"id": 4, "item": "cap", "qty": 5}, {"id": 9, "item": "mug", "qty": 1}]
    sql("DROP TABLE orders")
    assert spark_read(spark, path).num_rows == 3


def test_spark_reads_and_writes_a_table_tarn_clustered(spark, sql):
    sql("CREATE TABLE events (id BIGINT, kind STRING) CLUSTER BY (id)")
    sql("INSERT INTO events SELECT id, 'a' FROM range(0, 50)")
    sql("INSERT INTO events SELECT id, 'b' FROM range(50, 100)")
    sql("OPTIMIZE events")
    path = sql("DESCRIBE DETAIL events").to_pylist()[0]["location"].removeprefix("file:")
    detail = spark.sql(f"DESCRIBE DETAIL delta.`{path}`").collect()[0]
    assert list(detail["clusteringColumns"]) == ["id"]
    assert spark_read(spark, path).num_rows == 100
    # Spark can keep writing it, and tarn reads what Spark wrote.
    spark.sql(f"INSERT INTO delta.`{path}` VALUES (100, 'c')")
    assert sql("SELECT count(*) AS n, max(id) AS m FROM events").to_pylist() == [{"n": 101, "m": 100}]
