"""The workspace catalog through `tarn sql`: three-level names, USE, CREATE / DROP / SHOW of
schemas, tables, views and volumes, managed vs external tables, /Volumes paths, and errors with
Spark's classes. Each test has its own workspace (TARN_HOME); every `sql` call is a new process,
so what one statement creates, the next process must find in the metastore."""
import pathlib

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from deltalake import DeltaTable, write_deltalake


def test_default_catalog_and_managed_table_lifecycle(run):
    t = run("SELECT current_catalog() AS c, current_schema() AS s")
    assert t.to_pylist() == [{"c": "main", "s": "default"}]
    run("CREATE TABLE orders (id BIGINT NOT NULL, amount DOUBLE) COMMENT 'orders'")
    run("INSERT INTO orders VALUES (1, 2.5), (2, 3.5)")
    assert run("SELECT sum(amount) AS s FROM main.default.orders").to_pylist() == [{"s": 6.0}]
    assert run("SELECT count(*) AS n FROM default.orders").to_pylist() == [{"n": 2}]
    detail = run("DESCRIBE DETAIL orders").to_pylist()[0]
    location = detail["location"]
    assert location.startswith(str(run.home)) and detail["description"] == "orders"
    # The managed table is a real Delta table another engine reads.
    assert sorted(DeltaTable(location).to_pyarrow_table().column("id").to_pylist()) == [1, 2]
    tables = run("SHOW TABLES").to_pylist()
    assert tables == [{"namespace": "default", "tableName": "orders", "isTemporary": False}]
    run("DROP TABLE orders")
    assert not pathlib.Path(location).exists()  # managed data goes with the table
    assert "TABLE_OR_VIEW_NOT_FOUND" in run("SELECT * FROM orders", check=False)
    run("DROP TABLE IF EXISTS orders")
    assert "TABLE_OR_VIEW_NOT_FOUND" in run("DROP TABLE orders", check=False)


def test_schemas_use_views_and_errors(run):
    run("CREATE SCHEMA sales COMMENT 'sales data'")
    assert "SCHEMA_ALREADY_EXISTS" in run("CREATE SCHEMA sales", check=False)
    run("CREATE SCHEMA IF NOT EXISTS sales")
    assert [r["databaseName"] for r in run("SHOW SCHEMAS").to_pylist()] == ["default", "sales"]
    run("USE sales; CREATE TABLE t AS SELECT id, id % 2 AS odd FROM range(10); "
        "CREATE VIEW odd_ids AS SELECT id FROM t WHERE odd = 1")
    assert run("SELECT count(*) AS n FROM sales.odd_ids").to_pylist() == [{"n": 5}]
    assert run("USE sales; SELECT current_schema() AS s").to_pylist() == [{"s": "sales"}]
    views = run("SHOW VIEWS IN sales").to_pylist()
    assert [v["viewName"] for v in views] == ["odd_ids"]
    assert "TABLE_OR_VIEW_ALREADY_EXISTS" in run("CREATE TABLE sales.t (a INT)", check=False)
    assert "SCHEMA_NOT_EMPTY" in run("DROP SCHEMA sales", check=False)
    assert "SCHEMA_NOT_FOUND" in run("USE nope", check=False)
    run("ALTER TABLE sales.t RENAME TO sales.numbers")
    assert run("SELECT max(id) AS m FROM sales.numbers").to_pylist() == [{"m": 9}]
    run("ALTER TABLE sales.numbers SET TBLPROPERTIES ('delta.appendOnly' = 'true')")
    props = {r["key"]: r["value"] for r in run("SHOW TBLPROPERTIES sales.numbers").to_pylist()}
    assert props["delta.appendOnly"] == "true"
    run("DROP SCHEMA sales CASCADE")
    assert "TABLE_OR_VIEW_NOT_FOUND" in run("SELECT * FROM sales.numbers", check=False)


def test_external_tables_keep_their_data(run, tmp_path):
    # A table another engine wrote joins the catalog as an external table.
    path = tmp_path / "ext"
    write_deltalake(str(path), pa.table({"k": pa.array([1, 2, 3], pa.int64()), "v": ["a", "b", "c"]}))
    run(f"CREATE TABLE ext LOCATION '{path}'")
    assert run("SELECT v FROM ext WHERE k = 2").to_pylist() == [{"v": "b"}]
    run("INSERT INTO ext VALUES (4, 'd')")
    assert DeltaTable(str(path)).to_pyarrow_table().num_rows == 4
    run("DROP TABLE ext")
    assert DeltaTable(str(path)).to_pyarrow_table().num_rows == 4  # external data stays


