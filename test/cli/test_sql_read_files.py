"""read_files() and csv.`path` through `tarn sql`: inference, options, rescued data and loading a
catalog table from files (the bronze step of the LA-05 lab), checked against Python's csv module."""
import csv
import os
import pathlib
import subprocess

import pyarrow.ipc as ipc
import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
TARN = os.environ.get("TARN_BIN", str(ROOT / "build" / "tarn"))


def sql(script, tmp_path, check=True):
    out = tmp_path / "result.arrow"
    if out.exists():
        out.unlink()
    env = dict(os.environ, TARN_HOME=str(tmp_path / "workspace"))
    proc = subprocess.run([TARN, "sql", "-e", script, "--format", "arrow", "--output", str(out)],
                          capture_output=True, text=True, timeout=300, env=env)
    if check and proc.returncode != 0:
        raise AssertionError(f"tarn sql failed:\n{script}\n{proc.stderr}")
    if proc.returncode != 0:
        return proc.stderr
    if not out.exists() or out.stat().st_size == 0:
        return None
    with ipc.open_stream(out.read_bytes()) as reader:
        return reader.read_all()


@pytest.fixture
def landing(tmp_path):
    folder = tmp_path / "landing"
    folder.mkdir()
    (folder / "day1.csv").write_text("id,city,amount\n1,Oslo,2.5\n2,Rome,3\n")
    (folder / "day2.csv").write_text("id,city,amount\n3,Oslo,oops\n4,Bern,4.25\n")
    (folder / "notes.txt").write_text("not data\n")
    return folder


def test_read_files_infers_and_rescues(landing, tmp_path):
    t = sql(f"SELECT * FROM read_files('{landing}/*.csv', format => 'csv', header => true) ORDER BY id", tmp_path)
    assert t.schema.field("id").type == "int64"
    assert t.schema.field("amount").type == "string"  # 'oops' keeps the column a string
    assert t.column("id").to_pylist() == [1, 2, 3, 4]
    t = sql(f"SELECT id, amount, _rescued_data FROM read_files('{landing}/day*.csv', format => 'csv', "
            f"header => true, schema => 'id BIGINT, city STRING, amount DOUBLE, _rescued_data STRING') ORDER BY id",
            tmp_path)
    rows = t.to_pylist()
    assert [r["amount"] for r in rows] == [2.5, 3.0, None, 4.25]
    assert rows[2]["_rescued_data"] is not None and "oops" in rows[2]["_rescued_data"]
    assert rows[0]["_rescued_data"] is None
    err = sql(f"SELECT * FROM read_files('{landing}/day*.csv', format => 'csv', header => true, "
              f"schema => 'id BIGINT, city STRING, amount DOUBLE', mode => 'FAILFAST')", tmp_path, check=False)
    assert "MALFORMED_RECORD_IN_PARSING" in err and "day2.csv" in err
    err = sql(f"SELECT * FROM read_files('{tmp_path}/nothing_here', format => 'csv')", tmp_path, check=False)
    assert "PATH_NOT_FOUND" in err


def test_csv_path_reads_strings_without_header(landing, tmp_path):
    t = sql(f"SELECT * FROM csv.`{landing / 'day1.csv'}`", tmp_path)
    assert t.num_rows == 3  # the header line is a row, as in spark.read.csv without options
    assert all(f.type == "string" for f in t.schema if f.name != "_rescued_data")


SHARED = ROOT.parent / "shared" / "data" / "mslearn" / "covid_data.csv"


@pytest.mark.skipif(not SHARED.exists(), reason="needs ../shared/data")
def test_bronze_table_from_read_files_matches_the_csv(tmp_path):
    sql(f"CREATE TABLE covid_bronze AS SELECT Last_Update, Country_Region, Confirmed, Deaths, Recovered "
        f"FROM read_files('{SHARED}', format => 'csv', header => true)", tmp_path)
    t = sql("SELECT Country_Region, sum(Confirmed) AS c, count(*) AS n FROM covid_bronze "
            "GROUP BY Country_Region ORDER BY Country_Region", tmp_path)
    expected = {}
    with open(SHARED, newline="") as f:
        for row in csv.DictReader(f):
            c, n = expected.get(row["Country_Region"], (0, 0))
            expected[row["Country_Region"]] = (c + (int(row["Confirmed"]) if row["Confirmed"] else 0), n + 1)
    assert {r["Country_Region"]: (r["c"] or 0, r["n"]) for r in t.to_pylist()} == expected


def test_metadata_column_is_selectable_but_not_in_star(run, landing):
    got = run(f"SELECT _metadata.file_name AS f, _metadata.file_size AS size, count(*) AS n "
              f"FROM read_files('{landing}/*.csv', format => 'csv', header => true) GROUP BY ALL ORDER BY f")
    assert got.to_pylist() == [
        {"f": "day1.csv", "size": (landing / "day1.csv").stat().st_size, "n": 2},
        {"f": "day2.csv", "size": (landing / "day2.csv").stat().st_size, "n": 2}]
    star = run(f"SELECT * FROM read_files('{landing}/day1.csv', format => 'csv', header => true)")
    assert "_metadata" not in star.column_names
    # Also on csv.`path`, and kept through a subquery alias when named.
    paths = run(f"SELECT DISTINCT t._metadata.file_path AS p FROM csv.`{landing}/day2.csv` AS t")
    assert paths.column("p").to_pylist() == ["file:" + str(landing / "day2.csv")]
    # SELECT _metadata.* gives its fields as columns.
    fields = run(f"SELECT _metadata.* FROM read_files('{landing}/day1.csv', format => 'csv')")
    assert fields.column_names == ["file_path", "file_name", "file_size", "file_block_start", "file_block_length",
                                   "file_modification_time"]
