"""Delta storage benchmark: tarn against deltalake (delta-rs) and delta-spark, same run, same data.

Operations on TPC-H lineitem (generated with tpchgen-cli):
  write       Parquet file -> new Delta table (each engine reads the file itself)
  full_scan   every row and column into memory
  selective   one month of l_shipdate on a table clustered by l_shipdate (tarn's Z-order;
              all engines read the same tarn-written table), where data skipping matters
  snapshot    load the snapshot of a table with 1,000 commits (checkpoint every 10)
tarn runs as a subprocess (its times include process start); Spark's session start is excluded.
Each figure is min / median over --repeats runs; ratios are peer / tarn (> 1: tarn is faster).

  .venv/bin/python bench/delta_bench.py --scale 1 --repeats 3
"""
import argparse
import json
import os
import pathlib
import shutil
import subprocess
import sys

import pyarrow as pa
import pyarrow.parquet as pq

from bench_common import ROOT, spark_session, timed

TARN = os.environ.get("TARN_BIN", str(ROOT / "build" / "tarn"))
SHIP_FROM, SHIP_TO = "1995-01-01", "1995-01-31"


def sh(*args):
    subprocess.run([str(a) for a in args], check=True, stdout=subprocess.DEVNULL)


def tarn_out(*args):
    return subprocess.run([TARN, *map(str, args)], check=True, capture_output=True, text=True).stdout




def generate_lineitem(work, scale):
    out = work / f"lineitem-sf{scale}.parquet"
    if out.exists():
        return out
    gen = work / "gen"
    subprocess.run([str(ROOT / ".venv" / "bin" / "tpchgen-cli"), "parquet", "-s", str(scale), "--tables=lineitem",
                    f"--output-dir={gen}"], check=True)
    files = sorted(gen.rglob("*.parquet"))
    table = pa.concat_tables([pq.read_table(f) for f in files])
    # tpchgen writes string_view columns; store plain strings, which every engine here reads.
    table = table.cast(pa.schema([pa.field(f.name, pa.string() if f.type == pa.string_view() else f.type)
                                  for f in table.schema]))
    pq.write_table(table, out)
    shutil.rmtree(gen)
    return out




