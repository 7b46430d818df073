// Loads a CSV, JSON-lines or Parquet file into an Arrow table for `tarn delta write`.
#pragma once

#include <memory>
#include <string>

#include <arrow/result.h>
#include <arrow/type_fwd.h>

namespace tarn::cli {

// The format is taken from the extension (.csv, .json/.jsonl/.ndjson, .parquet).
// CSV files have a header row; column types are inferred.
// When `target` is given (appending to an existing table), CSV and JSON columns that the
// target has are parsed as the target's types, as COPY INTO reads files with the table schema.
arrow::Result<std::shared_ptr<arrow::Table>> LoadTableFile(
    const std::string& path, const std::shared_ptr<arrow::Schema>& target = nullptr);

}  // namespace tarn::cli
