// OPTIMIZE: bin-packing of small files and Z-ordering, as one dataChange=false commit.
#include <algorithm>
#include <map>

#include <arrow/api.h>
#include <arrow/compute/api.h>
#include <fmt/format.h>

#include "errors/error_class.h"
#include "storage/delta/data_file_writer.h"
#include "storage/delta/data_skipping.h"
#include "storage/delta/delta_table.h"
#include "storage/delta/table_scan.h"
#include "storage/delta/transaction.h"

namespace tarn::delta {

using nlohmann::json;

namespace {

// Position of every row on a Z-order curve over `columns`: each column is replaced by its
// dense rank scaled to the same number of bits, and the bits are interleaved.
arrow::Result<std::shared_ptr<arrow::Array>> ZOrderPermutation(const arrow::Table& rows,
                                                               const std::vector<std::string>& columns) {
  const int64_t n = rows.num_rows();
  const int k = static_cast<int>(columns.size());
  const int bits = std::min(21, 63 / std::max(1, k));
  std::vector<std::vector<uint64_t>> scaled(k, std::vector<uint64_t>(n));
  for (int c = 0; c < k; ++c) {
    auto col = rows.GetColumnByName(columns[c]);
    if (!col) {
      return UserError("DELTA_ZORDERING_COLUMN_DOES_NOT_EXIST", "Z-Ordering column {} does not exist in data schema.",
                       columns[c]);
    }
    arrow::compute::RankOptions opts(arrow::compute::SortOrder::Ascending, arrow::compute::NullPlacement::AtStart,
                                     arrow::compute::RankOptions::Dense);
    ARROW_ASSIGN_OR_RAISE(auto combined, col->type()->id() == arrow::Type::NA
                                             ? arrow::MakeArrayOfNull(arrow::int32(), n)
                                             : arrow::Concatenate(col->chunks()));
    ARROW_ASSIGN_OR_RAISE(auto ranks_datum, arrow::compute::CallFunction("rank", {combined}, &opts));
    auto ranks = std::static_pointer_cast<arrow::UInt64Array>(ranks_datum.make_array());
    uint64_t max_rank = 1;
    for (int64_t i = 0; i < n; ++i) max_rank = std::max(max_rank, ranks->Value(i));
    const uint64_t top = (uint64_t{1} << bits) - 1;
    for (int64_t i = 0; i < n; ++i) {
      uint64_t r = ranks->Value(i) - 1;
      scaled[c][i] = max_rank > 1 ? static_cast<uint64_t>((static_cast<__uint128_t>(r) * top) / (max_rank - 1)) : 0;
    }
  }
  arrow::UInt64Builder z;
  ARROW_RETURN_NOT_OK(z.Reserve(n));
  for (int64_t i = 0; i < n; ++i) {
    uint64_t v = 0;
    for (int b = bits - 1; b >= 0; --b) {
      for (int c = 0; c < k; ++c) v = (v << 1) | ((scaled[c][i] >> b) & 1);
    }
    z.UnsafeAppend(v);
  }
  ARROW_ASSIGN_OR_RAISE(auto z_values, z.Finish());
  ARROW_ASSIGN_OR_RAISE(auto order, arrow::compute::SortIndices(*z_values));
  return order;
}

}  // namespace

arrow::Result<OptimizeResult> DeltaTable::Optimize(const OptimizeOptions& requested) const {
  ARROW_ASSIGN_OR_RAISE(auto snapshot, LoadSnapshot());
  ARROW_RETURN_NOT_OK(CheckWriteSupported(snapshot->protocol()));
  // A clustered table is optimized by its clustering columns (Delta refuses ZORDER BY there).
  OptimizeOptions options = requested;
  if (auto clustering = ClusteringColumns(*snapshot); !clustering.empty()) {
    if (!options.zorder_by.empty()) {
      return UserError("DELTA_CLUSTERING_WITH_ZORDER_BY",
                       "OPTIMIZE command for Delta table with Liquid clustering cannot specify ZORDER BY. Please "
                       "remove ZORDER BY ({}).", fmt::join(options.zorder_by, ", "));
    }
    options.zorder_by = clustering;
  }
  for (const auto& c : options.zorder_by) {
    for (const auto& p : snapshot->metadata().partition_columns) {
      if (p == c) {
        return UserError("DELTA_ZORDERING_ON_PARTITION_COLUMN",
                         "{} is a partition column. Z-Ordering can only be performed on data columns", c);
      }
    }
    if (!FindField(snapshot->schema(), c)) {
      return UserError("DELTA_ZORDERING_COLUMN_DOES_NOT_EXIST",
                       "Z-Ordering column {} does not exist in data schema.", c);
    }
  }
  std::vector<AddFile> files = snapshot->files();
  if (options.where) {
    ARROW_ASSIGN_OR_RAISE(auto skipper, FileSkipper::Make(options.where, *snapshot));
    files = skipper.Select(files);
  }
  std::map<PartitionValues, std::vector<AddFile>> by_partition;
  for (auto& f : files) by_partition[f.partition_values].push_back(std::move(f));

  Transaction txn(storage_, snapshot);
  DataFileLayout layout;
  layout.schema = snapshot->schema();
  layout.partition_columns = snapshot->metadata().partition_columns;
  layout.column_mapping = snapshot->column_mapping();
  layout.target_file_bytes = options.target_file_bytes;
  if (options.max_rows_per_file > 0) layout.max_rows_per_file = options.max_rows_per_file;

  OptimizeResult result;
  const bool zorder = !options.zorder_by.empty();
  for (auto& [values, group] : by_partition) {
    std::vector<AddFile> chosen;
    if (zorder) {
      chosen = group;
    } else {
      for (const auto& f : group) {
        if (f.size < options.target_file_bytes || f.deletion_vector) chosen.push_back(f);
      }
      if (chosen.size() < 2 && !(chosen.size() == 1 && chosen[0].deletion_vector)) continue;
    }
    if (chosen.empty()) continue;
    std::vector<std::shared_ptr<arrow::Table>> parts;
    for (const auto& f : chosen) {
      ARROW_ASSIGN_OR_RAISE(auto rows, TableScan::ReadFile(*snapshot, f));
      parts.push_back(rows);
      txn.footprint().read_files.insert(f.path);
      txn.RemoveFile(RemoveActionFor(f, /*data_change=*/false));
      ++result.files_removed;
    }
    ARROW_ASSIGN_OR_RAISE(auto combined, arrow::ConcatenateTables(parts));
    if (zorder && combined->num_rows() > 1) {
      ARROW_ASSIGN_OR_RAISE(auto order, ZOrderPermutation(*combined, options.zorder_by));
      ARROW_ASSIGN_OR_RAISE(auto sorted, arrow::compute::Take(combined, order));
      combined = sorted.table();
    }
    ARROW_ASSIGN_OR_RAISE(auto adds, WriteDataFiles(*storage_, layout, combined, /*data_change=*/false));
    for (auto& a : adds) {
      txn.AddFile(std::move(a));
      ++result.files_added;
    }
    ++result.partitions_optimized;
  }
  if (result.files_removed == 0) return result;  // nothing to do: no empty commit
  json zorder_cols = options.zorder_by;
  txn.SetOperation("OPTIMIZE", {{"predicate", json::array({options.where ? options.where->ToString() : ""}).dump()},
                                {"zOrderBy", zorder_cols.dump()},
                                {"auto", false}});
  txn.SetOperationMetrics({{"numRemovedFiles", std::to_string(result.files_removed)},
                           {"numAddedFiles", std::to_string(result.files_added)},
                           {"partitionsOptimized", std::to_string(result.partitions_optimized)}});
  ARROW_ASSIGN_OR_RAISE(auto commit, txn.Commit());
  result.version = commit.version;
  return result;
}

}  // namespace tarn::delta