def build_commit_table(path, commits):
    """A table with `commits` small appends, written by tarn (checkpoint every 10 commits)."""
    if path.exists():
        return
    tiny = path.parent / "tiny.parquet"
    pq.write_table(pa.table({"id": pa.array([0], pa.int64()), "v": ["x"]}), tiny)
    for _ in range(commits):
        sh(TARN, "delta", "write", path, "--from", tiny)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--scale", type=float, default=1)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--work-dir", default="/tmp/tarn-bench")
    ap.add_argument("--engines", default="tarn,deltalake,spark")
    ap.add_argument("--commits", type=int, default=1000)
    ap.add_argument("--json-out")
    args = ap.parse_args()
    engines = args.engines.split(",")
    work = pathlib.Path(args.work_dir)
    work.mkdir(parents=True, exist_ok=True)
    scale = int(args.scale) if args.scale == int(args.scale) else args.scale
    src = generate_lineitem(work, scale)
    rows = pq.ParquetFile(src).metadata.num_rows
    print(f"lineitem SF{scale}: {rows} rows, {src.stat().st_size / 1e6:.0f} MB parquet; repeats={args.repeats}",
          file=sys.stderr)

    import deltalake
    spark = spark_session("tarn-bench") if "spark" in engines else None
    results = {}

    def record(op, engine, fn, before=None, check=None):
        r = timed(fn, args.repeats, before)
        if check is not None:
            assert r["result"] == check, f"{engine} {op}: got {r['result']}, want {check}"
        results.setdefault(op, {})[engine] = {"min": r["min"], "median": r["median"]}
        print(f"{op:10s} {engine:10s} min {r['min']:8.3f}s  median {r['median']:8.3f}s", file=sys.stderr)

    # write
    def clean(p):
        return lambda: shutil.rmtree(p, ignore_errors=True)
    t_path, d_path, s_path = work / "w-tarn", work / "w-deltalake", work / "w-spark"
    if "tarn" in engines:
        record("write", "tarn", lambda: sh(TARN, "delta", "write", t_path, "--from", src), clean(t_path))
    if "deltalake" in engines:
        record("write", "deltalake", lambda: deltalake.write_deltalake(str(d_path), pq.read_table(src)), clean(d_path))
    if spark:
        record("write", "spark", lambda: spark.read.parquet(str(src)).write.format("delta").save(str(s_path)),
               clean(s_path))

    # full scan of the tarn-written table
    if not t_path.exists():
        sh(TARN, "delta", "write", t_path, "--from", src)
    if "tarn" in engines:
        record("full_scan", "tarn", lambda: int(tarn_out("delta", "read", t_path, "--format", "count")), check=rows)
    if "deltalake" in engines:
        record("full_scan", "deltalake", lambda: deltalake.DeltaTable(str(t_path)).to_pyarrow_table().num_rows,
               check=rows)
    if spark:
        # count() alone is answered from metadata; hashing every column forces a real read.
        record("full_scan", "spark",
               lambda: spark.read.format("delta").load(str(t_path)).selectExpr("count(hash(*))").collect()[0][0],
               check=rows)

    # selective scan on a table clustered by l_shipdate
    z_path = work / "zordered"
    if not z_path.exists():
        shutil.copytree(t_path, z_path)
        sh(TARN, "delta", "optimize", z_path, "--zorder-by", "l_shipdate", "--target-file-size", "16000000")
    import datetime as dt
    lo, hi = dt.date.fromisoformat(SHIP_FROM), dt.date.fromisoformat(SHIP_TO)
    expected = pq.read_table(src, filters=[("l_shipdate", ">=", lo), ("l_shipdate", "<=", hi)]).num_rows
    flt = f"l_shipdate >= DATE '{SHIP_FROM}' AND l_shipdate <= DATE '{SHIP_TO}'"
    if "tarn" in engines:
        record("selective", "tarn", lambda: int(tarn_out("delta", "read", z_path, "--filter", flt, "--format", "count")),
               check=expected)
    if "deltalake" in engines:
        import pyarrow.compute as pc
        record("selective", "deltalake",
               lambda: deltalake.DeltaTable(str(z_path)).to_pyarrow_dataset().to_table(
                   filter=(pc.field("l_shipdate") >= lo) & (pc.field("l_shipdate") <= hi)).num_rows,
               check=expected)
    if spark:
        record("selective", "spark",
               lambda: spark.read.format("delta").load(str(z_path)).where(flt).selectExpr("count(hash(*))")
               .collect()[0][0], check=expected)

    # snapshot load with many commits
    c_path = work / f"commits-{args.commits}"
    build_commit_table(c_path, args.commits)
    if "tarn" in engines:
        record("snapshot", "tarn", lambda: json.loads(tarn_out("delta", "describe", c_path, "--format", "json"))["numFiles"],
               check=args.commits)
    if "deltalake" in engines:
        record("snapshot", "deltalake", lambda: len(deltalake.DeltaTable(str(c_path)).file_uris()), check=args.commits)
    if spark:
        from delta.tables import DeltaTable
        record("snapshot", "spark", lambda: DeltaTable.forPath(spark, str(c_path)).detail().collect()[0]["numFiles"],
               check=args.commits)

    print("\n| operation | engine | min s | median s | peer/tarn (min) |")
    print("|---|---|---|---|---|")
    for op, per in results.items():
        base = per.get("tarn", {}).get("min")
        for engine, r in per.items():
            ratio = f"{r['min'] / base:.2f}" if base and engine != "tarn" else ""
            print(f"| {op} | {engine} | {r['min']:.3f} | {r['median']:.3f} | {ratio} |")
    if args.json_out:
        pathlib.Path(args.json_out).write_text(json.dumps(results, indent=2))
    if spark:
        spark.stop()


if __name__ == "__main__":
    main()
