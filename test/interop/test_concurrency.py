"""Concurrent writers and crashed writers.

* Many processes append to one table at once: every append must commit exactly once, versions
  must be contiguous, and no row may be lost or duplicated.
* A writer loop is SIGKILLed at random points: afterwards the table must be readable by tarn,
  deltalake and Spark, every visible version must contain only whole appends, and the next
  writer must still be able to commit.

Sizes: 8 writers x 100 appends by default, 3 x 15 under TARN_QUICK=1 (override with
TARN_CONC_WORKERS / TARN_CONC_APPENDS / TARN_KILLS; TARN_KILL_SEED fixes the kill schedule).
"""
from __future__ import annotations

import collections
import concurrent.futures
import json
import os
import random
import signal
import subprocess
import sys
import time
import warnings
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from interop_helpers import (QUICK, assert_tables_equal, checkpoint_files, deltalake_read,
                      delta_log_actions, delta_log_versions, spark_read)

pytestmark = pytest.mark.concurrency

WORKERS = int(os.environ.get("TARN_CONC_WORKERS", 3 if QUICK else 8))
APPENDS = int(os.environ.get("TARN_CONC_APPENDS", 15 if QUICK else 100))
ROWS_PER_APPEND = 2
CONCURRENT_BUDGET_S = 180

KILLS = int(os.environ.get("TARN_KILLS", 5 if QUICK else 10))
ROWS_PER_BATCH = 7  # rows per append in the crash test; a torn commit shows as count % 7 != 0
KILL_SEED = int(os.environ.get("TARN_KILL_SEED", random.SystemRandom().randrange(1 << 30)))

SCHEMA = pa.schema([("writer", pa.int32()), ("seq", pa.int32()), ("id", pa.int64()),
                    ("payload", pa.string())])


def make_batch(writer: int, seq: int, rows: int) -> pa.Table:
    base = (writer * 1_000_000 + seq) * 100
    return pa.table({
        "writer": pa.array([writer] * rows, pa.int32()),
        "seq": pa.array([seq] * rows, pa.int32()),
        "id": pa.array([base + r for r in range(rows)], pa.int64()),
        "payload": pa.array([f"w{writer}-s{seq}-r{r}" for r in range(rows)], pa.string()),
    }, schema=SCHEMA)


# --------------------------------------------------------------------------------------------
# Concurrent appends
# --------------------------------------------------------------------------------------------

class ConcurrentRun:
    def __init__(self, path: Path, expected: pa.Table, failures: list, seconds: float):
        self.path, self.expected, self.failures, self.seconds = path, expected, failures, seconds


@pytest.fixture(scope="module")
def concurrent_table(tarn, tmp_path_factory) -> ConcurrentRun:
    root = tmp_path_factory.mktemp("concurrent")
    path = root / "table"
    inputs = root / "inputs"
    inputs.mkdir()
    seed = make_batch(999, 0, ROWS_PER_APPEND)
    tarn.write(path, seed, mode="error")  # version 0

    files = {}
    for w in range(WORKERS):
        for k in range(APPENDS):
            f = inputs / f"w{w}-{k}.parquet"
            pq.write_table(make_batch(w, k, ROWS_PER_APPEND), f)
            files[w, k] = f

    def worker(w: int) -> list:
        errors = []
        for k in range(APPENDS):
            proc = tarn.run(*tarn.write_args(path, files[w, k], mode="append"), check=False)
            if proc.returncode != 0:
                errors.append((w, k, proc.returncode, proc.stderr.strip()[-2000:]))
        return errors

    start = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(max_workers=WORKERS) as pool:
        failures = [e for errs in pool.map(worker, range(WORKERS)) for e in errs]
    seconds = time.monotonic() - start
    sys.stderr.write(f"\n[concurrency] {WORKERS}x{APPENDS} appends took {seconds:.1f}s\n")
    if seconds > CONCURRENT_BUDGET_S:
        warnings.warn(f"{WORKERS}x{APPENDS} concurrent appends took {seconds:.0f}s "
                      f"(budget {CONCURRENT_BUDGET_S}s)")
    expected = pa.concat_tables([seed] + [make_batch(w, k, ROWS_PER_APPEND)
                                          for w in range(WORKERS) for k in range(APPENDS)])
    return ConcurrentRun(path, expected, failures, seconds)


