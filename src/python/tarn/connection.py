"""Connections: one embedded tarn session on a workspace folder."""
from __future__ import annotations

import os
import sys
from typing import Any

import pyarrow as pa

from tarn import _tarn
from tarn.result import Result


def connect(home: str | os.PathLike[str] | None = None) -> "Connection":
    """Opens a session on the workspace folder ``home`` (created on first use).

    With no ``home``: ``$TARN_HOME``, else ``./tarn-workspace`` — the same folder the ``tarn``
    command line uses, so both see the same catalog and tables.
    """
    return Connection(home)


class Connection:
    """An embedded tarn session: the workspace catalog, temporary views, SET options.

    Several connections may share a workspace folder (they see each other's tables). One
    connection runs one statement at a time; Python threads sharing it take turns, and other
    Python threads keep running while a statement does (the GIL is released).
    """

    def __init__(self, home: str | os.PathLike[str] | None = None):
        self._native = _tarn.Connection.open("" if home is None else os.fspath(home))

    # -- statements ---------------------------------------------------------------------------

    def sql(self, query: str) -> Result:
        """Runs one or more ``;``-separated statements in order and returns the result of the
        last one (a result with no columns for statements that return no rows)."""
        return Result(self._native.sql(query))

    execute = sql

    def table(self, name: str) -> Result:
        """All rows of a table or view: ``SELECT * FROM name``."""
        return self.sql(f"SELECT * FROM {name}")

    # -- Arrow data as views --------------------------------------------------------------------

    def register(self, name: str, data: Any) -> "Connection":
        """Makes ``data`` queryable as the temporary view ``name`` (replacing any of that name).

        ``data``: a pyarrow Table, RecordBatch or RecordBatchReader, a pandas or polars
        DataFrame, or anything with ``__arrow_c_stream__``. Arrow data is shared, not copied.
        """
        table = _as_arrow_table(data)
        self._native.register(name, table.__arrow_c_stream__())
        return self

    def unregister(self, name: str) -> bool:
        """Removes a registration; ``False`` when ``name`` was not registered."""
        return self._native.unregister(name)

    # -- lifetime -------------------------------------------------------------------------------

    def close(self) -> None:
        """Ends the session. Results already returned stay valid; later calls raise TarnError."""
        self._native.close()

    @property
    def closed(self) -> bool:
        return self._native.closed

    def __enter__(self) -> "Connection":
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def _as_arrow_table(data: Any) -> pa.Table:
    pd = sys.modules.get("pandas")
    if pd is not None and isinstance(data, pd.DataFrame):
        table = pa.Table.from_pandas(data, preserve_index=False)
    elif isinstance(data, pa.Table):
        table = data
    elif isinstance(data, pa.RecordBatch):
        table = pa.Table.from_batches([data])
    elif hasattr(data, "__arrow_c_stream__"):
        table = pa.table(data)  # RecordBatchReader, polars, DuckDB relations, ...
    else:
        try:
            table = pa.table(data)  # dict of columns, ...
        except (TypeError, pa.ArrowInvalid) as e:
            raise TypeError(
                f"cannot register {type(data).__name__}: expected Arrow data (pyarrow, pandas, "
                f"polars or an object with __arrow_c_stream__)") from e
    return _with_plain_layouts(table)


def _plain_type(t: pa.DataType) -> pa.DataType:
    """The Arrow layout tarn's SQL engine uses for a type: string/binary/list rather than their
    view and 64-bit-offset variants (which polars and pandas produce)."""
    if pa.types.is_string_view(t) or pa.types.is_large_string(t):
        return pa.string()
    if pa.types.is_binary_view(t) or pa.types.is_large_binary(t):
        return pa.binary()
    if pa.types.is_large_list(t) or pa.types.is_list_view(t) or pa.types.is_large_list_view(t):
        return pa.list_(_plain_field(t.value_field))
    if pa.types.is_list(t):
        return pa.list_(_plain_field(t.value_field))
    if pa.types.is_struct(t):
        return pa.struct([_plain_field(t.field(i)) for i in range(t.num_fields)])
    if pa.types.is_map(t):
        return pa.map_(_plain_field(t.key_field), _plain_field(t.item_field))
    if pa.types.is_dictionary(t):
        return _plain_type(t.value_type)
    return t


def _plain_field(f: pa.Field) -> pa.Field:
    return f.with_type(_plain_type(f.type))


def _with_plain_layouts(table: pa.Table) -> pa.Table:
    schema = pa.schema([_plain_field(f) for f in table.schema], metadata=table.schema.metadata)
    return table if schema.equals(table.schema) else table.cast(schema)
