// One atomic change to a Delta table: collects actions, then commits them as the next version
// with put-if-absent, retrying on top of concurrent commits that do not conflict.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <arrow/result.h>
#include <nlohmann/json.hpp>

#include "storage/delta/actions.h"
#include "storage/delta/conflict_checker.h"
#include "storage/delta/snapshot.h"
#include "storage/delta/table_storage.h"

namespace tarn::delta {

struct CommitResult {
  int64_t version = -1;
  int attempts = 1;
  bool checkpoint_written = false;
};

// Not thread safe; use one transaction per thread. Separate processes coordinate through the
// log alone.
class Transaction {
 public:
  // `read_snapshot` is null when the table does not exist yet (the commit creates version 0).
  Transaction(std::shared_ptr<TableStorage> storage, std::shared_ptr<const Snapshot> read_snapshot);

  const std::shared_ptr<const Snapshot>& read_snapshot() const { return read_snapshot_; }
  int64_t read_version() const { return read_snapshot_ ? read_snapshot_->version() : -1; }

  TransactionFootprint& footprint() { return footprint_; }

  void SetProtocol(Protocol protocol);
  void SetMetadata(Metadata metadata);
  void AddFile(AddFile add) { actions_.emplace_back(std::move(add)); }
  void RemoveFile(RemoveFile remove);
  void AddAction(Action action) { actions_.push_back(std::move(action)); }
  // Records the app transaction (idempotent writes): (app_id, version) must be newer than the
  // version the table holds for app_id, or the caller should skip the write.
  void SetAppTransaction(const std::string& app_id, int64_t version);

  // commitInfo contents.
  void SetOperation(std::string operation, nlohmann::json parameters = nlohmann::json::object());
  void SetOperationMetrics(nlohmann::json metrics) { metrics_ = std::move(metrics); }
  void SetBlindAppend(bool blind) { blind_append_ = blind; }

  const std::vector<Action>& actions() const { return actions_; }

  // Commits; on conflict returns the conflict's error class and nothing is written.
  // `max_attempts` bounds retries on top of non-conflicting concurrent commits.
  arrow::Result<CommitResult> Commit(int max_attempts = 10000);

 private:
  arrow::Result<std::string> BuildCommit(int64_t version) const;
  arrow::Status MaybeCheckpoint(int64_t version, CommitResult* result);

  std::shared_ptr<TableStorage> storage_;
  std::shared_ptr<const Snapshot> read_snapshot_;
  std::vector<Action> actions_;
  TransactionFootprint footprint_;
  std::string operation_ = "WRITE";
  nlohmann::json parameters_ = nlohmann::json::object();
  nlohmann::json metrics_ = nlohmann::json::object();
  bool blind_append_ = false;
  std::optional<Protocol> new_protocol_;
  std::optional<Metadata> new_metadata_;
  bool committed_ = false;
};

// Writes a checkpoint of `snapshot` and points _last_checkpoint at it.
arrow::Status WriteCheckpoint(const Snapshot& snapshot);

int64_t NowMillis();

// The remove action retiring `add` now, carrying its partition values, size and deletion vector.
RemoveFile RemoveActionFor(const AddFile& add, bool data_change);

}  // namespace tarn::delta
