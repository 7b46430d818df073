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
    assert lines == ["Function:      main.default.area", "Type:          SCALAR", "Input:         x DOUBLE",
                     "               y DOUBLE", "Returns:       DOUBLE"]
    lines = [r["function_desc"] for r in run("DESCRIBE FUNCTION EXTENDED main.default.area").to_pylist()]
    assert "Comment:       rectangle" in lines and "Body:          x * y" in lines
    assert "               y DOUBLE DEFAULT 2" in lines and "Deterministic: true" in lines
    lines = [r["function_desc"] for r in run(
        "CREATE TEMPORARY FUNCTION one() RETURNS INT RETURN 1; DESCRIBE FUNCTION one").to_pylist()]
    assert lines[:3] == ["Function:      one", "Type:          SCALAR", "Input:         ()"]
    assert "UNRESOLVED_ROUTINE" in run("DESCRIBE FUNCTION nope", check=False)
    # Built-ins are described as before.
    assert run("DESCRIBE FUNCTION abs").to_pylist()[0]["function_desc"] == "Function: abs"
