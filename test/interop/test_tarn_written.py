"""Tables written by tarn, read back by tarn, deltalake (delta-rs) and delta-spark.

Each scenario keeps a model of the expected table at every version (built from the pyarrow
inputs given to ``tarn delta write``); every reader must return exactly those rows with exactly
those (normalized) Arrow types at every version. Scenario tables are written once per module,
lazily, and shared by the per-reader tests. Reader "spark" is marked ``spark``.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import shutil
import time
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Callable
from urllib.parse import unquote

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest

from interop_helpers import (assert_tables_equal, check_all, checkpoint_files, concat_tables,
                      data_files, deltalake_read, delta_log_actions, delta_log_versions,
                      spark_read, strip_field_metadata)

UTC = dt.timezone.utc
READERS = ["tarn", "deltalake", pytest.param("spark", marks=pytest.mark.spark)]


def read_with(reader: str, request, path, version: int | None = None) -> pa.Table:
    if reader == "tarn":
        return request.getfixturevalue("tarn").read(path, version=version)
    if reader == "deltalake":
        return deltalake_read(path, version=version)
    if reader == "spark":
        return spark_read(request.getfixturevalue("spark"), path, version=version)
    raise ValueError(reader)


# --------------------------------------------------------------------------------------------
# Input data
# --------------------------------------------------------------------------------------------

ALL_TYPES_SCHEMA = pa.schema([
    ("i8", pa.int8()), ("i16", pa.int16()), ("i32", pa.int32()), ("i64", pa.int64()),
    ("f32", pa.float32()), ("f64", pa.float64()),
    ("d5", pa.decimal128(5, 2)), ("d18", pa.decimal128(18, 3)), ("d38", pa.decimal128(38, 10)),
    ("s", pa.string()), ("bin", pa.binary()), ("bo", pa.bool_()), ("dt", pa.date32()),
    ("ts", pa.timestamp("us", tz="UTC")), ("ntz", pa.timestamp("us")),
    ("st", pa.struct([("a", pa.int32()), ("b", pa.string()),
                      ("inner", pa.struct([("z", pa.float64())]))])),
    ("l", pa.list_(pa.int64())),
    ("ls", pa.list_(pa.struct([("k", pa.string())]))),
    ("m", pa.map_(pa.string(), pa.int64())),
    ("mn", pa.map_(pa.int32(), pa.list_(pa.string()))),
])


def all_types_batch(seed: int, n: int = 6) -> pa.Table:
    """Deterministic rows exercising every type; row 0 of each batch is all nulls, row 1
    holds extreme values, the rest vary with ``seed``."""
    rows = [{f.name: None for f in ALL_TYPES_SCHEMA}]
    rows.append(dict(
        i8=-128, i16=32767, i32=-2147483648, i64=9223372036854775807,
        f32=float("nan"), f64=float("-inf"),
        d5=Decimal("-999.99"), d18=Decimal("999999999999999.999"),
        d38=Decimal("9999999999999999999999999999.9999999999"),
        s="", bin=b"", bo=False, dt=dt.date(1900, 1, 1),
        ts=dt.datetime(1969, 12, 31, 23, 59, 59, 999999, tzinfo=UTC),
        ntz=dt.datetime(9999, 12, 31, 23, 59, 59, 999999),
        st={"a": None, "b": None, "inner": None}, l=[], ls=[None], m=[], mn=[(1, [])]))
    for k in range(n - 2):
        x = seed * 100 + k
        rows.append(dict(
            i8=x % 127, i16=x * 3 % 32000, i32=x * 1000, i64=x * 10**12,
            f32=x / 4, f64=x / 3, d5=Decimal(x % 999) / 100, d18=Decimal(x) / 1000,
            d38=Decimal(x) * Decimal("12345678901234567.0123456789"),
            s=f"str-{x}-ünï", bin=bytes([x % 256, 0, 255]), bo=x % 2 == 0,
            dt=dt.date(2024, 1, 1) + dt.timedelta(days=x % 400),
            ts=dt.datetime(2024, 2, 29, 12, 0, tzinfo=UTC) + dt.timedelta(microseconds=x * 1234567),
            ntz=dt.datetime(2000, 1, 1) + dt.timedelta(seconds=x, microseconds=x),
            st={"a": x, "b": f"b{x}", "inner": {"z": x + 0.5}}, l=[x, None, -x],
            ls=[{"k": f"k{x}"}, {"k": None}], m=[("a", x), ("b", None)],
            mn=[(x % 1000, [f"v{x}", None])]))
    return pa.Table.from_pylist(rows, schema=ALL_TYPES_SCHEMA)


PART_STRINGS = ["a", "a/b", "x=y", "c%d", "with space", None, "ünï", "q#r", "p:q", "%41", "1"]
PART_INTS = [1, 2, None, -5]
PART_DATES = [dt.date(2024, 1, 1), None, dt.date(1969, 12, 31)]
PARTITIONED_SCHEMA = pa.schema([("id", pa.int64()), ("s", pa.string()), ("i", pa.int32()),
                                ("d", pa.date32()), ("v", pa.float64())])


def partitioned_batch(start: int, n: int) -> pa.Table:
    return pa.Table.from_pylist([
        dict(id=k, s=PART_STRINGS[k % len(PART_STRINGS)], i=PART_INTS[k % len(PART_INTS)],
             d=PART_DATES[(k // 3) % len(PART_DATES)], v=k * 0.25) for k in range(start, start + n)],
        schema=PARTITIONED_SCHEMA)


PART_TYPES_SCHEMA = pa.schema([
    ("id", pa.int64()), ("b", pa.bool_()), ("l", pa.int64()), ("ts", pa.timestamp("us", tz="UTC")),
    ("ntz", pa.timestamp("us")), ("dec", pa.decimal128(10, 2)), ("i8", pa.int8()),
    ("val", pa.string())])


def part_types_batch(start: int, n: int) -> pa.Table:
    ts_values = [dt.datetime(2024, 1, 2, 3, 4, 5, 123456, tzinfo=UTC), None,
                 dt.datetime(1970, 1, 1, tzinfo=UTC)]
    ntz_values = [dt.datetime(2024, 1, 2, 3, 4, 5), dt.datetime(1999, 12, 31, 23, 59, 59, 1), None]
    # non-negative only: deltalake 1.6.6 cannot parse negative decimal partition values
    # (see test_negative_decimal_partition_spark for those)
    dec_values = [Decimal("1.50"), Decimal("0.01"), None]
    return pa.Table.from_pylist([
        dict(id=k, b=[True, False, None][k % 3], l=[10**15, -1, None, 0][k % 4],
             ts=ts_values[k % 3], ntz=ntz_values[(k + 1) % 3], dec=dec_values[(k // 2) % 3],
             i8=[-128, 127, None][(k // 3) % 3], val=f"row-{k}") for k in range(start, start + n)],
        schema=PART_TYPES_SCHEMA)


def simple_batch(start: int, n: int, extra: dict | None = None) -> pa.Table:
    cols = {"id": pa.array(range(start, start + n), pa.int64()),
            "x": pa.array([k % 7 for k in range(start, start + n)], pa.int32()),
            "y": pa.array([f"y{k % 5}" for k in range(start, start + n)], pa.string())}
    cols.update(extra or {})
    return pa.table(cols)


# --------------------------------------------------------------------------------------------
# Scenario registry
# --------------------------------------------------------------------------------------------

@dataclass
class Scenario:
    name: str
    path: Path
    expected: dict = field(default_factory=dict)  # version -> pa.Table
    notes: dict = field(default_factory=dict)

    @property
    def latest(self) -> int:
        return max(self.expected)

    def commit(self, tarn, table: pa.Table) -> None:
        """Records the expected snapshot for the version tarn just committed."""
        version = tarn.version(self.path)
        assert version == (self.latest + 1 if self.expected else 0), (
            f"tarn committed version {version}, expected {self.latest + 1 if self.expected else 0}")
        self.expected[version] = table


SCENARIOS: dict[str, Callable] = {}


def scenario(name):
    def register(fn):
        SCENARIOS[name] = fn
        return fn
    return register


class TarnTables:
    def __init__(self, tarn, root: Path):
        self.tarn, self.root, self._built = tarn, root, {}

    def __getitem__(self, name) -> Scenario:
        if name not in self._built:
            sc = Scenario(name, self.root / name)
            try:
                SCENARIOS[name](self.tarn, sc)
                self._built[name] = sc
            except BaseException as exc:  # build once; later tests report the same failure
                self._built[name] = exc
                raise
        built = self._built[name]
        if isinstance(built, BaseException):
            pytest.fail(f"scenario {name!r} failed to build: {built}", pytrace=False)
        return built


@pytest.fixture(scope="module")
def tarn_tables(tarn, tmp_path_factory) -> TarnTables:
    return TarnTables(tarn, tmp_path_factory.mktemp("tarn-written"))


@scenario("all_types")
def build_all_types(tarn, sc):
    a, b, c, d = (all_types_batch(s) for s in (1, 2, 3, 4))
    tarn.write(sc.path, a, mode="error")
    sc.commit(tarn, a)
    tarn.write(sc.path, b, mode="append")
    sc.commit(tarn, concat_tables([a, b]))
    tarn.write(sc.path, c, mode="overwrite")
    sc.commit(tarn, c)
    tarn.write(sc.path, d, mode="append")
    sc.commit(tarn, concat_tables([c, d]))


@scenario("partitioned")
def build_partitioned(tarn, sc):
    b0, b1, b2, b3, b4 = (partitioned_batch(s, n) for s, n in
                          ((0, 40), (40, 25), (100, 10), (200, 12), (300, 30)))
    tarn.write(sc.path, b0, mode="error", partition_by=["s", "i", "d"])
    sc.commit(tarn, b0)
    tarn.write(sc.path, b1, mode="append")
    sc.commit(tarn, concat_tables([b0, b1]))
    tarn.write(sc.path, b2, mode="append")
    sc.commit(tarn, concat_tables([b0, b1, b2]))
    tarn.write(sc.path, b3, mode="overwrite")
    sc.commit(tarn, b3)
    tarn.write(sc.path, b4, mode="append")
    sc.commit(tarn, concat_tables([b3, b4]))
    adds = [a["add"] for v in delta_log_versions(sc.path) for a in delta_log_actions(sc.path, v)
            if "add" in a]
    values = {a["partitionValues"].get("s") for a in adds}
    assert {"a/b", "x=y", "c%d", None} <= values, values


@scenario("partitioned_types")
def build_partitioned_types(tarn, sc):
    b0, b1 = part_types_batch(0, 18), part_types_batch(18, 9)
    tarn.write(sc.path, b0, mode="error", partition_by=["b", "l", "ts", "ntz", "dec", "i8"])
    sc.commit(tarn, b0)
    tarn.write(sc.path, b1, mode="append")
    sc.commit(tarn, concat_tables([b0, b1]))


@scenario("many_commits")
def build_many_commits(tarn, sc):
    batches = [simple_batch(0, 5)]
    tarn.write(sc.path, batches[0], mode="error")
    sc.commit(tarn, batches[0])
    for k in range(1, 15):                                                   # v1..v14
        batches.append(simple_batch(k * 5, 5))
        tarn.write(sc.path, batches[-1], mode="append")
        sc.commit(tarn, concat_tables(batches))
    files = checkpoint_files(sc.path)
    assert "00000000000000000010.checkpoint.parquet" in files, (
        f"no automatic checkpoint at version 10 after {sc.latest} commits: {files}")
    tarn.checkpoint(sc.path)                                                 # explicit at v14
    assert "00000000000000000014.checkpoint.parquet" in checkpoint_files(sc.path)
    last = json.loads((sc.path / "_delta_log" / "_last_checkpoint").read_text())
    assert last["version"] == 14, last
    batches.append(simple_batch(1000, 3))
    tarn.write(sc.path, batches[-1], mode="append")                          # v15
    sc.commit(tarn, concat_tables(batches))


@scenario("merge_schema")
def build_merge_schema(tarn, sc):
    v0 = pa.table({"id": pa.array([1, 2], pa.int64()), "a": pa.array(["x", None], pa.string())})
    tarn.write(sc.path, v0, mode="error")
    sc.commit(tarn, v0)
    v1 = pa.table({"id": pa.array([3], pa.int64()), "a": pa.array(["y"]),
                   "b": pa.array([1.5], pa.float64())})
    tarn.write(sc.path, v1, mode="append", merge_schema=True)
    schema1 = pa.schema([("id", pa.int64()), ("a", pa.string()), ("b", pa.float64())])
    sc.commit(tarn, concat_tables([v0, v1], schema1))
    v2 = pa.table({"id": pa.array([4], pa.int64()), "a": pa.array(["z"]),
                   "b": pa.array([2.5], pa.float64()),
                   "c": pa.array([{"p": 1, "q": "w"}], pa.struct([("p", pa.int32()), ("q", pa.string())]))})
    tarn.write(sc.path, v2, mode="append", merge_schema=True)
    schema2 = schema1.append(pa.field("c", pa.struct([("p", pa.int32()), ("q", pa.string())])))
    sc.commit(tarn, concat_tables([v0, v1, v2], schema2))
    # plain append matching the evolved schema, columns in a different order (matched by name)
    v3 = pa.table({"c": pa.array([None], schema2.field("c").type), "b": pa.array([3.5]),
                   "id": pa.array([5], pa.int64()), "a": pa.array(["r"])})
    tarn.write(sc.path, v3, mode="append")
    sc.commit(tarn, concat_tables([v0, v1, v2, v3], schema2))


@scenario("optimize")
def build_optimize(tarn, sc):
    batches = [simple_batch(0, 4, {"p": pa.array(["a", "b", "a", "b"])})]
    tarn.write(sc.path, batches[0], mode="error", partition_by=["p"])
    sc.commit(tarn, batches[0])
    for k in range(1, 6):
        batches.append(simple_batch(k * 4, 4, {"p": pa.array(["a", "b", "a", "b"])}))
        tarn.write(sc.path, batches[-1], mode="append")
        sc.commit(tarn, concat_tables(batches))
    files_before = tarn.describe(sc.path)["numFiles"]
    tarn.optimize(sc.path)
    sc.commit(tarn, concat_tables(batches))
    sc.notes["optimize_versions"] = [sc.latest]
    files_after = tarn.describe(sc.path)["numFiles"]
    assert files_after == 2 < files_before, (files_before, files_after)
    for k in range(6, 9):
        batches.append(simple_batch(k * 4, 4, {"p": pa.array(["a", "b", "b", "b"])}))
        tarn.write(sc.path, batches[-1], mode="append")
        sc.commit(tarn, concat_tables(batches))
    tarn.optimize(sc.path, zorder_by=["x", "y"])
    sc.commit(tarn, concat_tables(batches))
    sc.notes["optimize_versions"].append(sc.latest)
    assert tarn.describe(sc.path)["numFiles"] <= 2


@scenario("replace_where")
def build_replace_where(tarn, sc):
    base = simple_batch(0, 12, {"p": pa.array(["a", "b", "c"] * 4)})
    tarn.write(sc.path, base, mode="error", partition_by=["p"])
    sc.commit(tarn, base)
    # partition predicate: only p = 'b' is replaced
    new_b = simple_batch(100, 3, {"p": pa.array(["b"] * 3)})
    tarn.write(sc.path, new_b, mode="overwrite", replace_where="p = 'b'")
    kept = base.filter(pc.not_equal(base["p"], "b"))
    sc.commit(tarn, concat_tables([kept, new_b]))
    # data-column predicate (arbitrary replaceWhere)
    current = concat_tables([kept, new_b])
    repl = simple_batch(200, 2, {"p": pa.array(["c", "a"])})
    repl = repl.set_column(1, "x", pa.array([6, 5], pa.int32()))
    tarn.write(sc.path, repl, mode="overwrite", replace_where="x >= 5")
    kept2 = current.filter(pc.less(current["x"], 5))
    sc.commit(tarn, concat_tables([kept2, repl]))


SCENARIO_NAMES = list(SCENARIOS)


# --------------------------------------------------------------------------------------------
# Per-scenario, per-reader, per-version
# --------------------------------------------------------------------------------------------

@pytest.mark.parametrize("reader", READERS)
@pytest.mark.parametrize("name", SCENARIO_NAMES)
def test_every_version(tarn_tables, request, name, reader):
    sc = tarn_tables[name]
    checks = [(f"{reader} latest",
               lambda: assert_tables_equal(read_with(reader, request, sc.path),
                                           sc.expected[sc.latest], label="latest"))]
    for v, expected in sorted(sc.expected.items()):
        checks.append((f"{reader} version {v}", lambda v=v, expected=expected: assert_tables_equal(
            read_with(reader, request, sc.path, version=v), expected, label=f"version {v}")))
    check_all(checks)


@pytest.mark.parametrize("name", SCENARIO_NAMES)
def test_log_is_well_formed(tarn_tables, name):
    """Protocol-level checks on what tarn wrote: contiguous commits, one commitInfo per commit,
    protocol + metaData in version 0, relative add paths that exist, stats with numRecords."""
    sc = tarn_tables[name]
    versions = delta_log_versions(sc.path)
    assert versions == list(range(sc.latest + 1))
    for v in versions:
        actions = delta_log_actions(sc.path, v)
        kinds = [next(iter(a)) for a in actions]
        assert kinds.count("commitInfo") <= 1, (v, kinds)
        if v == 0:
            assert "protocol" in kinds and "metaData" in kinds, kinds
        for a in actions:
            if "add" in a:
                add = a["add"]
                assert not add["path"].startswith("/") and "://" not in add["path"], add["path"]
                assert (sc.path / unquote(add["path"])).exists(), add["path"]
                assert add["dataChange"] in (True, False)
                assert add["size"] > 0 and isinstance(add["modificationTime"], int)
                if add.get("stats"):
                    assert "numRecords" in json.loads(add["stats"])


@pytest.mark.parametrize("name", SCENARIO_NAMES)
def test_describe_and_history_agree_with_deltalake(tarn_tables, tarn, name):
    from deltalake import DeltaTable

    sc = tarn_tables[name]
    dtable = DeltaTable(str(sc.path))
    desc = tarn.describe(sc.path)
    meta = dtable.metadata()
    assert desc["version"] == dtable.version() == sc.latest
    assert desc["numFiles"] == len(dtable.file_uris())
    assert list(desc["partitionColumns"]) == list(meta.partition_columns)
    assert desc["properties"] == dict(meta.configuration)
    assert strip_field_metadata(desc["schema"]) == strip_field_metadata(
        json.loads(dtable.schema().to_json()))
    proto = dtable.protocol()
    assert desc["protocol"]["minReaderVersion"] == proto.min_reader_version
    assert desc["protocol"]["minWriterVersion"] == proto.min_writer_version
    history = tarn.history(sc.path)
    assert [h["version"] for h in history] == list(range(sc.latest + 1))
    rs_ops = {h["version"]: h.get("operation") for h in dtable.history()}
    assert {h["version"]: h.get("operation") for h in history} == rs_ops


@pytest.mark.spark
@pytest.mark.parametrize("name", SCENARIO_NAMES)
def test_spark_describe_detail(tarn_tables, spark, name):
    sc = tarn_tables[name]
    detail = spark.sql(f"DESCRIBE DETAIL delta.`{sc.path}`").collect()[0].asDict()
    assert detail["numFiles"] == len(deltalake_read_files(sc.path))
    rows = spark.sql(f"DESCRIBE HISTORY delta.`{sc.path}`").collect()
    assert sorted(int(r["version"]) for r in rows) == list(range(sc.latest + 1))


def deltalake_read_files(path) -> list[str]:
    from deltalake import DeltaTable

    return DeltaTable(str(path)).file_uris()


# --------------------------------------------------------------------------------------------
# Scenario-specific checks
# --------------------------------------------------------------------------------------------

def test_timestamp_ntz_feature_declared(tarn_tables):
    sc = tarn_tables["all_types"]
    proto = [a["protocol"] for a in delta_log_actions(sc.path, 0) if "protocol" in a][0]
    assert proto["minReaderVersion"] >= 3 and proto["minWriterVersion"] >= 7, proto
    assert "timestampNtz" in proto.get("readerFeatures", []), proto
    assert "timestampNtz" in proto.get("writerFeatures", []), proto


def test_optimize_commits_do_not_change_data(tarn_tables):
    sc = tarn_tables["optimize"]
    for v in sc.notes["optimize_versions"]:
        actions = delta_log_actions(sc.path, v)
        adds = [a["add"] for a in actions if "add" in a]
        removes = [a["remove"] for a in actions if "remove" in a]
        assert adds and removes, f"optimize commit {v} must add and remove files"
        assert all(a["dataChange"] is False for a in adds + removes), (
            f"optimize commit {v} must mark add/remove dataChange=false")
        info = [a["commitInfo"] for a in actions if "commitInfo" in a]
        assert info and "OPTIMIZE" in str(info[0].get("operation", "")).upper(), info


@pytest.mark.parametrize("reader", READERS)
def test_checkpoint_alone_rebuilds_the_table(tarn_tables, request, tmp_path, reader):
    """tarn's checkpoint at version 14 must be complete: with commits 0..13 and the older
    checkpoint deleted (as after log cleanup) every reader rebuilds versions 14 and 15 from it."""
    sc = tarn_tables["many_commits"]
    copy = tmp_path / "ckpt_only"
    shutil.copytree(sc.path, copy)
    for v in range(14):  # keep 14.json: readers may need the checkpoint version's commit
        for name in (f"{v:020d}.json", f"{v:020d}.crc"):
            (copy / "_delta_log" / name).unlink(missing_ok=True)
    (copy / "_delta_log" / "00000000000000000010.checkpoint.parquet").unlink()
    assert_tables_equal(read_with(reader, request, copy), sc.expected[15], label="latest")
    assert_tables_equal(read_with(reader, request, copy, version=14), sc.expected[14],
                        label="version 14")


def test_checkpoint_parquet_has_protocol_metadata_and_adds(tarn_tables):
    sc = tarn_tables["many_commits"]
    cp = pq.read_table(sc.path / "_delta_log" / "00000000000000000014.checkpoint.parquet")
    names = set(cp.column_names)
    assert {"protocol", "metaData", "add"} <= names, names
    from deltalake import DeltaTable

    adds = [a for a in cp.column("add").to_pylist() if a is not None]
    assert len(adds) == len(DeltaTable(str(sc.path), version=14).file_uris())
    assert sum(1 for p in cp.column("protocol").to_pylist() if p) == 1
    assert sum(1 for m in cp.column("metaData").to_pylist() if m) == 1


@pytest.mark.spark
def test_negative_decimal_partition_spark(tarn, spark, tmp_path):
    path = tmp_path / "neg_dec"
    schema = pa.schema([("id", pa.int64()), ("dec", pa.decimal128(10, 2))])
    data = pa.table({"id": [1, 2, 3, 4], "dec": [Decimal("-0.01"), Decimal("-12.50"),
                                                Decimal("0.00"), None]}, schema=schema)
    tarn.write(path, data, mode="error", partition_by=["dec"])
    assert_tables_equal(spark_read(spark, path), data)
    assert_tables_equal(tarn.read(path), data)


def test_replace_where_rejects_rows_outside_predicate(tarn_tables, tarn):
    sc = tarn_tables["replace_where"]
    before = tarn.version(sc.path)
    bad = simple_batch(500, 2, {"p": pa.array(["a", "c"])})
    proc = tarn.write(sc.path, bad, mode="overwrite", replace_where="p = 'a'", check=False)
    assert proc.returncode != 0, "rows not matching --replace-where must be rejected"
    assert tarn.version(sc.path) == before
    assert delta_log_versions(sc.path)[-1] == before


# --------------------------------------------------------------------------------------------
# Stand-alone tables
# --------------------------------------------------------------------------------------------

def all_readers_agree(request, path, expected, version=None, spark_too=False):
    readers = ["tarn", "deltalake"] + (["spark"] if spark_too else [])
    check_all((r, lambda r=r: assert_tables_equal(read_with(r, request, path, version=version),
                                                  expected, label=r)) for r in readers)


def test_vacuum(tarn, request, tmp_path):
    path = tmp_path / "vac"
    b0, b1, b2 = simple_batch(0, 10), simple_batch(10, 10), simple_batch(20, 5)
    tarn.write(path, b0, mode="error")
    tarn.write(path, b1, mode="overwrite")
    tarn.write(path, b2, mode="append")
    expected = concat_tables([b1, b2])
    all_files = set(data_files(path))
    live = {os.path.relpath(u.removeprefix("file://"), path) for u in deltalake_read_files(path)}
    assert live < all_files, "the overwrite should have left an unreferenced file"

    tarn.vacuum(path, retain_hours=0, dry_run=True, force=True)
    assert set(data_files(path)) == all_files, "--dry-run must not delete anything"

    tarn.vacuum(path, retain_hours=0, force=True)
    assert set(data_files(path)) == live, "vacuum must delete exactly the unreferenced files"
    all_readers_agree(request, path, expected)
    assert_tables_equal(tarn.read(path, version=2), expected)


def test_vacuum_default_retention_keeps_recent_files(tarn, tmp_path):
    path = tmp_path / "vac_default"
    tarn.write(path, simple_batch(0, 3), mode="error")
    tarn.write(path, simple_batch(3, 3), mode="overwrite")
    before = set(data_files(path))
    tarn.vacuum(path)  # default retention (7 days): the just-removed file is too recent
    assert set(data_files(path)) == before


def test_vacuum_short_retention_needs_force(tarn, tmp_path):
    path = tmp_path / "vac_force"
    tarn.write(path, simple_batch(0, 3), mode="error")
    tarn.write(path, simple_batch(3, 3), mode="overwrite")
    before = set(data_files(path))
    proc = tarn.vacuum(path, retain_hours=0, check=False)
    assert proc.returncode != 0, "retention below the table's minimum must require --force"
    assert set(data_files(path)) == before


@pytest.mark.spark
def test_spark_reads_after_vacuum(tarn, spark, tmp_path):
    path = tmp_path / "vac_spark"
    b0, b1 = simple_batch(0, 10), simple_batch(10, 3)
    tarn.write(path, b0, mode="error")
    tarn.write(path, b1, mode="overwrite")
    tarn.vacuum(path, retain_hours=0, force=True)
    assert_tables_equal(spark_read(spark, path), b1)


BAD_APPENDS = {
    "type_mismatch_string_for_int": lambda: pa.table({
        "id": pa.array(["1"]), "x": pa.array([1], pa.int32()), "y": pa.array(["a"])}),
    "type_mismatch_double_for_int": lambda: pa.table({
        "id": pa.array([1], pa.int64()), "x": pa.array([1.5]), "y": pa.array(["a"])}),
    "extra_column_without_merge_schema": lambda: pa.table({
        "id": pa.array([1], pa.int64()), "x": pa.array([1], pa.int32()), "y": pa.array(["a"]),
        "z": pa.array([True])}),
    "renamed_column": lambda: pa.table({
        "id": pa.array([1], pa.int64()), "xx": pa.array([1], pa.int32()), "y": pa.array(["a"])}),
}


@pytest.mark.parametrize("case", list(BAD_APPENDS))
def test_schema_enforcement(tarn, tmp_path, case):
    path = tmp_path / "enforce"
    base = simple_batch(0, 5)
    tarn.write(path, base, mode="error")
    log_before = sorted(os.listdir(path / "_delta_log"))
    proc = tarn.write(path, BAD_APPENDS[case](), mode="append", check=False)
    assert proc.returncode != 0, f"{case}: tarn accepted a mismatched schema"
    assert proc.stderr.strip(), "a failed write must explain itself on stderr"
    assert tarn.version(path) == 0
    assert delta_log_versions(path) == [0]
    assert [f for f in sorted(os.listdir(path / "_delta_log")) if f.endswith(".json")] == \
        [f for f in log_before if f.endswith(".json")]
    assert_tables_equal(tarn.read(path), base)
    assert_tables_equal(deltalake_read(path), base)


def test_write_modes_error_and_ignore(tarn, tmp_path):
    path = tmp_path / "modes"
    base = simple_batch(0, 5)
    tarn.write(path, base, mode="error")
    proc = tarn.write(path, simple_batch(5, 5), mode="error", check=False)
    assert proc.returncode != 0, "--mode error on an existing table must fail"
    tarn.write(path, simple_batch(5, 5), mode="ignore")
    assert tarn.version(path) == 0
    assert_tables_equal(tarn.read(path), base)
    new = tmp_path / "modes_ignore_new"
    tarn.write(new, base, mode="ignore")  # ignore on a new path creates the table
    assert_tables_equal(tarn.read(new), base)


def test_idempotent_txn(tarn, request, tmp_path):
    path = tmp_path / "txn"
    b0, b1, b2 = simple_batch(0, 3), simple_batch(3, 3), simple_batch(6, 3)
    tarn.write(path, b0, mode="error")
    tarn.write(path, b1, mode="append", txn=("etl-job", 1))
    assert tarn.version(path) == 1
    retry = tarn.write(path, b1, mode="append", txn=("etl-job", 1), check=False)  # replay
    older = tarn.write(path, b2, mode="append", txn=("etl-job", 0), check=False)  # stale
    for proc in (retry, older):
        assert proc.returncode == 0, f"a replayed transaction is skipped, not an error:\n{proc.stderr}"
    assert tarn.version(path) == 1, "same or lower txn version must not commit again"
    tarn.write(path, b2, mode="append", txn=("other-app", 1))  # other app ids are independent
    tarn.write(path, b2, mode="append", txn=("etl-job", 2))
    expected = concat_tables([b0, b1, b2, b2])
    all_readers_agree(request, path, expected)
    txns = [a["txn"] for v in delta_log_versions(path) for a in delta_log_actions(path, v) if "txn" in a]
    assert {(t["appId"], t["version"]) for t in txns} == {("etl-job", 1), ("other-app", 1), ("etl-job", 2)}
    from deltalake import DeltaTable
    assert DeltaTable(str(path)).transaction_version("etl-job") == 2


CHECK_SCHEMA = pa.schema([("id", pa.int64()), ("x", pa.int64())])


def test_check_constraint(tarn, tmp_path):
    path = tmp_path / "check"
    ok = pa.table({"id": [1, 2], "x": [5, 1]}, schema=CHECK_SCHEMA)
    tarn.write(path, ok, mode="error", properties={"delta.constraints.positive": "x > 0"})
    desc = tarn.describe(path)
    assert desc["properties"].get("delta.constraints.positive") == "x > 0", desc["properties"]
    proto = desc["protocol"]
    assert proto["minWriterVersion"] >= 3 and (
        proto["minWriterVersion"] < 7 or "checkConstraints" in (proto.get("writerFeatures") or [])), proto
    bad = pa.table({"id": [3, 4], "x": [7, 0]}, schema=CHECK_SCHEMA)
    proc = tarn.write(path, bad, mode="append", check=False)
    assert proc.returncode != 0, "a row violating CHECK (x > 0) must fail the append"
    assert tarn.version(path) == 0
    null_x = pa.table({"id": [5], "x": [None]}, schema=CHECK_SCHEMA)
    proc = tarn.write(path, null_x, mode="append", check=False)
    assert proc.returncode != 0, "NULL fails a CHECK constraint in Delta (must be true)"
    good = pa.table({"id": [6], "x": [9]}, schema=CHECK_SCHEMA)
    tarn.write(path, good, mode="append")
    assert tarn.version(path) == 1
    assert_tables_equal(deltalake_read(path), concat_tables([ok, good]))


@pytest.mark.spark
def test_spark_enforces_tarn_check_constraint(tarn, spark, tmp_path):
    path = tmp_path / "check_spark"
    ok = pa.table({"id": [1], "x": [5]}, schema=CHECK_SCHEMA)
    tarn.write(path, ok, mode="error", properties={"delta.constraints.positive": "x > 0"})
    with pytest.raises(Exception, match="(?i)constraint|CHECK"):
        spark.createDataFrame([(2, -1)], "id BIGINT, x BIGINT").write.format("delta") \
            .mode("append").save(str(path))
    spark.createDataFrame([(3, 4)], "id BIGINT, x BIGINT").write.format("delta") \
        .mode("append").save(str(path))
    expected = pa.table({"id": [1, 3], "x": [5, 4]}, schema=CHECK_SCHEMA)
    assert_tables_equal(tarn.read(path), expected)


def test_not_null_column(tarn, request, tmp_path):
    path = tmp_path / "notnull"
    schema = pa.schema([pa.field("id", pa.int64(), nullable=False), ("v", pa.string())])
    base = pa.table({"id": [1, 2], "v": ["a", None]}, schema=schema)
    tarn.write(path, base, mode="error")
    fields = {f["name"]: f for f in tarn.describe(path)["schema"]["fields"]}
    assert fields["id"]["nullable"] is False and fields["v"]["nullable"] is True, fields
    nullable = pa.schema([("id", pa.int64()), ("v", pa.string())])
    proc = tarn.write(path, pa.table({"id": [3, None], "v": ["c", "d"]}, schema=nullable),
                      mode="append", check=False)
    assert proc.returncode != 0, "a NULL in a NOT NULL column must fail the append"
    assert tarn.version(path) == 0
    # A nullable-typed input without nulls is fine (Spark semantics: the values are checked).
    tarn.write(path, pa.table({"id": [3], "v": ["c"]}, schema=nullable), mode="append")
    expected = pa.table({"id": [1, 2, 3], "v": ["a", None, "c"]}, schema=schema)
    all_readers_agree(request, path, expected)
    assert deltalake_read(path).schema.field("id").nullable is False


@pytest.mark.spark
def test_spark_sees_not_null(tarn, spark, tmp_path):
    path = tmp_path / "notnull_spark"
    schema = pa.schema([pa.field("id", pa.int64(), nullable=False), ("v", pa.string())])
    tarn.write(path, pa.table({"id": [1], "v": ["a"]}, schema=schema), mode="error")
    spark_schema = spark.read.format("delta").load(str(path)).schema
    assert spark_schema["id"].nullable is False and spark_schema["v"].nullable is True
    with pytest.raises(Exception, match="(?i)null"):
        spark.createDataFrame([(None, "b")], "id BIGINT, v STRING").write.format("delta") \
            .mode("append").save(str(path))


def _iso_ms(ts_ms: int, style: str) -> str:
    t = dt.datetime.fromtimestamp(ts_ms / 1000, tz=UTC)
    if style == "iso_z":
        return t.strftime("%Y-%m-%dT%H:%M:%S.") + f"{t.microsecond // 1000:03d}Z"
    return t.strftime("%Y-%m-%d %H:%M:%S.") + f"{t.microsecond // 1000:03d}"


@pytest.mark.parametrize("style", ["iso_z", "sql_utc"])
def test_time_travel_by_timestamp(tarn, tmp_path, style):
    path = tmp_path / f"tt_{style}"
    batches = [simple_batch(k * 3, 3) for k in range(3)]
    for k, b in enumerate(batches):
        tarn.write(path, b, mode="error" if k == 0 else "append")
        time.sleep(1.1)
    # A commit's time is its commitInfo timestamp or its file's modification time, depending on
    # the engine; the later of the two resolves to that version under either definition.
    history = {h["version"]: max(h["timestamp"], int(os.path.getmtime(
        path / "_delta_log" / f"{h['version']:020d}.json") * 1000)) for h in tarn.history(path)}
    for v in range(3):
        expected = concat_tables(batches[: v + 1])
        assert_tables_equal(tarn.read(path, timestamp=_iso_ms(history[v], style)), expected,
                            label=f"at commit {v}")
        # half a second after commit v (and before v+1) still resolves to v
        assert_tables_equal(tarn.read(path, timestamp=_iso_ms(history[v] + 500, style)), expected,
                            label=f"after commit {v}")
    proc = tarn.run(*tarn.read_args(path, timestamp=_iso_ms(history[0] - 60_000, style),
                                    output=tmp_path / "x.parquet"), check=False)
    assert proc.returncode != 0, "a timestamp before the first commit must fail"


CSV_JSON_SCHEMA = pa.schema([("id", pa.int64()), ("name", pa.string()), ("score", pa.float64()),
                             ("day", pa.date32())])


def _csv_json_base(tarn, path) -> pa.Table:
    base = pa.table({"id": [1], "name": ["a"], "score": [0.5], "day": [dt.date(2024, 1, 1)]},
                    schema=CSV_JSON_SCHEMA)
    tarn.write(path, base, mode="error")
    return base


def test_csv_input_append(tarn, request, tmp_path):
    """An append from .csv is read with / cast to the table's schema (quoted commas, dates)."""
    path = tmp_path / "csv_append"
    base = _csv_json_base(tarn, path)
    csv_file = tmp_path / "in.csv"
    csv_file.write_text("id,name,score,day\n2,b c,1.25,2024-01-02\n3,\"d,e\",-3.5,2024-02-29\n")
    tarn.write(path, csv_file, mode="append")
    added = pa.table({"id": [2, 3], "name": ["b c", "d,e"], "score": [1.25, -3.5],
                      "day": [dt.date(2024, 1, 2), dt.date(2024, 2, 29)]}, schema=CSV_JSON_SCHEMA)
    all_readers_agree(request, path, concat_tables([base, added]))


