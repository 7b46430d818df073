"""The optimizer's plan choices, seen through EXPLAIN EXTENDED, with the answers checked against
the same computation in Python: joins ordered from table statistics with the fact table as the
probe side, filters implied by an OR pushed to each table's scan, and a selective IN subquery
applied to its table before the joins."""
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


def sql(script):
    proc = subprocess.run([TARN, "sql", "-e", script, "--format", "arrow"], capture_output=True, timeout=300)
    assert proc.returncode == 0, proc.stderr.decode()
    with ipc.open_stream(proc.stdout) as reader:
        return reader.read_all()


@pytest.fixture(scope="module")
def star(tmp_path_factory):
    """A fact table of 5,000 rows and two ten-row dimensions, as Delta tables written by tarn."""
    base = tmp_path_factory.mktemp("plans")
    n = 5000
    tables = {
        "fact": pa.table({
            "f_id": pa.array(range(n), pa.int64()),
            "f_d1": pa.array([(i * 7) % 10 for i in range(n)], pa.int64()),
            "f_d2": pa.array([(i * 3) % 10 for i in range(n)], pa.int64()),
            "f_amount": pa.array([Decimal(f"{(i * 7919) % 100000 / 100:.2f}") for i in range(n)], pa.decimal128(12, 2)),
        }),
        "dim1": pa.table({"d1_key": pa.array(range(10), pa.int64()), "d1_name": [f"N{k}" for k in range(10)]}),
        "dim2": pa.table({"d2_key": pa.array(range(10), pa.int64()), "d2_name": [f"N{k}" for k in range(10)]}),
    }
    for name, table in tables.items():
        pq.write_table(table, base / f"{name}.parquet")
        subprocess.run([TARN, "delta", "write", str(base / name), "--from", str(base / f"{name}.parquet")],
                       check=True, capture_output=True)
    views = "".join(f"CREATE OR REPLACE TEMPORARY VIEW {t} AS SELECT * FROM delta.`{base / t}`; " for t in tables)
    return views, {k: v.to_pylist() for k, v in tables.items()}


def optimized_plan(views, query):
    text = sql(views + "EXPLAIN EXTENDED " + query).column(0)[0].as_py()
    return text.split("== Optimized Logical Plan ==")[1].split("== Physical Plan ==")[0]


def relation_lines(plan):
    return [line for line in plan.splitlines() if "Relation delta." in line]


def test_or_of_pairs_filters_each_dimension_and_fact_is_probed(star):
    views, rows = star
    query = ("SELECT d1_name, d2_name, sum(f_amount) AS total FROM dim1, dim2, fact "
             "WHERE f_d1 = d1_key AND f_d2 = d2_key "
             "AND ((d1_name = 'N1' AND d2_name = 'N2') OR (d1_name = 'N2' AND d2_name = 'N1')) "
             "GROUP BY d1_name, d2_name ORDER BY d1_name")
    plan = optimized_plan(views, query)
    assert "Join Cross" not in plan
    scans = relation_lines(plan)
    # Left-deep: the first relation printed is the probe side, the fact table.
    assert "/fact`" in scans[0], plan
    for dim, column in (("dim1", "d1_name"), ("dim2", "d2_name")):
        (line,) = [s for s in scans if f"/{dim}`" in s]
        pushed = line.split("PushedFilters:")[1]
        assert column in pushed and "'N1'" in pushed and "'N2'" in pushed, line

    totals = defaultdict(Decimal)
    for f in rows["fact"]:
        pair = (f"N{f['f_d1']}", f"N{f['f_d2']}")
        if pair in (("N1", "N2"), ("N2", "N1")):
            totals[pair] += f["f_amount"]
    result = sql(views + query).to_pylist()
    assert [(r["d1_name"], r["d2_name"], r["total"]) for r in result] == sorted((k[0], k[1], v) for k, v in totals.items())


def test_selective_in_subquery_filters_its_table_before_the_join(star):
    views, rows = star
    query = ("SELECT d1_name, count(*) AS n FROM fact, dim1 WHERE f_d1 = d1_key AND f_id IN "
             "(SELECT f_id FROM fact GROUP BY f_id HAVING sum(f_amount) > 990) GROUP BY d1_name ORDER BY d1_name")
    plan = optimized_plan(views, query)
    lines = plan.splitlines()
    depth = {kind: min(len(line) - len(line.lstrip()) for line in lines if kind in line)
             for kind in ("Join Inner", "Join LeftSemi")}
    assert depth["Join LeftSemi"] > depth["Join Inner"], plan

    counts = defaultdict(int)
    for f in rows["fact"]:
        if f["f_amount"] > 990:
            counts[f"N{f['f_d1']}"] += 1
    result = sql(views + query).to_pylist()
    assert [(r["d1_name"], r["n"]) for r in result] == sorted(counts.items())
    assert sum(counts.values()) > 0


@pytest.mark.parametrize("negated", [False, True])
def test_exists_over_a_larger_table_builds_from_the_smaller_side(star, negated):
    views, rows = star
    query = (f"SELECT d1_name FROM dim1 WHERE d1_key < 8 AND {'NOT ' if negated else ''}EXISTS "
             "(SELECT 1 FROM fact WHERE f_d1 = d1_key AND f_d2 <> d1_key AND f_amount > 995) ORDER BY d1_name")
    plan = optimized_plan(views, query)
    assert "BuildLeft" in [line for line in plan.splitlines() if "Join Left" in line][0], plan

    matched = {f["f_d1"] for f in rows["fact"] if f["f_d2"] != f["f_d1"] and f["f_amount"] > 995}
    expected = [f"N{k}" for k in range(8) if (k in matched) != negated]
    assert 0 < len(expected) < 8
    assert [r["d1_name"] for r in sql(views + query).to_pylist()] == expected


def test_correlated_aggregate_only_groups_the_keys_the_outer_query_can_ask_for(star):
    views, rows = star
    query = ("SELECT count(*) AS n, sum(f_amount) AS total FROM fact, dim1 WHERE f_d1 = d1_key AND d1_name = 'N3' "
             "AND f_amount > (SELECT avg(f2.f_amount) FROM fact f2 WHERE f2.f_d1 = d1_key)")
    plan = optimized_plan(views, query)
    lines = plan.splitlines()
    aggregate = next(i for i, line in enumerate(lines) if line.lstrip().startswith("Aggregate [") and "f_d1" in line)
    below = lines[aggregate + 1]
    assert "Join LeftSemi" in below, plan  # the grouped input is restricted to dim1's filtered keys

    amounts = [f["f_amount"] for f in rows["fact"] if f["f_d1"] == 3]
    average = sum(amounts) / len(amounts)
    kept = [a for a in amounts if a > average]
    result = sql(views + query).to_pylist()[0]
    assert (result["n"], result["total"]) == (len(kept), sum(kept))
