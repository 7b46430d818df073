"""`tarn sql` end to end: queries over Delta and Parquet tables written in the test, results read
back as Arrow and checked against the same computation in Python over the same data; errors
carry Spark's error classes; EXPLAIN, SHOW FUNCTIONS and DESCRIBE FUNCTION answer."""
import json
import os
import pathlib
import subprocess
from collections import defaultdict
from decimal import Decimal

import pyarrow as pa
import pyarrow.ipc as ipc
import pyarrow.parquet as pq
import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
TARN = os.environ.get("TARN_BIN", str(ROOT / "build" / "tarn"))


def sql(script, tmp_path, check=True):
    out = tmp_path / "result.arrow"
    proc = subprocess.run([TARN, "sql", "-e", script, "--format", "arrow", "--output", str(out)],
                          capture_output=True, text=True, timeout=300)
    if check and proc.returncode != 0:
        raise AssertionError(f"tarn sql failed:\n{script}\n{proc.stderr}")
    if proc.returncode != 0:
        return None, proc.stderr
    with ipc.open_stream(out.read_bytes()) as reader:
        return reader.read_all(), proc.stderr


@pytest.fixture(scope="module")
def sales(tmp_path_factory):
    """A small deterministic fact table and dimension, as Delta tables and as Parquet."""
    base = tmp_path_factory.mktemp("sql")
    n = 2000
    orders = pa.table({
        "order_id": pa.array(range(n), pa.int64()),
        "customer_id": pa.array([i % 37 for i in range(n)], pa.int32()),
        "amount": pa.array([Decimal(f"{(i * 7919) % 10000 / 100:.2f}") for i in range(n)], pa.decimal128(10, 2)),
        "status": pa.array([["open", "shipped", "returned", None][i % 4] for i in range(n)], pa.string()),
    })
    customers = pa.table({
        "customer_id": pa.array(range(37), pa.int32()),
        "region": pa.array([["EU", "US", "APAC"][i % 3] for i in range(37)], pa.string()),
    })
    pq.write_table(orders, base / "orders.parquet")
    pq.write_table(customers, base / "customers.parquet")
    for name in ("orders", "customers"):
        subprocess.run([TARN, "delta", "write", str(base / name), "--from", str(base / f"{name}.parquet")],
                       check=True, capture_output=True)
    return base, orders, customers


def test_select_filter_project(sales, tmp_path):
    base, orders, _ = sales
    result, _ = sql(f"SELECT order_id, amount * 2 AS doubled FROM delta.`{base / 'orders'}` "
                    f"WHERE customer_id = 5 AND status IS NOT NULL ORDER BY order_id", tmp_path)
    rows = orders.to_pylist()
    expected = [(r["order_id"], r["amount"] * 2) for r in rows if r["customer_id"] == 5 and r["status"] is not None]
    assert [(r["order_id"], r["doubled"]) for r in result.to_pylist()] == expected
    assert result.schema.field("doubled").type == pa.decimal128(12, 2)  # Spark: p1 + p2 + 1, s1 + s2


def test_join_group_by_order(sales, tmp_path):
    base, orders, customers = sales
    result, _ = sql(f"""
        SELECT c.region, count(*) AS n, sum(o.amount) AS total, max(o.order_id) AS last_order
        FROM delta.`{base / 'orders'}` o JOIN delta.`{base / 'customers'}` c ON o.customer_id = c.customer_id
        GROUP BY c.region ORDER BY total DESC""", tmp_path)
    region = {r["customer_id"]: r["region"] for r in customers.to_pylist()}
    agg = defaultdict(lambda: [0, Decimal(0), -1])
    for r in orders.to_pylist():
        a = agg[region[r["customer_id"]]]
        a[0] += 1
        a[1] += r["amount"]
        a[2] = max(a[2], r["order_id"])
    expected = sorted(((k, *v) for k, v in agg.items()), key=lambda t: t[2], reverse=True)
    assert [tuple(r.values()) for r in result.to_pylist()] == expected
    assert result.schema.field("n").type == pa.int64()
    assert result.schema.field("total").type == pa.decimal128(20, 2)  # sum(decimal(10,2)) -> decimal(20,2)


def test_parquet_path_cte_and_subquery(sales, tmp_path):
    base, orders, _ = sales
    result, _ = sql(f"""
        WITH big AS (SELECT customer_id, amount FROM parquet.`{base / 'orders.parquet'}` WHERE amount > 50)
        SELECT customer_id, count(*) AS n FROM big
        WHERE customer_id IN (SELECT customer_id FROM big GROUP BY customer_id HAVING count(*) > 25)
        GROUP BY customer_id ORDER BY customer_id""", tmp_path)
    counts = defaultdict(int)
    for r in orders.to_pylist():
        if r["amount"] > 50:
            counts[r["customer_id"]] += 1
    expected = sorted((k, v) for k, v in counts.items() if v > 25)
    assert [tuple(r.values()) for r in result.to_pylist()] == expected