def test_json_input_append(tarn, request, tmp_path):
    """An append from newline-delimited .json is read with / cast to the table's schema: a
    'yyyy-mm-dd' string lands in a DATE column, JSON null in any column."""
    path = tmp_path / "json_append"
    base = _csv_json_base(tarn, path)
    json_file = tmp_path / "in.json"
    json_file.write_text('{"id": 4, "name": "f", "score": 2.0, "day": "2024-03-01"}\n'
                         '{"id": 5, "name": null, "score": null, "day": null}\n')
    tarn.write(path, json_file, mode="append")
    added = pa.table({"id": [4, 5], "name": ["f", None], "score": [2.0, None],
                      "day": [dt.date(2024, 3, 1), None]}, schema=CSV_JSON_SCHEMA)
    all_readers_agree(request, path, concat_tables([base, added]))


def test_create_from_csv(tarn, tmp_path):
    path = tmp_path / "from_csv"
    f = tmp_path / "create.csv"
    f.write_text("id,label\n1,x\n2,y\n")
    tarn.write(path, f, mode="error")
    got = deltalake_read(path)
    assert got.column_names == ["id", "label"]
    assert got.num_rows == 2 and sorted(got.column("label").to_pylist()) == ["x", "y"]


def test_read_text_formats(tarn, tmp_path):
    path = tmp_path / "formats"
    data = simple_batch(0, 4)
    tarn.write(path, data, mode="error")
    # JSON: accept either one object per line or a single array of objects
    out = tarn.read_text(path, "json").strip()
    try:
        parsed = json.loads(out)
        rows = parsed if isinstance(parsed, list) else [parsed]
    except json.JSONDecodeError:
        rows = [json.loads(line) for line in out.splitlines() if line.strip()]
    assert sorted(r["id"] for r in rows) == [0, 1, 2, 3]
    assert {r["y"] for r in rows} == {"y0", "y1", "y2", "y3"}
    lines = list(csv.reader(io.StringIO(tarn.read_text(path, "csv"))))
    assert lines[0] == ["id", "x", "y"] and len(lines) == 5, lines
    table_out = tarn.read_text(path, "table")
    assert "y3" in table_out and "id" in table_out


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_read_text_format_to_output_file(tarn, tmp_path, fmt):
    """--output FILE applies to every --format, not only parquet."""
    path = tmp_path / "formats_out"
    tarn.write(path, simple_batch(0, 4), mode="error")
    out_file = tmp_path / f"out.{fmt}"
    tarn("delta", "read", path, "--format", fmt, "--output", out_file)
    assert out_file.exists(), f"--format {fmt} --output did not create the file"
    assert "y3" in out_file.read_text()


