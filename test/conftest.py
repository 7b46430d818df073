"""Fixtures shared by every pytest suite of tarn.

* ``spark`` - one local SparkSession with delta-spark for the whole run. It must be the only
  SparkSession: PySpark keeps one JVM per Python process and ``spark.jars.packages`` is applied
  only when that JVM starts, so a plain session started first by another suite would leave the
  Delta jars off the class path for the rest of the run. Jars come from Maven Central through an
  Ivy cache in <repo>/.cache/ivy (``TARN_IVY_DIR``), so reruns do not download again;
  ``TARN_DELTA_SPARK_PACKAGES`` overrides the coordinates delta-spark's pip package resolves.
"""
from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
IVY_DIR = Path(os.environ.get("TARN_IVY_DIR", str(REPO_ROOT / ".cache" / "ivy")))

_spark_startup_seconds: float | None = None


# --------------------------------------------------------------------------------------------
# pytest hooks
# --------------------------------------------------------------------------------------------

def pytest_configure(config):
    # Also declared in pytest.ini; repeated here so running from another rootdir still works.
    config.addinivalue_line("markers", "spark: needs a local SparkSession with delta-spark")
    config.addinivalue_line("markers", "concurrency: multi-process writer / crash tests")


def pytest_terminal_summary(terminalreporter):
    if _spark_startup_seconds is not None:
        terminalreporter.write_line(
            f"tarn interop: SparkSession (with Delta jar resolution) started in "
            f"{_spark_startup_seconds:.1f}s")



# --------------------------------------------------------------------------------------------
# Spark
# --------------------------------------------------------------------------------------------

def _spark_packages() -> str:
    override = os.environ.get("TARN_DELTA_SPARK_PACKAGES")
    if override:
        return override
    from delta import configure_spark_with_delta_pip
    from pyspark.sql import SparkSession

    # A fresh Builder, so the shared SparkSession.builder is not modified.
    builder = configure_spark_with_delta_pip(SparkSession.Builder())
    return builder._options["spark.jars.packages"]  # what the pip package would resolve


@pytest.fixture(scope="session")
def spark(tmp_path_factory):
    """One local SparkSession with Delta for the whole run (starting one costs ~15 s)."""
    global _spark_startup_seconds
    from pyspark.sql import SparkSession

    IVY_DIR.mkdir(parents=True, exist_ok=True)
    scratch = tmp_path_factory.mktemp("spark")
    packages = _spark_packages()
    java_opts = f"-Dderby.system.home={scratch} -Duser.timezone=UTC -XX:+UseSerialGC"
    builder = (
        SparkSession.builder.master("local[2]")
        .appName("tarn-interop")
        .config("spark.jars.packages", packages)
        .config("spark.jars.ivy", str(IVY_DIR))
        .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
        .config("spark.sql.catalog.spark_catalog",
                "org.apache.spark.sql.delta.catalog.DeltaCatalog")
        .config("spark.driver.memory", "1g")
        .config("spark.driver.extraJavaOptions", java_opts)
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.log.level", "ERROR")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.default.parallelism", "2")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.sql.warehouse.dir", str(scratch / "warehouse"))
        .config("spark.local.dir", str(scratch / "local"))
        # Delta replays its log with this many partitions (default 50: slow on 2 cores), and
        # by default re-verifies the file list it keeps in .crc files on every snapshot; both
        # dominate the ~1 s each time-travel read costs on these tiny tables.
        .config("spark.databricks.delta.snapshotPartitions", "1")
        .config("spark.databricks.delta.allFilesInCrc.verificationMode.enabled", "false")
        .config("spark.databricks.delta.retentionDurationCheck.enabled", "false")
    )
    start = time.monotonic()
    try:
        session = builder.getOrCreate()
    except Exception as exc:  # noqa: BLE001 - report any startup problem as a clear failure
        pytest.fail(
            f"could not start a SparkSession with Delta (spark.jars.packages={packages}, "
            f"ivy={IVY_DIR}): {exc}\nNeeds Java 17 on PATH and Maven Central reachable (or a "
            f"warm Ivy cache).", pytrace=False)
    _spark_startup_seconds = time.monotonic() - start
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()

