"""Row-level changes through `tarn sql` on catalog tables: DELETE / UPDATE with any condition,
MERGE INTO with every clause kind, its cardinality error, schema evolution, deletion vectors, the
change data feed read with table_changes(), RESTORE and time travel on names. Every statement is
a new process in the test's own workspace; each check reads the table back (through tarn and,
where it reads the feature, through deltalake) and the Delta log itself."""
import json
import pathlib

import pytest
from deltalake import DeltaTable


def location(run, name):
    detail = run(f"DESCRIBE DETAIL {name}").to_pylist()[0]
    return detail["location"].removeprefix("file:")


def rows(run, query):
    return run(query).to_pylist()


def log_actions(path):
    actions = []
    for f in sorted(pathlib.Path(path, "_delta_log").glob("*.json")):
        for line in f.read_text().splitlines():
            actions.append((int(f.stem), json.loads(line)))
    return actions


@pytest.fixture
def people(run):
    run("CREATE TABLE people (id BIGINT, name STRING, city STRING, score INT) PARTITIONED BY (city)")
    run("INSERT INTO people VALUES (1, 'ann', 'Oslo', 10), (2, 'bob', 'Rome', 20), (3, 'cyd', 'Oslo', 30), "
        "(4, 'dan', 'Lima', 40)")
    return "people"


def test_update_with_expressions_and_a_subquery(run, people):
    result = run("UPDATE people SET score = score * 2 + 1, name = upper(name) "
                 "WHERE id IN (SELECT id FROM people WHERE city = 'Oslo')")
    assert result.to_pylist() == [{"num_affected_rows": 2}]
    assert rows(run, "SELECT id, name, score FROM people ORDER BY id") == [
        {"id": 1, "name": "ANN", "score": 21}, {"id": 2, "name": "bob", "score": 20},
        {"id": 3, "name": "CYD", "score": 61}, {"id": 4, "name": "dan", "score": 40}]
    # An independent reader sees the same table.
    got = sorted(DeltaTable(location(run, people)).to_pyarrow_table().to_pylist(), key=lambda r: r["id"])
    assert [(r["name"], r["score"]) for r in got] == [("ANN", 21), ("bob", 20), ("CYD", 61), ("dan", 40)]
    history = rows(run, "DESCRIBE HISTORY people LIMIT 1")[0]
    assert history["operation"] == "UPDATE"
    assert dict(history["operationMetrics"])["numUpdatedRows"] == "2"


def test_update_and_delete_without_matches_change_nothing(run, people):
    before = rows(run, "DESCRIBE HISTORY people LIMIT 1")[0]["version"]
    assert run("UPDATE people SET score = 0 WHERE id > 100").to_pylist() == [{"num_affected_rows": 0}]
    assert run("DELETE FROM people WHERE name = 'nobody'").to_pylist() == [{"num_affected_rows": 0}]
    assert rows(run, "DESCRIBE HISTORY people LIMIT 1")[0]["version"] == before


def test_update_errors_leave_the_table_as_it_was(run, people):
    run("ALTER TABLE people SET TBLPROPERTIES ('delta.constraints.positive' = 'score > 0')")
    version = rows(run, "DESCRIBE HISTORY people LIMIT 1")[0]["version"]
    err = run("UPDATE people SET score = -1 WHERE id = 2", check=False)
    assert "DELTA_VIOLATE_CONSTRAINT_WITH_VALUES" in err
    err = run("UPDATE people SET nope = 1", check=False)
    assert "UNRESOLVED_COLUMN" in err
    err = run("UPDATE people SET score = 'x'", check=False)
    assert "CAST_INVALID_INPUT" in err
    assert rows(run, "DESCRIBE HISTORY people LIMIT 1")[0]["version"] == version
    assert rows(run, "SELECT sum(score) AS s FROM people") == [{"s": 100}]


