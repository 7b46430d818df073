"""COPY INTO through `tarn sql`: files load exactly once across runs (new files only, FORCE to
reload), FILES / PATTERN selections, values cast to the table's column types (bad values fail the
whole statement, nothing half-loaded), mergeSchema, JSON input, and a SELECT over the files."""
import json

import pytest


def write_csv(path, header, rows):
    path.write_text("\n".join([header] + [",".join(map(str, r)) for r in rows]) + "\n")


@pytest.fixture
def landing(tmp_path):
    folder = tmp_path / "landing"
    folder.mkdir()
    write_csv(folder / "day1.csv", "id,city,amount", [(1, "Oslo", 2.5), (2, "Rome", 3.0)])
    write_csv(folder / "day2.csv", "id,city,amount", [(3, "Lima", 1.25)])
    return folder


def copy(run, folder, extra=""):
    return run(f"COPY INTO sales FROM '{folder}' FILEFORMAT = CSV FORMAT_OPTIONS ('header' = 'true') {extra}")


def test_each_file_is_loaded_once(run, landing):
    run("CREATE TABLE sales (id BIGINT, city STRING, amount DOUBLE)")
    assert copy(run, landing).to_pylist() == [
        {"num_affected_rows": 3, "num_inserted_rows": 3, "num_skipped_corrupt_files": 0}]
    assert copy(run, landing).to_pylist()[0]["num_inserted_rows"] == 0
    write_csv(landing / "day3.csv", "id,city,amount", [(4, "Oslo", 9.0), (5, "Kyiv", 1.0)])
    assert copy(run, landing).to_pylist()[0]["num_inserted_rows"] == 2
    assert run("SELECT id, city, amount FROM sales ORDER BY id").to_pylist() == [
        {"id": 1, "city": "Oslo", "amount": 2.5}, {"id": 2, "city": "Rome", "amount": 3.0},
        {"id": 3, "city": "Lima", "amount": 1.25}, {"id": 4, "city": "Oslo", "amount": 9.0},
        {"id": 5, "city": "Kyiv", "amount": 1.0}]
    # FORCE loads everything again.
    assert copy(run, landing, "COPY_OPTIONS ('force' = 'true')").to_pylist()[0]["num_inserted_rows"] == 5
    assert run("SELECT count(*) AS n FROM sales").to_pylist() == [{"n": 10}]


def test_files_and_pattern_select_inputs(run, landing):
    run("CREATE TABLE sales (id BIGINT, city STRING, amount DOUBLE)")
    assert copy(run, landing, "FILES = ('day2.csv')").to_pylist()[0]["num_inserted_rows"] == 1
    assert copy(run, landing, "PATTERN = 'day*.csv'").to_pylist()[0]["num_inserted_rows"] == 2  # day1 only is new
    assert "PATH_NOT_FOUND" in copy_error(run, landing, "FILES = ('nope.csv')")


def copy_error(run, folder, extra):
    return run(f"COPY INTO sales FROM '{folder}' FILEFORMAT = CSV FORMAT_OPTIONS ('header' = 'true') {extra}",
               check=False)


def test_bad_values_fail_the_whole_load(run, landing):
    run("CREATE TABLE sales (id BIGINT, city STRING, amount DOUBLE)")
    write_csv(landing / "day3.csv", "id,city,amount", [(4, "Oslo", "lots")])
    err = copy_error(run, landing, "")
    assert "MALFORMED_RECORD_IN_PARSING" in err and "day3.csv" in err
    assert run("SELECT count(*) AS n FROM sales").to_pylist() == [{"n": 0}]
    # Fixed, the files load; none counted as loaded by the failed run.
    write_csv(landing / "day3.csv", "id,city,amount", [(4, "Oslo", 4.0)])
    assert copy(run, landing).to_pylist()[0]["num_inserted_rows"] == 4


def test_merge_schema_and_json_and_select(run, tmp_path, landing):
    run("CREATE TABLE sales (id BIGINT, city STRING)")
    assert "amount" in copy_error(run, landing, "")
    copy(run, landing, "COPY_OPTIONS ('mergeSchema' = 'true')")
    assert run("SELECT id, amount FROM sales ORDER BY id").to_pylist() == [
        {"id": 1, "amount": "2.5"}, {"id": 2, "amount": "3.0"}, {"id": 3, "amount": "1.25"}]
    events = tmp_path / "events"
    events.mkdir()
    (events / "e1.json").write_text("\n".join(json.dumps({"id": i, "kind": k}) for i, k in [(10, "a"), (11, "b")]))
    run("CREATE TABLE ev (id INT, kind STRING)")
    result = run(f"COPY INTO ev FROM '{events}' FILEFORMAT = JSON")
    assert result.to_pylist()[0]["num_inserted_rows"] == 2
    run("CREATE TABLE upper_ev (id INT, kind STRING)")
    run(f"COPY INTO upper_ev FROM (SELECT id + 100 AS id, upper(kind) AS kind FROM '{events}') FILEFORMAT = JSON")
    assert run("SELECT * FROM upper_ev ORDER BY id").to_pylist() == [{"id": 110, "kind": "A"}, {"id": 111, "kind": "B"}]
