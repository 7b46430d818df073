// Prints Arrow tables for people (a boxed grid, like Spark's show()) and for programs
// (CSV, JSON lines, Parquet).
#pragma once

#include <memory>
#include <ostream>
#include <string>

#include <arrow/result.h>
#include <arrow/type_fwd.h>
#include <nlohmann/json.hpp>

namespace tarn::cli {

enum class OutputFormat { kTable, kCsv, kJson, kParquet };

arrow::Result<OutputFormat> ParseOutputFormat(const std::string& name);

// Writes `table` in `format` to `out` (Parquet needs `output_path`).
arrow::Status WriteTable(const arrow::Table& table, OutputFormat format, std::ostream& out,
                         const std::string& output_path = "", int64_t max_rows = -1);

// One cell as JSON (dates and timestamps as ISO text, decimals as numbers).
nlohmann::json CellToJson(const arrow::Array& array, int64_t row);

// Prints rows of key/value pairs as an aligned grid.
void PrintGrid(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows,
               std::ostream& out);

}  // namespace tarn::cli
