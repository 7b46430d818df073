"""File ingestion benchmark: CSV files -> a new Delta table, tarn against pyspark + delta-spark,
same run, same files.

Input: the 305 daily retail CSVs of the labs (../shared/data/mslearn/retail-data/by-day), or, when
that folder is absent, 305 generated files of the same shape (--generate forces that).
  tarn read_files   CREATE TABLE t AS SELECT * FROM read_files(dir, format => 'csv', header => true)
                    (schema inferred from the files, as Spark's inferSchema does)
  tarn COPY INTO    CREATE TABLE t (explicit schema); COPY INTO t FROM dir FILEFORMAT = CSV ...
  spark inferred    spark.read.csv(dir, header=True, inferSchema=True).write.format("delta").save(p)
  spark schema      spark.read.schema(explicit).csv(dir, header=True).write.format("delta").save(p)
                    (open-source Delta has no COPY INTO; this is its equivalent load)
tarn runs as the CLI in a fresh workspace each repeat (its times include process start); Spark's
session start is excluded. Figures are min / median over --repeats; ratios are spark / tarn.

  .venv/bin/python bench/ingest_bench.py --repeats 3
"""
import argparse
import os
import pathlib
import random
import shutil
import subprocess

from bench_common import ROOT, spark_session, timed

TARN = os.environ.get("TARN_BIN", str(ROOT / "build" / "tarn"))
LAB_DIR = ROOT.parent / "shared" / "data" / "mslearn" / "retail-data" / "by-day"
SCHEMA_DDL = ("InvoiceNo STRING, StockCode STRING, Description STRING, Quantity INT, InvoiceDate TIMESTAMP, "
              "UnitPrice DOUBLE, CustomerID DOUBLE, Country STRING")
HEADER = "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country"


def generate(folder: pathlib.Path, files=305, rows_per_file=1777):
    """Deterministic files shaped like retail-data/by-day (one file per day)."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(20101201)
    countries = ["United Kingdom", "France", "Germany", "EIRE", "Spain", "Netherlands", "Belgium"]
    items = [(f"{85000 + i}{'AB'[i % 2]}", f"ITEM NUMBER {i} HOLDER", round(0.3 + (i % 40) * 0.45, 2))
             for i in range(900)]
    invoice = 536365
    for day in range(files):
        date = f"2011-{1 + day // 28 % 12:02d}-{1 + day % 28:02d}"
        lines = [HEADER]
        for r in range(rows_per_file):
            if r % 20 == 0:
                invoice += 1
            code, desc, price = items[rng.randrange(len(items))]
            customer = "" if rng.random() < 0.25 else f"{12346 + rng.randrange(4000)}.0"
            lines.append(f"{invoice},{code},{desc},{rng.randrange(1, 48)},{date} {8 + r % 10:02d}:{r % 60:02d}:00,"
                         f"{price},{customer},{countries[rng.randrange(len(countries))]}")
        (folder / f"{date}-{day:03d}.csv").write_text("\n".join(lines) + "\n")
    return folder




def tarn_sql(home, script):
    env = dict(os.environ, TARN_HOME=str(home))
    return subprocess.run([TARN, "sql", "-e", script, "--format", "csv"], check=True, capture_output=True,
                          text=True, env=env).stdout


def count_rows(home, table):
    return int(tarn_sql(home, f"SELECT count(*) FROM {table}").splitlines()[-1])




def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--work-dir", default="/tmp/tarn-ingest-bench")
    parser.add_argument("--generate", action="store_true", help="use generated files even if the lab's exist")
    args = parser.parse_args()
    work = pathlib.Path(args.work_dir)
    work.mkdir(parents=True, exist_ok=True)
    source = LAB_DIR if LAB_DIR.is_dir() and not args.generate else generate(work / "by-day")
    files = sorted(source.glob("*.csv"))
    size_mb = sum(f.stat().st_size for f in files) / 1e6
    print(f"input: {len(files)} CSV files, {size_mb:.1f} MB, from {source}")

    home = work / "tarn-home"
    reset_home = lambda: shutil.rmtree(home, ignore_errors=True)  # noqa: E731
    results = {}
    results["tarn read_files"] = timed(lambda: tarn_sql(
        home, f"CREATE TABLE retail AS SELECT * FROM read_files('{source}', format => 'csv', header => true)"),
        args.repeats, reset_home)
    rows_read_files = count_rows(home, "retail")
    results["tarn COPY INTO"] = timed(lambda: tarn_sql(
        home, f"CREATE TABLE retail ({SCHEMA_DDL}); COPY INTO retail FROM '{source}' FILEFORMAT = CSV "
              "FORMAT_OPTIONS ('header' = 'true')"), args.repeats, reset_home)
    rows_copy = count_rows(home, "retail")

    spark = spark_session("tarn-ingest-bench")
    target = work / "spark-table"
    reset_spark = lambda: shutil.rmtree(target, ignore_errors=True)  # noqa: E731
    results["spark inferred"] = timed(lambda: spark.read.csv(str(source), header=True, inferSchema=True)
                                      .write.format("delta").save(str(target)), args.repeats, reset_spark)
    rows_spark = spark.read.format("delta").load(str(target)).count()
    results["spark schema"] = timed(lambda: spark.read.schema(SCHEMA_DDL).csv(str(source), header=True)
                                    .write.format("delta").save(str(target)), args.repeats, reset_spark)
    rows_spark_schema = spark.read.format("delta").load(str(target)).count()
    spark.stop()
    assert rows_read_files == rows_copy == rows_spark == rows_spark_schema, \
        (rows_read_files, rows_copy, rows_spark, rows_spark_schema)
    print(f"rows loaded by every engine: {rows_copy}")

    print("\n| load | tarn min / median s | spark min / median s | spark ÷ tarn (min) | spark ÷ tarn (median) |")
    print("|---|---|---|---|---|")
    for label, ours, theirs in (("schema inferred (read_files vs inferSchema)", "tarn read_files", "spark inferred"),
                                ("explicit schema (COPY INTO vs read.schema)", "tarn COPY INTO", "spark schema")):
        a, b = results[ours], results[theirs]
        print(f"| {label} | {a['min']:.2f} / {a['median']:.2f} | {b['min']:.2f} / {b['median']:.2f} | "
              f"{b['min'] / a['min']:.1f} | {b['median'] / a['median']:.1f} |")


if __name__ == "__main__":
    main()
