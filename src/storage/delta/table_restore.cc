// RESTORE: one commit that makes the live files, schema and properties those of an older
// version. Files are compared by (path, deletion vector), as log replay keys them.
#include <algorithm>
#include <map>
#include <set>

#include <arrow/filesystem/filesystem.h>

#include "errors/error_class.h"
#include "storage/delta/delta_table.h"
#include "storage/delta/delta_table_internal.h"
#include "storage/delta/table_scan.h"
#include "storage/delta/transaction.h"

namespace tarn::delta {

using nlohmann::json;

namespace {

std::string FileKey(const std::string& path, const std::optional<DeletionVectorDescriptor>& dv) {
  return dv ? path + '\x1f' + dv->UniqueId() : path;
}

bool SameProtocol(const Protocol& a, const Protocol& b) {
  return a.min_reader_version == b.min_reader_version && a.min_writer_version == b.min_writer_version &&
         a.reader_features == b.reader_features && a.writer_features == b.writer_features;
}

bool SameMetadata(const Metadata& a, const Metadata& b) {
  return a.schema_string == b.schema_string && a.configuration == b.configuration &&
         a.partition_columns == b.partition_columns && a.description == b.description && a.name == b.name;
}

arrow::Result<RestoreResult> RestoreSnapshot(const std::shared_ptr<TableStorage>& storage,
                                             const std::shared_ptr<const Snapshot>& current,
                                             const Snapshot& target, json parameters) {
  ARROW_RETURN_NOT_OK(CheckWriteSupported(target.protocol()));
  Transaction txn(storage, current);
  txn.footprint().read_whole_table = true;

  std::set<std::string> current_keys, target_keys;
  for (const auto& f : current->files()) current_keys.insert(FileKey(f.path, f.deletion_vector));
  for (const auto& f : target.files()) target_keys.insert(FileKey(f.path, f.deletion_vector));

  RestoreResult result;
  std::vector<std::string> missing;
  std::vector<AddFile> restored;
  for (const auto& f : target.files()) {
    result.table_size_after_restore += f.size;
    ++result.num_of_files_after_restore;
    if (current_keys.count(FileKey(f.path, f.deletion_vector))) continue;
    auto info = storage->filesystem()->GetFileInfo(ResolveDataPath(storage->root(), f.path));
    if (!info.ok() || info->type() != arrow::fs::FileType::File) {
      if (missing.size() < 100) missing.push_back(f.path);
      continue;
    }
    restored.push_back(f);
  }
  if (!missing.empty()) {
    std::string list;
    for (const auto& m : missing) list += (list.empty() ? "" : ",") + m;
    return UserError("DELTA_FILE_NOT_FOUND_DETAILED",
                     "Not all files from version {} are available in file system. Missed files (top "
                     "100 files): {}. Please use more recent version or timestamp for restoring.",
                     target.version(), list);
  }
  for (auto& f : restored) {
    result.restored_files_size += f.size;
    ++result.num_restored_files;
    f.data_change = true;
    txn.AddFile(std::move(f));
  }
  for (const auto& f : current->files()) {
    if (target_keys.count(FileKey(f.path, f.deletion_vector))) continue;
    result.removed_files_size += f.size;
    ++result.num_removed_files;
    txn.RemoveFile(RemoveActionFor(f, true));
  }
  // Schema and properties come back; the protocol never goes down (readers of the newer
  // features may already depend on them).
  const Metadata& old_md = target.metadata();
  Protocol protocol = ProtocolForTable(target.schema(), old_md.configuration, current->protocol());
  if (!SameProtocol(protocol, current->protocol())) txn.SetProtocol(protocol);
  if (!SameMetadata(old_md, current->metadata())) {
    Metadata md = old_md;
    md.id = current->metadata().id;
    txn.SetMetadata(std::move(md));
  }
  txn.SetOperation("RESTORE", std::move(parameters));
  txn.SetOperationMetrics({{"numRestoredFiles", std::to_string(result.num_restored_files)},
                           {"restoredFilesSize", std::to_string(result.restored_files_size)},
                           {"numRemovedFiles", std::to_string(result.num_removed_files)},
                           {"removedFilesSize", std::to_string(result.removed_files_size)},
                           {"numOfFilesAfterRestore", std::to_string(result.num_of_files_after_restore)},
                           {"tableSizeAfterRestore", std::to_string(result.table_size_after_restore)}});
  ARROW_ASSIGN_OR_RAISE(auto commit, txn.Commit());
  result.version = commit.version;
  return result;
}

}  // namespace

arrow::Result<RestoreResult> DeltaTable::Restore(int64_t version) const {
  ARROW_ASSIGN_OR_RAISE(auto current, LoadSnapshot());
  ARROW_RETURN_NOT_OK(CheckWriteSupported(current->protocol()));
  auto bad_version = [&]() -> arrow::Status {
    int64_t earliest = current->segment().checkpoint_version.value_or(
        current->segment().commits.empty() ? current->version() : current->segment().commits.front().version);
    auto listing = storage_->List(LogDir(*storage_));
    if (listing.ok()) {
      for (const auto& f : *listing) {
        auto lf = ClassifyLogFile(f);
        if (lf.kind == LogFileKind::kCommit || lf.kind == LogFileKind::kClassicCheckpoint) {
          earliest = std::min(earliest, lf.version);
        }
      }
    }
    return UserError("DELTA_CANNOT_RESTORE_TABLE_VERSION",
                     "Cannot restore table to version {}. Available versions: [{}, {}].", version, earliest,
                     current->version());
  };
  if (version < 0 || version > current->version()) return bad_version();
  auto target = LoadSnapshot(version);
  if (!target.ok()) {
    auto cls = ErrorClassOf(target.status());
    if (cls == "DELTA_VERSION_NOT_FOUND" || cls == "DELTA_VERSIONS_NOT_CONTIGUOUS") return bad_version();
    return target.status();
  }
  return RestoreSnapshot(storage_, current, **target, {{"version", version}, {"timestamp", nullptr}});
}

arrow::Result<RestoreResult> DeltaTable::RestoreToTimestamp(int64_t timestamp_ms) const {
  ARROW_ASSIGN_OR_RAISE(auto current, LoadSnapshot());
  ARROW_RETURN_NOT_OK(CheckWriteSupported(current->protocol()));
  if (timestamp_ms > current->timestamp()) {
    return UserError("DELTA_CANNOT_RESTORE_TIMESTAMP_GREATER",
                     "Cannot restore table to timestamp ({} ms) as it is after the latest version "
                     "available. Please use a timestamp before ({} ms).",
                     timestamp_ms, current->timestamp());
  }
  auto target = LoadSnapshotAsOf(timestamp_ms);
  if (!target.ok()) {
    if (ErrorClassOf(target.status()) == "DELTA_TIMESTAMP_EARLIER_THAN_COMMIT_RETENTION") {
      return ErrorWithClass(arrow::StatusCode::Invalid, "DELTA_CANNOT_RESTORE_TIMESTAMP_EARLIER",
                            "Cannot restore table to timestamp (" + std::to_string(timestamp_ms) +
                                " ms) as it is before the earliest version available. " +
                                target.status().message());
    }
    return target.status();
  }
  return RestoreSnapshot(storage_, current, **target,
                         {{"version", nullptr}, {"timestamp", std::to_string(timestamp_ms)}});
}

}  // namespace tarn::delta
