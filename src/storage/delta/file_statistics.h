// Per-file statistics for the add action's `stats` JSON: numRecords, and per leaf column
// minValues, maxValues and nullCount, as Delta writers compute them.
#pragma once

#include <string>

#include <arrow/result.h>
#include <arrow/type_fwd.h>

namespace tarn::delta {

// Strings longer than this many characters are truncated in min/max (Delta's default).
inline constexpr int kStatsStringPrefixLength = 32;

// Statistics of `data` (as written to the file: physical column names, no partition columns).
// Only the first `num_indexed_cols` leaf columns get statistics (-1 = all), like
// delta.dataSkippingNumIndexedCols.
arrow::Result<std::string> ComputeFileStatistics(const arrow::Table& data, int num_indexed_cols = 32);

}  // namespace tarn::delta
