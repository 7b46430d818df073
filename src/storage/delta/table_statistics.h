// Table-wide facts summed from the per-file statistics of a snapshot, for query planning: row
// count and, per integral or date column, how many distinct values there can be at most
// (max - min + 1 over all files, capped by the row count). Nothing here opens a data file.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "storage/delta/snapshot.h"

namespace tarn::delta {

struct TableStatistics {
  std::optional<int64_t> num_records;  // unknown when a file lacks statistics
  // By lower-cased top-level column name; absent when unknown.
  std::map<std::string, int64_t> distinct_upper_bound;
};

TableStatistics SummarizeStatistics(const Snapshot& snapshot);

}  // namespace tarn::delta
