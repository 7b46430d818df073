#include "storage/delta/conflict_checker.h"

#include "errors/error_class.h"
#include "storage/delta/data_skipping.h"

namespace tarn::delta {

arrow::Status CheckForConflicts(const TransactionFootprint& txn, const Snapshot& read_snapshot,
                                const std::vector<Action>& winning, int64_t winning_version) {
  bool winning_blind_append = false;
  std::string winning_op = "a concurrent transaction";
  for (const auto& a : winning) {
    if (auto* ci = std::get_if<CommitInfo>(&a)) {
      winning_blind_append = ci->value.value("isBlindAppend", false);
      if (!ci->Operation().empty()) winning_op = ci->Operation();
    }
  }
  const std::string context =
      fmt::format("Conflicting commit: version {} ({}).", winning_version, winning_op);

  for (const auto& a : winning) {
    if (std::holds_alternative<Protocol>(a)) {
      return ErrorWithClass(arrow::StatusCode::Invalid, "DELTA_PROTOCOL_CHANGED",
                            "The protocol version of the Delta table has been changed by a "
                            "concurrent update. " + context);
    }
    if (std::holds_alternative<Metadata>(a)) {
      return ErrorWithClass(arrow::StatusCode::Invalid, "DELTA_METADATA_CHANGED",
                            "The metadata of the Delta table has been changed by a concurrent "
                            "update. " + context);
    }
  }

  // Files added concurrently conflict only with what this transaction read, and under
  // WriteSerializable only when the winner was not a blind append.
  bool reads_data = txn.read_whole_table || !txn.read_predicates.empty();
  if (reads_data && !winning_blind_append) {
    bool whole_table = txn.read_whole_table;
    std::vector<FileSkipper> skippers;
    for (const auto& p : txn.read_predicates) {
      auto s = FileSkipper::Make(p, read_snapshot);
      if (!s.ok()) whole_table = true;  // cannot tell what it read: assume everything
      else skippers.push_back(std::move(*s));
    }
    for (const auto& a : winning) {
      const auto* add = std::get_if<AddFile>(&a);
      if (!add || !add->data_change) continue;
      bool matches = whole_table;
      for (const auto& s : skippers) matches = matches || s.MayMatch(*add);
      if (matches) {
        return ErrorWithClass(arrow::StatusCode::Invalid, "DELTA_CONCURRENT_APPEND",
                              "Files were added to the table by a concurrent update that this "
                              "transaction read. Please try the operation again. " + context);
      }
    }
  }

  for (const auto& a : winning) {
    const auto* rm = std::get_if<RemoveFile>(&a);
    if (!rm || !rm->data_change) {
      // Compaction (dataChange=false) still invalidates a transaction that removes the same file.
      if (rm && txn.removed_files.count(rm->path)) {
        return ErrorWithClass(arrow::StatusCode::Invalid, "DELTA_CONCURRENT_DELETE_DELETE",
                              "This transaction attempted to delete one or more files that were "
                              "deleted (for example " + rm->path + ") by a concurrent update. " + context);
      }
      continue;
    }
    if (txn.read_files.count(rm->path) || txn.read_whole_table) {
      return ErrorWithClass(arrow::StatusCode::Invalid, "DELTA_CONCURRENT_DELETE_READ",
                            "This transaction attempted to read one or more files that were "
                            "deleted (for example " + rm->path + ") by a concurrent update. " + context);
    }
    if (txn.removed_files.count(rm->path)) {
      return ErrorWithClass(arrow::StatusCode::Invalid, "DELTA_CONCURRENT_DELETE_DELETE",
                            "This transaction attempted to delete one or more files that were "
                            "deleted (for example " + rm->path + ") by a concurrent update. " + context);
    }
  }

  for (const auto& a : winning) {
    if (const auto* t = std::get_if<Txn>(&a); t && txn.read_app_ids.count(t->app_id)) {
      return ErrorWithClass(arrow::StatusCode::Invalid, "DELTA_CONCURRENT_TRANSACTION",
                            "This error occurs when multiple streaming queries are using the same "
                            "checkpoint to write into this table (app id " + t->app_id + "). " + context);
    }
  }
  return arrow::Status::OK();
}

}  // namespace tarn::delta
