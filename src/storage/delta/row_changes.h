// Row-level changes to a Delta table (DELETE / UPDATE / MERGE) committed as one version: rows
// removed from existing data files by their position, new rows added, and the change data feed
// written alongside when the table asks for it. The query engine decides *which* rows change;
// this layer decides *how* (deletion vectors or rewriting the files) and makes it atomic.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <arrow/result.h>
#include <arrow/type_fwd.h>
#include <nlohmann/json.hpp>

#include "storage/delta/actions.h"
#include "storage/delta/predicate.h"
#include "storage/delta/snapshot.h"

namespace tarn::delta {

// Extra scan columns (ScanOptions::with_row_address) that address each row: the index of its
// file in TableScan::files() and its position in that Parquet file, counted over all physical
// rows (before any deletion vector), as deletion vectors count them.
inline constexpr char kFileIndexColumn[] = "__tarn_file_index";  // int32
inline constexpr char kRowIndexColumn[] = "__tarn_row_index";    // int64

// Rows leaving one data file of the read snapshot.
struct FileRowDeletion {
  AddFile file;                // as listed by the snapshot the changes were computed from
  std::vector<int64_t> rows;   // physical row positions, ascending, no duplicates
  bool whole_file = false;     // every remaining row of the file leaves (`rows` is ignored)
};

struct RowChanges {
  std::vector<FileRowDeletion> deletions;
  // Rows to add (updated rows and inserts), in the table's logical schema (or in `evolved_schema`).
  std::shared_ptr<arrow::Table> new_rows;
  // Change data feed rows: the logical columns plus `_change_type` (string: "delete", "insert",
  // "update_preimage", "update_postimage"). Written as cdc files only when the table sets
  // delta.enableChangeDataFeed=true; ignored otherwise.
  std::shared_ptr<arrow::Table> change_data;
  // MERGE WITH SCHEMA EVOLUTION: the table's schema with the new columns appended (same rules
  // as WriteOptions::merge_schema); null keeps the schema.
  std::shared_ptr<arrow::Schema> evolved_schema;
  std::string operation;                                       // "DELETE", "UPDATE", "MERGE"
  nlohmann::json operation_parameters = nlohmann::json::object();
  nlohmann::json operation_metrics = nlohmann::json::object();  // values as strings, as Delta does
  int64_t target_file_bytes = 128LL * 1024 * 1024;
  // What the caller read to compute the changes, for conflict detection: files added by a
  // concurrent (non-blind-append) commit that the predicate may select, or any file when
  // read_whole_table, fail the commit with DELTA_CONCURRENT_APPEND. The files of `deletions`
  // are always recorded as read.
  PredicatePtr read_predicate;
  bool read_whole_table = false;
};

struct RowChangesResult {
  int64_t version = -1;  // -1 when there was nothing to commit
  int64_t files_removed = 0;
  int64_t files_added = 0;
  int64_t deletion_vectors_added = 0;
  int64_t rows_deleted = 0;  // rows removed from existing files
  int64_t rows_copied = 0;   // unchanged rows rewritten (copy-on-write)
  int64_t rows_added = 0;
  int commit_attempts = 0;
};

// Groups the row addresses of a scan made with ScanOptions::with_row_address (the two columns
// above, any other columns ignored) into per-file deletions. `files` is TableScan::files().
arrow::Result<std::vector<FileRowDeletion>> DeletionsFromRowAddresses(const arrow::Table& addressed_rows,
                                                                      const std::vector<AddFile>& files);

}  // namespace tarn::delta
