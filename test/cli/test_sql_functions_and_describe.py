"""SQL functions (CREATE / DROP [TEMPORARY] FUNCTION, calls, SHOW / DESCRIBE FUNCTION), SHOW
COLUMNS / CREATE TABLE / PARTITIONS and DESCRIBE of catalogs, schemas, volumes and tables through
`tarn sql`. Each test has its own workspace; every `run` is a new process, so persistent objects
must come back from the metastore and temporary ones must not."""
import pytest


def rows(table):
    return [tuple(r.values()) for r in table.to_pylist()]


# ---- SQL functions

def test_persistent_function_calls_casts_defaults_and_nulls(run):
    run("CREATE FUNCTION area(x DOUBLE, y DOUBLE DEFAULT 2) RETURNS DOUBLE COMMENT 'rectangle' RETURN x * y")
    t = run("SELECT area(3, 4) AS a, area(3) AS b, area(NULL, 1) AS c, area('5', 2) AS d, "
            "typeof(area(1, 1)) AS t")
    assert t.to_pylist() == [{"a": 12.0, "b": 6.0, "c": None, "d": 10.0, "t": "double"}]
    # Qualified names reach the catalog; the function survives the process that created it.
    t = run("SELECT main.default.area(1, 1) AS a, default.area(2) AS b")
    assert t.to_pylist() == [{"a": 1.0, "b": 4.0}]
    t = run("SELECT id, area(id, id) AS sq FROM range(4) WHERE area(id) > 2 ORDER BY id")
    assert t.to_pylist() == [{"id": 2, "sq": 4.0}, {"id": 3, "sq": 9.0}]
    assert run("SELECT sum(area(id)) AS s, area(sum(id)) AS t FROM range(3)").to_pylist() == [{"s": 6.0, "t": 6.0}]


def test_return_type_and_parameter_types_are_casts(run):
    run("CREATE FUNCTION half(n INT) RETURNS STRING RETURN n / 2")
    run("CREATE FUNCTION trunc_int(s STRING) RETURNS INT RETURN s")
    t = run("SELECT half(5) AS h, typeof(half(5)) AS th, trunc_int('42') AS i, typeof(trunc_int('7')) AS ti")
    assert t.to_pylist() == [{"h": "2.5", "th": "string", "i": 42, "ti": "int"}]
    assert "CAST_INVALID_INPUT" in run("SELECT trunc_int('x')", check=False)


def test_functions_calling_functions_and_qualified_parameters(run):
    run("CREATE FUNCTION inc(a INT) RETURNS INT RETURN inc.a + 1")
    run("CREATE FUNCTION inc2(a INT) RETURNS INT RETURN inc(inc(a))")
    assert run("SELECT inc2(1) AS v, inc2(NULL) AS n").to_pylist() == [{"v": 3, "n": None}]
    # A cycle through CREATE OR REPLACE is refused when the body is checked.
    err = run("CREATE OR REPLACE FUNCTION inc(a INT) RETURNS INT RETURN inc2(a)", check=False)
    assert "CYCLIC_FUNCTION_REFERENCE" in err
    assert run("SELECT inc(1) AS v").to_pylist() == [{"v": 2}]


def test_function_errors(run):
    run("CREATE FUNCTION f(a INT, b INT) RETURNS INT RETURN a + b")
    assert "WRONG_NUM_ARGS.WITHOUT_SUGGESTION" in run("SELECT f(1)", check=False)
    assert "WRONG_NUM_ARGS.WITHOUT_SUGGESTION" in run("SELECT f(1, 2, 3)", check=False)
    assert "UNRESOLVED_ROUTINE" in run("SELECT nope(1)", check=False)
    assert "UNRESOLVED_ROUTINE" in run("SELECT other.f(1, 2)", check=False)
    assert "ROUTINE_ALREADY_EXISTS" in run("CREATE FUNCTION f(a INT) RETURNS INT RETURN a", check=False)
    run("CREATE FUNCTION IF NOT EXISTS f(a INT) RETURNS INT RETURN a")
    assert run("SELECT f(1, 2) AS v").to_pylist() == [{"v": 3}]
    run("CREATE OR REPLACE FUNCTION f(a INT) RETURNS INT RETURN a * 10")
    assert run("SELECT f(2) AS v").to_pylist() == [{"v": 20}]
    assert "UNRESOLVED_COLUMN" in run("CREATE FUNCTION g(a INT) RETURNS INT RETURN b + 1", check=False)
    assert "UNRESOLVED_ROUTINE" in run("SELECT g(1)", check=False)


