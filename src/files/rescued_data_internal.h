// The rescued-data column: per row, the fields that could not be read into the schema, as a
// JSON object {"column": "original text", ..., "_file_path": "..."} (Databricks' format).
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include <arrow/result.h>
#include <arrow/type_fwd.h>

#include "files/format_reader_internal.h"

namespace tarn::files {

class RescuedData {
 public:
  explicit RescuedData(size_t rows) : entries_(rows) {}

  void Add(size_t row, std::string key, std::string value) {
    entries_[row].emplace_back(std::move(key), std::move(value));
    failed_rows_.push_back(row);
  }
  // Number of Add calls so far, and the rows of the calls after the first `since`.
  size_t failures() const { return failed_rows_.size(); }
  std::vector<size_t> rows_failed_since(size_t since) const {
    return {failed_rows_.begin() + static_cast<std::ptrdiff_t>(since), failed_rows_.end()};
  }
  const std::string& last_value(size_t row) const { return entries_[row].back().second; }
  bool has(size_t row) const { return !entries_[row].empty(); }
  // The JSON text of `row`; the row must have entries.
  std::string ToJson(size_t row, const std::string& file_path) const;
  // Raw JSON values (not strings) are kept as JSON, e.g. from JSON records.
  void AddJson(size_t row, std::string key, std::string json_text) {
    json_keys_.emplace_back(row, entries_[row].size());
    Add(row, std::move(key), std::move(json_text));
  }

 private:
  std::vector<std::vector<std::pair<std::string, std::string>>> entries_;
  std::vector<std::pair<size_t, size_t>> json_keys_;  // (row, entry index) holding raw JSON
  std::vector<size_t> failed_rows_;
};

// Assembles one file's rows: data columns, the rescued-data column when `rescue_column` is not
// empty, malformed rows dropped under DROPMALFORMED (they are rescued under PERMISSIVE).
arrow::Result<FileRows> FinishRows(const arrow::Schema& data_schema, arrow::ArrayVector columns,
                                   const RescuedData& rescued, const std::vector<bool>& malformed,
                                   const InputFile& file, const std::string& rescue_column,
                                   const ReaderSettings& settings);

}  // namespace tarn::files
