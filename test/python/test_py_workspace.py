"""Tables in a workspace through Python: DDL and DML, history, views, USE; the tables are Delta
tables other engines read; connections on one workspace share its catalog."""
import pathlib

import pyarrow as pa
import pytest
from deltalake import DeltaTable

import tarn


def test_create_insert_select_and_history(con):
    con.sql("CREATE TABLE orders (id BIGINT NOT NULL, amount DOUBLE)")
    con.sql("INSERT INTO orders VALUES (1, 2.5), (2, 3.5)")
    con.sql("INSERT INTO orders SELECT id + 10, id * 1.5 FROM range(2)")
    r = con.sql("SELECT id, amount FROM orders ORDER BY id")
    assert r.fetchall() == [(1, 2.5), (2, 3.5), (10, 0.0), (11, 1.5)]
    history = con.sql("DESCRIBE HISTORY orders").to_arrow().to_pylist()
    assert [h["version"] for h in history] == [2, 1, 0]
    assert [h["operation"] for h in history] == ["WRITE", "WRITE", "CREATE TABLE"]


def test_managed_table_is_a_delta_table(con, tmp_path):
    con.sql("CREATE TABLE events AS SELECT id, concat('e', CAST(id AS STRING)) AS name FROM range(5)")
    location = con.sql("DESCRIBE DETAIL events").to_arrow().to_pylist()[0]["location"]
    assert pathlib.Path(location).is_relative_to(tmp_path / "workspace")
    dt = DeltaTable(location)
    assert dt.version() == 0
    table = dt.to_pyarrow_table().sort_by("id")
    assert table.column("name").to_pylist() == ["e0", "e1", "e2", "e3", "e4"]


def test_views_and_use(con):
    con.sql("CREATE SCHEMA sales; USE sales")
    con.sql("CREATE TABLE t (k STRING, v INT)")
    con.sql("INSERT INTO t VALUES ('x', 1), ('y', 5)")
    con.sql("CREATE VIEW big AS SELECT * FROM t WHERE v > 2")
    assert con.sql("SELECT current_schema()").fetchall() == [("sales",)]
    assert con.sql("SELECT * FROM big").fetchall() == [("y", 5)]
    assert con.sql("SELECT count(*) FROM main.sales.t").fetchall() == [(2,)]
    names = {row["tableName"] for row in con.sql("SHOW TABLES IN sales").to_arrow().to_pylist()}
    assert names == {"t", "big"}


def test_two_connections_share_a_workspace(tmp_path):
    home = tmp_path / "shared"
    with tarn.connect(home) as a, tarn.connect(str(home)) as b:
        a.sql("CREATE TABLE shared_t AS SELECT id FROM range(3)")
        assert b.sql("SELECT sum(id) FROM shared_t").fetchall() == [(3,)]
        b.sql("INSERT INTO shared_t VALUES (10)")
        assert a.sql("SELECT count(*) FROM shared_t").fetchall() == [(4,)]
        # Temporary views and registrations stay in their own connection.
        a.register("mine", pa.table({"x": [1]}))
        with pytest.raises(tarn.TarnError):
            b.sql("SELECT * FROM mine")


def test_default_home_is_tarn_home(tmp_path, monkeypatch):
    monkeypatch.setenv("TARN_HOME", str(tmp_path / "from_env"))
    with tarn.connect() as con:
        con.sql("CREATE TABLE t AS SELECT 1 AS one")
    assert (tmp_path / "from_env").is_dir()
    with tarn.connect(tmp_path / "from_env") as con:
        assert con.table("t").fetchall() == [(1,)]


def test_close_and_context_manager(tmp_path):
    con = tarn.connect(tmp_path / "w")
    r = con.sql("SELECT id FROM range(3)")
    with con:
        assert not con.closed
    assert con.closed
    assert r.fetchall() == [(0,), (1,), (2,)]  # results outlive the connection
    with pytest.raises(tarn.TarnError, match="closed"):
        con.sql("SELECT 1")
    con.close()  # closing twice is harmless
