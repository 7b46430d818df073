"""Writes the expected results of every dialect case from pyspark (Spark 4, ANSI mode, UTC).

  .venv/bin/python test/dialect/regen_expected.py [FILE.test ...]

Never write expected results by hand: change a query, run this, review the diff.
"""
import os
import pathlib
import sys
import time

os.environ["TZ"] = "UTC"
time.tzset()

sys.path.insert(0, str(pathlib.Path(__file__).parent))
from case_file import read_cases, write_expected  # noqa: E402
from sql_result_format import format_row  # noqa: E402

CASES = pathlib.Path(__file__).parent / "cases"


def error_class(e):
    for getter in ("getCondition", "getErrorClass"):
        fn = getattr(e, getter, None)
        if fn:
            try:
                value = fn()
            except Exception:  # noqa: BLE001
                value = None
            if value:
                return value
    import re
    match = re.search(r"\[([A-Z][A-Z0-9_.]+)\]", str(e))
    return match.group(1) if match else type(e).__name__


def main():
    from pyspark.sql import SparkSession
    spark = (SparkSession.builder.master("local[1]").appName("tarn-dialect")
             .config("spark.sql.session.timeZone", "UTC").config("spark.ui.enabled", "false")
             .config("spark.sql.shuffle.partitions", "2").getOrCreate())
    spark.sparkContext.setLogLevel("FATAL")
    files = [pathlib.Path(f) for f in sys.argv[1:]] or sorted(CASES.glob("*.test"))
    for path in files:
        results = {}
        for case in read_cases(path):
            for table in spark.catalog.listTables():
                if table.isTemporary:
                    spark.catalog.dropTempView(table.name)
            try:
                for statement in case.setup:
                    spark.sql(statement)
                df = spark.sql(case.sql)
                types = [t for _, t in df.dtypes]
                rows = [format_row(list(r), types) for r in df.collect()]
                if case.kind == "unordered":
                    rows.sort()
                lines = ["types: " + ", ".join(types)] + rows
                if case.kind == "error":
                    lines = ["error: none (Spark answered; make this a query)"]
            except Exception as e:  # noqa: BLE001
                lines = [f"error: {error_class(e)}"]
            results[case.line] = lines
        write_expected(path, results)
        print(f"{path.name}: {len(results)} cases")


if __name__ == "__main__":
    main()
