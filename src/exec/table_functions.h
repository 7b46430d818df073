// Table-valued functions of FROM: range(...), read_files(...), table_changes(...).
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include <arrow/result.h>

#include "sql/analyzer/analyzer.h"
#include "sql/functions/function_registry.h"

namespace tarn::exec {

class SessionCatalog;

struct TableFunctionContext {
  const sql::SparkFunctionRegistry& functions;
  sql::BindContext bind;
  SessionCatalog& catalog;
  bool with_metadata_column = false;  // the statement names `_metadata` (file sources add it)
};

// Errors: UNRESOLVABLE_TABLE_VALUED_FUNCTION for an unknown name, the function's own otherwise.
arrow::Result<std::shared_ptr<const sql::TableSource>> CallTableFunction(
    const TableFunctionContext& ctx, const std::string& name,
    const std::vector<sql::RelationResolver::FunctionArgument>& arguments);

// Files read as a table. With `defaults_of_read_files`, Databricks' read_files defaults apply
// (header and column type inference on for CSV, `_rescued_data`); without, Spark's
// DataFrameReader defaults (csv.`path`: no header, string columns). `with_metadata_column` adds
// the hidden `_metadata` struct (file_path, file_name, file_size, ..., file_modification_time).
arrow::Result<std::shared_ptr<const sql::TableSource>> ReadFilesSource(
    const std::string& path, const std::string& format, const std::map<std::string, std::string>& options,
    bool defaults_of_read_files, bool with_metadata_column = false);

}  // namespace tarn::exec
