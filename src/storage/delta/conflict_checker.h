// Optimistic concurrency: whether a transaction may commit after another one won the race for
// the version it wanted, following Delta's rules (WriteSerializable isolation). Pure logic.
#pragma once

#include <set>
#include <string>
#include <vector>

#include <arrow/status.h>

#include "storage/delta/actions.h"
#include "storage/delta/predicate.h"
#include "storage/delta/snapshot.h"

namespace tarn::delta {

// What a transaction read and what it changes, as far as conflicts are concerned.
struct TransactionFootprint {
  bool read_whole_table = false;
  std::vector<PredicatePtr> read_predicates;  // data it read was selected by these
  std::set<std::string> read_files;           // paths of files it read
  std::set<std::string> removed_files;        // paths of files it removes
  std::set<std::string> read_app_ids;         // txn app ids it checked
  bool changes_metadata = false;
  bool changes_protocol = false;
};

// OK when the transaction can be retried at the next version after `winning` (the actions of
// commit `winning_version`); otherwise the Spark error class of the conflict:
// DELTA_PROTOCOL_CHANGED, DELTA_METADATA_CHANGED, DELTA_CONCURRENT_APPEND,
// DELTA_CONCURRENT_DELETE_READ, DELTA_CONCURRENT_DELETE_DELETE, DELTA_CONCURRENT_TRANSACTION.
arrow::Status CheckForConflicts(const TransactionFootprint& txn, const Snapshot& read_snapshot,
                                const std::vector<Action>& winning, int64_t winning_version);

}  // namespace tarn::delta