def test_builtins_win_over_user_functions_of_the_same_name(run):
    run("CREATE FUNCTION upper(s STRING) RETURNS STRING RETURN 'mine'")
    t = run("SELECT upper('a') AS builtin, main.default.upper('a') AS mine")
    assert t.to_pylist() == [{"builtin": "A", "mine": "mine"}]


def test_temporary_functions_live_in_the_session(run):
    t = run("CREATE TEMPORARY FUNCTION twice(s STRING) RETURNS STRING RETURN concat(s, s); "
            "SELECT twice('ab') AS a, twice(1) AS b, session.twice('c') AS c, system.session.twice('d') AS d")
    assert t.to_pylist() == [{"a": "abab", "b": "11", "c": "cc", "d": "dd"}]
    assert "UNRESOLVED_ROUTINE" in run("SELECT twice('ab')", check=False)  # a new process, a new session
    # A temporary function hides a persistent one of the same name for one-part calls.
    run("CREATE FUNCTION pick() RETURNS STRING RETURN 'persistent'")
    t = run("CREATE TEMPORARY FUNCTION pick() RETURNS STRING RETURN 'temporary'; "
            "SELECT pick() AS one_part, default.pick() AS qualified")
    assert t.to_pylist() == [{"one_part": "temporary", "qualified": "persistent"}]
    err = run("CREATE TEMPORARY FUNCTION t1() RETURNS INT RETURN 1; CREATE TEMPORARY FUNCTION t1() RETURNS INT RETURN 2",
              check=False)
    assert "ROUTINE_ALREADY_EXISTS" in err
    t = run("CREATE TEMPORARY FUNCTION t1() RETURNS INT RETURN 1; "
            "CREATE OR REPLACE TEMPORARY FUNCTION t1() RETURNS INT RETURN 2; SELECT t1() AS v")
    assert t.to_pylist() == [{"v": 2}]
    err = run("CREATE TEMPORARY FUNCTION t1() RETURNS INT RETURN 1; DROP TEMPORARY FUNCTION t1; SELECT t1()",
              check=False)
    assert "UNRESOLVED_ROUTINE" in err
    assert "ROUTINE_NOT_FOUND" in run("DROP TEMPORARY FUNCTION t1", check=False)
    run("DROP TEMPORARY FUNCTION IF EXISTS t1")
    err = run("CREATE TEMPORARY FUNCTION tmp() RETURNS INT RETURN 1; "
              "CREATE FUNCTION keeps() RETURNS INT RETURN tmp() + 1", check=False)
    assert "INVALID_TEMP_OBJ_REFERENCE" in err
    assert "CREATE_TEMP_FUNC_WITH_DATABASE" in run(
        "CREATE TEMPORARY FUNCTION default.t2() RETURNS INT RETURN 1", check=False)


def test_drop_function(run):
    run("CREATE SCHEMA s2; CREATE FUNCTION s2.f(a INT) RETURNS INT RETURN a")
    assert run("SELECT s2.f(5) AS v").to_pylist() == [{"v": 5}]
    run("DROP FUNCTION s2.f")
    assert "UNRESOLVED_ROUTINE" in run("SELECT s2.f(5)", check=False)
    assert "ROUTINE_NOT_FOUND" in run("DROP FUNCTION s2.f", check=False)
    run("DROP FUNCTION IF EXISTS s2.f")


