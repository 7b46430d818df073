"""TPC-H benchmark: tarn against DuckDB and pyspark (local mode), same run, same data.

tpchgen-cli generates the eight tables as Parquet; tarn writes them as Delta tables and
queries those (`tarn sql -f`, one process per query: its times include process start and the
Delta snapshot load); DuckDB and Spark query the same Parquet files in-process. The 22 queries
are the ones the correctness suite runs (test/tpch/queries). Per query: min / median wall
time over --repeats runs, and tarn's peak resident memory. Ratios are peer / tarn (> 1: tarn
is faster); the summary is the geometric mean over the queries every engine answered.

  .venv/bin/pip install -r bench/requirements.txt
  .venv/bin/python bench/tpch_bench.py --scale 1 --repeats 3
"""
import argparse
import json
import math
import os
import pathlib
import shutil
import statistics
import subprocess
import sys
import time

import pyarrow as pa
import pyarrow.parquet as pq

ROOT = pathlib.Path(__file__).resolve().parents[1]
TARN = os.environ.get("TARN_BIN", str(ROOT / "build" / "tarn"))
QUERIES = ROOT / "test" / "tpch" / "queries"
TABLES = ["lineitem", "orders", "customer", "part", "partsupp", "supplier", "nation", "region"]


def generate(work, scale):
    """Parquet per table (plain strings: tpchgen writes string_view, which not every peer reads)."""
    out = work / f"sf{scale}"
    done = out / ".done"
    if done.exists():
        return out
    gen = work / f"gen-sf{scale}"
    subprocess.run([str(ROOT / ".venv" / "bin" / "tpchgen-cli"), "parquet", "-s", str(scale),
                    f"--output-dir={gen}"], check=True)
    out.mkdir(parents=True, exist_ok=True)
    for t in TABLES:
        files = sorted(gen.glob(f"{t}.parquet")) or sorted((gen / t).glob("*.parquet"))
        table = pa.concat_tables([pq.read_table(f) for f in files])
        table = table.cast(pa.schema([pa.field(f.name, pa.string() if f.type == pa.string_view() else f.type,
                                               f.nullable) for f in table.schema]))
        pq.write_table(table, out / f"{t}.parquet")
    shutil.rmtree(gen)
    for t in TABLES:
        subprocess.run([TARN, "delta", "write", str(out / "delta" / t), "--from", str(out / f"{t}.parquet")],
                       check=True, stdout=subprocess.DEVNULL)
    done.touch()
    return out


def run_tarn(data, query):
    views = "".join(f"CREATE OR REPLACE TEMPORARY VIEW {t} AS SELECT * FROM delta.`{data / 'delta' / t}`;\n"
                    for t in TABLES)
    script = data / "query.sql"
    script.write_text(views + query)
    start = time.perf_counter()
    proc = subprocess.run(["/usr/bin/time", "-f", "%M", TARN, "sql", "-f", str(script), "--format", "csv",
                           "--output", str(data / "tarn-out.csv")], capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        raise RuntimeError(proc.stderr.strip().splitlines()[-2] if proc.stderr.strip() else "tarn failed")
    peak_kb = int(proc.stderr.strip().splitlines()[-1])
    return elapsed, peak_kb / 1024


def duckdb_runner(data):
    import duckdb
    con = duckdb.connect()
    con.execute("SET threads = 2")
    for t in TABLES:
        con.execute(f"CREATE VIEW {t} AS SELECT * FROM read_parquet('{data / (t + '.parquet')}')")

    def run(query):
        start = time.perf_counter()
        con.execute(query).to_arrow_table()
        return time.perf_counter() - start
    return run


def spark_runner(data):
    from pyspark.sql import SparkSession
    spark = (SparkSession.builder.master("local[2]").appName("tarn-tpch")
             .config("spark.driver.memory", "8g").config("spark.ui.enabled", "false")
             .config("spark.sql.shuffle.partitions", "4").config("spark.sql.session.timeZone", "UTC")
             .getOrCreate())
    spark.sparkContext.setLogLevel("ERROR")
    for t in TABLES:
        spark.read.parquet(str(data / f"{t}.parquet")).createOrReplaceTempView(t)

    def run(query):
        start = time.perf_counter()
        spark.sql(query).collect()
        return time.perf_counter() - start
    return run


def geomean(values):
    return math.exp(sum(math.log(v) for v in values) / len(values)) if values else float("nan")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--scale", type=float, default=1)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--work-dir", default="/tmp/tarn-tpch")
    ap.add_argument("--engines", default="tarn,duckdb,spark")
    ap.add_argument("--queries", default="1-22")
    ap.add_argument("--json-out")
    args = ap.parse_args()
    scale = int(args.scale) if args.scale == int(args.scale) else args.scale
    work = pathlib.Path(args.work_dir)
    work.mkdir(parents=True, exist_ok=True)
    data = generate(work, scale)
    lo, _, hi = args.queries.partition("-")
    numbers = range(int(lo), int(hi or lo) + 1)
    engines = args.engines.split(",")
    runners = {}
    if "duckdb" in engines:
        runners["duckdb"] = duckdb_runner(data)
    if "spark" in engines:
        runners["spark"] = spark_runner(data)

    results = {}
    for n in numbers:
        query = (QUERIES / f"q{n:02d}.sql").read_text().strip().rstrip(";")
        row = results.setdefault(f"q{n:02d}", {})
        if "tarn" in engines:
            try:
                runs = [run_tarn(data, query) for _ in range(args.repeats)]
                times = [r[0] for r in runs]
                row["tarn"] = {"min": min(times), "median": statistics.median(times),
                               "peak_mb": max(r[1] for r in runs)}
            except Exception as e:  # a failing query is reported, not fatal
                row["tarn"] = {"error": str(e)}
        for name, run in runners.items():
            try:
                run(query)  # warm-up: Spark compiles, DuckDB caches metadata
                times = [run(query) for _ in range(args.repeats)]
                row[name] = {"min": min(times), "median": statistics.median(times)}
            except Exception as e:
                row[name] = {"error": str(e).splitlines()[0]}
        print(f"q{n:02d} " + "  ".join(f"{k} {v.get('min', float('nan')):8.3f}s" if "min" in v else f"{k} ERROR"
                                       for k, v in row.items()), file=sys.stderr)

    print(f"\nTPC-H SF{scale}, repeats={args.repeats}; seconds (min / median), tarn peak RSS\n")
    header = "| query | tarn | tarn peak MB |" + "".join(f" {e} | {e} ÷ tarn |" for e in runners)
    print(header)
    print("|---" * (header.count("|") - 1) + "|")
    ratios = {e: [] for e in runners}
    for q, row in results.items():
        t = row.get("tarn", {})
        cells = [f"{t['min']:.3f} / {t['median']:.3f}" if "min" in t else "error", f"{t.get('peak_mb', 0):.0f}"]
        for e in runners:
            p = row.get(e, {})
            if "min" in p:
                cells.append(f"{p['min']:.3f} / {p['median']:.3f}")
                if "min" in t:
                    ratios[e].append(p["min"] / t["min"])
                    cells.append(f"{p['min'] / t['min']:.2f}")
                else:
                    cells.append("")
            else:
                cells += ["error", ""]
        print(f"| {q} | " + " | ".join(cells) + " |")
    for e, r in ratios.items():
        print(f"\ngeometric mean of {e} ÷ tarn over {len(r)} queries: {geomean(r):.3f}")
    if args.json_out:
        pathlib.Path(args.json_out).write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
