"""The tarn CLI as a user meets it: help, version, errors with Spark error classes, the
built-in sample data and the README's main job."""
import json
import os
import pathlib
import subprocess

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
TARN = os.environ.get("TARN_BIN", str(ROOT / "build" / "tarn"))
SHARED_PRODUCTS = ROOT.parent / "shared" / "data" / "mslearn" / "products.csv"


def run(*args, check=True):
    proc = subprocess.run([TARN, *map(str, args)], capture_output=True, text=True, timeout=300)
    if check and proc.returncode != 0:
        raise AssertionError(f"tarn {' '.join(map(str, args))} failed ({proc.returncode}):\n{proc.stderr}")
    return proc


def test_version_and_help():
    assert run("--version").stdout.strip().startswith("tarn ")
    help_text = run("delta", "--help").stdout
    for sub in ("write", "read", "history", "describe", "optimize", "vacuum"):
        assert sub in help_text


def test_sample_products_is_deterministic(tmp_path):
    a, b = tmp_path / "a.csv", tmp_path / "b.csv"
    run("sample", "products", "--output", a)
    run("sample", "products", "--output", b)
    assert a.read_bytes() == b.read_bytes()
    lines = a.read_text().splitlines()
    assert lines[0] == "ProductID,ProductName,Category,ListPrice"
    assert len(lines) > 100


def test_missing_table_names_error_class(tmp_path):
    proc = run("delta", "read", tmp_path / "nothing", check=False)
    assert proc.returncode == 1
    assert "[DELTA_MISSING_DELTA_TABLE]" in proc.stderr


def test_bad_filter_is_a_parse_error_with_position(tmp_path):
    src = tmp_path / "p.csv"
    run("sample", "products", "--output", src)
    run("delta", "write", tmp_path / "t", "--from", src)
    proc = run("delta", "read", tmp_path / "t", "--filter", "ListPrice >", check=False)
    assert proc.returncode == 1
    assert "[PARSE_SYNTAX_ERROR]" in proc.stderr and "position" in proc.stderr
    proc = run("delta", "read", tmp_path / "t", "--filter", "Price > 1", check=False)
    assert "[UNRESOLVED_COLUMN.WITH_SUGGESTION]" in proc.stderr and "ListPrice" in proc.stderr


def test_write_read_roundtrip_types(tmp_path):
    table = pa.table({
        "i8": pa.array([1, None, -3], pa.int8()),
        "i64": pa.array([2**40, 0, None], pa.int64()),
        "f": pa.array([1.5, None, float("inf")], pa.float64()),
        "d": pa.array([1, 2, None], pa.decimal128(25, 3)),
        "s": pa.array(["a", None, "ü" * 40], pa.string()),
        "b": pa.array([b"x", None, b"\x00"], pa.binary()),
        "day": pa.array([0, 19000, None], pa.date32()),
        "ts": pa.array([0, 1_700_000_000_000_001, None], pa.timestamp("us", tz="UTC")),
        "ntz": pa.array([0, 1, None], pa.timestamp("us")),
        "st": pa.array([{"x": 1, "y": "a"}, None, {"x": None, "y": "b"}],
                       pa.struct([("x", pa.int32()), ("y", pa.string())])),
        "arr": pa.array([[1, 2], [], None], pa.list_(pa.int64())),
        "m": pa.array([[("k", 1)], None, []], pa.map_(pa.string(), pa.int32())),
    })
    src = tmp_path / "in.parquet"
    pq.write_table(table, src)
    run("delta", "write", tmp_path / "t", "--from", src)
    out = tmp_path / "out.parquet"
    run("delta", "read", tmp_path / "t", "--format", "parquet", "--output", out)
    got = pq.read_table(out)
    assert got.schema.names == table.schema.names
    assert got.to_pylist() == table.to_pylist()
    detail = json.loads(run("delta", "describe", tmp_path / "t", "--format", "json").stdout)
    assert "timestampNtz" in detail["protocol"]["readerFeatures"]


@pytest.mark.parametrize("data", ["lab", "sample"])
def test_main_job_runs_the_labs(tmp_path, data):
    """The README's main job, on the lab files when present and on tarn's built-in samples."""
    if data == "lab" and not SHARED_PRODUCTS.exists():
        pytest.skip("../shared/data not present")
    env = dict(os.environ, TARN_HOME=str(tmp_path))
    if data == "sample":
        env["TARN_LAB_DATA"] = str(tmp_path / "no-lab-files-here")
    proc = subprocess.run(["bash", str(ROOT / "scripts" / "main_job.sh")], capture_output=True, text=True,
                          env=env, timeout=900)
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert ("Using the lab files" in out) == (data == "lab"), out[:2000]
    for text in ("LA-04 Explore Delta Lake", "UPDATE products SET ListPrice = ListPrice * 0.9 WHERE ProductID = 771",
                 "VERSION AS OF 0", "DESCRIBE HISTORY products", "OPTIMIZE products", "VACUUM products",
                 "LA-05 Build a data pipeline", "covid_gold", "(29 rows)",
                 "[DELTA_VIOLATE_CONSTRAINT_WITH_VALUES] CHECK constraint valid_country_region"):
        assert text in out, f"{text!r} is missing from the main job's output:\n{out[-4000:]}\n{proc.stderr[-2000:]}"
    # Product 771 before and after the 10% price cut, from the time-travel query.
    prices = {line.split("|")[1].strip(): float(line.split("|")[4]) for line in out.splitlines()
              if line.startswith("| version 0 ") or line.startswith("| latest ")}
    assert set(prices) == {"version 0", "latest"}
    before, after = prices["version 0"], prices["latest"]
    assert after == pytest.approx(before * 0.9)