@pytest.fixture(scope="module")
def filter_table(tarn, tmp_path_factory):
    path = tmp_path_factory.mktemp("filter") / "t"
    tarn.write(path, simple_batch(0, 14), mode="error")
    return path


@pytest.mark.parametrize("predicate,expected_ids", [
    ("x = 3", [3, 10]),
    ("x IN (1, 2) AND y <> 'y1'", [2, 8, 9]),
    ("NOT (x > 1) OR id >= 13", [0, 1, 7, 8, 13]),
    ("(y = 'y0' OR y = 'y4') AND x <= 5", [0, 4, 5, 9, 10]),
    ("id > 100", []),
])
def test_filter_and_columns(tarn, filter_table, predicate, expected_ids):
    path = filter_table
    got = tarn.read(path, filter=predicate)
    assert sorted(got.column("id").to_pylist()) == expected_ids
    proj = tarn.read(path, filter=predicate, columns=["y", "id"])
    assert proj.column_names == ["y", "id"]
    assert sorted(proj.column("id").to_pylist()) == expected_ids


def test_others_can_continue_a_tarn_table(tarn, request, tmp_path):
    """deltalake (and Spark, when available via the spark marker test) append to a tarn table;
    tarn then reads every version."""
    from deltalake import write_deltalake

    path = tmp_path / "continued"
    a, b, c = simple_batch(0, 3), simple_batch(3, 3), simple_batch(6, 3)
    tarn.write(path, a, mode="error")
    write_deltalake(str(path), b, mode="append")
    tarn.write(path, c, mode="append")
    assert tarn.version(path) == 2
    for v, exp in enumerate([a, concat_tables([a, b]), concat_tables([a, b, c])]):
        assert_tables_equal(tarn.read(path, version=v), exp, label=f"version {v}")
        assert_tables_equal(deltalake_read(path, version=v), exp, label=f"deltalake version {v}")


@pytest.mark.spark
def test_spark_can_continue_a_tarn_table(tarn, spark, tmp_path):
    path = tmp_path / "continued_spark"
    a = simple_batch(0, 6)
    tarn.write(path, a, mode="error", properties={"delta.enableDeletionVectors": "true"})
    spark.sql(f"DELETE FROM delta.`{path}` WHERE x = 2").collect()           # v1 (a DV)
    spark.createDataFrame([(100, 1, "z")], "id BIGINT, x INT, y STRING").write \
        .format("delta").mode("append").save(str(path))                      # v2
    b = simple_batch(200, 2)
    tarn.write(path, b, mode="append")                                       # v3
    for v in range(4):
        assert_tables_equal(tarn.read(path, version=v), spark_read(spark, path, version=v),
                            label=f"version {v}")
