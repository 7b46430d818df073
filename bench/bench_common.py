"""What the benchmarks share: timing with min / median over repeats, and the local Spark session
with delta-spark they compare against (session start is never timed)."""
import pathlib
import statistics
import time

ROOT = pathlib.Path(__file__).resolve().parents[1]


def timed(fn, repeats, before=None):
    """min / median seconds of `fn` over `repeats` runs (`before` runs untimed ahead of each)."""
    times, result = [], None
    for _ in range(repeats):
        if before:
            before()
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return {"min": min(times), "median": statistics.median(times), "result": result}


def spark_session(app_name):
    """pyspark in local mode on both cores with delta-spark, jars from the project's Ivy cache."""
    from delta import configure_spark_with_delta_pip
    from pyspark.sql import SparkSession
    builder = (SparkSession.builder.master("local[2]").appName(app_name)
               .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
               .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
               .config("spark.jars.ivy", str(ROOT / ".cache" / "ivy"))
               .config("spark.driver.memory", "8g")
               .config("spark.driver.host", "127.0.0.1")
               .config("spark.driver.bindAddress", "127.0.0.1")
               .config("spark.ui.enabled", "false")
               .config("spark.sql.shuffle.partitions", "4")
               .config("spark.sql.session.timeZone", "UTC"))
    spark = configure_spark_with_delta_pip(builder).getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    return spark