def test_concurrent_appends_all_succeed(concurrent_table):
    assert not concurrent_table.failures, (
        f"{len(concurrent_table.failures)} appends failed under contention; first: "
        f"{concurrent_table.failures[:3]}")


def test_concurrent_versions_are_contiguous(concurrent_table, tarn):
    path = concurrent_table.path
    n = WORKERS * APPENDS
    assert delta_log_versions(path) == list(range(n + 1))
    assert tarn.version(path) == n
    history = tarn.history(path)
    assert [h["version"] for h in history] == list(range(n + 1))


def test_concurrent_each_commit_is_one_append(concurrent_table):
    """Every commit 1..N adds the files of exactly one append, and no file is added twice."""
    path = concurrent_table.path
    seen_files = set()
    for v in range(1, WORKERS * APPENDS + 1):
        actions = delta_log_actions(path, v)
        adds = [a["add"] for a in actions if "add" in a]
        assert adds, f"commit {v} adds nothing"
        assert not any("remove" in a for a in actions), f"append commit {v} removes files"
        records = 0
        for add in adds:
            assert add["path"] not in seen_files, f"file {add['path']} added twice"
            seen_files.add(add["path"])
            if add.get("stats"):
                records += json.loads(add["stats"]).get("numRecords", 0)
        if all(a.get("stats") for a in adds):
            assert records == ROWS_PER_APPEND, f"commit {v} holds {records} records"


def test_concurrent_no_lost_or_duplicated_rows_tarn(concurrent_table, tarn):
    got = tarn.read(concurrent_table.path)
    ids = got.column("id").to_pylist()
    dupes = [i for i, c in collections.Counter(ids).items() if c > 1]
    assert not dupes, f"duplicated ids: {dupes[:10]}"
    assert_tables_equal(got, concurrent_table.expected)


def test_concurrent_no_lost_or_duplicated_rows_deltalake(concurrent_table):
    assert_tables_equal(deltalake_read(concurrent_table.path), concurrent_table.expected)


def test_concurrent_checkpoints_valid(concurrent_table):
    path = concurrent_table.path
    cps = [f for f in checkpoint_files(path) if f.endswith(".parquet")]
    assert cps, "no checkpoint after hundreds of commits"
    for f in cps:
        pq.read_table(path / "_delta_log" / f)  # complete, readable Parquet


@pytest.mark.spark
def test_concurrent_spark_reads(concurrent_table, spark):
    assert_tables_equal(spark_read(spark, concurrent_table.path), concurrent_table.expected)


# --------------------------------------------------------------------------------------------
# SIGKILL during writes
# --------------------------------------------------------------------------------------------

class CrashRun:
    def __init__(self, path, kills, completed_rounds, seed):
        self.path, self.kills, self.completed_rounds, self.seed = path, kills, completed_rounds, seed


def _writer_loop_script(tarn_bin: Path, path: Path, files: list[Path]) -> list[str]:
    lines = ["set -e"]
    for f in files:
        lines.append(f'"{tarn_bin}" delta write "{path}" --from "{f}" --mode append')
    return ["bash", "-c", "\n".join(lines)]


