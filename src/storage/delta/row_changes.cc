// DELETE / UPDATE / MERGE as one commit: rows leave existing files through deletion vectors or
// copy-on-write rewrites, new rows become new files, and the change data feed is written next
// to them. The SQL layer decides which rows change; this file decides how.
#include "storage/delta/row_changes.h"

#include <algorithm>
#include <map>

#include <arrow/api.h>
#include <arrow/compute/api.h>

#include "errors/error_class.h"
#include "storage/delta/data_file_writer.h"
#include "storage/delta/deletion_vector.h"
#include "storage/delta/delta_table.h"
#include "storage/delta/delta_table_internal.h"
#include "storage/delta/random_uuid.h"
#include "storage/delta/table_scan.h"
#include "storage/delta/table_scan_internal.h"
#include "storage/delta/transaction.h"

namespace tarn::delta {

using nlohmann::json;

namespace {

std::optional<int64_t> StatsNumRecords(const AddFile& file) {
  if (!file.stats) return std::nullopt;
  auto stats = json::parse(*file.stats, nullptr, false);
  if (stats.is_discarded() || !stats.contains("numRecords") || !stats["numRecords"].is_number_integer()) {
    return std::nullopt;
  }
  return stats["numRecords"].get<int64_t>();
}

// Rows in the file before any deletion vector.
arrow::Result<int64_t> PhysicalRows(const TableStorage& storage, const AddFile& file) {
  if (auto n = StatsNumRecords(file)) return *n;
  return PhysicalRowCount(storage, file);
}

// Statistics stay valid as bounds once rows are hidden by a DV, but are no longer tight.
std::optional<std::string> WideStats(const std::optional<std::string>& stats) {
  if (!stats) return stats;
  auto parsed = json::parse(*stats, nullptr, false);
  if (parsed.is_discarded() || !parsed.is_object()) return stats;
  parsed["tightBounds"] = false;
  return parsed.dump();
}

std::vector<uint64_t> SortedUnion(const std::vector<uint64_t>& a, const std::vector<int64_t>& b) {
  std::vector<uint64_t> out;
  out.reserve(a.size() + b.size());
  size_t i = 0, j = 0;
  while (i < a.size() || j < b.size()) {
    uint64_t next;
    if (j >= b.size() || (i < a.size() && a[i] <= static_cast<uint64_t>(b[j]))) {
      next = a[i++];
    } else {
      next = static_cast<uint64_t>(b[j++]);
    }
    if (out.empty() || out.back() != next) out.push_back(next);
  }
  return out;
}

// The rows of `file` (DV applied) except those at `positions`, in the table's logical schema.
arrow::Result<std::shared_ptr<arrow::Table>> RowsKept(const Snapshot& snapshot, const AddFile& file,
                                                      const std::vector<int64_t>& positions) {
  FileReadOptions read;
  read.with_row_index = true;
  ARROW_ASSIGN_OR_RAISE(auto rows, ReadDataFile(snapshot, file, read));
  const int index_col = rows->num_columns() - 1;
  arrow::BooleanBuilder keep;
  ARROW_RETURN_NOT_OK(keep.Reserve(rows->num_rows()));
  for (const auto& chunk : rows->column(index_col)->chunks()) {
    const auto& idx = static_cast<const arrow::Int64Array&>(*chunk);
    for (int64_t i = 0; i < idx.length(); ++i) {
      keep.UnsafeAppend(!std::binary_search(positions.begin(), positions.end(), idx.Value(i)));
    }
  }
  ARROW_ASSIGN_OR_RAISE(auto mask, keep.Finish());
  ARROW_ASSIGN_OR_RAISE(auto kept, arrow::compute::Filter(rows, mask));
  return kept.table()->RemoveColumn(index_col);
}

void SetMetricIfAbsent(json& metrics, const std::string& name, int64_t value) {
  if (!metrics.contains(name)) metrics[name] = std::to_string(value);
}

}  // namespace

arrow::Result<std::vector<FileRowDeletion>> DeletionsFromRowAddresses(const arrow::Table& addressed_rows,
                                                                      const std::vector<AddFile>& files) {
  auto file_col = addressed_rows.GetColumnByName(kFileIndexColumn);
  auto row_col = addressed_rows.GetColumnByName(kRowIndexColumn);
  if (!file_col || !row_col) {
    return arrow::Status::Invalid("rows carry no row addresses (scan with with_row_address): ",
                                  kFileIndexColumn, " and ", kRowIndexColumn, " are needed");
  }
  ARROW_ASSIGN_OR_RAISE(auto file_idx, arrow::compute::Cast(arrow::Datum(file_col), arrow::int32()));
  ARROW_ASSIGN_OR_RAISE(auto row_idx, arrow::compute::Cast(arrow::Datum(row_col), arrow::int64()));
  ARROW_ASSIGN_OR_RAISE(auto files_array, arrow::Concatenate(file_idx.chunked_array()->chunks()));
  ARROW_ASSIGN_OR_RAISE(auto rows_array, arrow::Concatenate(row_idx.chunked_array()->chunks()));
  if (files_array->null_count() > 0 || rows_array->null_count() > 0) {
    return arrow::Status::Invalid("row addresses must not be null");
  }
  const auto& fa = static_cast<const arrow::Int32Array&>(*files_array);
  const auto& ra = static_cast<const arrow::Int64Array&>(*rows_array);
  std::map<int32_t, std::vector<int64_t>> by_file;
  for (int64_t i = 0; i < fa.length(); ++i) {
    int32_t f = fa.Value(i);
    if (f < 0 || static_cast<size_t>(f) >= files.size()) {
      return arrow::Status::Invalid("row address names file ", f, " of a scan with ", files.size(), " files");
    }
    if (ra.Value(i) < 0) return arrow::Status::Invalid("negative row position ", ra.Value(i));
    by_file[f].push_back(ra.Value(i));
  }
  std::vector<FileRowDeletion> out;
  out.reserve(by_file.size());
  for (auto& [f, rows] : by_file) {
    std::sort(rows.begin(), rows.end());
    rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
    out.push_back(FileRowDeletion{files[static_cast<size_t>(f)], std::move(rows)});
  }
  return out;
}

arrow::Result<RowChangesResult> DeltaTable::CommitRowChanges(std::shared_ptr<const Snapshot> read_snapshot,
                                                             const RowChanges& changes) const {
  if (!read_snapshot) return arrow::Status::Invalid("CommitRowChanges needs the snapshot the changes were read from");
  const Snapshot& snapshot = *read_snapshot;
  ARROW_RETURN_NOT_OK(CheckWriteSupported(snapshot.protocol()));
  ARROW_RETURN_NOT_OK(CheckNotAppendOnly(snapshot.metadata()));
  RowChangesResult result;
  Transaction txn(storage_, read_snapshot);
  if (changes.read_whole_table) txn.footprint().read_whole_table = true;
  if (changes.read_predicate) txn.footprint().read_predicates.push_back(changes.read_predicate);

  // Schema evolution first: new rows are conformed to the schema they are committed with.
  Metadata metadata = snapshot.metadata();
  json schema = snapshot.schema();
  if (changes.evolved_schema) {
    ARROW_ASSIGN_OR_RAISE(json incoming, ArrowSchemaToDelta(*changes.evolved_schema));
    ARROW_ASSIGN_OR_RAISE(json merged, MergeSchemas(schema, incoming));
    if (merged != schema) {
      ARROW_ASSIGN_OR_RAISE(schema, CommitNewMetadata(std::move(merged), &metadata, read_snapshot, txn));
    }
  }
  ARROW_ASSIGN_OR_RAISE(auto mapping, ParseColumnMappingMode(metadata.configuration.count("delta.columnMapping.mode")
                                                                 ? metadata.configuration["delta.columnMapping.mode"]
                                                                 : ""));
  if (snapshot.protocol().min_reader_version < 2) mapping = ColumnMappingMode::kNone;

  // Validate the new rows before anything is written, so a violation leaves no stray files.
  std::shared_ptr<arrow::Table> new_rows;
  if (changes.new_rows && changes.new_rows->num_rows() > 0) {
    ARROW_ASSIGN_OR_RAISE(new_rows, ConformToTableSchema(changes.new_rows, schema));
    ARROW_RETURN_NOT_OK(EnforceCheckConstraints(*new_rows, metadata.configuration));
  }
  const bool cdf = PropertyTrue(metadata.configuration, "delta.enableChangeDataFeed");
  std::shared_ptr<arrow::Table> change_rows;
  json cdc_schema;
  if (cdf && changes.change_data && changes.change_data->num_rows() > 0) {
    cdc_schema = schema;
    cdc_schema["fields"].push_back({{"name", "_change_type"}, {"type", "string"}, {"nullable", true},
                                    {"metadata", json::object()}});
    ARROW_ASSIGN_OR_RAISE(change_rows, ConformToTableSchema(changes.change_data, cdc_schema));
  }

  const bool use_dv = PropertyTrue(metadata.configuration, "delta.enableDeletionVectors") &&
                      snapshot.protocol().HasWriterFeature("deletionVectors");
  const auto old_layout = LayoutFor(snapshot.schema(), snapshot.metadata(), snapshot.column_mapping(),
                                    changes.target_file_bytes);
  std::map<std::string, const AddFile*> live;
  for (const auto& f : snapshot.files()) live[f.path] = &f;
  int64_t removed_bytes = 0, added_bytes = 0;

  for (const auto& deletion : changes.deletions) {
    auto it = live.find(deletion.file.path);
    if (it == live.end()) {
      return arrow::Status::Invalid("file ", deletion.file.path, " is not part of version ", snapshot.version());
    }
    const AddFile& file = *it->second;  // the snapshot's entry carries the current DV
    txn.footprint().read_files.insert(file.path);
    if (!deletion.whole_file && deletion.rows.empty()) continue;
    const int64_t already_deleted = file.deletion_vector ? file.deletion_vector->cardinality : 0;

    if (deletion.whole_file) {
      ARROW_ASSIGN_OR_RAISE(int64_t physical, PhysicalRows(*storage_, file));
      result.rows_deleted += physical - already_deleted;
      txn.RemoveFile(RemoveActionFor(file, true));
      removed_bytes += file.size;
      ++result.files_removed;
      continue;
    }
    if (use_dv) {
      std::vector<uint64_t> existing;
      if (file.deletion_vector) {
        ARROW_ASSIGN_OR_RAISE(existing, LoadDeletionVector(*storage_, *file.deletion_vector));
      }
      auto all_deleted = SortedUnion(existing, deletion.rows);
      ARROW_ASSIGN_OR_RAISE(int64_t physical, PhysicalRows(*storage_, file));
      if (!all_deleted.empty() && all_deleted.back() >= static_cast<uint64_t>(physical)) {
        return arrow::Status::Invalid("row position ", all_deleted.back(), " is past the end of ", file.path,
                                      " (", physical, " rows)");
      }
      result.rows_deleted += static_cast<int64_t>(all_deleted.size() - existing.size());
      txn.RemoveFile(RemoveActionFor(file, true));
      if (static_cast<int64_t>(all_deleted.size()) >= physical) {
        removed_bytes += file.size;
        ++result.files_removed;
        continue;
      }
      auto encoded = EncodeDeletionVectorFile(all_deleted, RandomUuidBytes(), "");
      ARROW_ASSIGN_OR_RAISE(auto location, DeletionVectorFileLocation(encoded.descriptor, storage_->root()));
      ARROW_RETURN_NOT_OK(storage_->Put(location, encoded.file_bytes));
      AddFile updated = file;
      updated.deletion_vector = encoded.descriptor;
      updated.data_change = true;
      updated.stats = WideStats(file.stats);
      txn.AddFile(std::move(updated));
      ++result.deletion_vectors_added;
      continue;
    }
    // Copy-on-write: the file's other rows move to new files.
    ARROW_ASSIGN_OR_RAISE(auto kept, RowsKept(snapshot, file, deletion.rows));
    ARROW_ASSIGN_OR_RAISE(int64_t physical, PhysicalRows(*storage_, file));
    const int64_t live_rows = physical - already_deleted;
    result.rows_deleted += live_rows - kept->num_rows();
    if (kept->num_rows() == live_rows) continue;  // positions named only rows already deleted
    txn.RemoveFile(RemoveActionFor(file, true));
    removed_bytes += file.size;
    ++result.files_removed;
    if (kept->num_rows() > 0) {
      ARROW_ASSIGN_OR_RAISE(auto adds, WriteDataFiles(*storage_, old_layout, kept, true));
      for (auto& a : adds) {
        added_bytes += a.size;
        txn.AddFile(std::move(a));
        ++result.files_added;
      }
      result.rows_copied += kept->num_rows();
    }
  }

  if (new_rows) {
    auto layout = LayoutFor(schema, metadata, mapping, changes.target_file_bytes);
    ARROW_ASSIGN_OR_RAISE(auto adds, WriteDataFiles(*storage_, layout, new_rows, true));
    for (auto& a : adds) {
      added_bytes += a.size;
      txn.AddFile(std::move(a));
      ++result.files_added;
    }
    result.rows_added = new_rows->num_rows();
  }
  int64_t cdc_files = 0;
  if (change_rows) {
    auto layout = LayoutFor(cdc_schema, metadata, mapping, changes.target_file_bytes);
    layout.directory = "_change_data/";
    layout.file_prefix = "cdc";
    ARROW_ASSIGN_OR_RAISE(auto adds, WriteDataFiles(*storage_, layout, change_rows, false));
    for (auto& a : adds) {
      AddCdcFile cdc;
      cdc.path = a.path;
      cdc.partition_values = a.partition_values;
      cdc.size = a.size;
      cdc.data_change = false;
      txn.AddAction(std::move(cdc));
      ++cdc_files;
    }
  }

  if (result.files_removed == 0 && result.files_added == 0 && result.deletion_vectors_added == 0 &&
      !txn.footprint().changes_metadata) {
    return result;  // nothing changed
  }
  json metrics = changes.operation_metrics.is_object() ? changes.operation_metrics : json::object();
  metrics["numRemovedFiles"] = std::to_string(result.files_removed);
  metrics["numAddedFiles"] = std::to_string(result.files_added);
  metrics["numDeletionVectorsAdded"] = std::to_string(result.deletion_vectors_added);
  metrics["numCopiedRows"] = std::to_string(result.rows_copied);
  metrics["numAddedChangeFiles"] = std::to_string(cdc_files);
  metrics["numAddedBytes"] = std::to_string(added_bytes);
  metrics["numRemovedBytes"] = std::to_string(removed_bytes);
  if (changes.operation == "DELETE") SetMetricIfAbsent(metrics, "numDeletedRows", result.rows_deleted);
  txn.SetOperation(changes.operation.empty() ? "WRITE" : changes.operation,
                   changes.operation_parameters.is_object() ? changes.operation_parameters : json::object());
  txn.SetOperationMetrics(std::move(metrics));
  ARROW_ASSIGN_OR_RAISE(auto commit, txn.Commit());
  result.version = commit.version;
  result.commit_attempts = commit.attempts;
  return result;
}

}  // namespace tarn::delta
