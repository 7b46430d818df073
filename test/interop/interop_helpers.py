"""Helpers shared by the tarn interoperability tests (imported by conftest.py and the tests).

Kept out of conftest.py so test modules can import them by a unique module name.
"""
from __future__ import annotations

import collections
import datetime as _dt
import decimal
import json
import math
import os
import re
import shlex
import subprocess
import uuid
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence

import pyarrow as pa
import pyarrow.parquet as pq

REPO_ROOT = Path(__file__).resolve().parents[2]
TARN_BIN = Path(os.environ.get("TARN_BIN", str(REPO_ROOT / "build" / "tarn")))
CACHE_DIR = REPO_ROOT / ".cache"
IVY_DIR = Path(os.environ.get("TARN_IVY_DIR", str(CACHE_DIR / "ivy")))
QUICK = os.environ.get("TARN_QUICK", "") not in ("", "0", "false", "no")
CMD_TIMEOUT = float(os.environ.get("TARN_CMD_TIMEOUT", "120"))


# --------------------------------------------------------------------------------------------
# Spark readers
# --------------------------------------------------------------------------------------------

def spark_read(spark, path, version: int | None = None, columns: Sequence[str] | None = None,
               where: str | None = None) -> pa.Table:
    """The table as delta-spark reads it (optionally time travelled), as a pyarrow Table."""
    reader = spark.read.format("delta")
    if version is not None:
        reader = reader.option("versionAsOf", int(version))
    df = reader.load(str(path))
    if where is not None:
        df = df.where(where)
    if columns is not None:
        df = df.select(*[f"`{c}`" for c in columns])
    return df.toArrow()


def spark_latest_version(spark, path) -> int:
    row = spark.sql(f"DESCRIBE HISTORY delta.`{path}` LIMIT 1").collect()[0]
    return int(row["version"])


def spark_snapshots(spark, path) -> dict[int, pa.Table]:
    """Every version of a Delta table as Spark reads it: {version: table}."""
    latest = spark_latest_version(spark, path)
    return {v: spark_read(spark, path, version=v) for v in range(latest + 1)}

# --------------------------------------------------------------------------------------------
# deltalake (delta-rs)
# --------------------------------------------------------------------------------------------

def deltalake_read(path, version: int | None = None) -> pa.Table:
    from deltalake import DeltaTable

    dt = DeltaTable(str(path), version=version) if version is not None else DeltaTable(str(path))
    return dt.to_pyarrow_table()


# --------------------------------------------------------------------------------------------
# tarn CLI
# --------------------------------------------------------------------------------------------

class TarnError(AssertionError):
    def __init__(self, cmd: Sequence[str], returncode: int, stdout: str, stderr: str):
        self.cmd, self.returncode, self.stdout, self.stderr = list(cmd), returncode, stdout, stderr
        super().__init__(
            f"tarn failed (exit {returncode}): {shlex.join(self.cmd)}\n"
            f"--- stderr ---\n{stderr.strip()}\n--- stdout ---\n{stdout.strip()[:4000]}")


