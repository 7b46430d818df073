"""Results: the rows of a statement, readable as Arrow, pandas, polars or Python values."""
from __future__ import annotations

import datetime
import decimal
import math
import sys
from typing import Any, TextIO

import pyarrow as pa

_SHOW_TRUNCATE = 20  # as Spark's Dataset.show: longer cells are cut to 17 characters + "..."


class Result:
    """The rows one statement returned, held in Arrow memory by the engine.

    Implements the Arrow PyCapsule stream protocol (``__arrow_c_stream__``), so
    ``pyarrow.table(r)``, ``polars.from_arrow(r)`` and ``duckdb.sql("SELECT * FROM r")`` read it
    without copying. Converting again is cheap: every conversion shares the same buffers.
    """

    def __init__(self, native: Any):
        self._native = native

    # -- shape --------------------------------------------------------------------------------

    @property
    def columns(self) -> list[str]:
        return list(self._native.column_names)

    @property
    def num_rows(self) -> int:
        return self._native.num_rows

    def __len__(self) -> int:
        return self.num_rows

    @property
    def schema(self) -> pa.Schema:
        return pa.schema(self)

    # -- conversions ----------------------------------------------------------------------------

    def to_arrow(self) -> pa.Table:
        return pa.table(self)

    def to_pandas(self, **kwargs: Any):
        """A pandas DataFrame (``kwargs`` go to ``pyarrow.Table.to_pandas``)."""
        return self.to_arrow().to_pandas(**kwargs)

    def to_polars(self):
        import polars

        return polars.DataFrame(self)  # through __arrow_c_stream__

    def fetchall(self) -> list[tuple]:
        """All rows as tuples of Python values."""
        table = self.to_arrow()
        return list(zip(*(c.to_pylist() for c in table.columns))) if table.num_columns else []

    # -- Arrow PyCapsule protocol ---------------------------------------------------------------

    def __arrow_c_stream__(self, requested_schema: object | None = None) -> object:
        if requested_schema is None:
            return self._native.__arrow_c_stream__()
        # A consumer asking for other types: let pyarrow cast (it raises when it cannot).
        return pa.table(self._native).__arrow_c_stream__(requested_schema)

    def __arrow_c_schema__(self) -> object:
        return self._native.__arrow_c_schema__()

    # -- printing -------------------------------------------------------------------------------

    def show(self, n: int = 20, truncate: bool | int = True, file: TextIO | None = None) -> None:
        """Prints the first ``n`` rows as Spark's ``Dataset.show`` does."""
        print(self.show_string(n, truncate), file=file or sys.stdout)

    def show_string(self, n: int = 20, truncate: bool | int = True) -> str:
        table = self.to_arrow()
        width = _SHOW_TRUNCATE if truncate is True else int(truncate or 0)
        shown = table.slice(0, max(n, 0))
        header = [f.name for f in table.schema]
        rows = [[_cut(_format(v, col.type), width) for v in col.to_pylist()] for col in shown.columns]
        rows = [list(r) for r in zip(*rows)] if rows else [[] for _ in range(shown.num_rows)]
        widths = [max([3, len(h)] + [len(r[i]) for r in rows]) for i, h in enumerate(header)]

        def line(cells: list[str]) -> str:
            if width > 0:
                padded = [c.rjust(w) for c, w in zip(cells, widths)]
            else:
                padded = [c.ljust(w) for c, w in zip(cells, widths)]
            return "|" + "|".join(padded) + "|"

        border = "+" + "+".join("-" * w for w in widths) + "+"
        out = [border, line(header), border, *(line(r) for r in rows), border]
        if table.num_rows > shown.num_rows:
            noun = "row" if shown.num_rows == 1 else "rows"
            out.append(f"only showing top {shown.num_rows} {noun}")
        return "\n".join(out)

    def __repr__(self) -> str:
        return self.show_string()


def _cut(text: str, width: int) -> str:
    if width <= 0 or len(text) <= width:
        return text
    return text[: width - 3] + "..." if width >= 4 else text[:width]


def _format(value: Any, t: pa.DataType) -> str:
    """A cell's text as Spark shows it (NULL, true/false, [1, 2], {k -> v}, {field, field})."""
    if value is None:
        return "NULL"
    if pa.types.is_map(t):
        return "{" + ", ".join(
            f"{_format(k, t.key_type)} -> {_format(v, t.item_type)}" for k, v in value) + "}"
    if pa.types.is_struct(t):
        return "{" + ", ".join(
            _format(value.get(t.field(i).name), t.field(i).type) for i in range(t.num_fields)) + "}"
    if (pa.types.is_list(t) or pa.types.is_large_list(t) or pa.types.is_fixed_size_list(t)
            or pa.types.is_list_view(t) or pa.types.is_large_list_view(t)):
        return "[" + ", ".join(_format(v, t.value_type) for v in value) + "]"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        if math.isnan(value):
            return "NaN"
        if math.isinf(value):
            return "Infinity" if value > 0 else "-Infinity"
        return repr(value)
    if isinstance(value, (bytes, bytearray)):
        return "[" + " ".join(f"{b:02X}" for b in value) + "]"
    if isinstance(value, datetime.datetime):
        return str(value.replace(tzinfo=None))
    if isinstance(value, decimal.Decimal):
        return format(value, "f")
    return str(value)
