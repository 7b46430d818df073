#include "storage/delta/transaction.h"

#include <chrono>

#include "errors/error_class.h"
#include "storage/delta/checkpoint_codec.h"
#include "storage/delta/random_uuid.h"

namespace tarn::delta {

using nlohmann::json;

int64_t NowMillis() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

Transaction::Transaction(std::shared_ptr<TableStorage> storage,
                         std::shared_ptr<const Snapshot> read_snapshot)
    : storage_(std::move(storage)), read_snapshot_(std::move(read_snapshot)) {}

void Transaction::SetProtocol(Protocol protocol) {
  new_protocol_ = std::move(protocol);
  footprint_.changes_protocol = true;
}

void Transaction::SetMetadata(Metadata metadata) {
  new_metadata_ = std::move(metadata);
  footprint_.changes_metadata = true;
}

void Transaction::RemoveFile(delta::RemoveFile remove) {
  footprint_.removed_files.insert(remove.path);
  actions_.emplace_back(std::move(remove));
}

void Transaction::SetAppTransaction(const std::string& app_id, int64_t version) {
  footprint_.read_app_ids.insert(app_id);
  actions_.emplace_back(Txn{app_id, version, NowMillis()});
}

void Transaction::SetOperation(std::string operation, json parameters) {
  operation_ = std::move(operation);
  parameters_ = std::move(parameters);
}

arrow::Result<std::string> Transaction::BuildCommit(int64_t version) const {
  const Metadata* metadata = new_metadata_ ? &*new_metadata_
                             : read_snapshot_ ? &read_snapshot_->metadata() : nullptr;
  json info = {{"timestamp", NowMillis()},
               {"operation", operation_},
               {"operationParameters", parameters_},
               {"isolationLevel", "WriteSerializable"},
               {"isBlindAppend", blind_append_},
               {"operationMetrics", metrics_},
               {"engineInfo", "tarn/0.1.0"},
               {"txnId", RandomUuid()}};
  if (read_snapshot_) info["readVersion"] = read_snapshot_->version();
  if (metadata) {
    auto it = metadata->configuration.find("delta.enableInCommitTimestamps");
    if (it != metadata->configuration.end() && it->second == "true") {
      // In-commit timestamps must increase strictly from one version to the next.
      int64_t ict = NowMillis();
      if (read_snapshot_ && version == read_snapshot_->version() + 1) {
        ict = std::max(ict, read_snapshot_->timestamp() + 1);
      } else if (version > 0) {
        LogFile prev;
        prev.kind = LogFileKind::kCommit;
        prev.file.path = LogDir(*storage_) + "/" + CommitFileName(version - 1);
        auto prev_ts = CommitTimestamp(*storage_, prev, true);
        if (prev_ts.ok()) ict = std::max(ict, *prev_ts + 1);
      }
      info["inCommitTimestamp"] = ict;
      info["timestamp"] = ict;
    }
  }
  std::vector<Action> all;
  all.reserve(actions_.size() + 3);
  all.emplace_back(CommitInfo{info});  // first, so readers of in-commit timestamps stop early
  if (new_protocol_) all.emplace_back(*new_protocol_);
  if (new_metadata_) all.emplace_back(*new_metadata_);
  all.insert(all.end(), actions_.begin(), actions_.end());
  return SerializeCommit(all);
}

RemoveFile RemoveActionFor(const AddFile& add, bool data_change) {
  RemoveFile rm;
  rm.path = add.path;
  rm.deletion_timestamp = NowMillis();
  rm.data_change = data_change;
  rm.extended_file_metadata = true;
  rm.partition_values = add.partition_values;
  rm.size = add.size;
  rm.stats = add.stats;
  rm.tags = add.tags;
  rm.deletion_vector = add.deletion_vector;
  rm.base_row_id = add.base_row_id;
  rm.default_row_commit_version = add.default_row_commit_version;
  return rm;
}

arrow::Result<CommitResult> Transaction::Commit(int max_attempts) {
  if (committed_) return arrow::Status::Invalid("transaction already committed");
  if (!read_snapshot_ && (!new_protocol_ || !new_metadata_)) {
    return arrow::Status::Invalid("a new table needs protocol and metadata in its first commit");
  }
  CommitResult result;
  int64_t version = read_version() + 1;
  const std::string log_dir = LogDir(*storage_);
  for (int attempt = 1; attempt <= max_attempts; ++attempt) {
    ARROW_ASSIGN_OR_RAISE(std::string contents, BuildCommit(version));
    const std::string path = log_dir + "/" + CommitFileName(version);
    arrow::Status st = storage_->PutIfAbsent(path, contents);
    if (st.ok()) {
      committed_ = true;
      result.version = version;
      result.attempts = attempt;
      ARROW_RETURN_NOT_OK(MaybeCheckpoint(version, &result));
      return result;
    }
    if (!st.IsAlreadyExists()) return st;
    // Another writer took `version`. See whether what it did conflicts with us.
    if (!read_snapshot_) {
      return ErrorWithClass(arrow::StatusCode::Invalid, "DELTA_PROTOCOL_CHANGED",
                            "The protocol version of the Delta table has been changed by a "
                            "concurrent update: multiple writers tried to create the table at " +
                                storage_->root() + " at once.");
    }
    ARROW_ASSIGN_OR_RAISE(auto buf, storage_->Read(path));
    ARROW_ASSIGN_OR_RAISE(auto winning, ParseCommitFile(buf->ToString(), path));
    ARROW_RETURN_NOT_OK(CheckForConflicts(footprint_, *read_snapshot_, winning, version));
    ++version;
  }
  return ErrorWithClass(arrow::StatusCode::Invalid, "DELTA_MAX_COMMIT_RETRIES_EXCEEDED",
                        fmt::format("This commit has failed as it has been tried {} times but did "
                                    "not succeed.",
                                    max_attempts));
}

arrow::Status Transaction::MaybeCheckpoint(int64_t version, CommitResult* result) {
  const Metadata& md = new_metadata_ ? *new_metadata_ : read_snapshot_->metadata();
  int64_t interval = 10;
  if (auto it = md.configuration.find("delta.checkpointInterval"); it != md.configuration.end()) {
    try {
      interval = std::stoll(it->second);
    } catch (...) {
      interval = 10;
    }
  }
  if (interval <= 0 || version == 0 || version % interval != 0) return arrow::Status::OK();
  auto snapshot = Snapshot::Load(storage_, version);
  // The commit already succeeded; a failed checkpoint only costs readers time, so it is not
  // reported as a failure of this commit.
  if (snapshot.ok() && WriteCheckpoint(**snapshot).ok()) result->checkpoint_written = true;
  return arrow::Status::OK();
}

arrow::Status WriteCheckpoint(const Snapshot& snapshot) {
  std::vector<Action> actions;
  actions.reserve(snapshot.files().size() + snapshot.tombstones().size() + 4);
  actions.emplace_back(snapshot.protocol());
  actions.emplace_back(snapshot.metadata());
  if (snapshot.protocol().HasWriterFeature("v2Checkpoint")) {
    actions.emplace_back(CheckpointMetadata{snapshot.version(), std::nullopt});
  }
  for (const auto& [id, t] : snapshot.app_transactions()) actions.emplace_back(t);
  for (const auto& [id, d] : snapshot.domains()) {
    if (!d.removed) actions.emplace_back(d);
  }
  for (const auto& f : snapshot.files()) {
    AddFile add = f;
    add.data_change = false;
    actions.emplace_back(std::move(add));
  }
  // Tombstones younger than the retention period stay, so VACUUM keeps their files.
  int64_t retention_ms = 7LL * 24 * 3600 * 1000;
  int64_t cutoff = NowMillis() - retention_ms;
  for (const auto& r : snapshot.tombstones()) {
    if (r.deletion_timestamp.value_or(0) >= cutoff) {
      RemoveFile rm = r;
      rm.data_change = false;
      actions.emplace_back(std::move(rm));
    }
  }
  ARROW_ASSIGN_OR_RAISE(auto bytes, WriteCheckpointParquet(actions));
  auto& storage = *snapshot.storage();
  const std::string log_dir = LogDir(storage);
  ARROW_RETURN_NOT_OK(storage.Put(log_dir + "/" + CheckpointFileName(snapshot.version()),
                                  std::string_view(reinterpret_cast<const char*>(bytes->data()),
                                                   static_cast<size_t>(bytes->size()))));
  json last = {{"version", snapshot.version()},
               {"size", actions.size()},
               {"sizeInBytes", bytes->size()},
               {"numOfAddFiles", snapshot.files().size()}};
  return storage.Put(log_dir + "/_last_checkpoint", last.dump());
}

}  // namespace tarn::delta
