// A Delta table as of one version: protocol, metadata, schema and the live data files,
// obtained by log replay (newest action for each file wins).
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <arrow/result.h>
#include <arrow/type_fwd.h>
#include <nlohmann/json.hpp>

#include "storage/delta/actions.h"
#include "storage/delta/log_segment.h"
#include "storage/delta/schema.h"
#include "storage/delta/table_storage.h"

namespace tarn::delta {

// Thread safety: immutable after Load, safe to share.
class Snapshot {
 public:
  // Loads the latest version, or `version` when given.
  static arrow::Result<std::shared_ptr<const Snapshot>> Load(std::shared_ptr<TableStorage> storage,
                                                             std::optional<int64_t> version = {});
  // Loads the newest version whose commit timestamp is at or before `timestamp_ms`.
  static arrow::Result<std::shared_ptr<const Snapshot>> LoadAsOfTimestamp(
      std::shared_ptr<TableStorage> storage, int64_t timestamp_ms);

  int64_t version() const { return version_; }
  // Commit timestamp of this version in ms (in-commit timestamp when enabled, else file time).
  int64_t timestamp() const { return timestamp_; }
  const Protocol& protocol() const { return protocol_; }
  const Metadata& metadata() const { return metadata_; }
  const nlohmann::json& schema() const { return schema_; }
  // Logical Arrow schema, in the order of the Delta schema.
  const std::shared_ptr<arrow::Schema>& arrow_schema() const { return arrow_schema_; }
  ColumnMappingMode column_mapping() const { return column_mapping_; }
  const std::vector<AddFile>& files() const { return files_; }
  // Remove actions still in the log (tombstones), for VACUUM and conflict checks.
  const std::vector<RemoveFile>& tombstones() const { return tombstones_; }
  const std::map<std::string, Txn>& app_transactions() const { return txns_; }
  const std::map<std::string, DomainMetadata>& domains() const { return domains_; }
  const std::shared_ptr<TableStorage>& storage() const { return storage_; }
  const LogSegment& segment() const { return segment_; }

  std::string TableProperty(const std::string& key, const std::string& fallback = "") const;
  int64_t NumRecordsOrMinusOne() const;

 private:
  friend class SnapshotBuilder;
  Snapshot() = default;

  std::shared_ptr<TableStorage> storage_;
  LogSegment segment_;
  int64_t version_ = -1;
  int64_t timestamp_ = 0;
  Protocol protocol_;
  Metadata metadata_;
  nlohmann::json schema_;
  std::shared_ptr<arrow::Schema> arrow_schema_;
  ColumnMappingMode column_mapping_ = ColumnMappingMode::kNone;
  std::vector<AddFile> files_;
  std::vector<RemoveFile> tombstones_;
  std::map<std::string, Txn> txns_;
  std::map<std::string, DomainMetadata> domains_;
};

// Reader features tarn understands; any other feature makes the table unreadable (an error
// DELTA_UNSUPPORTED_FEATURES_FOR_READ, never a wrong answer).
arrow::Status CheckReadSupported(const Protocol& protocol);
arrow::Status CheckWriteSupported(const Protocol& protocol);

// Path of _delta_log under a table root.
std::string LogDir(const TableStorage& storage);

// Commit timestamp of one commit: commitInfo.inCommitTimestamp when present, else file mtime.
arrow::Result<int64_t> CommitTimestamp(const TableStorage& storage, const LogFile& commit,
                                       bool in_commit_timestamps);

}  // namespace tarn::delta
