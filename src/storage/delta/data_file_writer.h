// Writes rows as Parquet data files of a table: split by partition values into Hive-style
// folders, columns renamed to their physical names, statistics computed for each file.
// The files become part of the table only when a transaction commits their add actions.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <arrow/result.h>
#include <arrow/type_fwd.h>
#include <nlohmann/json.hpp>

#include "storage/delta/actions.h"
#include "storage/delta/schema.h"
#include "storage/delta/table_storage.h"

namespace tarn::delta {

struct DataFileLayout {
  nlohmann::json schema;                       // Delta schema of the table
  std::vector<std::string> partition_columns;  // logical names
  ColumnMappingMode column_mapping = ColumnMappingMode::kNone;
  int num_indexed_cols = 32;
  int64_t max_rows_per_file = 4 * 1024 * 1024;
  int64_t target_file_bytes = 128LL * 1024 * 1024;
  std::string directory;  // under the table root, ending in '/': "" for data, "_change_data/" for CDC
  std::string file_prefix = "part";
};

// `data` must have exactly the table's logical schema (see ConformToTableSchema).
// Returns one add action per file written (dataChange as given).
arrow::Result<std::vector<AddFile>> WriteDataFiles(TableStorage& storage, const DataFileLayout& layout,
                                                   const std::shared_ptr<arrow::Table>& data,
                                                   bool data_change);

// Casts and reorders `data` into the table's logical Arrow schema: columns matched by name
// case-insensitively, missing nullable columns filled with nulls, and NOT NULL enforced
// (DELTA_NOT_NULL_CONSTRAINT_VIOLATED).
arrow::Result<std::shared_ptr<arrow::Table>> ConformToTableSchema(const std::shared_ptr<arrow::Table>& data,
                                                                  const nlohmann::json& table_schema);

}  // namespace tarn::delta
