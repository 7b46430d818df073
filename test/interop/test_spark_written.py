"""Tables written by delta-spark, read by tarn: identical rows and schema at EVERY version.

Each fixture table is built once per module (lazily, on first use) by a builder below; the
builder also asserts that Spark really produced the feature under test (checkpoint files,
deletion vector files, sidecars, column-mapping metadata...), so ``test_fixture_layout`` can
validate the Spark side without a tarn binary. Expected results are always what
``spark.read.format('delta').option('versionAsOf', v)`` returns.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import pytest

from interop_helpers import (assert_tables_equal, check_all, checkpoint_files, delta_log_actions,
                      delta_log_versions, spark_read, spark_snapshots, strip_field_metadata)

pytestmark = pytest.mark.spark


# --------------------------------------------------------------------------------------------
# Fixture-table registry
# --------------------------------------------------------------------------------------------

@dataclass
class SparkTable:
    name: str
    path: Path
    snapshots: dict  # version -> pa.Table as Spark reads it
    notes: dict = field(default_factory=dict)

    @property
    def latest(self) -> int:
        return max(self.snapshots)


BUILDERS: dict[str, Callable] = {}


def builder(name):
    def register(fn):
        BUILDERS[name] = fn
        return fn
    return register


class SparkTables:
    """Builds each named Spark table the first time a test asks for it (once per module)."""

    def __init__(self, spark, root: Path):
        self.spark, self.root, self._tables = spark, root, {}

    def __getitem__(self, name: str) -> SparkTable:
        if name not in self._tables:
            path = self.root / name
            try:
                notes = BUILDERS[name](self.spark, path) or {}
                self._tables[name] = SparkTable(name, path, spark_snapshots(self.spark, path), notes)
            except BaseException as exc:  # build once; later tests report the same failure
                self._tables[name] = exc
                raise
        table = self._tables[name]
        if isinstance(table, BaseException):
            pytest.fail(f"Spark fixture table {name!r} failed to build: {table}", pytrace=False)
        return table


@pytest.fixture(scope="module")
def spark_tables(spark, tmp_path_factory) -> SparkTables:
    return SparkTables(spark, tmp_path_factory.mktemp("spark-written"))


def sql(spark, statement: str) -> None:
    spark.sql(statement).collect()


def log_files(path) -> list[str]:
    return sorted(os.listdir(Path(path) / "_delta_log"))


def all_log_actions(path) -> list[dict]:
    return [a for v in delta_log_versions(path) for a in delta_log_actions(path, v)]


# --------------------------------------------------------------------------------------------
# (a) more than 10 commits: JSON commits + classic checkpoint at version 10
# --------------------------------------------------------------------------------------------

@builder("checkpointed")
def build_checkpointed(spark, path):
    p = str(path)

    def batch(start, n):
        return (spark.range(start, start + n)
                .selectExpr("id", "concat('name-', id) AS name", "CAST(id AS DOUBLE) * 1.5 AS value")
                .coalesce(1))

    t = f"delta.`{p}`"
    batch(0, 10).write.format("delta").save(p)                                   # v0
    for i in range(1, 5):                                                         # v1..v4
        batch(i * 10, 10).write.format("delta").mode("append").save(p)
    sql(spark, f"DELETE FROM {t} WHERE id % 3 = 0")                               # v5
    sql(spark, f"UPDATE {t} SET name = 'updated', value = -value WHERE id > 40")  # v6
    batch(50, 10).write.format("delta").mode("append").save(p)                    # v7
    spark.range(55, 65).selectExpr("id", "'merged' AS name", "0.25 AS value") \
        .createOrReplaceTempView("merge_src")
    sql(spark, f"MERGE INTO {t} AS t USING merge_src AS s ON t.id = s.id "
               "WHEN MATCHED THEN UPDATE SET * WHEN NOT MATCHED THEN INSERT *")   # v8
    (batch(100, 5).write.format("delta").mode("overwrite")
     .option("replaceWhere", "id >= 100 OR id < 5").save(p))                      # v9
    for i in range(3):                                                            # v10..v12
        batch(200 + i * 10, 10).write.format("delta").mode("append").save(p)
    files = log_files(path)
    assert "00000000000000000010.checkpoint.parquet" in files, files
    assert json.loads((path / "_delta_log" / "_last_checkpoint").read_text())["version"] == 10
    assert delta_log_versions(path) == list(range(13))
    return {"checkpoint_version": 10}


@builder("multipart_checkpoint")
def build_multipart_checkpoint(spark, path):
    p = str(path)
    spark.conf.set("spark.databricks.delta.checkpoint.partSize", "2")  # actions per part
    try:
        (spark.range(0, 4).selectExpr("id", "id % 2 AS k").repartition(2).write.format("delta")
         .option("delta.checkpointInterval", "2").save(p))                        # v0
        for i in range(1, 4):                                                     # v1..v3
            (spark.range(i * 10, i * 10 + 4).selectExpr("id", "id % 2 AS k").repartition(2)
             .write.format("delta").mode("append").save(p))
    finally:
        spark.conf.unset("spark.databricks.delta.checkpoint.partSize")
    parts = [f for f in checkpoint_files(path) if f.startswith("00000000000000000002.checkpoint.")]
    assert len(parts) > 1, parts
    assert all(f.endswith(f".{len(parts):010d}.parquet") for f in parts), parts
    return {"parts": parts}


# --------------------------------------------------------------------------------------------
# (b) deletion vectors: DELETE and UPDATE, DVs also inside a checkpoint
# --------------------------------------------------------------------------------------------

@builder("deletion_vectors")
def build_deletion_vectors(spark, path):
    p = str(path)
    t = f"delta.`{p}`"
    sql(spark, f"CREATE TABLE {t} (id BIGINT, s STRING, grp INT) USING delta TBLPROPERTIES ("
               "'delta.enableDeletionVectors' = 'true', 'delta.checkpointInterval' = '4')")  # v0
    (spark.range(0, 200).selectExpr("id", "concat('s', id) AS s", "CAST(id % 4 AS INT) AS grp")
     .repartition(2).write.format("delta").mode("append").save(p))                         # v1
    sql(spark, f"DELETE FROM {t} WHERE id % 7 = 0")                                        # v2
    sql(spark, f"UPDATE {t} SET s = 'upd' WHERE id % 5 = 0")                               # v3
    sql(spark, f"DELETE FROM {t} WHERE id % 11 = 0")                                       # v4 ckpt
    (spark.range(1000, 1010).selectExpr("id", "'late' AS s", "CAST(id % 4 AS INT) AS grp")
     .coalesce(1).write.format("delta").mode("append").save(p))                            # v5
    sql(spark, f"DELETE FROM {t} WHERE id < 3 OR id = 1005")                               # v6
    dv_files = [f for f in os.listdir(path) if f.startswith("deletion_vector_") and f.endswith(".bin")]
    assert dv_files, os.listdir(path)
    dv_adds = [a["add"] for a in all_log_actions(path) if "add" in a and a["add"].get("deletionVector")]
    assert dv_adds, "Spark wrote no add action with a deletionVector"
    assert "00000000000000000004.checkpoint.parquet" in log_files(path)
    ops = [r["operation"] for r in spark.sql(f"DESCRIBE HISTORY {t}").collect()]
    assert "UPDATE" in ops and "DELETE" in ops
    return {"dv_files": dv_files}


# --------------------------------------------------------------------------------------------
# (c) column mapping: mode 'name' with RENAME / DROP (and re-ADD of a dropped name),
#     mode 'id', and an existing table upgraded to mode 'name'
# --------------------------------------------------------------------------------------------

@builder("column_mapping_name")
def build_column_mapping_name(spark, path):
    t = f"delta.`{path}`"
    sql(spark, f"CREATE TABLE {t} (a INT, b STRING, c DOUBLE, st STRUCT<x: INT, y: STRING>) "
               "USING delta TBLPROPERTIES ('delta.columnMapping.mode' = 'name')")          # v0
    sql(spark, f"INSERT INTO {t} VALUES (1, 'one', 1.0, named_struct('x', 1, 'y', 'p')), "
               "(2, 'two', 2.0, named_struct('x', 2, 'y', 'q'))")                          # v1
    sql(spark, f"ALTER TABLE {t} RENAME COLUMN b TO b_renamed")                            # v2
    sql(spark, f"INSERT INTO {t} VALUES (3, 'three', 3.0, named_struct('x', 3, 'y', 'r'))")  # v3
    sql(spark, f"ALTER TABLE {t} DROP COLUMN c")                                           # v4
    sql(spark, f"INSERT INTO {t} VALUES (4, 'four', named_struct('x', 4, 'y', 's'))")      # v5
    sql(spark, f"ALTER TABLE {t} RENAME COLUMN st.x TO xx")                                # v6
    sql(spark, f"INSERT INTO {t} VALUES (5, 'five', named_struct('xx', 5, 'y', 't'))")     # v7
    sql(spark, f"ALTER TABLE {t} ADD COLUMNS (c DOUBLE)")   # same name as the dropped one; v8
    sql(spark, f"INSERT INTO {t} VALUES (6, 'six', named_struct('xx', 6, 'y', 'u'), 6.5)")  # v9
    _assert_column_mapping(path, "name")


@builder("column_mapping_id")
def build_column_mapping_id(spark, path):
    t = f"delta.`{path}`"
    sql(spark, f"CREATE TABLE {t} (a INT, b STRING, c BIGINT) USING delta "
               "TBLPROPERTIES ('delta.columnMapping.mode' = 'id')")                        # v0
    sql(spark, f"INSERT INTO {t} VALUES (1, 'one', 10), (2, 'two', 20)")                   # v1
    sql(spark, f"ALTER TABLE {t} RENAME COLUMN b TO bee")                                  # v2
    sql(spark, f"INSERT INTO {t} VALUES (3, 'three', 30)")                                 # v3
    sql(spark, f"ALTER TABLE {t} DROP COLUMN a")                                           # v4
    sql(spark, f"ALTER TABLE {t} ADD COLUMNS (a STRING)")                                  # v5
    sql(spark, f"INSERT INTO {t} VALUES ('four', 40, 'new-a')")                            # v6
    _assert_column_mapping(path, "id")


@builder("column_mapping_upgraded")
def build_column_mapping_upgraded(spark, path):
    p = str(path)
    t = f"delta.`{p}`"
    spark.createDataFrame([(1, "one"), (2, "two")], "a INT, b STRING").coalesce(1) \
        .write.format("delta").save(p)                                                     # v0
    sql(spark, f"INSERT INTO {t} VALUES (3, 'three')")                                     # v1
    sql(spark, f"ALTER TABLE {t} SET TBLPROPERTIES ('delta.minReaderVersion' = '2', "
               "'delta.minWriterVersion' = '5', 'delta.columnMapping.mode' = 'name')")     # v2
    sql(spark, f"ALTER TABLE {t} RENAME COLUMN b TO b2")                                   # v3
    sql(spark, f"INSERT INTO {t} VALUES (4, 'four')")                                      # v4
    sql(spark, f"ALTER TABLE {t} RENAME COLUMN a TO b")   # a logical name reused        # v5
    _assert_column_mapping(path, "name")


def _assert_column_mapping(path, mode):
    metas = [a["metaData"] for a in all_log_actions(path) if "metaData" in a]
    assert metas[-1]["configuration"].get("delta.columnMapping.mode") == mode
    schema = json.loads(metas[-1]["schemaString"])
    assert all("delta.columnMapping.physicalName" in f["metadata"] for f in schema["fields"]), schema


# --------------------------------------------------------------------------------------------
# (d) partitioned by string, int and date; nulls and special characters
# --------------------------------------------------------------------------------------------

PARTITION_STRINGS = ["a", "a/b", "x=y", "c%d", "with space", None, "", "ünï cödé", "q#r",
                     "p:q", "a?b", "%41", "{brace}", "semi;colon", "back\\slash"]
PARTITION_INTS = [1, 2, None, -5]
PARTITION_DATES = [dt.date(2024, 1, 1), dt.date(1969, 12, 31), None, dt.date(2024, 2, 29)]
PARTITIONED_SCHEMA = "id INT, s STRING, i INT, d DATE, v DOUBLE"


def _partition_rows(start, n):
    rows = []
    for k in range(start, start + n):
        rows.append((k, PARTITION_STRINGS[k % len(PARTITION_STRINGS)],
                     PARTITION_INTS[k % len(PARTITION_INTS)],
                     PARTITION_DATES[(k // 2) % len(PARTITION_DATES)], k * 0.5))
    return rows


@builder("partitioned")
def build_partitioned(spark, path):
    p = str(path)
    t = f"delta.`{p}`"

    def df(start, n):
        return spark.createDataFrame(_partition_rows(start, n), PARTITIONED_SCHEMA)

    (df(0, 40).write.format("delta").partitionBy("s", "i", "d")
     .option("delta.checkpointInterval", "3").save(p))                                    # v0
    df(40, 20).write.format("delta").mode("append").save(p)                               # v1
    sql(spark, f"DELETE FROM {t} WHERE s = 'x=y'")                                        # v2
    (df(100, 12).where("i = 2").write.format("delta").mode("overwrite")
     .option("replaceWhere", "i = 2").save(p))                                            # v3 ckpt
    df(200, 15).write.format("delta").mode("append").save(p)                              # v4
    sql(spark, f"UPDATE {t} SET v = -1.0 WHERE s IS NULL OR d IS NULL")                   # v5
    dirs = set(os.listdir(path))
    for expected in ("s=a%2Fb", "s=x%3Dy", "s=c%25d", "s=__HIVE_DEFAULT_PARTITION__"):
        assert expected in dirs, (expected, sorted(dirs))
    adds = [a["add"] for a in all_log_actions(path) if "add" in a]
    values = {a["partitionValues"]["s"] for a in adds}
    assert {"a/b", "x=y", "c%d", None} <= values, values
    assert any("%25" in a["path"] for a in adds), "expected URL-encoded add paths"
    assert "00000000000000000003.checkpoint.parquet" in log_files(path)


# --------------------------------------------------------------------------------------------
# (e) TIMESTAMP (INT96 in Spark's Parquet) and TIMESTAMP_NTZ, incl. an NTZ partition column
# --------------------------------------------------------------------------------------------

@builder("timestamp_ntz")
def build_timestamp_ntz(spark, path):
    t = f"delta.`{path}`"
    sql(spark, f"CREATE TABLE {t} (id INT, ts TIMESTAMP, ntz TIMESTAMP_NTZ, pntz TIMESTAMP_NTZ) "
               "USING delta PARTITIONED BY (pntz)")                                       # v0
    sql(spark, f"""INSERT INTO {t} VALUES
        (1, TIMESTAMP'2024-01-02 03:04:05.123456', TIMESTAMP_NTZ'2024-01-02 03:04:05.123456',
            TIMESTAMP_NTZ'2024-01-01 00:00:00'),
        (2, TIMESTAMP'1969-12-31 23:59:59.999999', TIMESTAMP_NTZ'1900-01-01 00:00:00',
            TIMESTAMP_NTZ'2024-01-01 12:30:00.5'),
        (3, NULL, NULL, NULL),
        (4, TIMESTAMP'2262-04-12 00:00:00', TIMESTAMP_NTZ'9999-12-31 23:59:59.999999',
            TIMESTAMP_NTZ'1970-01-01 00:00:00')""")                                       # v1
    sql(spark, f"INSERT INTO {t} VALUES (5, TIMESTAMP'2000-02-29 12:00:00', "
               "TIMESTAMP_NTZ'2000-02-29 12:00:00.000001', TIMESTAMP_NTZ'2024-01-01 00:00:00')")  # v2
    protocol = [a["protocol"] for a in all_log_actions(path) if "protocol" in a][-1]
    assert "timestampNtz" in protocol.get("readerFeatures", []), protocol
    assert "timestampNtz" in protocol.get("writerFeatures", []), protocol


# --------------------------------------------------------------------------------------------
# (f) V2 checkpoints with sidecars (JSON and Parquet top-level files)
# --------------------------------------------------------------------------------------------

@builder("v2_checkpoint")
def build_v2_checkpoint(spark, path):
    t = f"delta.`{path}`"
    sql(spark, f"CREATE TABLE {t} (id BIGINT, p STRING) USING delta PARTITIONED BY (p) "
               "TBLPROPERTIES ('delta.checkpointPolicy' = 'v2', 'delta.checkpointInterval' = '2')")
    sql(spark, f"INSERT INTO {t} VALUES (1, 'p1'), (101, 'p2')")                        # v1
    sql(spark, f"INSERT INTO {t} VALUES (2, 'p2'), (102, 'p0'), (3, 'p0')")              # v2 ckpt
    spark.conf.set("spark.databricks.delta.checkpointV2.topLevelFileFormat", "parquet")
    try:
        sql(spark, f"DELETE FROM {t} WHERE id = 3")                                      # v3
        sql(spark, f"INSERT INTO {t} VALUES (4, 'p1'), (5, NULL)")                       # v4 ckpt
    finally:
        spark.conf.unset("spark.databricks.delta.checkpointV2.topLevelFileFormat")
    sql(spark, f"INSERT INTO {t} VALUES (6, 'p1')")                                      # v5
    files = log_files(path)
    tops = [f for f in files if ".checkpoint." in f and (f.endswith(".json") or f.endswith(".parquet"))]
    assert any(f.startswith("00000000000000000002.checkpoint.") and f.endswith(".json") for f in tops), tops
    assert any(f.startswith("00000000000000000004.checkpoint.") and f.endswith(".parquet") for f in tops), tops
    sidecars = [f for f in os.listdir(path / "_delta_log" / "_sidecars") if f.endswith(".parquet")]
    assert sidecars, "Spark wrote no sidecar files"
    last = json.loads((path / "_delta_log" / "_last_checkpoint").read_text())
    assert last["version"] == 4, last
    return {"top_level": tops, "sidecars": sidecars}


# --------------------------------------------------------------------------------------------
# (g) type widening: short->int, int->bigint, byte->short, float->double, decimal widening
# --------------------------------------------------------------------------------------------

@builder("type_widening")
def build_type_widening(spark, path):
    t = f"delta.`{path}`"
    sql(spark, f"CREATE TABLE {t} (a SMALLINT, b INT, y TINYINT, c FLOAT, dd DECIMAL(5,2), i INT) "
               "USING delta TBLPROPERTIES ('delta.enableTypeWidening' = 'true')")          # v0
    sql(spark, f"INSERT INTO {t} VALUES (1, 2, 3, 1.5, 1.25, 7), (-32768, 2147483647, -128, "
               "-0.5, -999.99, -7)")                                                         # v1
    sql(spark, f"ALTER TABLE {t} ALTER COLUMN a TYPE INT")                                   # v2
    sql(spark, f"ALTER TABLE {t} ALTER COLUMN b TYPE BIGINT")                                # v3
    sql(spark, f"INSERT INTO {t} VALUES (100000, 10000000000, 4, 2.5, 2.5, 8)")              # v4
    sql(spark, f"ALTER TABLE {t} ALTER COLUMN y TYPE SMALLINT")                              # v5
    sql(spark, f"ALTER TABLE {t} ALTER COLUMN c TYPE DOUBLE")                                # v6
    sql(spark, f"ALTER TABLE {t} ALTER COLUMN dd TYPE DECIMAL(22,4)")                        # v7
    sql(spark, f"ALTER TABLE {t} ALTER COLUMN i TYPE DOUBLE")                                # v8
    sql(spark, f"INSERT INTO {t} VALUES (5, 5, 1000, 1e300, 123456789012345678.1234, 0.125)")  # v9
    schema = json.loads([a["metaData"] for a in all_log_actions(path) if "metaData" in a][-1]["schemaString"])
    changed = [f["name"] for f in schema["fields"] if "delta.typeChanges" in f["metadata"]]
    assert set(changed) == {"a", "b", "y", "c", "dd", "i"}, changed


# --------------------------------------------------------------------------------------------
# (h) every Spark type (incl. nested, NaN, empty collections, decimals of all physical widths)
# --------------------------------------------------------------------------------------------

@builder("all_types")
def build_all_types(spark, path):
    t = f"delta.`{path}`"
    sql(spark, f"""CREATE TABLE {t} (
        i8 TINYINT, i16 SMALLINT, i32 INT, i64 BIGINT, f32 FLOAT, f64 DOUBLE,
        d5 DECIMAL(5,2), d18 DECIMAL(18,3), d38 DECIMAL(38,10), s STRING, bin BINARY,
        bo BOOLEAN, dt DATE, ts TIMESTAMP, ntz TIMESTAMP_NTZ,
        st STRUCT<a: INT, b: STRING, inner: STRUCT<z: DOUBLE>>, l ARRAY<BIGINT>,
        ls ARRAY<STRUCT<k: STRING>>, m MAP<STRING, BIGINT>, mn MAP<INT, ARRAY<STRING>>)
        USING delta""")                                                                    # v0
    sql(spark, f"""INSERT INTO {t} VALUES
        (127, 32767, 2147483647, 9223372036854775807, CAST(3.25 AS FLOAT), 1.0E308,
         123.45, 123456789012345.678, 1234567890123456789012345678.0123456789, 'héllo', X'00FF10',
         true, DATE'2024-02-29', TIMESTAMP'2024-02-29 12:34:56.789012',
         TIMESTAMP_NTZ'2024-02-29 12:34:56.789012',
         named_struct('a', 1, 'b', 'x', 'inner', named_struct('z', 0.5)), array(1, NULL, 3),
         array(named_struct('k', 'v1'), NULL), map('k1', 1, 'k2', NULL),
         map(1, array('a', NULL), 2, array())),
        (-128, -32768, -2147483648, -9223372036854775808, CAST('NaN' AS FLOAT),
         CAST('-Infinity' AS DOUBLE), -999.99, -0.001, -0.0000000001, '', X'',
         false, DATE'1970-01-01', TIMESTAMP'1970-01-01 00:00:00', TIMESTAMP_NTZ'1970-01-01 00:00:00',
         named_struct('a', NULL, 'b', NULL, 'inner', NULL), array(), array(), map(), map()),
        (NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
         NULL, NULL, NULL, NULL, NULL, NULL)""")                                            # v1
    sql(spark, f"DELETE FROM {t} WHERE i8 = 127")                                          # v2
    sql(spark, f"""INSERT INTO {t} SELECT i8, i16, i32, i64, f32, f64, d5, d18, d38,
        concat(s, '!'), bin, bo, dt, ts, ntz, st, l, ls, m, mn FROM {t} WHERE i8 = -128""")  # v3


ALL_TABLES = list(BUILDERS)


# --------------------------------------------------------------------------------------------
# Tests
# --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", ALL_TABLES)
def test_fixture_layout(spark_tables, name):
    """The Spark side alone: the table builds, has the expected versions and layout."""
    table = spark_tables[name]
    assert sorted(table.snapshots) == list(range(table.latest + 1))
    assert delta_log_versions(table.path)[-1] == table.latest


@pytest.mark.parametrize("name", ALL_TABLES)
def test_tarn_reads_every_version(spark_tables, tarn, name):
    table = spark_tables[name]
    checks = [(f"{name} latest (no --version)",
               lambda: assert_tables_equal(tarn.read(table.path), table.snapshots[table.latest],
                                           label="latest"))]
    for v, expected in sorted(table.snapshots.items()):
        checks.append((f"{name} --version {v}",
                       lambda v=v, expected=expected: assert_tables_equal(
                           tarn.read(table.path, version=v), expected, label=f"version {v}")))
    check_all(checks)


@pytest.mark.parametrize("name", ALL_TABLES)
def test_tarn_describe_matches_spark(spark, spark_tables, tarn, name):
    table = spark_tables[name]
    desc = tarn.describe(table.path)
    detail = spark.sql(f"DESCRIBE DETAIL delta.`{table.path}`").collect()[0].asDict()
    assert desc["version"] == table.latest
    assert desc["numFiles"] == detail["numFiles"]
    assert list(desc["partitionColumns"]) == list(detail["partitionColumns"])
    assert desc["properties"] == dict(detail["properties"])
    proto = desc["protocol"]
    assert proto["minReaderVersion"] == detail["minReaderVersion"]
    assert proto["minWriterVersion"] == detail["minWriterVersion"]
    if proto["minWriterVersion"] >= 7:  # table features protocol: explicit feature lists
        features = set(proto.get("readerFeatures") or []) | set(proto.get("writerFeatures") or [])
        assert features == set(detail["tableFeatures"])
    spark_schema = spark.read.format("delta").load(str(table.path)).schema.jsonValue()
    assert strip_field_metadata(desc["schema"]) == strip_field_metadata(spark_schema)


@pytest.mark.parametrize("name", ALL_TABLES)
def test_tarn_history_matches_spark(spark, spark_tables, tarn, name):
    table = spark_tables[name]
    history = tarn.history(table.path)
    rows = spark.sql(f"DESCRIBE HISTORY delta.`{table.path}`").collect()
    expected = sorted((int(r["version"]), r["operation"]) for r in rows)
    assert [(h["version"], h.get("operation")) for h in history] == expected
    for h in history:
        assert isinstance(h.get("timestamp"), int), h


def test_tarn_reads_from_checkpoint_without_older_commits(spark_tables, tarn, tmp_path):
    """With commits before the checkpoint gone (as after log cleanup), tarn must rebuild the
    latest snapshot from the checkpoint, and must refuse to time travel before it."""
    table = spark_tables["checkpointed"]
    copy = tmp_path / "checkpoint_only"
    shutil.copytree(table.path, copy)
    for v in range(table.notes["checkpoint_version"]):
        for name in (f"{v:020d}.json", f"{v:020d}.crc", f".{v:020d}.json.crc", f".{v:020d}.crc.crc"):
            (copy / "_delta_log" / name).unlink(missing_ok=True)
    assert_tables_equal(tarn.read(copy), table.snapshots[table.latest], label="latest")
    assert_tables_equal(tarn.read(copy, version=10), table.snapshots[10], label="version 10")
    proc = tarn.run(*tarn.read_args(copy, version=5, output=tmp_path / "v5.parquet"), check=False)
    assert proc.returncode != 0, "reading a version older than the oldest checkpoint must fail"


PARTITION_FILTERS = [
    "s = 'a/b'",
    "s IS NULL",
    "s IS NOT NULL AND i IN (1, 2)",
    "s IN ('x=y', 'c%d', 'with space', 'ünï cödé')",
    "d >= DATE '2024-01-01'",
    "d IS NULL OR d < DATE '1970-01-01'",
    "NOT (i = 2) OR d IS NULL",
    "v > 10.5 AND s <> 'a'",
    "(i = 1 OR i = -5) AND NOT s = 'a'",
    "id >= 200 AND v = -1.0",
    "s != 'p:q' AND i IS NOT NULL",
]


@pytest.mark.parametrize("predicate", PARTITION_FILTERS)
def test_tarn_filter_on_partitioned_table(spark, spark_tables, tarn, predicate):
    table = spark_tables["partitioned"]
    expected = spark_read(spark, table.path, where=predicate)
    assert_tables_equal(tarn.read(table.path, filter=predicate), expected, label=predicate)


def test_tarn_filter_with_time_travel(spark, spark_tables, tarn):
    table = spark_tables["partitioned"]
    predicate = "s IS NULL OR i = 2"
    for v in (0, 3):
        expected = spark_read(spark, table.path, version=v, where=predicate)
        assert_tables_equal(tarn.read(table.path, version=v, filter=predicate), expected,
                            label=f"version {v}")


def test_tarn_projection(spark, spark_tables, tarn):
    """--columns: partition and data columns, in the requested order."""
    table = spark_tables["partitioned"]
    columns = ["v", "d", "id", "s"]
    expected = spark_read(spark, table.path, columns=columns)
    assert_tables_equal(tarn.read(table.path, columns=columns), expected)


def test_tarn_filter_on_renamed_column(spark, spark_tables, tarn):
    table = spark_tables["column_mapping_name"]
    predicate = "b_renamed IN ('one', 'five') OR c > 6"
    expected = spark_read(spark, table.path, where=predicate)
    assert_tables_equal(tarn.read(table.path, filter=predicate), expected)


def test_tarn_filter_on_deletion_vector_table(spark, spark_tables, tarn):
    table = spark_tables["deletion_vectors"]
    predicate = "grp = 1 AND s = 'upd'"
    expected = spark_read(spark, table.path, where=predicate)
    assert expected.num_rows > 0
    assert_tables_equal(tarn.read(table.path, filter=predicate), expected)


def test_tarn_timestamp_filters(spark, spark_tables, tarn):
    table = spark_tables["timestamp_ntz"]
    for predicate in ("ts < TIMESTAMP '2000-01-01 00:00:00'",
                      "pntz = TIMESTAMP '2024-01-01 00:00:00'",
                      "ntz > TIMESTAMP '2024-01-02 03:04:05.123455'"):
        expected = spark_read(spark, table.path, where=predicate)
        assert_tables_equal(tarn.read(table.path, filter=predicate), expected, label=predicate)