def test_show_and_describe_functions(run):
    run("CREATE FUNCTION area(x DOUBLE, y DOUBLE DEFAULT 2) RETURNS DOUBLE COMMENT 'rectangle' RETURN x * y")
    t = run("CREATE TEMPORARY FUNCTION twice(s STRING) RETURNS STRING RETURN concat(s, s); SHOW USER FUNCTIONS")
    assert [r["function"] for r in t.to_pylist()] == ["main.default.area", "twice"]
    names = [r["function"] for r in run("SHOW FUNCTIONS").to_pylist()]
    assert "main.default.area" in names and "abs" in names
    assert [r["function"] for r in run("SHOW USER FUNCTIONS LIKE 'ar*'").to_pylist()] == ["main.default.area"]
    assert "main.default.area" not in [r["function"] for r in run("SHOW SYSTEM FUNCTIONS").to_pylist()]
    lines = [r["function_desc"] for r in run("DESCRIBE FUNCTION area").to_pylist()]
    assert lines == ["Function: main.default.area", "Type:     SCALAR", "Input:    x DOUBLE",
                     "          y DOUBLE", "Returns:  DOUBLE"]
    lines = [r["function_desc"] for r in run("DESCRIBE FUNCTION EXTENDED main.default.area").to_pylist()]
    assert "Comment:       rectangle" in lines and "Body:          x * y" in lines
    assert "               y DOUBLE DEFAULT 2" in lines and "Deterministic: true" in lines
    lines = [r["function_desc"] for r in run(
        "CREATE TEMPORARY FUNCTION one() RETURNS INT RETURN 1; DESCRIBE FUNCTION one").to_pylist()]
    assert lines[:3] == ["Function: one", "Type:     SCALAR", "Input:    ()"]
    assert "UNRESOLVED_ROUTINE" in run("DESCRIBE FUNCTION nope", check=False)
    # Built-ins are described as before.
    assert run("DESCRIBE FUNCTION abs").to_pylist()[0]["function_desc"] == "Function: abs"


# ---- SHOW COLUMNS / CREATE TABLE / PARTITIONS

CREATE_ORDERS = ("CREATE TABLE orders (id BIGINT NOT NULL COMMENT 'the id', region STRING, "
                 "amount DECIMAL(10,2) COMMENT 'it''s money', tags ARRAY<STRING>, "
                 "CONSTRAINT positive_id CHECK (id > 0)) "
                 "PARTITIONED BY (region) COMMENT 'all orders' "
                 "TBLPROPERTIES ('delta.enableChangeDataFeed' = 'true', 'owner.team' = 'sales')")


def test_show_columns(run):
    run(CREATE_ORDERS)
    expected = [{"col_name": c} for c in ("id", "region", "amount", "tags")]
    assert run("SHOW COLUMNS IN orders").to_pylist() == expected
    assert run("SHOW COLUMNS FROM orders IN default").to_pylist() == expected
    assert run("SHOW COLUMNS IN main.default.orders").to_pylist() == expected
    t = run("CREATE TEMPORARY VIEW tv AS SELECT 1 AS a, 'x' AS b; SHOW COLUMNS IN tv")
    assert t.to_pylist() == [{"col_name": "a"}, {"col_name": "b"}]
    assert "TABLE_OR_VIEW_NOT_FOUND" in run("SHOW COLUMNS IN nope", check=False)


def test_show_create_table_text(run):
    run(CREATE_ORDERS)
    text = run("SHOW CREATE TABLE orders").to_pylist()[0]["createtab_stmt"]
    assert text == (
        "CREATE TABLE main.default.orders (\n"
        "  id BIGINT NOT NULL COMMENT 'the id',\n"
        "  region STRING,\n"
        "  amount DECIMAL(10,2) COMMENT 'it\\'s money',\n"
        "  tags ARRAY<STRING>,\n"
        "  CONSTRAINT positive_id CHECK (id > 0))\n"
        "USING delta\n"
        "PARTITIONED BY (region)\n"
        "COMMENT 'all orders'\n"
        "TBLPROPERTIES (\n"
        "  'delta.enableChangeDataFeed' = 'true',\n"
        "  'owner.team' = 'sales')\n")


def test_show_create_table_recreates_an_equal_table(run):
    run(CREATE_ORDERS)
    text = run("SHOW CREATE TABLE orders").to_pylist()[0]["createtab_stmt"]
    before = run("DESCRIBE orders").to_pylist()
    properties = run("SHOW TBLPROPERTIES orders").to_pylist()
    run("DROP TABLE orders")
    run(text)
    assert run("DESCRIBE orders").to_pylist() == before
    assert run("SHOW TBLPROPERTIES orders").to_pylist() == properties
    assert run("SHOW CREATE TABLE orders").to_pylist()[0]["createtab_stmt"] == text
    # The CHECK constraint came back too.
    assert "DELTA_VIOLATE_CONSTRAINT_WITH_VALUES" in run(
        "INSERT INTO orders VALUES (0, 'eu', 1.00, array())", check=False)


