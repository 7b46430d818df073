// Something a resolved kRelation scans. The analyzer only needs its schema; the executor knows
// the concrete kinds (a Delta snapshot, Parquet files, an in-memory table) and reads them.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include <arrow/type_fwd.h>

namespace tarn::sql {

class TableSource {
 public:
  virtual ~TableSource() = default;
  // Columns in the table's logical order and names.
  virtual const std::shared_ptr<arrow::Schema>& schema() const = 0;
  // For EXPLAIN, e.g. "delta.`/data/t` version 3".
  virtual std::string Describe() const = 0;
  // Row count if known cheaply (e.g. from Delta file statistics), for join planning.
  virtual std::optional<int64_t> estimated_rows() const { return std::nullopt; }
  // At most how many distinct values `column` holds, if known cheaply; for join planning.
  virtual std::optional<int64_t> estimated_distinct(const std::string& /*column*/) const { return std::nullopt; }
};

}  // namespace tarn::sql
