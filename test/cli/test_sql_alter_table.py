"""ALTER TABLE column and constraint changes through `tarn sql`: ADD COLUMNS (with positions and
comments), RENAME / DROP COLUMN under column mapping, type widening, SET / DROP NOT NULL, ADD /
DROP CONSTRAINT ... CHECK, and the errors Delta gives when a change is not allowed. Each change is
checked by reading the table back and in the Delta log (schemaString, protocol)."""
import json
import pathlib

import pytest


def location(run, name):
    return run(f"DESCRIBE DETAIL {name}").to_pylist()[0]["location"].removeprefix("file:")


def latest_schema(path):
    schema = protocol = None
    for f in sorted(pathlib.Path(path, "_delta_log").glob("*.json")):
        for line in f.read_text().splitlines():
            action = json.loads(line)
            if "metaData" in action:
                schema = json.loads(action["metaData"]["schemaString"])
            if "protocol" in action:
                protocol = action["protocol"]
    return schema, protocol


@pytest.fixture
def mapped(run):
    run("CREATE TABLE m (id INT, name STRING, city STRING) PARTITIONED BY (city) TBLPROPERTIES "
        "('delta.columnMapping.mode' = 'name', 'delta.enableTypeWidening' = 'true')")
    run("INSERT INTO m VALUES (1, 'ann', 'Oslo'), (2, NULL, 'Rome')")
    return "m"


def test_add_columns_with_positions_and_comments(run, mapped):
    run("ALTER TABLE m ADD COLUMNS (score DOUBLE COMMENT 'points', first_col STRING FIRST, "
        "after_id BOOLEAN AFTER id)")
    run("INSERT INTO m VALUES ('f', 3, true, 'cyd', 'Oslo', 9.5)")
    schema, _ = latest_schema(location(run, mapped))
    assert [f["name"] for f in schema["fields"]] == ["first_col", "id", "after_id", "name", "city", "score"]
    assert schema["fields"][5]["metadata"]["comment"] == "points"
    assert all("delta.columnMapping.id" in f["metadata"] for f in schema["fields"])
    assert run("SELECT first_col, id, after_id, score FROM m ORDER BY id").to_pylist() == [
        {"first_col": None, "id": 1, "after_id": None, "score": None},
        {"first_col": None, "id": 2, "after_id": None, "score": None},
        {"first_col": "f", "id": 3, "after_id": True, "score": 9.5}]
    assert "FIELD_ALREADY_EXISTS" in run("ALTER TABLE m ADD COLUMN id BIGINT", check=False)


def test_rename_and_drop_columns_keep_the_data(run, mapped):
    run("ALTER TABLE m RENAME COLUMN name TO full_name")
    run("ALTER TABLE m RENAME COLUMN city TO town")  # a partition column
    assert run("SELECT id, full_name, town FROM m ORDER BY id").to_pylist() == [
        {"id": 1, "full_name": "ann", "town": "Oslo"}, {"id": 2, "full_name": None, "town": "Rome"}]
    assert run("SELECT count(*) AS n FROM m WHERE town = 'Oslo'").to_pylist() == [{"n": 1}]
    run("ALTER TABLE m DROP COLUMN full_name")
    assert run("SELECT * FROM m ORDER BY id").column_names == ["id", "town"]
    run("ALTER TABLE m DROP COLUMNS IF EXISTS (nothing)")
    assert "DELTA_UNSUPPORTED_DROP_PARTITION_COLUMN" in run("ALTER TABLE m DROP COLUMN town", check=False)
    # A column re-added under the dropped name does not resurrect the old values.
    run("ALTER TABLE m ADD COLUMN full_name STRING")
    assert run("SELECT full_name FROM m WHERE id = 1").to_pylist() == [{"full_name": None}]
    schema, protocol = latest_schema(location(run, mapped))
    assert protocol["minReaderVersion"] >= 2 and protocol["minWriterVersion"] >= 5


def test_rename_and_drop_need_column_mapping(run):
    run("CREATE TABLE plain (a INT, b INT)")
    assert "DELTA_UNSUPPORTED_RENAME_COLUMN" in run("ALTER TABLE plain RENAME COLUMN a TO c", check=False)
    assert "DELTA_UNSUPPORTED_DROP_COLUMN" in run("ALTER TABLE plain DROP COLUMN a", check=False)
    assert "DELTA_COLUMN_NOT_FOUND_IN_SCHEMA" in run("ALTER TABLE plain ALTER COLUMN zz COMMENT 'x'", check=False)


