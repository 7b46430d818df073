// The public face of the Delta engine: open a table by location, read snapshots, write,
// and maintain it. Each mutating call is one atomic commit.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <arrow/result.h>
#include <arrow/type_fwd.h>
#include <nlohmann/json.hpp>

#include "storage/delta/actions.h"
#include "storage/delta/predicate.h"
#include "storage/delta/row_changes.h"
#include "storage/delta/schema_change.h"
#include "storage/delta/snapshot.h"
#include "storage/delta/table_storage.h"

namespace tarn::delta {

enum class WriteMode { kAppend, kOverwrite, kErrorIfExists, kIgnore };

struct WriteOptions {
  WriteMode mode = WriteMode::kAppend;
  std::vector<std::string> partition_by;  // used when the write creates the table
  bool merge_schema = false;              // add new columns / nested fields
  bool overwrite_schema = false;          // with kOverwrite: replace schema and partitioning
  PredicatePtr replace_where;             // with kOverwrite: replace only the rows it selects
  std::optional<std::string> txn_app_id;  // idempotent writes: skip when the table has seen
  std::optional<int64_t> txn_version;     // this (app id, version) or a newer one
  // More (app id, version) pairs recorded in the same commit, e.g. the files COPY INTO loaded;
  // a concurrent commit recording one of them makes this one conflict.
  std::vector<std::pair<std::string, int64_t>> app_transactions;
  StringMap properties;                   // table properties when creating
  std::optional<std::string> description;
  int64_t target_file_bytes = 128LL * 1024 * 1024;
  // When the write creates (or replaces) the table: liquid clustering by these columns.
  std::vector<std::string> cluster_by;
  // commitInfo operation of a write that creates or replaces the table, as Delta names the
  // statement ("CREATE TABLE", "CREATE OR REPLACE TABLE AS SELECT", ...); empty: "CREATE TABLE
  // AS SELECT" for a new table, "WRITE" otherwise.
  std::string operation;
  bool managed = false;  // operationParameters.isManaged of a create
};

struct WriteResult {
  int64_t version = -1;  // -1 when nothing was committed (ignore mode, replayed txn)
  bool skipped = false;
  int64_t files_added = 0;
  int64_t files_removed = 0;
  int64_t rows_written = 0;
  int commit_attempts = 0;
};

struct OptimizeOptions {
  std::vector<std::string> zorder_by;
  PredicatePtr where;  // partition predicate limiting what is compacted
  int64_t target_file_bytes = 128LL * 1024 * 1024;
  int64_t max_rows_per_file = 0;  // 0 = from target size
};

struct OptimizeResult {
  int64_t version = -1;
  int64_t files_removed = 0;
  int64_t files_added = 0;
  int64_t partitions_optimized = 0;
};

struct VacuumOptions {
  std::optional<double> retain_hours;  // default: delta.deletedFileRetentionDuration (7 days)
  bool dry_run = false;
  bool force = false;                  // allow a retention shorter than the table's
};

struct VacuumResult {
  std::vector<std::string> files;  // deleted (or, on a dry run, to be deleted)
  int64_t bytes = 0;
};

// Spark's RESTORE result columns.
struct RestoreResult {
  int64_t version = -1;  // the new version
  int64_t table_size_after_restore = 0;
  int64_t num_of_files_after_restore = 0;
  int64_t num_removed_files = 0;
  int64_t num_restored_files = 0;
  int64_t removed_files_size = 0;
  int64_t restored_files_size = 0;
};

// Thread safety: a DeltaTable may be shared; every call reads the log afresh.
class DeltaTable {
 public:
  static arrow::Result<DeltaTable> Open(const std::string& location);
  // Over any storage, e.g. a fault-injecting one in tests.
  static DeltaTable OnStorage(std::shared_ptr<TableStorage> storage) { return DeltaTable(std::move(storage)); }

  const std::string& root() const { return storage_->root(); }
  const std::shared_ptr<TableStorage>& storage() const { return storage_; }

  bool Exists() const;
  arrow::Result<std::shared_ptr<const Snapshot>> LoadSnapshot(std::optional<int64_t> version = {}) const;
  arrow::Result<std::shared_ptr<const Snapshot>> LoadSnapshotAsOf(int64_t timestamp_ms) const;

  arrow::Result<WriteResult> Write(const std::shared_ptr<arrow::Table>& data, const WriteOptions& options) const;
  // Deletes the rows matching `where` (all rows when null) by rewriting the files holding them.
  arrow::Result<WriteResult> Delete(PredicatePtr where) const;
  // Removes and adds rows as one commit on top of `read_snapshot` (the snapshot the changes were
  // computed from): deletion vectors when delta.enableDeletionVectors is true, else the files
  // holding removed rows are rewritten without them. Conflicts with concurrent commits that
  // touched the same files fail with Delta's concurrent-modification error classes.
  arrow::Result<RowChangesResult> CommitRowChanges(std::shared_ptr<const Snapshot> read_snapshot,
                                                   const RowChanges& changes) const;
  // The change data feed of versions [start, end] (end = latest when absent) as Spark's
  // table_changes returns it: the logical columns, _change_type, _commit_version and
  // _commit_timestamp. Fails with DELTA_MISSING_CHANGE_DATA for versions written without it.
  arrow::Result<std::shared_ptr<arrow::Table>> ReadChanges(int64_t start_version,
                                                           std::optional<int64_t> end_version = {}) const;
  arrow::Result<std::shared_ptr<arrow::Table>> ReadChangesByTimestamp(int64_t start_ms,
                                                                      std::optional<int64_t> end_ms = {}) const;
  // RESTORE TABLE .. TO VERSION AS OF v / TIMESTAMP AS OF ts: one commit making the table's
  // files, schema and properties those of the older version.
  arrow::Result<RestoreResult> Restore(int64_t version) const;
  arrow::Result<RestoreResult> RestoreToTimestamp(int64_t timestamp_ms) const;
  arrow::Result<OptimizeResult> Optimize(const OptimizeOptions& options) const;
  arrow::Result<VacuumResult> Vacuum(const VacuumOptions& options) const;
  // commitInfo of every version still in the log, newest first, each with "version".
  arrow::Result<std::vector<nlohmann::json>> History(std::optional<int64_t> limit = {}) const;
  arrow::Result<int64_t> SetProperties(const StringMap& set, const std::vector<std::string>& unset) const;
  // One ALTER TABLE column change as a metadata commit; returns the new version (-1 when the
  // change was a no-op, e.g. DROP COLUMN IF EXISTS of a missing column).
  arrow::Result<int64_t> ChangeSchema(const SchemaChange& change) const;
  // ALTER TABLE .. CLUSTER BY (cols) | NONE (empty): the clustering columns OPTIMIZE orders by.
  arrow::Result<int64_t> SetClustering(const std::vector<std::string>& columns) const;
  arrow::Status Checkpoint() const;

 private:
  explicit DeltaTable(std::shared_ptr<TableStorage> storage) : storage_(std::move(storage)) {}
  std::shared_ptr<TableStorage> storage_;
};

// Protocol a new table needs for its schema and properties (legacy versions when enough).
Protocol ProtocolForTable(const nlohmann::json& schema, const StringMap& properties,
                          const std::optional<Protocol>& current = {});

// The liquid-clustering columns of a table (logical names), empty when it is not clustered.
std::vector<std::string> ClusteringColumns(const Snapshot& snapshot);

// Checks CHECK constraints (delta.constraints.*) on rows in the table's logical schema.
arrow::Status EnforceCheckConstraints(const arrow::Table& rows, const StringMap& properties);

}  // namespace tarn::delta