def test_delete_by_name_with_alias_and_function(run, people):
    result = run("DELETE FROM people AS p WHERE p.score >= 30 OR p.name LIKE 'b%'")
    assert result.to_pylist() == [{"num_affected_rows": 3}]
    assert rows(run, "SELECT id FROM people") == [{"id": 1}]
    assert run("DELETE FROM people").to_pylist() == [{"num_affected_rows": 1}]
    assert rows(run, "SELECT count(*) AS n FROM people") == [{"n": 0}]


def test_merge_every_clause_kind(run, people):
    run("CREATE TABLE updates AS SELECT * FROM VALUES (1, 'ann', 'Oslo', 11), (3, 'cyd', 'Oslo', -1), "
        "(5, 'eve', 'Rome', 50), (6, 'fay', 'Lima', 5) AS v(id, name, city, score)")
    result = run("""
        MERGE INTO people t USING updates s ON t.id = s.id
        WHEN MATCHED AND s.score < 0 THEN DELETE
        WHEN MATCHED THEN UPDATE SET t.score = s.score, name = concat(t.name, '!')
        WHEN NOT MATCHED AND s.score >= 10 THEN INSERT (id, name, city, score) VALUES (s.id, s.name, s.city, s.score)
        WHEN NOT MATCHED BY SOURCE AND t.city = 'Lima' THEN UPDATE SET score = 0
        WHEN NOT MATCHED BY SOURCE THEN DELETE""")
    assert result.to_pylist() == [{"num_affected_rows": 5, "num_updated_rows": 2, "num_deleted_rows": 2,
                                   "num_inserted_rows": 1}]
    assert rows(run, "SELECT id, name, city, score FROM people ORDER BY id") == [
        {"id": 1, "name": "ann!", "city": "Oslo", "score": 11},
        {"id": 4, "name": "dan", "city": "Lima", "score": 0},
        {"id": 5, "name": "eve", "city": "Rome", "score": 50}]
    assert rows(run, "DESCRIBE HISTORY people LIMIT 1")[0]["operation"] == "MERGE"


def test_merge_star_clauses_and_a_subquery_source(run, people):
    result = run("""
        MERGE INTO people USING (SELECT id, 'new' AS name, city, score + 1 AS score FROM people WHERE id <= 2
                                 UNION ALL SELECT 9, 'zed', 'Kyiv', 90) AS src
        ON people.id = src.id
        WHEN MATCHED THEN UPDATE SET *
        WHEN NOT MATCHED THEN INSERT *""")
    assert result.to_pylist()[0]["num_updated_rows"] == 2
    assert result.to_pylist()[0]["num_inserted_rows"] == 1
    assert rows(run, "SELECT id, name, score FROM people WHERE id IN (1, 2, 9) ORDER BY id") == [
        {"id": 1, "name": "new", "score": 11}, {"id": 2, "name": "new", "score": 21},
        {"id": 9, "name": "zed", "score": 90}]


def test_merge_rejects_a_target_row_matched_twice(run, people):
    version = rows(run, "DESCRIBE HISTORY people LIMIT 1")[0]["version"]
    err = run("MERGE INTO people t USING (SELECT 1 AS id UNION ALL SELECT 1) s ON t.id = s.id "
              "WHEN MATCHED THEN UPDATE SET score = 0", check=False)
    assert "DELTA_MULTIPLE_SOURCE_ROW_MATCHING_TARGET_ROW_IN_MERGE" in err
    assert rows(run, "DESCRIBE HISTORY people LIMIT 1")[0]["version"] == version
    # Delta allows it when the only MATCHED clause is an unconditional DELETE.
    result = run("MERGE INTO people t USING (SELECT 1 AS id UNION ALL SELECT 1) s ON t.id = s.id "
                 "WHEN MATCHED THEN DELETE")
    assert result.to_pylist()[0]["num_deleted_rows"] == 1
    assert rows(run, "SELECT count(*) AS n FROM people") == [{"n": 3}]