def test_show_create_table_of_external_tables_and_views(run, tmp_path):
    location = tmp_path / "ext"
    run(f"CREATE TABLE ext (a INT) LOCATION '{location}'")
    text = run("SHOW CREATE TABLE ext").to_pylist()[0]["createtab_stmt"]
    assert text == f"CREATE TABLE main.default.ext (\n  a INT)\nUSING delta\nLOCATION '{location}'\n"
    run("DROP TABLE ext")  # an external table's files stay: the statement registers them again
    run(text)
    assert run("DESCRIBE ext").to_pylist() == [{"col_name": "a", "data_type": "int", "comment": None}]
    err = run(f"CREATE TABLE other (b STRING) LOCATION '{location}'", check=False)
    assert "DELTA_CREATE_TABLE_SCHEMA_MISMATCH" in err
    run("CREATE VIEW v AS SELECT a FROM ext")
    assert run("SHOW CREATE TABLE v").to_pylist()[0]["createtab_stmt"] == (
        "CREATE VIEW main.default.v (\n  a)\nAS SELECT a FROM ext")


def test_show_partitions(run):
    run(CREATE_ORDERS)
    run("INSERT INTO orders VALUES (1, 'us', 1.50, array('a')), (2, 'eu', 2.00, array()), "
        "(3, 'us', 3.00, NULL), (4, NULL, 4.00, NULL)")
    t = run("SHOW PARTITIONS orders")
    assert t.column_names == ["region"]
    assert sorted(t.column("region").to_pylist(), key=lambda v: (v is not None, v)) == [None, "eu", "us"]
    run("CREATE TABLE flat (a INT)")
    assert "INVALID_PARTITION_OPERATION.PARTITION_SCHEMA_IS_EMPTY" in run("SHOW PARTITIONS flat", check=False)


# ---- DESCRIBE

def test_describe_table_shows_comments_and_partitioning(run):
    run(CREATE_ORDERS)
    expected = [
        ("id", "bigint", "the id"),
        ("region", "string", None),
        ("amount", "decimal(10,2)", "it's money"),
        ("tags", "array<string>", None),
        ("# Partition Information", "", ""),
        ("# col_name", "data_type", "comment"),
        ("region", "string", None),
    ]
    assert rows(run("DESCRIBE orders")) == expected
    assert rows(run("DESCRIBE TABLE main.default.orders")) == expected
    # A query is still described as one (no comments, no sections).
    t = run("DESCRIBE SELECT id, amount FROM orders")
    assert [(r["col_name"], r["data_type"]) for r in t.to_pylist()] == [("id", "bigint"), ("amount", "decimal(10,2)")]
    t = run("DESCRIBE QUERY SELECT 1 AS one")
    assert [(r["col_name"], r["data_type"]) for r in t.to_pylist()] == [("one", "int")]
    t = run("CREATE TEMPORARY VIEW tv AS SELECT 'x' AS s; DESCRIBE tv")
    assert [(r["col_name"], r["data_type"]) for r in t.to_pylist()] == [("s", "string")]


def test_describe_table_extended(run, tmp_path):
    run(CREATE_ORDERS)
    t = rows(run("DESCRIBE TABLE EXTENDED orders"))
    assert t[:7] == rows(run("DESCRIBE orders"))
    assert t[7] == ("", "", "")
    info = {name: value for name, value, _ in t[8:]}
    assert t[8][0] == "# Detailed Table Information"
    assert info["Catalog"] == "main" and info["Database"] == "default" and info["Table"] == "orders"
    assert info["Type"] == "MANAGED" and info["Provider"] == "delta" and info["Comment"] == "all orders"
    assert info["Location"].startswith(str(run.home))
    assert info["Owner"]
    assert "delta.enableChangeDataFeed=true" in info["Table Properties"]
    assert "owner.team=sales" in info["Table Properties"]
    run(f"CREATE TABLE ext (a INT) LOCATION '{tmp_path / 'ext'}'")
    info = {name: value for name, value, _ in rows(run("DESCRIBE EXTENDED ext"))}
    assert info["Type"] == "EXTERNAL" and info["Location"] == str(tmp_path / "ext")
    # A Delta table by path.
    info = {name: value for name, value, _ in rows(run(f"DESCRIBE EXTENDED delta.`{tmp_path / 'ext'}`"))}
    assert info["a"] == "int" and info["Location"] == str(tmp_path / "ext") and info["Provider"] == "delta"