def test_window_functions(sales, tmp_path):
    base, orders, _ = sales
    result, _ = sql(f"""
        SELECT order_id, row_number() OVER (PARTITION BY customer_id ORDER BY order_id) AS rn
        FROM delta.`{base / 'orders'}` WHERE customer_id < 2 ORDER BY order_id""", tmp_path)
    seen = defaultdict(int)
    expected = []
    for r in sorted(orders.to_pylist(), key=lambda r: r["order_id"]):
        if r["customer_id"] < 2:
            seen[r["customer_id"]] += 1
            expected.append((r["order_id"], seen[r["customer_id"]]))
    assert [tuple(r.values()) for r in result.to_pylist()] == expected


def test_time_travel(tmp_path):
    table = tmp_path / "t"
    for version in range(3):
        src = tmp_path / f"v{version}.parquet"
        pq.write_table(pa.table({"v": pa.array([version] * (version + 1), pa.int64())}), src)
        subprocess.run([TARN, "delta", "write", str(table), "--from", str(src)], check=True, capture_output=True)
    result, _ = sql(f"SELECT count(*) AS n, sum(v) AS s FROM delta.`{table}` VERSION AS OF 1", tmp_path)
    assert result.to_pylist() == [{"n": 3, "s": 2}]
    result, _ = sql(f"SELECT count(*) AS n FROM delta.`{table}@v0`", tmp_path)
    assert result.to_pylist() == [{"n": 1}]


@pytest.mark.parametrize("query,error_class", [
    ("SELECT 1/0", "DIVIDE_BY_ZERO"),
    ("SELECT nope FROM VALUES (1) AS t(a)", "UNRESOLVED_COLUMN.WITH_SUGGESTION"),
    ("SELEC 1", "PARSE_SYNTAX_ERROR"),
    ("SELECT CAST('abc' AS INT)", "CAST_INVALID_INPUT"),
    ("SELECT 2147483647 + 1", "ARITHMETIC_OVERFLOW"),
    ("SELECT no_such_fn(1)", "UNRESOLVED_ROUTINE"),
    ("SELECT * FROM no_such_table", "TABLE_OR_VIEW_NOT_FOUND"),
])
def test_errors_carry_spark_error_classes(query, error_class, tmp_path):
    result, stderr = sql(query, tmp_path, check=False)
    assert result is None
    assert f"[{error_class}]" in stderr


def test_explain_show_and_describe_functions(tmp_path):
    plan, _ = sql("EXPLAIN EXTENDED SELECT a + 1 FROM VALUES (1), (2) AS t(a) WHERE a > 1", tmp_path)
    text = plan.column(0)[0].as_py()
    for part in ("== Parsed Logical Plan ==", "== Analyzed Logical Plan ==", "== Optimized Logical Plan ==",
                 "== Physical Plan =="):
        assert part in text
    functions, _ = sql("SHOW FUNCTIONS", tmp_path)
    names = set(functions.column(0).to_pylist())
    assert {"upper", "substring", "date_add", "sum", "row_number", "coalesce"} <= names
    described, _ = sql("DESCRIBE FUNCTION upper", tmp_path)
    assert any("Usage:" in line for line in described.column(0).to_pylist())


def test_order_by_ordinal_over_group_by_ordinal(sales, tmp_path):
    base, orders, _ = sales
    result, _ = sql(f"SELECT upper(status) AS s, count(*) AS n FROM delta.`{base / 'orders'}` "
                    f"GROUP BY 1 ORDER BY 1 NULLS LAST", tmp_path)
    counts = defaultdict(int)
    for r in orders.to_pylist():
        counts[r["status"].upper() if r["status"] else None] += 1
    expected = sorted((k, v) for k, v in counts.items() if k) + [(None, counts[None])]
    assert [(r["s"], r["n"]) for r in result.to_pylist()] == expected


def test_csv_and_json_output_of_nested_values(tmp_path):
    query = "SELECT 1 AS id, map('k', 'v') AS m, array(1, 2) AS a, named_struct('x', 1) AS s"
    csv_out = subprocess.run([TARN, "sql", "-e", query, "--format", "csv"], capture_output=True, text=True,
                             env=dict(os.environ, TARN_HOME=str(tmp_path)))
    assert csv_out.returncode == 0, csv_out.stderr
    lines = csv_out.stdout.splitlines()
    assert lines[0] == '"id","m","a","s"'
    assert lines[1] == '1,"{""k"":""v""}","[1,2]","{""x"":1}"'
    json_out = subprocess.run([TARN, "sql", "-e", query, "--format", "json"], capture_output=True, text=True,
                              env=dict(os.environ, TARN_HOME=str(tmp_path)))
    assert json.loads(json_out.stdout) == {"id": 1, "m": {"k": "v"}, "a": [1, 2], "s": {"x": 1}}