def test_merge_with_schema_evolution_adds_source_columns(run, people):
    run("CREATE TABLE src AS SELECT * FROM VALUES (2, 'bob', 'Rome', 21, 'gold'), (7, 'gus', 'Oslo', 70, 'tin') "
        "AS v(id, name, city, score, tier)")
    run("MERGE WITH SCHEMA EVOLUTION INTO people t USING src s ON t.id = s.id "
        "WHEN MATCHED THEN UPDATE SET * WHEN NOT MATCHED THEN INSERT *")
    assert rows(run, "SELECT id, score, tier FROM people ORDER BY id") == [
        {"id": 1, "score": 10, "tier": None}, {"id": 2, "score": 21, "tier": "gold"},
        {"id": 3, "score": 30, "tier": None}, {"id": 4, "score": 40, "tier": None},
        {"id": 7, "score": 70, "tier": "tin"}]
    # Without evolution the extra source column is not written.
    run("CREATE TABLE plain (id BIGINT, score INT)")
    run("MERGE INTO plain t USING src s ON t.id = s.id WHEN NOT MATCHED THEN INSERT *")
    assert [f["col_name"] for f in rows(run, "DESCRIBE plain")][:2] == ["id", "score"]
    assert rows(run, "SELECT id, score FROM plain ORDER BY id") == [{"id": 2, "score": 21}, {"id": 7, "score": 70}]


def test_deletion_vectors_when_the_table_enables_them(run):
    run("CREATE TABLE dv (id BIGINT, v STRING) TBLPROPERTIES ('delta.enableDeletionVectors' = 'true')")
    run("INSERT INTO dv SELECT id, CAST(id AS STRING) FROM range(100)")
    path = location(run, "dv")
    data_files = {p.name for p in pathlib.Path(path).glob("*.parquet")}
    assert run("DELETE FROM dv WHERE id % 10 = 0").to_pylist() == [{"num_affected_rows": 10}]
    assert run("UPDATE dv SET v = 'x' WHERE id = 55").to_pylist() == [{"num_affected_rows": 1}]
    assert rows(run, "SELECT count(*) AS n, sum(id) AS s FROM dv") == [{"n": 90, "s": 4950 - 450}]
    assert rows(run, "SELECT v FROM dv WHERE id = 55") == [{"v": "x"}]
    adds = [a["add"] for _, a in log_actions(path) if "add" in a]
    assert any(a.get("deletionVector") for a in adds), "DELETE should have written a deletion vector"
    # The original data file was kept (rows marked deleted), not rewritten.
    assert data_files <= {p.name for p in pathlib.Path(path).glob("*.parquet")}


def test_change_data_feed_and_table_changes(run):
    run("CREATE TABLE cdf (id BIGINT, v STRING) TBLPROPERTIES ('delta.enableChangeDataFeed' = 'true')")
    run("INSERT INTO cdf VALUES (1, 'a'), (2, 'b'), (3, 'c')")                 # version 1
    run("UPDATE cdf SET v = 'B' WHERE id = 2")                                 # version 2
    run("DELETE FROM cdf WHERE id = 3")                                        # version 3
    run("MERGE INTO cdf t USING (SELECT 1 AS id, 'A' AS v UNION ALL SELECT 4, 'd') s ON t.id = s.id "
        "WHEN MATCHED THEN UPDATE SET * WHEN NOT MATCHED THEN INSERT *")       # version 4
    got = rows(run, "SELECT id, v, _change_type, _commit_version FROM table_changes('cdf', 1) "
                    "ORDER BY _commit_version, id, _change_type")
    assert got == [
        {"id": 1, "v": "a", "_change_type": "insert", "_commit_version": 1},
        {"id": 2, "v": "b", "_change_type": "insert", "_commit_version": 1},
        {"id": 3, "v": "c", "_change_type": "insert", "_commit_version": 1},
        {"id": 2, "v": "B", "_change_type": "update_postimage", "_commit_version": 2},
        {"id": 2, "v": "b", "_change_type": "update_preimage", "_commit_version": 2},
        {"id": 3, "v": "c", "_change_type": "delete", "_commit_version": 3},
        {"id": 1, "v": "A", "_change_type": "update_postimage", "_commit_version": 4},
        {"id": 1, "v": "a", "_change_type": "update_preimage", "_commit_version": 4},
        {"id": 4, "v": "d", "_change_type": "insert", "_commit_version": 4}]
    assert rows(run, "SELECT count(*) AS n FROM table_changes('main.default.cdf', 2, 3)") == [{"n": 3}]
    assert any("cdc" in a for _, a in log_actions(location(run, "cdf")))


