"""One text form for SQL results, shared by the expected-result generator (pyspark values) and the
runner (tarn's Arrow results), so both sides print a value the same way."""
import datetime
import decimal

import pyarrow as pa


def spark_type_name(t: pa.DataType) -> str:
    """Spark's simpleString for an Arrow type."""
    if pa.types.is_boolean(t): return "boolean"
    if pa.types.is_int8(t): return "tinyint"
    if pa.types.is_int16(t): return "smallint"
    if pa.types.is_int32(t): return "int"
    if pa.types.is_int64(t): return "bigint"
    if pa.types.is_float32(t): return "float"
    if pa.types.is_float64(t): return "double"
    if pa.types.is_decimal(t): return f"decimal({t.precision},{t.scale})"
    if pa.types.is_string(t) or pa.types.is_large_string(t): return "string"
    if pa.types.is_binary(t): return "binary"
    if pa.types.is_date32(t): return "date"
    if pa.types.is_timestamp(t): return "timestamp" if t.tz else "timestamp_ntz"
    if pa.types.is_null(t): return "void"
    if pa.types.is_list(t): return f"array<{spark_type_name(t.value_type)}>"
    if pa.types.is_map(t): return f"map<{spark_type_name(t.key_type)},{spark_type_name(t.item_type)}>"
    if pa.types.is_struct(t):
        return "struct<" + ",".join(f"{f.name}:{spark_type_name(f.type)}" for f in t) + ">"
    return str(t)


def format_row(values, types):
    return "\t".join(format_value(v, t) for v, t in zip(values, types))


def format_value(v, type_name: str = "") -> str:
    if v is None: return "NULL"
    if type_name.startswith("map<"):
        items = v.items() if isinstance(v, dict) else v
        return "{" + ", ".join(f"{format_value(k)} -> {format_value(x)}" for k, x in items) + "}"
    if isinstance(v, bool): return "true" if v else "false"
    if isinstance(v, float):
        if v != v: return "NaN"
        if v in (float("inf"), float("-inf")): return "Infinity" if v > 0 else "-Infinity"
        return repr(v)
    if isinstance(v, decimal.Decimal): return str(v)
    if isinstance(v, datetime.datetime):
        if v.tzinfo is not None:
            v = v.astimezone(datetime.timezone.utc).replace(tzinfo=None)
        text = v.strftime("%Y-%m-%d %H:%M:%S")
        return text + (f".{v.microsecond:06d}".rstrip("0") if v.microsecond else "")
    if isinstance(v, datetime.date): return v.isoformat()
    if isinstance(v, (bytes, bytearray)): return "0x" + bytes(v).hex()
    if isinstance(v, str): return v.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")
    if isinstance(v, dict):  # an Arrow struct, or a map from pyspark
        return "{" + ", ".join(format_value(x) for x in v.values()) + "}"
    if isinstance(v, (list, tuple)):
        if hasattr(v, "__fields__"):  # a pyspark Row (struct)
            return "{" + ", ".join(format_value(x) for x in v) + "}"
        return "[" + ", ".join(format_value(x) for x in v) + "]"
    return str(v)


def parse_float(text: str):
    try:
        return float(text)
    except ValueError:
        return None


def same_cell(got: str, want: str) -> bool:
    if got == want:
        return True
    a, b = parse_float(got), parse_float(want)
    if a is None or b is None or "." not in want and "e" not in want.lower():
        return False
    return abs(a - b) <= 1e-9 * max(abs(a), abs(b), 1e-300)