def test_type_widening_comment_and_nullability(run, mapped):
    run("ALTER TABLE m ALTER COLUMN id TYPE BIGINT")
    run("INSERT INTO m VALUES (5000000000, 'big', 'Lima')")
    assert run("SELECT id FROM m ORDER BY id").column("id").to_pylist() == [1, 2, 5000000000]
    schema, protocol = latest_schema(location(run, mapped))
    assert schema["fields"][0]["type"] == "long"
    assert schema["fields"][0]["metadata"]["delta.typeChanges"] == [{"fromType": "integer", "toType": "long"}]
    assert "typeWidening" in protocol.get("readerFeatures", [])
    assert "DELTA_UNSUPPORTED_ALTER_TABLE_CHANGE_COL_OP" in run("ALTER TABLE m ALTER COLUMN id TYPE INT", check=False)
    run("ALTER TABLE m ALTER COLUMN id COMMENT 'the key'")
    assert latest_schema(location(run, mapped))[0]["fields"][0]["metadata"]["comment"] == "the key"
    # NOT NULL: refused while a NULL is there, accepted once it is gone, then enforced on writes.
    assert "DELTA_NOT_NULL_CONSTRAINT_VIOLATED" in run("ALTER TABLE m ALTER COLUMN name SET NOT NULL", check=False)
    run("DELETE FROM m WHERE name IS NULL")
    run("ALTER TABLE m ALTER COLUMN name SET NOT NULL")
    assert "NOT_NULL" in run("INSERT INTO m VALUES (7, NULL, 'Oslo')", check=False)
    run("ALTER TABLE m ALTER COLUMN name DROP NOT NULL")
    run("INSERT INTO m VALUES (7, NULL, 'Oslo')")
    assert run("SELECT count(*) AS n FROM m").to_pylist() == [{"n": 3}]


def test_check_constraints(run, mapped):
    err = run("ALTER TABLE m ADD CONSTRAINT named CHECK (name IS NOT NULL)", check=False)
    assert "DELTA_NEW_CHECK_CONSTRAINT_VIOLATION" in err
    run("ALTER TABLE m ADD CONSTRAINT positive CHECK (id > 0)")
    assert "DELTA_CONSTRAINT_ALREADY_EXISTS" in run("ALTER TABLE m ADD CONSTRAINT positive CHECK (id > 1)",
                                                    check=False)
    err = run("INSERT INTO m VALUES (-1, 'neg', 'Oslo')", check=False)
    assert "DELTA_VIOLATE_CONSTRAINT_WITH_VALUES" in err
    props = {r["key"]: r["value"] for r in run("SHOW TBLPROPERTIES m").to_pylist()}
    assert props["delta.constraints.positive"] == "id > 0"
    run("ALTER TABLE m DROP CONSTRAINT positive")
    run("INSERT INTO m VALUES (-1, 'neg', 'Oslo')")
    assert "DELTA_CONSTRAINT_DOES_NOT_EXIST" in run("ALTER TABLE m DROP CONSTRAINT positive", check=False)
    run("ALTER TABLE m DROP CONSTRAINT IF EXISTS positive")


def test_liquid_clustering(run):
    run("CREATE TABLE c (id BIGINT, kind STRING) CLUSTER BY (id)")
    for start in (0, 500, 1000):
        run(f"INSERT INTO c SELECT id, CASE WHEN id % 2 = 0 THEN 'even' ELSE 'odd' END FROM range({start}, {start + 500})")
    detail = run("DESCRIBE DETAIL c").to_pylist()[0]
    assert detail["clusteringColumns"] == ["id"] and detail["numFiles"] == 3
    assert {"clustering", "domainMetadata"} <= set(detail["tableFeatures"])
    # OPTIMIZE orders by the clustering columns; ZORDER BY is refused on a clustered table.
    assert run("OPTIMIZE c").to_pylist()[0]["numFilesRemoved"] == 3
    assert "DELTA_CLUSTERING_WITH_ZORDER_BY" in run("OPTIMIZE c ZORDER BY (kind)", check=False)
    assert run("SELECT count(*) AS n, sum(id) AS s FROM c").to_pylist() == [{"n": 1500, "s": 1499 * 1500 // 2}]
    run("ALTER TABLE c CLUSTER BY (kind, id)")
    assert run("DESCRIBE DETAIL c").to_pylist()[0]["clusteringColumns"] == ["kind", "id"]
    run("ALTER TABLE c CLUSTER BY NONE")
    assert run("DESCRIBE DETAIL c").to_pylist()[0]["clusteringColumns"] == []
    assert "DELTA_CLUSTER_BY_WITH_PARTITIONED_BY" in run(
        "CREATE TABLE p (a INT, b INT) PARTITIONED BY (a) CLUSTER BY (b)", check=False)
    assert "DELTA_COLUMN_NOT_FOUND_IN_SCHEMA" in run("CREATE TABLE q (a INT) CLUSTER BY (zz)", check=False)
