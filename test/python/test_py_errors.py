"""Errors reach Python as tarn.TarnError carrying Spark's error class and message."""
import pytest

import tarn


@pytest.mark.parametrize("statement, error_class", [
    ("SELECT * FROM no_such_table", "TABLE_OR_VIEW_NOT_FOUND"),
    ("SELEC 1", "PARSE_SYNTAX_ERROR"),
    ("SELECT 1/0", "DIVIDE_BY_ZERO"),
    ("SELECT no_such_column FROM range(1)", "UNRESOLVED_COLUMN.WITH_SUGGESTION"),
])
def test_error_class(con, statement, error_class):
    with pytest.raises(tarn.TarnError) as e:
        con.sql(statement)
    assert e.value.error_class == error_class
    assert str(e.value).startswith(f"[{error_class}]")
    assert e.value.message == str(e.value)


def test_script_stops_at_the_first_error(con):
    with pytest.raises(tarn.TarnError) as e:
        con.sql("CREATE TABLE a AS SELECT 1 AS x; SELECT * FROM missing; CREATE TABLE b AS SELECT 2 AS y")
    assert e.value.error_class == "TABLE_OR_VIEW_NOT_FOUND"
    assert con.table("a").fetchall() == [(1,)]
    with pytest.raises(tarn.TarnError):
        con.table("b")


def test_connection_stays_usable_after_an_error(con):
    with pytest.raises(tarn.TarnError):
        con.sql("SELECT 1/0")
    assert con.sql("SELECT 1 + 1").fetchall() == [(2,)]


def test_error_is_an_exception_with_a_status_code(con):
    with pytest.raises(Exception) as e:
        con.sql("SELECT * FROM nowhere")
    assert isinstance(e.value, tarn.TarnError) and e.value.status_code
