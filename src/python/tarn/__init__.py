"""tarn: a lakehouse engine that fits on one machine, embedded in Python.

    import tarn
    con = tarn.connect()                  # workspace: $TARN_HOME, else ./tarn-workspace
    con.sql("CREATE TABLE t AS SELECT id FROM range(3)")
    con.sql("SELECT * FROM t").to_pandas()

Results speak the Arrow PyCapsule protocol, so pyarrow, pandas, polars and DuckDB read them
without copying.
"""
from __future__ import annotations

# The native module links the Arrow C++ libraries shipped in pyarrow; importing pyarrow first
# loads them (with the symbols pyarrow's own extensions expect) before the module needs them.
import pyarrow  # noqa: F401  (imported for its side effect)

from tarn.errors import TarnError
from tarn.result import Result
from tarn.connection import Connection, connect

__version__ = "0.1.0"
__all__ = ["Connection", "Result", "TarnError", "connect", "__version__"]