def test_restore_and_time_travel_by_name(run, people):
    run("DELETE FROM people WHERE id > 1")
    run("INSERT INTO people VALUES (8, 'hal', 'Rome', 80)")
    assert rows(run, "SELECT count(*) AS n FROM people VERSION AS OF 1") == [{"n": 4}]
    result = run("RESTORE TABLE people TO VERSION AS OF 1").to_pylist()[0]
    assert result["num_of_files_after_restore"] >= 1 and result["num_restored_files"] >= 1
    assert rows(run, "SELECT id FROM people ORDER BY id") == [{"id": 1}, {"id": 2}, {"id": 3}, {"id": 4}]
    assert rows(run, "DESCRIBE HISTORY people LIMIT 1")[0]["operation"] == "RESTORE"
    err = run("RESTORE TABLE people TO VERSION AS OF 99", check=False)
    assert "DELTA" in err and "99" in err


def test_merge_upsert_reads_only_the_files_with_source_keys(run):
    # Ten files of 100 rows each; the source touches keys in two of them (and one new key, one NULL key).
    run("CREATE TABLE big (id BIGINT, code STRING, v INT)")
    for f in range(10):
        run(f"INSERT INTO big SELECT id, concat('c', id), 0 FROM range({f * 100}, {(f + 1) * 100})")
    result = run("MERGE INTO big t USING (SELECT * FROM VALUES (5, 1), (250, 2), (5000, 3), (NULL, 4) AS s(id, v)) s "
                 "ON t.id = s.id WHEN MATCHED THEN UPDATE SET v = s.v "
                 "WHEN NOT MATCHED THEN INSERT (id, code, v) VALUES (s.id, 'new', s.v)")
    assert result.to_pylist()[0] == {"num_affected_rows": 4, "num_updated_rows": 2, "num_deleted_rows": 0,
                                     "num_inserted_rows": 2}
    assert rows(run, "SELECT id, v FROM big WHERE v > 0 ORDER BY id NULLS FIRST") == [
        {"id": None, "v": 4}, {"id": 5, "v": 1}, {"id": 250, "v": 2}, {"id": 5000, "v": 3}]
    assert rows(run, "SELECT count(*) AS n, sum(id) AS s FROM big") == [{"n": 1002, "s": 999 * 1000 // 2 + 5000}]
    # Only the two files holding keys 5 and 250 were read (statistics skipping on the keys).
    metrics = dict(rows(run, "DESCRIBE HISTORY big LIMIT 1")[0]["operationMetrics"])
    assert (metrics["numTargetFilesBeforeSkipping"], metrics["numTargetFilesAfterSkipping"]) == ("10", "2")
    assert metrics["numRemovedFiles"] == "2" and metrics["numSourceRows"] == "4"
    # String keys prune too, and a key of another type still matches by value.
    run("MERGE INTO big t USING (SELECT 'c7' AS code, 9 AS v) s ON t.code = s.code WHEN MATCHED THEN UPDATE SET v = s.v")
    assert rows(run, "SELECT v FROM big WHERE id = 7") == [{"v": 9}]


def test_delete_and_update_with_exists_under_or(run, people):
    run("CREATE TABLE banned (city STRING); INSERT INTO banned VALUES ('Rome')")
    result = run("DELETE FROM people p WHERE p.score >= 40 OR EXISTS (SELECT 1 FROM banned b WHERE b.city = p.city)")
    assert result.to_pylist() == [{"num_affected_rows": 2}]
    assert rows(run, "SELECT id FROM people ORDER BY id") == [{"id": 1}, {"id": 3}]
    run("UPDATE people SET score = (SELECT count(*) FROM banned WHERE banned.city = people.city) WHERE id = 1")
    assert rows(run, "SELECT score FROM people WHERE id = 1") == [{"score": 0}]
