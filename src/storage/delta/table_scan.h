// Reading a snapshot's rows: data skipping picks the files, each file is read with only the
// needed columns, deletion vectors drop deleted rows, partition values become columns, and
// column mapping / type widening / schema evolution are resolved to the table's logical schema.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <arrow/result.h>
#include <arrow/type_fwd.h>

#include "storage/delta/actions.h"
#include "storage/delta/predicate.h"
#include "storage/delta/snapshot.h"

namespace tarn::delta {

struct ScanOptions {
  std::vector<std::string> columns;  // logical names; empty = all columns
  PredicatePtr filter;               // rows for which it is true; null = all rows
  int parallelism = 0;               // files read at once; 0 = number of cores
  bool with_row_address = false;     // add kFileIndexColumn and kRowIndexColumn (row_changes.h)
};

struct ScanMetrics {
  int64_t files_total = 0;
  int64_t files_scanned = 0;  // after partition pruning and statistics skipping
  int64_t rows_read = 0;
};

// Thread safety: stateless apart from the snapshot, which is immutable.
class TableScan {
 public:
  static arrow::Result<TableScan> Make(std::shared_ptr<const Snapshot> snapshot, ScanOptions options);

  const std::vector<AddFile>& files() const { return files_; }
  const std::shared_ptr<arrow::Schema>& schema() const { return output_schema_; }

  // The matching rows of files()[index], in schema(). Thread-safe: callers stream the files
  // (e.g. several at once) instead of materialising the whole table.
  arrow::Result<std::shared_ptr<arrow::Table>> ReadMatching(size_t index) const;

  // All matching rows (files in parallel).
  arrow::Result<std::shared_ptr<arrow::Table>> ToTable(ScanMetrics* metrics = nullptr) const;

  // The rows of one data file in the table's logical schema (all columns), deletion vector
  // applied, no filter. Used by OPTIMIZE, DELETE-style rewrites and the scan itself.
  static arrow::Result<std::shared_ptr<arrow::Table>> ReadFile(const Snapshot& snapshot,
                                                               const AddFile& file,
                                                               const std::vector<std::string>& columns = {});

 private:
  TableScan() = default;
  std::shared_ptr<const Snapshot> snapshot_;
  ScanOptions options_;
  std::vector<AddFile> files_;
  std::vector<std::string> read_columns_;  // columns the filter and output need
  std::shared_ptr<arrow::Schema> output_schema_;
};

// Turns a possibly relative, URI-encoded path of an add/remove action into a filesystem path.
std::string ResolveDataPath(const std::string& table_root, const std::string& action_path);

}  // namespace tarn::delta
