// Spark's names for the Arrow types tarn uses: parsing Spark SQL type names (CAST targets, DDL
// schemas) and printing Spark's `simpleString`.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include <arrow/result.h>
#include <arrow/type_fwd.h>

namespace tarn::sql {

using TypePtr = std::shared_ptr<arrow::DataType>;

// Parses a Spark SQL type name, case-insensitively: boolean, tinyint/byte, smallint/short,
// int/integer, bigint/long, float/real, double, decimal/dec/numeric[(p[,s])] (default
// decimal(10,0)), string, varchar(n)/char(n) (as string), binary, date, timestamp (UTC),
// timestamp_ltz, timestamp_ntz, array<T>, map<K,V>, struct<a: T, b T [NOT NULL] [COMMENT '..']>,
// interval year [to month] (month_interval), interval day/hour/minute/second [to ..]
// (duration(us)), interval (month_day_nano), void (null).
// Errors: PARSE_SYNTAX_ERROR, UNSUPPORTED_DATATYPE, DATATYPE_MISSING_SIZE,
// DECIMAL_PRECISION_EXCEEDS_MAX_PRECISION.
arrow::Result<TypePtr> ParseDataType(std::string_view text);

// Parses one type name starting at byte `*offset` of `sql` and moves `*offset` past it; what
// follows is left alone. Error positions are reported relative to all of `sql`. The SQL parser
// uses this for CAST(x AS type) and x::type.
arrow::Result<TypePtr> ParseDataTypeAt(std::string_view sql, size_t* offset);

// e.g. "int", "bigint", "decimal(10,2)", "string", "array<int>", "struct<a:int,b:string>",
// "timestamp" (with time zone), "timestamp_ntz".
std::string SparkTypeName(const arrow::DataType& type);

// The form Spark uses in SQL text (`DataType.sql`), e.g. "INT", "DECIMAL(10,2)",
// "ARRAY<INT>", "STRUCT<a: INT>": what CAST(x AS INT) shows as a column name.
std::string SparkTypeSql(const arrow::DataType& type);

// The index of the field named `name` as Spark resolves column names (ASCII case-insensitive),
// or -1.
int FieldIndexIgnoringCase(const arrow::Schema& schema, std::string_view name);

}  // namespace tarn::sql
