// The kinds of tables the executor scans: Delta tables (a snapshot), Parquet files, and Arrow
// tables held in memory. The physical planner turns each into a source of record batches.
#pragma once

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <arrow/result.h>
#include <arrow/type_fwd.h>

#include "sql/plan/table_source.h"
#include "storage/delta/snapshot.h"
#include "storage/delta/table_statistics.h"

namespace tarn::exec {

class DeltaTableSource : public sql::TableSource {
 public:
  // `timestamp` is text such as '2024-05-01 12:00:00' (UTC) or a date.
  static arrow::Result<std::shared_ptr<DeltaTableSource>> Open(const std::string& path,
                                                               std::optional<int64_t> version,
                                                               std::optional<std::string> timestamp);
  const std::shared_ptr<arrow::Schema>& schema() const override { return snapshot_->arrow_schema(); }
  std::string Describe() const override;
  std::optional<int64_t> estimated_rows() const override;
  std::optional<int64_t> estimated_distinct(const std::string& column) const override;
  const std::shared_ptr<const delta::Snapshot>& snapshot() const { return snapshot_; }
  const std::string& path() const { return path_; }

 private:
  const delta::TableStatistics& statistics() const;

  std::string path_;
  std::shared_ptr<const delta::Snapshot> snapshot_;
  // Summed from the file statistics on first use by the planner, once.
  mutable std::once_flag statistics_once_;
  mutable delta::TableStatistics statistics_;
};

// One Parquet file, or every *.parquet file under a directory (recursively, sorted).
class ParquetTableSource : public sql::TableSource {
 public:
  static arrow::Result<std::shared_ptr<ParquetTableSource>> Open(const std::string& path);
  const std::shared_ptr<arrow::Schema>& schema() const override { return schema_; }
  std::string Describe() const override { return "parquet.`" + path_ + "`"; }
  std::optional<int64_t> estimated_rows() const override { return rows_; }
  const std::vector<std::string>& files() const { return files_; }
  // The named columns of every file, decoded on all cores.
  arrow::Result<std::shared_ptr<arrow::Table>> Read(const std::vector<std::string>& columns) const;

 private:
  std::string path_;
  std::vector<std::string> files_;
  std::shared_ptr<arrow::Schema> schema_;
  int64_t rows_ = 0;
};

class InMemoryTableSource : public sql::TableSource {
 public:
  InMemoryTableSource(std::string name, std::shared_ptr<arrow::Table> table);
  const std::shared_ptr<arrow::Schema>& schema() const override { return schema_; }
  std::string Describe() const override { return "memory `" + name_ + "`"; }
  std::optional<int64_t> estimated_rows() const override;
  const std::shared_ptr<arrow::Table>& table() const { return table_; }

 private:
  std::string name_;
  std::shared_ptr<arrow::Table> table_;
  std::shared_ptr<arrow::Schema> schema_;
};

}  // namespace tarn::exec