def test_describe_catalog_schema_and_volume(run, tmp_path):
    run("CREATE CATALOG sales COMMENT 'sales data'")
    t = rows(run("DESCRIBE CATALOG sales"))
    assert [r[0] for r in t] == ["Catalog Name", "Comment", "Owner", "Catalog Type"]
    assert t[0][1] == "sales" and t[1][1] == "sales data"
    t = rows(run("DESCRIBE CATALOG EXTENDED sales"))
    assert [r[0] for r in t][-2:] == ["Created Time", "Properties"]
    run("CREATE SCHEMA sales.emea COMMENT 'europe' WITH DBPROPERTIES ('team' = 'eu')")
    t = run("DESCRIBE SCHEMA sales.emea")
    assert t.column_names == ["info_name", "info_value"]
    info = dict(rows(t))
    assert info["Catalog Name"] == "sales" and info["Namespace Name"] == "emea" and info["Comment"] == "europe"
    info = dict(rows(run("DESCRIBE DATABASE EXTENDED sales.emea")))
    assert info["Properties"] == "((team,eu))"
    assert "SCHEMA_NOT_FOUND" in run("DESCRIBE SCHEMA sales.nope", check=False)
    assert "CATALOG_NOT_FOUND" in run("DESCRIBE CATALOG nope", check=False)
    run("CREATE VOLUME files COMMENT 'raw files'")
    assert run("DESCRIBE VOLUME files").to_pylist() == [
        {"name": "files", "catalog": "main", "database": "default", "owner": info["Owner"],
         "storageLocation": None, "volumeType": "MANAGED", "comment": "raw files"}]
    run(f"CREATE EXTERNAL VOLUME sales.emea.landing LOCATION '{tmp_path / 'landing'}'")
    t = run("DESCRIBE VOLUME sales.emea.landing").to_pylist()[0]
    assert t["volumeType"] == "EXTERNAL" and t["storageLocation"] == str(tmp_path / "landing")
    assert t["comment"] is None


# ---- the same statements in Spark (delta-spark): result shapes match

SPARK_TABLE = ("CREATE TABLE {name} (id BIGINT NOT NULL COMMENT 'the id', region STRING, "
               "amount DECIMAL(10,2) COMMENT 'it''s money', tags ARRAY<STRING>) USING delta "
               "PARTITIONED BY (region) COMMENT 'all orders' TBLPROPERTIES ('owner.team' = 'sales')")


@pytest.mark.spark
def test_describe_and_show_columns_match_spark(run, spark):
    spark.sql("DROP TABLE IF EXISTS tarn_describe_orders")
    spark.sql(SPARK_TABLE.format(name="tarn_describe_orders"))
    try:
        run(SPARK_TABLE.format(name="orders"))
        assert rows(run("DESCRIBE orders")) == [tuple(r) for r in spark.sql("DESCRIBE tarn_describe_orders").collect()]
        assert rows(run("SHOW COLUMNS IN orders")) == [
            tuple(r) for r in spark.sql("SHOW COLUMNS IN tarn_describe_orders").collect()]
        ours = [r[0] for r in rows(run("DESCRIBE EXTENDED orders"))]
        theirs = [r[0] for r in spark.sql("DESCRIBE EXTENDED tarn_describe_orders").collect()]
        # Spark's section rows, in its order (tarn adds Databricks' Created Time and Owner).
        assert [n for n in ours if n in theirs] == theirs
    finally:
        spark.sql("DROP TABLE IF EXISTS tarn_describe_orders")


@pytest.mark.spark
def test_sql_function_results_and_description_match_spark(run, spark):
    create = "CREATE OR REPLACE FUNCTION {name}(x DOUBLE, y DOUBLE DEFAULT 2) RETURNS DOUBLE RETURN x * y"
    spark.sql(create.format(name="tarn_area"))
    try:
        query = "SELECT {f}(3, 4) AS a, {f}(3) AS b, {f}(NULL, 1) AS c, {f}('5', 2) AS d"
        run(create.format(name="area"))
        assert run(query.format(f="area")).to_pylist() == [
            r.asDict() for r in spark.sql(query.format(f="tarn_area")).collect()]
        ours = [r["function_desc"] for r in run("DESCRIBE FUNCTION area").to_pylist()]
        theirs = [r[0] for r in spark.sql("DESCRIBE FUNCTION tarn_area").collect()]
        assert ours[1:] == theirs[1:]  # the first row names the function (main.default vs spark_catalog.default)
    finally:
        spark.sql("DROP FUNCTION IF EXISTS tarn_area")
