"""Queries through the tarn Python package: results as Arrow, pandas, polars and Python values,
and the Arrow PyCapsule stream protocol read by pyarrow, polars and DuckDB without copying."""
import datetime
import decimal
import pathlib

import duckdb
import pandas as pd
import polars as pl
import pyarrow as pa
import pytest

import tarn

QUERY = """
SELECT id, name, CAST(id AS DOUBLE) / 2 AS half, DATE'2024-01-01' + id AS day
FROM VALUES (1, 'a'), (2, 'b'), (3, NULL) AS t(id, name)
ORDER BY id
"""


def test_sql_to_arrow(con):
    table = con.sql(QUERY).to_arrow()
    assert table.column_names == ["id", "name", "half", "day"]
    assert table.schema.field("id").type == pa.int32()
    assert table.schema.field("half").type == pa.float64()
    assert table.schema.field("day").type == pa.date32()
    assert table.to_pydict() == {
        "id": [1, 2, 3],
        "name": ["a", "b", None],
        "half": [0.5, 1.0, 1.5],
        "day": [datetime.date(2024, 1, 2), datetime.date(2024, 1, 3), datetime.date(2024, 1, 4)],
    }


def test_sql_to_pandas(con):
    df = con.sql(QUERY).to_pandas()
    expected = pd.DataFrame({"id": pd.array([1, 2, 3], dtype="int32"),
                             "name": ["a", "b", None], "half": [0.5, 1.0, 1.5]})
    pd.testing.assert_frame_equal(df[["id", "name", "half"]], expected, check_dtype=False)
    assert df["id"].dtype == "int32"
    assert list(df["day"]) == [datetime.date(2024, 1, d) for d in (2, 3, 4)]


def test_sql_to_polars(con):
    df = con.sql(QUERY).to_polars()
    assert isinstance(df, pl.DataFrame)
    assert df.schema["id"] == pl.Int32 and df.schema["day"] == pl.Date
    assert df.to_dict(as_series=False) == {
        "id": [1, 2, 3],
        "name": ["a", "b", None],
        "half": [0.5, 1.0, 1.5],
        "day": [datetime.date(2024, 1, d) for d in (2, 3, 4)],
    }


def test_fetchall_columns_and_len(con):
    r = con.sql("SELECT id, id * id AS sq, CAST(id AS DECIMAL(5, 2)) AS d FROM range(3)")
    assert r.columns == ["id", "sq", "d"]
    assert len(r) == 3 and r.num_rows == 3
    assert r.fetchall() == [(0, 0, decimal.Decimal("0.00")), (1, 1, decimal.Decimal("1.00")),
                            (2, 4, decimal.Decimal("2.00"))]


def test_several_statements_return_the_last(con):
    r = con.sql("CREATE TEMPORARY VIEW v AS SELECT id FROM range(5); "
                "SELECT count(*) AS n, sum(id) AS s FROM v")
    assert r.fetchall() == [(5, 10)]
    # A statement that returns no rows gives an empty result with no columns.
    empty = con.sql("CREATE TEMPORARY VIEW w AS SELECT 1 AS one")
    assert empty.columns == [] and empty.fetchall() == [] and empty.to_arrow().num_columns == 0


def test_pyarrow_reads_the_capsule_without_copying(con):
    r = con.sql("SELECT id, CAST(id AS STRING) AS s FROM range(1000)")
    first, second = pa.table(r), pa.table(r)
    assert first.equals(con.sql("SELECT id, CAST(id AS STRING) AS s FROM range(1000)").to_arrow())
    assert first.column("id").to_pylist() == list(range(1000))
    # Both conversions point at the same engine-owned buffers.
    a = [b.address for chunk in first.column("s").chunks for b in chunk.buffers() if b]
    b = [b.address for chunk in second.column("s").chunks for b in chunk.buffers() if b]
    assert a == b
    assert pa.schema(r) == first.schema
    stream = pa.RecordBatchReader.from_stream(r)
    assert stream.read_all().num_rows == 1000


def test_requested_schema_casts(con):
    r = con.sql("SELECT id FROM range(3)")
    wanted = pa.schema([pa.field("id", pa.int32())])
    reader = pa.RecordBatchReader.from_stream(r, schema=wanted)
    assert reader.schema == wanted and reader.read_all().column("id").to_pylist() == [0, 1, 2]


def test_duckdb_queries_a_result(con):
    r = con.sql("SELECT id, id % 3 AS k FROM range(10)")
    rows = duckdb.sql("SELECT k, count(*) AS n, sum(id) AS s FROM r GROUP BY k ORDER BY k").fetchall()
    assert rows == [(0, 4, 18), (1, 3, 12), (2, 3, 15)]


def test_polars_reads_the_capsule(con):
    r = con.sql("SELECT id, concat('x', CAST(id AS STRING)) AS s FROM range(3)")
    df = pl.DataFrame(r)
    assert df.to_dict(as_series=False) == {"id": [0, 1, 2], "s": ["x0", "x1", "x2"]}
    # polars.from_arrow reads a bare stream as one struct column.
    assert pl.from_arrow(r).struct.unnest().equals(df)


def test_table_returns_all_rows(con):
    con.sql("CREATE TABLE t AS SELECT id FROM range(4)")
    assert con.table("t").to_arrow().column("id").to_pylist() == [0, 1, 2, 3]


def test_show_prints_a_spark_style_table(con, capsys):
    con.sql("SELECT id, CASE WHEN id = 1 THEN NULL ELSE repeat('ab', id + 1) END AS s, "
            "id > 0 AS pos FROM range(3)").show(n=2)
    assert capsys.readouterr().out == (
        "+---+----+-----+\n"
        "| id|   s|  pos|\n"
        "+---+----+-----+\n"
        "|  0|  ab|false|\n"
        "|  1|NULL| true|\n"
        "+---+----+-----+\n"
        "only showing top 2 rows\n")
    text = con.sql("SELECT repeat('x', 30) AS long, array(1, 2) AS a, map('k', 1) AS m, "
                   "named_struct('p', 1, 'q', 'z') AS st").show_string()
    assert text.splitlines()[3] == "|xxxxxxxxxxxxxxxxx...|[1, 2]|{k -> 1}|{1, z}|"
    assert repr(con.sql("SELECT 1 AS one")) == "+---+\n|one|\n+---+\n|  1|\n+---+"


def test_links_the_arrow_libraries_of_pyarrow(con):
    con.sql("SELECT 1").to_arrow()
    pyarrow_dir = pathlib.Path(pa.__file__).resolve().parent
    loaded = {pathlib.Path(line.split()[-1]).resolve()
              for line in pathlib.Path("/proc/self/maps").read_text().splitlines()
              if "libarrow" in line or "libparquet" in line}
    assert loaded and all(p.parent == pyarrow_dir for p in loaded), loaded
    module = pathlib.Path(tarn._tarn.__file__)
    assert not any(module.parent.glob("libarrow*"))  # the package bundles no Arrow of its own