class Tarn:
    """Thin wrapper over the tarn CLI contract (see test/interop/README or the suite brief)."""

    def __init__(self, binary: Path, scratch: Path):
        self.binary = Path(binary)
        self.scratch = Path(scratch)
        self.scratch.mkdir(parents=True, exist_ok=True)

    # -- process plumbing ---------------------------------------------------------------------
    def run(self, *args: Any, check: bool = True, timeout: float | None = None,
            env: Mapping[str, str] | None = None) -> subprocess.CompletedProcess:
        cmd = [str(self.binary), *[str(a) for a in args]]
        proc = subprocess.run(cmd, capture_output=True, text=True,
                              timeout=timeout or CMD_TIMEOUT,
                              env={**os.environ, **(env or {})})
        if check and proc.returncode != 0:
            raise TarnError(cmd, proc.returncode, proc.stdout, proc.stderr)
        return proc

    def __call__(self, *args: Any, **kw) -> str:
        """Runs ``tarn ARGS``; returns stdout, raises TarnError (with stderr) on failure."""
        return self.run(*args, **kw).stdout

    def tmpfile(self, suffix: str) -> Path:
        return self.scratch / f"{uuid.uuid4().hex}{suffix}"

    # -- commands -----------------------------------------------------------------------------
    def write_args(self, path, data, *, mode: str | None = None,
                   partition_by: Sequence[str] | None = None, merge_schema: bool = False,
                   replace_where: str | None = None, txn: tuple[str, int] | None = None,
                   properties: Mapping[str, str] | None = None) -> list[str]:
        if isinstance(data, pa.Table):
            src = self.tmpfile(".parquet")
            pq.write_table(data, src)
        else:
            src = Path(data)
        args = ["delta", "write", str(path), "--from", str(src)]
        if mode:
            args += ["--mode", mode]
        if partition_by:
            args += ["--partition-by", ",".join(partition_by)]
        if merge_schema:
            args += ["--merge-schema"]
        if replace_where is not None:
            args += ["--replace-where", replace_where]
        if txn is not None:
            args += ["--txn-app-id", txn[0], "--txn-version", str(txn[1])]
        for key, value in (properties or {}).items():
            args += ["--property", f"{key}={value}"]
        return args

    def write(self, path, data, *, check: bool = True, **opts) -> subprocess.CompletedProcess:
        """``tarn delta write``; ``data`` is a pyarrow Table (sent as Parquet) or a file path."""
        return self.run(*self.write_args(path, data, **opts), check=check)

    def read_args(self, path, *, version=None, timestamp=None, columns=None, filter=None,
                  fmt="parquet", output=None) -> list[str]:
        args = ["delta", "read", str(path)]
        if version is not None:
            args += ["--version", str(version)]
        if timestamp is not None:
            args += ["--timestamp", str(timestamp)]
        if columns is not None:
            args += ["--columns", ",".join(columns)]
        if filter is not None:
            args += ["--filter", filter]
        args += ["--format", fmt]
        if output is not None:
            args += ["--output", str(output)]
        return args

    def read(self, path, **opts) -> pa.Table:
        """The table as tarn reads it, through ``--format parquet --output FILE``."""
        out = self.tmpfile(".parquet")
        self.run(*self.read_args(path, output=out, **opts))
        if not out.exists():
            raise AssertionError(f"tarn delta read did not create {out}")
        try:
            return pq.read_table(out)
        finally:
            out.unlink(missing_ok=True)

    def read_text(self, path, fmt: str, **opts) -> str:
        return self(*self.read_args(path, fmt=fmt, **opts))

    def history(self, path) -> list[dict]:
        out = self("delta", "history", str(path), "--format", "json")
        entries = [json.loads(line) for line in out.splitlines() if line.strip()]
        return sorted(entries, key=lambda e: e["version"])

    def describe(self, path) -> dict:
        return json.loads(self("delta", "describe", str(path), "--format", "json"))

    def version(self, path) -> int:
        return int(self.describe(path)["version"])

    def optimize(self, path, zorder_by: Sequence[str] | None = None) -> str:
        args = ["delta", "optimize", str(path)]
        if zorder_by:
            args += ["--zorder-by", ",".join(zorder_by)]
        return self(*args)

    def vacuum(self, path, retain_hours: float | None = None, dry_run=False, force=False,
               check=True) -> subprocess.CompletedProcess:
        args = ["delta", "vacuum", str(path)]
        if retain_hours is not None:
            args += ["--retain-hours", str(retain_hours)]
        if dry_run:
            args += ["--dry-run"]
        if force:
            args += ["--force"]
        return self.run(*args, check=check)

    def checkpoint(self, path) -> str:
        return self("delta", "checkpoint", str(path))

# --------------------------------------------------------------------------------------------
# Delta log helpers (reading files directly; no engine involved)
# --------------------------------------------------------------------------------------------

_COMMIT_RE = re.compile(r"^(\d{20})\.json$")


def delta_log_versions(path) -> list[int]:
    """Versions that have a commit file NNNNNNNNNNNNNNNNNNNN.json in _delta_log."""
    log = Path(path) / "_delta_log"
    return sorted(int(m.group(1)) for f in os.listdir(log) if (m := _COMMIT_RE.match(f)))