@pytest.fixture(scope="module")
def crashed_table(tarn, tmp_path_factory) -> CrashRun:
    root = tmp_path_factory.mktemp("crash")
    path = root / "table"
    inputs = root / "inputs"
    inputs.mkdir()
    rng = random.Random(KILL_SEED)
    sys.stderr.write(f"\n[crash] TARN_KILL_SEED={KILL_SEED}\n")
    # Checkpoint every 2 commits so kills also land inside checkpoint writing.
    tarn.write(path, make_batch(0, 0, ROWS_PER_BATCH), mode="error",
               properties={"delta.checkpointInterval": "2"})

    # How long does one append take here? (kill delays are drawn relative to it)
    durations = []
    for k in (1, 2, 3):
        f = inputs / f"warm-{k}.parquet"
        pq.write_table(make_batch(0, k, ROWS_PER_BATCH), f)
        t = time.monotonic()
        tarn.write(path, f, mode="append")
        durations.append(time.monotonic() - t)
    one = sorted(durations)[1]

    kills, completed = 0, 0
    for rnd in range(1, KILLS + 1):
        files = []
        for k in range(30):
            f = inputs / f"r{rnd}-{k}.parquet"
            pq.write_table(make_batch(rnd, k, ROWS_PER_BATCH), f)
            files.append(f)
        proc = subprocess.Popen(_writer_loop_script(tarn.binary, path, files),
                                stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                start_new_session=True)
        delay = rng.uniform(0.2 * one, 4.0 * one)
        try:
            _, err = proc.communicate(timeout=delay)
            completed += 1  # loop finished (or failed) before the kill
            assert proc.returncode == 0, f"writer loop failed before being killed: {err[-2000:]}"
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)  # the loop and the tarn process it is running
            proc.communicate()
            kills += 1
    sys.stderr.write(f"[crash] {kills} kills, one append ~{one * 1000:.0f} ms, table at version "
                     f"{delta_log_versions(path)[-1]}, log: {len(os.listdir(path / '_delta_log'))} "
                     f"entries\n")
    return CrashRun(path, kills, completed, KILL_SEED)


def _check_whole_batches(table: pa.Table, label: str) -> None:
    assert table.num_rows % ROWS_PER_BATCH == 0, (
        f"{label}: {table.num_rows} rows is not a multiple of {ROWS_PER_BATCH} (torn commit)")
    per_batch = collections.Counter(zip(table.column("writer").to_pylist(),
                                        table.column("seq").to_pylist()))
    bad = {k: c for k, c in per_batch.items() if c != ROWS_PER_BATCH}
    assert not bad, f"{label}: partial or duplicated batches {dict(list(bad.items())[:5])}"


def test_crash_kills_happened(crashed_table):
    assert crashed_table.kills >= max(1, KILLS // 2), (
        f"only {crashed_table.kills} of {KILLS} rounds were killed mid-loop "
        f"(seed {crashed_table.seed})")


def test_crash_log_is_consistent(crashed_table):
    path = crashed_table.path
    versions = delta_log_versions(path)
    assert versions == list(range(versions[-1] + 1)), f"gaps in versions: {versions}"
    for v in versions:
        delta_log_actions(path, v)  # every commit file is complete JSON
    for f in checkpoint_files(path):
        if f.endswith(".parquet"):
            pq.read_table(path / "_delta_log" / f)
    last = path / "_delta_log" / "_last_checkpoint"
    if last.exists():
        info = json.loads(last.read_text())
        assert info["version"] <= versions[-1]


def test_crash_every_version_whole_tarn(crashed_table, tarn):
    path = crashed_table.path
    latest = tarn.version(path)
    assert latest == delta_log_versions(path)[-1]
    for v in range(latest + 1):
        t = tarn.read(path, version=v)
        _check_whole_batches(t, f"tarn version {v}")
        assert t.num_rows == (v + 1) * ROWS_PER_BATCH, f"version {v}: {t.num_rows} rows"


def test_crash_every_version_whole_deltalake(crashed_table):
    path = crashed_table.path
    latest = delta_log_versions(path)[-1]
    for v in range(latest + 1):
        _check_whole_batches(deltalake_read(path, version=v), f"deltalake version {v}")


@pytest.mark.spark
def test_crash_spark_reads(crashed_table, spark, tarn):
    path = crashed_table.path
    latest = delta_log_versions(path)[-1]
    picks = sorted({0, latest, latest // 2, max(0, latest - 1)})
    for v in picks:
        got = spark_read(spark, path, version=v)
        _check_whole_batches(got, f"spark version {v}")
        assert_tables_equal(tarn.read(path, version=v), got, label=f"version {v}")


def test_crash_then_writer_recovers(crashed_table, tarn):
    """Leftovers of killed writers (temp files, a stale lock...) must not wedge the table."""
    path = crashed_table.path
    before = tarn.version(path)
    batch = make_batch(10_000, 0, ROWS_PER_BATCH)
    tarn.write(path, batch, mode="append")
    assert tarn.version(path) == before + 1
    _check_whole_batches(tarn.read(path), "after recovery")