def test_volumes_are_paths(run):
    run("CREATE VOLUME landing COMMENT 'raw files'")
    assert run("SHOW VOLUMES").to_pylist() == [{"database": "default", "volume_name": "landing"}]
    # Find the volume's folder through a table written into it by path.
    run("CREATE TABLE delta.`/Volumes/main/default/landing/t` AS SELECT 1 AS x")
    assert run("SELECT x FROM delta.`/Volumes/main/default/landing/t`").to_pylist() == [{"x": 1}]
    assert "VOLUME" in run("SELECT * FROM delta.`/Volumes/main/default/nope/t`", check=False)
    run("DROP VOLUME landing")
    assert "VOLUME" in run("SELECT x FROM delta.`/Volumes/main/default/landing/t`", check=False)


def test_catalogs_and_comments(run):
    run("CREATE CATALOG lab; CREATE SCHEMA lab.bronze")
    assert [r["catalog"] for r in run("SHOW CATALOGS").to_pylist()] == ["lab", "main"]
    run("USE CATALOG lab; USE bronze; CREATE TABLE raw AS SELECT 7 AS n")
    assert run("SELECT n FROM lab.bronze.raw").to_pylist() == [{"n": 7}]
    run("COMMENT ON TABLE lab.bronze.raw IS 'landing rows'")
    assert "CANNOT_DROP_CURRENT_CATALOG" in run("USE CATALOG lab; DROP CATALOG lab CASCADE", check=False)
    run("DROP CATALOG lab CASCADE")
    assert [r["catalog"] for r in run("SHOW CATALOGS").to_pylist()] == ["main"]


def test_statements_not_supported_yet_say_so(run):
    run("CREATE TABLE t (a INT)")
    for statement in ("CREATE FUNCTION f() RETURNS TABLE (a INT) RETURN SELECT 1", "ALTER FUNCTION f OWNER TO x"):
        assert "UNSUPPORTED_STATEMENT" in run(statement, check=False)


def test_alter_schemas_views_volumes_and_table_versions(run):
    run("CREATE SCHEMA s COMMENT 'first'; ALTER SCHEMA s SET DBPROPERTIES ('team' = 'data')")
    run("CREATE VIEW s.v AS SELECT 1 AS x; ALTER VIEW s.v AS SELECT 2 AS y, 3 AS z")
    assert run("SELECT * FROM s.v").to_pylist() == [{"y": 2, "z": 3}]
    assert "EXPECT_VIEW_NOT_TABLE" in run("CREATE TABLE s.t (a INT); ALTER VIEW s.t AS SELECT 1", check=False)
    run("CREATE VOLUME s.landing; ALTER VOLUME s.landing RENAME TO raw")
    assert [r["volume_name"] for r in run("SHOW VOLUMES IN s").to_pylist()] == ["raw"]
    # Time travel on names: t@vN and VERSION AS OF.
    run("INSERT INTO s.t VALUES (1); INSERT INTO s.t VALUES (2)")
    assert run("SELECT count(*) AS n FROM s.t@v1").to_pylist() == [{"n": 1}]
    assert run("SELECT count(*) AS n FROM s.t VERSION AS OF 2").to_pylist() == [{"n": 2}]


def test_history_names_the_create_statement_as_delta_does(run):
    run("CREATE TABLE a (x INT); CREATE TABLE b AS SELECT 1 AS x")
    run("CREATE OR REPLACE TABLE b AS SELECT 2 AS x; CREATE OR REPLACE TABLE a (y INT); REPLACE TABLE a AS SELECT 3 AS z")
    ops = {name: [(h["operation"], dict(h["operationParameters"])["isManaged"])
                  for h in run(f"DESCRIBE HISTORY {name}").to_pylist()] for name in ("a", "b")}
    assert ops["a"] == [("REPLACE TABLE AS SELECT", "true"), ("CREATE OR REPLACE TABLE", "true"), ("CREATE TABLE", "true")]
    assert ops["b"] == [("CREATE OR REPLACE TABLE AS SELECT", "true"), ("CREATE TABLE AS SELECT", "true")]