def delta_log_actions(path, version: int) -> list[dict]:
    """The actions of one commit (each line of NNN.json parsed; fails on a torn/partial file)."""
    file = Path(path) / "_delta_log" / f"{version:020d}.json"
    lines = file.read_text().splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def checkpoint_files(path) -> list[str]:
    return sorted(f for f in os.listdir(Path(path) / "_delta_log") if ".checkpoint." in f
                  and not f.startswith("."))


def data_files(path) -> list[str]:
    """Relative paths of all *.parquet data files under the table (not in _delta_log)."""
    root = Path(path)
    out = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = [d for d in dirnames if d != "_delta_log"]
        for f in filenames:
            if f.endswith(".parquet") and not f.startswith("."):
                out.append(os.path.relpath(os.path.join(dirpath, f), root))
    return sorted(out)


# --------------------------------------------------------------------------------------------
# Table comparison
# --------------------------------------------------------------------------------------------

def _normalize_tz(tz: str | None) -> str | None:
    if tz is None:
        return None
    if tz.upper() in ("UTC", "Z", "+00:00", "-00:00", "ETC/UTC", "GMT", "ETC/GMT", "ZULU"):
        return "UTC"
    return tz


def normalize_type(t: pa.DataType) -> pa.DataType:
    """Maps physically different but logically equal Arrow types onto one form: large/view
    string and binary variants, list field names (item/element), map entry names, dictionary
    encoding, UTC spellings, nested nullability flags."""
    if pa.types.is_dictionary(t):
        return normalize_type(t.value_type)
    if pa.types.is_string(t) or pa.types.is_large_string(t) or pa.types.is_string_view(t):
        return pa.string()
    if pa.types.is_binary(t) or pa.types.is_large_binary(t) or pa.types.is_binary_view(t):
        return pa.binary()
    if pa.types.is_timestamp(t):
        return pa.timestamp(t.unit, tz=_normalize_tz(t.tz))
    if pa.types.is_map(t):
        return pa.map_(normalize_type(t.key_type), normalize_type(t.item_type))
    if (pa.types.is_list(t) or pa.types.is_large_list(t) or pa.types.is_list_view(t)
            or pa.types.is_large_list_view(t)):
        return pa.list_(normalize_type(t.value_type))
    if pa.types.is_fixed_size_list(t):
        return pa.list_(normalize_type(t.value_type))
    if pa.types.is_struct(t):
        return pa.struct([pa.field(t.field(i).name, normalize_type(t.field(i).type))
                          for i in range(t.num_fields)])
    if pa.types.is_decimal(t):
        return pa.decimal128(t.precision, t.scale) if t.precision <= 38 else t
    return t


def schema_signature(schema: pa.Schema, nullability: bool = False) -> list[tuple]:
    sig = []
    for f in schema:
        item = (f.name, str(normalize_type(f.type)))
        if nullability:
            item += (f.nullable,)
        sig.append(item)
    return sig


class _Nan:
    def __repr__(self):
        return "NaN"


_NAN = _Nan()


def canonical_value(v: Any) -> Any:
    """A hashable, order-independent, exactly comparable form of a to_pylist() value."""
    if v is None:
        return None
    if isinstance(v, float):
        return _NAN if math.isnan(v) else v
    if isinstance(v, _dt.datetime):
        if v.tzinfo is not None:
            v = v.astimezone(_dt.timezone.utc).replace(tzinfo=None)
            return ("tz", v.isoformat())
        return ("ntz", v.isoformat())
    if isinstance(v, decimal.Decimal):
        return ("dec", str(v))
    if isinstance(v, dict):
        return ("struct",) + tuple((k, canonical_value(x)) for k, x in v.items())
    if isinstance(v, list):
        if v and all(isinstance(e, tuple) and len(e) == 2 for e in v):
            # map: list of (key, value) pairs; entry order is not significant
            return ("map",) + tuple(sorted(((canonical_value(k), canonical_value(x))
                                            for k, x in v), key=repr))
        return ("list",) + tuple(canonical_value(e) for e in v)
    if isinstance(v, tuple):
        return tuple(canonical_value(e) for e in v)
    return v


