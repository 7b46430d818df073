"""Arrow data from Python as temporary views: pyarrow, pandas and polars, queried and joined."""
import pandas as pd
import polars as pl
import pyarrow as pa
import pytest

import tarn


def test_register_pyarrow_table(con):
    con.register("nums", pa.table({"n": [1, 2, 3, 4], "tag": ["a", "b", "a", "b"]}))
    r = con.sql("SELECT tag, sum(n) AS total FROM nums GROUP BY tag ORDER BY tag")
    assert r.fetchall() == [("a", 4), ("b", 6)]


def test_register_record_batch_reader(con):
    schema = pa.schema([("x", pa.int64())])
    batches = [pa.record_batch([pa.array([i, i + 1])], schema=schema) for i in (0, 10)]
    con.register("stream", pa.RecordBatchReader.from_batches(schema, iter(batches)))
    assert con.sql("SELECT sum(x) AS s FROM stream").fetchall() == [(22,)]


def test_register_pandas(con):
    df = pd.DataFrame({"city": ["Oslo", "Lima", None], "temp": [3.5, 19.0, 7.25]})
    con.register("weather", df)
    out = con.sql("SELECT city, temp * 2 AS t2 FROM weather WHERE city IS NOT NULL ORDER BY city")
    pd.testing.assert_frame_equal(
        out.to_pandas(), pd.DataFrame({"city": ["Lima", "Oslo"], "t2": [38.0, 7.0]}),
        check_dtype=False)


def test_register_polars_and_join_with_pandas(con):
    orders = pl.DataFrame({"order_id": [1, 2, 3], "customer": ["c1", "c2", "c1"],
                           "amount": [10.0, 20.5, 5.0]})
    customers = pd.DataFrame({"customer": ["c1", "c2"], "country": ["NO", "PE"]})
    con.register("orders", orders).register("customers", customers)
    r = con.sql("""
        SELECT c.country, count(*) AS n, sum(o.amount) AS total
        FROM orders o JOIN customers c ON o.customer = c.customer
        GROUP BY c.country ORDER BY c.country""")
    assert r.to_polars().to_dict(as_series=False) == {
        "country": ["NO", "PE"], "n": [2, 1], "total": [15.0, 20.5]}


def test_register_replaces_and_unregister_removes(con):
    con.register("t", pa.table({"v": [1]}))
    con.register("t", pa.table({"v": [2, 3]}))
    assert con.sql("SELECT sum(v) FROM t").fetchall() == [(5,)]
    assert con.unregister("t") is True
    assert con.unregister("t") is False
    with pytest.raises(tarn.TarnError) as e:
        con.sql("SELECT * FROM t")
    assert e.value.error_class == "TABLE_OR_VIEW_NOT_FOUND"


def test_registered_data_joins_a_delta_table(con):
    con.sql("CREATE TABLE prices (sku STRING, price DOUBLE)")
    con.sql("INSERT INTO prices VALUES ('a', 1.5), ('b', 2.0)")
    con.register("basket", pl.DataFrame({"sku": ["a", "b", "a"], "qty": [2, 1, 4]}))
    r = con.sql("SELECT sum(qty * price) AS total FROM basket JOIN prices USING (sku)")
    assert r.fetchall() == [(11.0,)]


def test_register_rejects_what_is_not_arrow(con):
    with pytest.raises(TypeError):
        con.register("bad", object())
