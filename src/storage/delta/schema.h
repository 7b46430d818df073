// Delta schemas (the JSON "schemaString" of metaData) and their Arrow form.
// The Delta JSON is the source of truth: it carries field metadata (column mapping ids and
// physical names, comments, constraints) that Arrow schemas only need at the Parquet boundary.
#pragma once

#include <memory>
#include <string>

#include <arrow/result.h>
#include <arrow/type_fwd.h>
#include <nlohmann/json.hpp>

namespace tarn::delta {

enum class ColumnMappingMode { kNone, kName, kId };

arrow::Result<ColumnMappingMode> ParseColumnMappingMode(const std::string& value);

// Which names the Arrow schema uses.
enum class FieldNames {
  kLogical,   // the names users see
  kPhysical,  // the names in Parquet files (column mapping), with PARQUET:field_id metadata
};

// Delta schema JSON -> Arrow schema. Timestamps are microseconds ("timestamp" in UTC,
// "timestamp_ntz" without zone), decimals are decimal128.
arrow::Result<std::shared_ptr<arrow::Schema>> DeltaSchemaToArrow(const nlohmann::json& schema,
                                                                 FieldNames names);
arrow::Result<std::shared_ptr<arrow::DataType>> DeltaTypeToArrow(const nlohmann::json& type,
                                                                 FieldNames names);

// Arrow schema -> Delta schema JSON. Arrow types without a Delta equivalent are refused with
// DELTA_UNSUPPORTED_DATA_TYPE unless they widen losslessly (uint8 -> short, large_string -> string).
arrow::Result<nlohmann::json> ArrowSchemaToDelta(const arrow::Schema& schema);
arrow::Result<nlohmann::json> ArrowTypeToDelta(const arrow::DataType& type);

// The Arrow type a column of `type` is stored as after normalisation (the inverse of
// ArrowTypeToDelta): used to cast incoming data before it is written.
arrow::Result<std::shared_ptr<arrow::DataType>> NormalizedArrowType(const arrow::DataType& type);

// Schema evolution: `table` plus the columns and nested struct fields of `incoming` that it lacks.
// Differing types of an existing column fail with DELTA_FAILED_TO_MERGE_FIELDS.
arrow::Result<nlohmann::json> MergeSchemas(const nlohmann::json& table, const nlohmann::json& incoming);

// Schema enforcement: every incoming column must exist in the table with the same type (nested
// fields likewise); table columns absent from the input are written as nulls if nullable.
arrow::Status CheckWriteCompatible(const nlohmann::json& table, const nlohmann::json& incoming);

// Assigns column-mapping ids and physical names to fields that lack them. `max_column_id` is the
// table's delta.columnMapping.maxColumnId; it is advanced past every id handed out.
nlohmann::json AssignColumnMapping(const nlohmann::json& schema, int64_t* max_column_id);

// Field lookup by logical name, case-insensitively as Spark resolves names. Null if absent.
const nlohmann::json* FindField(const nlohmann::json& struct_type, const std::string& name);

// Column names compare case-insensitively, as Spark resolves them: the folded form.
std::string LowerCaseName(std::string name);

// The physical name of a top-level field: delta.columnMapping.physicalName, else its name.
std::string PhysicalName(const nlohmann::json& field);

}  // namespace tarn::delta
