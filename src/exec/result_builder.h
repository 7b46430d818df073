// Builds the small result tables of commands (SHOW, DESCRIBE, metrics of DML) row by row.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include <arrow/api.h>

namespace tarn::exec {

class ResultBuilder {
 public:
  // A cell: null, text, integer, boolean, timestamp (microseconds, UTC) or a string map.
  struct Timestamp {
    int64_t micros;
  };
  using StringMap = std::map<std::string, std::string>;
  using StringList = std::vector<std::string>;
  using Cell = std::variant<std::monostate, std::string, int64_t, bool, Timestamp, StringMap, StringList>;

  // Column types: arrow::utf8(), arrow::int64(), arrow::boolean(), timestamp(us, UTC) or
  // map<utf8, utf8> or list<utf8>.
  explicit ResultBuilder(std::vector<std::shared_ptr<arrow::Field>> fields) : fields_(std::move(fields)) {}

  void AddRow(std::vector<Cell> row) { rows_.push_back(std::move(row)); }
  size_t num_rows() const { return rows_.size(); }
  arrow::Result<std::shared_ptr<arrow::Table>> Finish() const;

 private:
  std::vector<std::shared_ptr<arrow::Field>> fields_;
  std::vector<std::vector<Cell>> rows_;
};

// A result of string columns, all non-null.
arrow::Result<std::shared_ptr<arrow::Table>> StringResult(const std::vector<std::string>& names,
                                                          const std::vector<std::vector<std::string>>& rows);

// A time as DESCRIBE prints it (Java's Date.toString in UTC): "Sat Feb 12 09:29:02 UTC 2022".
std::string DescribeTimeText(int64_t millis);

}  // namespace tarn::exec