def canonical_rows(table: pa.Table, columns: Sequence[str] | None = None) -> list[tuple]:
    """Rows as canonical tuples, sorted (order-insensitive, total over every column type)."""
    columns = list(columns if columns is not None else table.column_names)
    data = {c: table.column(c).to_pylist() for c in columns}
    rows = [tuple(canonical_value(data[c][i]) for c in columns) for i in range(table.num_rows)]
    # Canonical values of one column share a type, so repr gives a deterministic total order.
    return sorted(rows, key=lambda r: tuple((x is None, repr(x)) for x in r))


def assert_tables_equal(actual: pa.Table, expected: pa.Table, *, label: str = "",
                        check_schema: bool = True, check_nullability: bool = False,
                        check_column_order: bool = True) -> None:
    """Order-insensitive equality of two Arrow tables; schema compared by normalized types."""
    prefix = f"[{label}] " if label else ""
    if check_schema:
        a_sig = schema_signature(actual.schema, check_nullability)
        e_sig = schema_signature(expected.schema, check_nullability)
        if not check_column_order:
            a_sig, e_sig = sorted(a_sig), sorted(e_sig)
        assert a_sig == e_sig, (f"{prefix}schema differs\n  actual:   {a_sig}\n"
                                f"  expected: {e_sig}")
    else:
        assert sorted(actual.column_names) == sorted(expected.column_names), (
            f"{prefix}columns differ: {actual.column_names} vs {expected.column_names}")
    columns = expected.column_names
    a_rows = canonical_rows(actual, columns)
    e_rows = canonical_rows(expected, columns)
    if a_rows == e_rows:
        return
    a_count, e_count = collections.Counter(a_rows), collections.Counter(e_rows)
    missing = list((e_count - a_count).elements())
    extra = list((a_count - e_count).elements())
    lines = [f"{prefix}rows differ: actual {len(a_rows)} rows, expected {len(e_rows)} rows; "
             f"{len(missing)} missing, {len(extra)} unexpected (columns {columns})"]
    for r in missing[:8]:
        lines.append(f"  missing:    {r}")
    for r in extra[:8]:
        lines.append(f"  unexpected: {r}")
    raise AssertionError("\n".join(lines))


def check_all(checks: Iterable[tuple[str, Any]]) -> None:
    """Runs (label, thunk) checks, collecting every failure before asserting (so one run shows
    all broken versions instead of the first)."""
    failures = []
    for label, thunk in checks:
        try:
            thunk()
        except Exception as exc:  # noqa: BLE001
            failures.append(f"--- {label}: {exc}")
    if failures:
        raise AssertionError(f"{len(failures)} check(s) failed:\n" + "\n".join(failures))


def concat_tables(tables: Sequence[pa.Table], schema: pa.Schema | None = None) -> pa.Table:
    """Concatenates tables (promoting missing columns to null) into one expected snapshot."""
    tables = [t for t in tables if t is not None]
    if schema is None:
        return pa.concat_tables(tables, promote_options="default")
    out = []
    for t in tables:
        cols = []
        for f in schema:
            if f.name in t.column_names:
                cols.append(t.column(f.name).cast(f.type))
            else:
                cols.append(pa.nulls(t.num_rows, f.type))
        out.append(pa.Table.from_arrays(cols, schema=schema))
    return pa.concat_tables(out) if out else schema.empty_table()


def strip_field_metadata(schema_json: Mapping) -> Any:
    """A Delta/Spark schema JSON with field metadata removed (column mapping ids etc.) and
    nullability kept; for comparing schemas written by different engines."""
    if isinstance(schema_json, str):
        return schema_json
    t = schema_json.get("type")
    if t == "struct":
        return {"type": "struct", "fields": [
            {"name": f["name"], "type": strip_field_metadata(f["type"]),
             "nullable": f.get("nullable", True)} for f in schema_json["fields"]]}
    if t == "array":
        return {"type": "array", "elementType": strip_field_metadata(schema_json["elementType"]),
                "containsNull": schema_json.get("containsNull", True)}
    if t == "map":
        return {"type": "map", "keyType": strip_field_metadata(schema_json["keyType"]),
                "valueType": strip_field_metadata(schema_json["valueType"]),
                "valueContainsNull": schema_json.get("valueContainsNull", True)}
    return schema_json
