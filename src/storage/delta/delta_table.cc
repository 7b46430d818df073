#include "storage/delta/delta_table.h"

#include <algorithm>
#include <set>

#include <arrow/api.h>
#include <arrow/compute/api.h>

#include "errors/error_class.h"
#include "storage/delta/data_file_writer.h"
#include "storage/delta/data_skipping.h"
#include "storage/delta/delta_table_internal.h"
#include "storage/delta/random_uuid.h"
#include "storage/delta/table_scan.h"
#include "storage/delta/transaction.h"

namespace tarn::delta {

using nlohmann::json;

bool PropertyTrue(const StringMap& props, const std::string& key) {
  auto it = props.find(key);
  if (it == props.end()) return false;
  std::string v = it->second;
  std::transform(v.begin(), v.end(), v.begin(), [](unsigned char c) { return std::tolower(c); });
  return v == "true";
}

arrow::Status CheckNotAppendOnly(const Metadata& metadata) {
  if (PropertyTrue(metadata.configuration, "delta.appendOnly")) {
    return UserError("DELTA_CANNOT_MODIFY_APPEND_ONLY",
                     "This table is configured to only allow appends (delta.appendOnly=true).");
  }
  return arrow::Status::OK();
}

arrow::Result<std::shared_ptr<arrow::ChunkedArray>> EvaluatePredicate(const arrow::Table& rows,
                                                                      const Predicate& predicate) {
  ARROW_ASSIGN_OR_RAISE(auto expr, ToArrowExpression(predicate, *rows.schema()));
  ARROW_ASSIGN_OR_RAISE(expr, expr.Bind(*rows.schema()));
  arrow::TableBatchReader reader(rows);
  arrow::ArrayVector chunks;
  std::shared_ptr<arrow::RecordBatch> batch;
  while (true) {
    ARROW_RETURN_NOT_OK(reader.ReadNext(&batch));
    if (!batch) break;
    ARROW_ASSIGN_OR_RAISE(auto mask, arrow::compute::ExecuteScalarExpression(expr, arrow::compute::ExecBatch(*batch)));
    if (mask.is_scalar()) {
      ARROW_ASSIGN_OR_RAISE(auto arr, arrow::MakeArrayFromScalar(*mask.scalar(), batch->num_rows()));
      chunks.push_back(arr);
    } else {
      chunks.push_back(mask.make_array());
    }
  }
  return std::make_shared<arrow::ChunkedArray>(chunks, arrow::boolean());
}

namespace {

bool SchemaHasType(const json& type, const std::string& name) {
  if (type.is_string()) return type.get<std::string>() == name;
  if (!type.is_object()) return false;
  const std::string kind = type.value("type", "");
  if (kind == "struct") {
    for (const auto& f : type["fields"]) {
      if (SchemaHasType(f["type"], name)) return true;
    }
  } else if (kind == "array") {
    return SchemaHasType(type["elementType"], name);
  } else if (kind == "map") {
    return SchemaHasType(type["keyType"], name) || SchemaHasType(type["valueType"], name);
  }
  return false;
}

int NumIndexedCols(const StringMap& props) {
  auto it = props.find("delta.dataSkippingNumIndexedCols");
  if (it == props.end()) return 32;
  try {
    return std::stoi(it->second);
  } catch (...) {
    return 32;
  }
}

std::string PartitionByJson(const std::vector<std::string>& cols) {
  return json(cols).dump();
}

bool OnlyPartitionColumns(const Predicate& p, const std::vector<std::string>& partition_cols) {
  for (const auto& c : ReferencedColumns(p)) {
    bool found = false;
    for (const auto& pc : partition_cols) {
      std::string lower = pc;
      std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char ch) { return std::tolower(ch); });
      found = found || lower == c;
    }
    if (!found) return false;
  }
  return true;
}

// Rows for which `predicate` is not true (false or null): what survives a delete.
arrow::Result<std::shared_ptr<arrow::Table>> RowsNotMatching(const std::shared_ptr<arrow::Table>& rows,
                                                             const Predicate& predicate) {
  ARROW_ASSIGN_OR_RAISE(auto mask, EvaluatePredicate(*rows, predicate));
  ARROW_ASSIGN_OR_RAISE(auto filled, arrow::compute::CallFunction("coalesce", {mask, arrow::Datum(false)}));
  ARROW_ASSIGN_OR_RAISE(auto inverted, arrow::compute::Invert(filled));
  ARROW_ASSIGN_OR_RAISE(auto kept, arrow::compute::Filter(rows, inverted));
  return kept.table();
}

std::string RowValues(const arrow::Table& rows, int64_t row, const std::vector<std::string>& columns) {
  std::string out;
  for (const auto& c : columns) {
    for (int i = 0; i < rows.num_columns(); ++i) {
      std::string lower = rows.schema()->field(i)->name();
      std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char ch) { return std::tolower(ch); });
      if (lower != c) continue;
      auto scalar = rows.column(i)->GetScalar(row);
      out += fmt::format("\n - {} : {}", rows.schema()->field(i)->name(),
                         scalar.ok() ? (*scalar)->ToString() : "?");
    }
  }
  return out;
}

// Removes or rewrites the files of `snapshot` holding rows that match `where` (all files when
// null), adding the remove/add actions to `txn`. Returns (files removed, files added, rows deleted).
struct RewriteStats {
  int64_t removed = 0, added = 0, rows_deleted = 0;
};
arrow::Result<RewriteStats> RemoveMatchingRows(const Snapshot& snapshot, const PredicatePtr& where,
                                               Transaction& txn, const DataFileLayout& layout) {
  RewriteStats stats;
  if (!where) {
    for (const auto& f : snapshot.files()) {
      txn.RemoveFile(RemoveActionFor(f, true));
      ++stats.removed;
    }
    txn.footprint().read_whole_table = true;
    return stats;
  }
  ARROW_ASSIGN_OR_RAISE(auto skipper, FileSkipper::Make(where, snapshot));
  auto candidates = skipper.Select(snapshot.files());
  txn.footprint().read_predicates.push_back(where);
  bool partition_only = OnlyPartitionColumns(*where, snapshot.metadata().partition_columns);
  for (const auto& f : candidates) {
    txn.footprint().read_files.insert(f.path);
    if (partition_only) {
      // Every row of the file has the same partition values, so the skipper's "maybe" is exact.
      txn.RemoveFile(RemoveActionFor(f, true));
      ++stats.removed;
      continue;
    }
    ARROW_ASSIGN_OR_RAISE(auto rows, TableScan::ReadFile(snapshot, f));
    ARROW_ASSIGN_OR_RAISE(auto kept, RowsNotMatching(rows, *where));
    if (kept->num_rows() == rows->num_rows()) continue;  // nothing to delete here
    stats.rows_deleted += rows->num_rows() - kept->num_rows();
    txn.RemoveFile(RemoveActionFor(f, true));
    ++stats.removed;
    if (kept->num_rows() > 0) {
      ARROW_ASSIGN_OR_RAISE(auto adds, WriteDataFiles(*snapshot.storage(), layout, kept, true));
      for (auto& a : adds) {
        txn.AddFile(std::move(a));
        ++stats.added;
      }
    }
  }
  return stats;
}

}  // namespace

DataFileLayout LayoutFor(const json& schema, const Metadata& md, ColumnMappingMode mapping,
                         int64_t target_file_bytes) {
  DataFileLayout layout;
  layout.schema = schema;
  layout.partition_columns = md.partition_columns;
  layout.column_mapping = mapping;
  layout.num_indexed_cols = NumIndexedCols(md.configuration);
  layout.target_file_bytes = target_file_bytes;
  return layout;
}

arrow::Result<json> CommitNewMetadata(json schema, Metadata* metadata,
                                      const std::shared_ptr<const Snapshot>& snapshot, Transaction& txn) {
  ARROW_ASSIGN_OR_RAISE(auto mapping, ParseColumnMappingMode(
                                          metadata->configuration.count("delta.columnMapping.mode")
                                              ? metadata->configuration["delta.columnMapping.mode"]
                                              : ""));
  if (mapping != ColumnMappingMode::kNone) {
    int64_t max_id = 0;
    if (auto it = metadata->configuration.find("delta.columnMapping.maxColumnId");
        it != metadata->configuration.end()) {
      max_id = std::stoll(it->second);
    }
    schema = AssignColumnMapping(schema, &max_id);
    metadata->configuration["delta.columnMapping.maxColumnId"] = std::to_string(max_id);
  }
  metadata->schema_string = schema.dump();
  Protocol protocol = ProtocolForTable(schema, metadata->configuration,
                                       snapshot ? std::optional<Protocol>(snapshot->protocol()) : std::nullopt);
  if (!snapshot || protocol.min_reader_version != snapshot->protocol().min_reader_version ||
      protocol.min_writer_version != snapshot->protocol().min_writer_version ||
      protocol.reader_features != snapshot->protocol().reader_features ||
      protocol.writer_features != snapshot->protocol().writer_features) {
    txn.SetProtocol(protocol);
  }
  txn.SetMetadata(*metadata);
  return schema;
}

Protocol ProtocolForTable(const json& schema, const StringMap& props, const std::optional<Protocol>& current) {
  std::set<std::string> reader_features, writer_features;
  auto mode = props.count("delta.columnMapping.mode") ? props.at("delta.columnMapping.mode") : "none";
  bool legacy_only = true;
  int reader = 1, writer = 2;
  if (PropertyTrue(props, "delta.appendOnly")) writer_features.insert("appendOnly");
  bool has_constraints = false;
  for (const auto& [k, v] : props) has_constraints = has_constraints || k.rfind("delta.constraints.", 0) == 0;
  if (has_constraints) writer_features.insert("checkConstraints"), writer = std::max(writer, 3);
  if (PropertyTrue(props, "delta.enableChangeDataFeed")) writer_features.insert("changeDataFeed"), writer = std::max(writer, 4);
  if (mode != "none") {
    reader_features.insert("columnMapping");
    writer_features.insert("columnMapping");
    reader = 2;
    writer = std::max(writer, 5);
  }
  auto add_new = [&](const std::string& f, bool reader_too) {
    legacy_only = false;
    writer_features.insert(f);
    if (reader_too) reader_features.insert(f);
  };
  if (SchemaHasType(schema, "timestamp_ntz")) add_new("timestampNtz", true);
  if (PropertyTrue(props, "delta.enableDeletionVectors")) add_new("deletionVectors", true);
  if (PropertyTrue(props, "delta.enableInCommitTimestamps")) add_new("inCommitTimestamp", false);
  if (PropertyTrue(props, "delta.enableTypeWidening")) add_new("typeWidening", true);
  if (current) {
    // Never downgrade: keep whatever the table already declares.
    if (current->reader_features) reader_features.insert(current->reader_features->begin(), current->reader_features->end());
    if (current->writer_features) writer_features.insert(current->writer_features->begin(), current->writer_features->end());
    if (current->min_writer_version >= 7) legacy_only = false;
    reader = std::max(reader, current->min_reader_version);
    writer = std::max(writer, current->min_writer_version);
  }
  Protocol p;
  if (legacy_only) {
    p.min_reader_version = std::min(reader, 2);
    p.min_writer_version = writer;
    return p;
  }
  // Table features: reader 3 only when some feature needs readers to know it.
  reader_features.erase("appendOnly");
  reader_features.erase("checkConstraints");
  reader_features.erase("changeDataFeed");
  reader_features.erase("inCommitTimestamp");
  if (reader_features.empty()) {
    p.min_reader_version = 1;
  } else {
    p.min_reader_version = 3;
    p.reader_features = std::vector<std::string>(reader_features.begin(), reader_features.end());
  }
  p.min_writer_version = 7;
  p.writer_features = std::vector<std::string>(writer_features.begin(), writer_features.end());
  return p;
}

arrow::Status EnforceCheckConstraints(const arrow::Table& rows, const StringMap& properties) {
  for (const auto& [key, expr_text] : properties) {
    if (key.rfind("delta.constraints.", 0) != 0) continue;
    const std::string name = key.substr(18);
    ARROW_ASSIGN_OR_RAISE(auto predicate, ParsePredicate(expr_text));
    ARROW_ASSIGN_OR_RAISE(auto mask, EvaluatePredicate(rows, *predicate));
    int64_t offset = 0;
    for (const auto& chunk : mask->chunks()) {
      const auto& b = static_cast<const arrow::BooleanArray&>(*chunk);
      for (int64_t i = 0; i < b.length(); ++i) {
        // Like Delta, a CHECK that evaluates to NULL is a violation too.
        if (b.IsNull(i) || !b.Value(i)) {
          return UserError("DELTA_VIOLATE_CONSTRAINT_WITH_VALUES",
                           "CHECK constraint {} ({}) violated by row with values:{}", name, expr_text,
                           RowValues(rows, offset + i, ReferencedColumns(*predicate)));
        }
      }
      offset += b.length();
    }
  }
  return arrow::Status::OK();
}

arrow::Result<DeltaTable> DeltaTable::Open(const std::string& location) {
  ARROW_ASSIGN_OR_RAISE(auto storage, OpenTableStorage(location));
  return DeltaTable(std::move(storage));
}

bool DeltaTable::Exists() const {
  auto listing = storage_->List(LogDir(*storage_));
  if (!listing.ok()) return false;
  for (const auto& f : *listing) {
    auto kind = ClassifyLogFile(f).kind;
    if (kind == LogFileKind::kCommit || kind == LogFileKind::kClassicCheckpoint) return true;
  }
  return false;
}

arrow::Result<std::shared_ptr<const Snapshot>> DeltaTable::LoadSnapshot(std::optional<int64_t> version) const {
  return Snapshot::Load(storage_, version);
}

arrow::Result<std::shared_ptr<const Snapshot>> DeltaTable::LoadSnapshotAsOf(int64_t timestamp_ms) const {
  return Snapshot::LoadAsOfTimestamp(storage_, timestamp_ms);
}

arrow::Result<WriteResult> DeltaTable::Write(const std::shared_ptr<arrow::Table>& input,
                                             const WriteOptions& options) const {
  WriteResult result;
  std::shared_ptr<const Snapshot> snapshot;
  if (Exists()) {
    ARROW_ASSIGN_OR_RAISE(snapshot, LoadSnapshot());
    ARROW_RETURN_NOT_OK(CheckWriteSupported(snapshot->protocol()));
    if (options.mode == WriteMode::kErrorIfExists) {
      return UserError("DELTA_PATH_EXISTS", "Cannot write to already existent path {} without setting mode overwrite or append.", root());
    }
    if (options.mode == WriteMode::kIgnore) {
      result.skipped = true;
      return result;
    }
  }
  if (options.txn_app_id && snapshot) {
    auto it = snapshot->app_transactions().find(*options.txn_app_id);
    if (it != snapshot->app_transactions().end() && it->second.version >= options.txn_version.value_or(0)) {
      result.skipped = true;  // this (app id, version) was already written: idempotent replay
      return result;
    }
  }

  ARROW_ASSIGN_OR_RAISE(json incoming, ArrowSchemaToDelta(*input->schema()));
  Transaction txn(storage_, snapshot);
  json schema;
  Metadata metadata;
  bool overwrite = options.mode == WriteMode::kOverwrite;
  bool new_metadata = false;
  if (!snapshot || (overwrite && options.overwrite_schema)) {
    schema = incoming;
    metadata.id = snapshot ? snapshot->metadata().id : RandomUuid();
    metadata.created_time = snapshot ? snapshot->metadata().created_time : NowMillis();
    metadata.schema_string = schema.dump();
    metadata.description = options.description;
    metadata.configuration = snapshot ? snapshot->metadata().configuration : StringMap{};
    for (const auto& [k, v] : options.properties) metadata.configuration[k] = v;
    for (const auto& p : options.partition_by) {
      const json* f = FindField(schema, p);
      if (!f) {
        return UserError("DELTA_COLUMN_NOT_FOUND_IN_SCHEMA", "Partition column `{}` not found in schema {}", p,
                         input->schema()->ToString());
      }
      metadata.partition_columns.push_back((*f)["name"].get<std::string>());
    }
    new_metadata = true;
  } else {
    schema = snapshot->schema();
    metadata = snapshot->metadata();
    if (!options.partition_by.empty()) {
      std::vector<std::string> lowered_new, lowered_old;
      for (auto s : options.partition_by) {
        std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
        lowered_new.push_back(s);
      }
      for (auto s : metadata.partition_columns) {
        std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
        lowered_old.push_back(s);
      }
      if (lowered_new != lowered_old) {
        return UserError("DELTA_PARTITION_COLUMNS_MISMATCH",
                         "Partition columns {} do not match the partition columns of the table: {}.",
                         PartitionByJson(options.partition_by), PartitionByJson(metadata.partition_columns));
      }
    }
    if (options.merge_schema) {
      ARROW_ASSIGN_OR_RAISE(json merged, MergeSchemas(schema, incoming));
      if (merged != schema) {
        schema = merged;
        new_metadata = true;
      }
    } else {
      ARROW_RETURN_NOT_OK(CheckWriteCompatible(schema, incoming));
    }
  }
  ARROW_ASSIGN_OR_RAISE(auto mapping, ParseColumnMappingMode(
                                          metadata.configuration.count("delta.columnMapping.mode")
                                              ? metadata.configuration["delta.columnMapping.mode"]
                                              : ""));
  if (new_metadata) {
    ARROW_ASSIGN_OR_RAISE(schema, CommitNewMetadata(std::move(schema), &metadata, snapshot, txn));
  }
  if (!options.cluster_by.empty() && (!snapshot || (overwrite && options.overwrite_schema))) {
    ARROW_ASSIGN_OR_RAISE(auto domain, ClusteringDomain(schema, options.cluster_by, metadata.partition_columns));
    txn.AddAction(domain);
    txn.SetProtocol(WithClusteringFeatures(
        ProtocolForTable(schema, metadata.configuration,
                         snapshot ? std::optional<Protocol>(snapshot->protocol()) : std::nullopt),
        schema));
  }

  ARROW_ASSIGN_OR_RAISE(auto data, ConformToTableSchema(input, schema));
  ARROW_RETURN_NOT_OK(EnforceCheckConstraints(*data, metadata.configuration));

  auto layout = LayoutFor(schema, metadata, mapping, options.target_file_bytes);
  json params = {{"mode", overwrite ? "Overwrite" : "Append"},
                 {"partitionBy", PartitionByJson(metadata.partition_columns)}};
  if (snapshot && overwrite) {
    if (PropertyTrue(metadata.configuration, "delta.appendOnly")) {
      return UserError("DELTA_CANNOT_MODIFY_APPEND_ONLY",
                       "This table is configured to only allow appends (delta.appendOnly=true).");
    }
    if (options.replace_where) {
      // Every new row must fall inside the replaced range, or data would silently move.
      ARROW_ASSIGN_OR_RAISE(auto kept, RowsNotMatching(data, *options.replace_where));
      if (kept->num_rows() > 0) {
        return UserError("DELTA_REPLACE_WHERE_MISMATCH",
                         "Written data does not conform to partial table overwrite condition or "
                         "constraint '{}': {} row(s) fall outside it.",
                         options.replace_where->ToString(), kept->num_rows());
      }
      params["predicate"] = json::array({options.replace_where->ToString()}).dump();
    }
    ARROW_ASSIGN_OR_RAISE(auto removed, RemoveMatchingRows(*snapshot, options.replace_where, txn,
                                                           LayoutFor(snapshot->schema(), snapshot->metadata(),
                                                                     snapshot->column_mapping(), options.target_file_bytes)));
    result.files_removed = removed.removed;
    result.files_added += removed.added;
  }
  ARROW_ASSIGN_OR_RAISE(auto adds, WriteDataFiles(*storage_, layout, data, true));
  int64_t bytes = 0;
  for (auto& a : adds) {
    bytes += a.size;
    txn.AddFile(std::move(a));
    ++result.files_added;
  }
  if (options.txn_app_id) txn.SetAppTransaction(*options.txn_app_id, options.txn_version.value_or(0));
  for (const auto& [app_id, version] : options.app_transactions) txn.SetAppTransaction(app_id, version);
  const bool creates = !snapshot || (overwrite && options.overwrite_schema);
  if (creates && (!snapshot || !options.operation.empty())) {
    txn.SetOperation(options.operation.empty() ? "CREATE TABLE AS SELECT" : options.operation,
                     {{"isManaged", options.managed ? "true" : "false"},
                      {"description", options.description ? json(*options.description) : json(nullptr)},
                      {"partitionBy", PartitionByJson(metadata.partition_columns)},
                      {"properties", json(metadata.configuration).dump()}});
  } else {
    txn.SetOperation("WRITE", params);
  }
  txn.SetBlindAppend(snapshot && !overwrite && !new_metadata);
  txn.SetOperationMetrics({{"numFiles", std::to_string(adds.size())},
                           {"numOutputRows", std::to_string(data->num_rows())},
                           {"numOutputBytes", std::to_string(bytes)},
                           {"numRemovedFiles", std::to_string(result.files_removed)}});
  ARROW_ASSIGN_OR_RAISE(auto commit, txn.Commit());
  result.version = commit.version;
  result.commit_attempts = commit.attempts;
  result.rows_written = data->num_rows();
  return result;
}

arrow::Result<WriteResult> DeltaTable::Delete(PredicatePtr where) const {
  ARROW_ASSIGN_OR_RAISE(auto snapshot, LoadSnapshot());
  ARROW_RETURN_NOT_OK(CheckWriteSupported(snapshot->protocol()));
  ARROW_RETURN_NOT_OK(CheckNotAppendOnly(snapshot->metadata()));
  RowChanges changes;
  changes.operation = "DELETE";
  changes.operation_parameters = {{"predicate", json::array({where ? where->ToString() : "true"}).dump()}};
  const bool cdf = PropertyTrue(snapshot->metadata().configuration, "delta.enableChangeDataFeed");
  std::vector<AddFile> whole_files;
  if (!where) {
    changes.read_whole_table = true;
    whole_files = snapshot->files();
  } else if (OnlyPartitionColumns(*where, snapshot->metadata().partition_columns) && !cdf) {
    // Every row of a file has the same partition values, so the skipper's "maybe" is exact.
    ARROW_ASSIGN_OR_RAISE(auto skipper, FileSkipper::Make(where, *snapshot));
    whole_files = skipper.Select(snapshot->files());
    changes.read_predicate = where;
  } else {
    ScanOptions scan_options;
    scan_options.filter = where;
    scan_options.with_row_address = true;
    if (!cdf) {
      // Only the filter's columns are needed to find the rows.
      for (const auto& c : ReferencedColumns(*where)) {
        auto& cols = scan_options.columns;
        if (std::find(cols.begin(), cols.end(), c) == cols.end()) cols.push_back(c);
      }
    }
    ARROW_ASSIGN_OR_RAISE(auto scan, TableScan::Make(snapshot, scan_options));
    ARROW_ASSIGN_OR_RAISE(auto rows, scan.ToTable());
    ARROW_ASSIGN_OR_RAISE(changes.deletions, DeletionsFromRowAddresses(*rows, scan.files()));
    changes.read_predicate = where;
    if (cdf && rows->num_rows() > 0) {
      const int logical = rows->num_columns() - 2;
      std::vector<int> idx;
      for (int i = 0; i < logical; ++i) idx.push_back(i);
      ARROW_ASSIGN_OR_RAISE(auto deleted, rows->SelectColumns(idx));
      ARROW_ASSIGN_OR_RAISE(auto kind, arrow::MakeArrayFromScalar(arrow::StringScalar("delete"), rows->num_rows()));
      ARROW_ASSIGN_OR_RAISE(changes.change_data,
                            deleted->AddColumn(logical, arrow::field("_change_type", arrow::utf8()),
                                               std::make_shared<arrow::ChunkedArray>(kind)));
    }
  }
  if (cdf && !whole_files.empty()) {
    // Whole files leave too; their rows go to the change feed (Delta would derive them from the
    // remove actions, but one commit must not mix cdc files with implied changes).
    std::vector<std::shared_ptr<arrow::Table>> parts;
    for (const auto& f : whole_files) {
      ARROW_ASSIGN_OR_RAISE(auto rows, TableScan::ReadFile(*snapshot, f));
      parts.push_back(rows);
    }
    if (!parts.empty()) {
      ARROW_ASSIGN_OR_RAISE(auto deleted, arrow::ConcatenateTables(parts));
      if (deleted->num_rows() > 0) {
        ARROW_ASSIGN_OR_RAISE(auto kind, arrow::MakeArrayFromScalar(arrow::StringScalar("delete"), deleted->num_rows()));
        ARROW_ASSIGN_OR_RAISE(changes.change_data,
                              deleted->AddColumn(deleted->num_columns(), arrow::field("_change_type", arrow::utf8()),
                                                 std::make_shared<arrow::ChunkedArray>(kind)));
      }
    }
  }
  for (const auto& f : whole_files) {
    FileRowDeletion d;
    d.file = f;
    d.whole_file = true;
    changes.deletions.push_back(std::move(d));
  }
  ARROW_ASSIGN_OR_RAISE(auto committed, CommitRowChanges(snapshot, changes));
  WriteResult result;
  result.files_removed = committed.files_removed;
  result.files_added = committed.files_added;
  result.version = committed.version;
  result.skipped = committed.version < 0;
  result.commit_attempts = committed.commit_attempts;
  return result;
}

arrow::Result<int64_t> DeltaTable::SetProperties(const StringMap& set, const std::vector<std::string>& unset) const {
  ARROW_ASSIGN_OR_RAISE(auto snapshot, LoadSnapshot());
  ARROW_RETURN_NOT_OK(CheckWriteSupported(snapshot->protocol()));
  Metadata md = snapshot->metadata();
  for (const auto& [k, v] : set) md.configuration[k] = v;
  for (const auto& k : unset) md.configuration.erase(k);
  Transaction txn(storage_, snapshot);
  // New CHECK constraints must hold for the rows already in the table.
  StringMap added_constraints;
  for (const auto& [k, v] : set) {
    if (k.rfind("delta.constraints.", 0) == 0) added_constraints[k] = v;
  }
  if (!added_constraints.empty()) {
    ARROW_ASSIGN_OR_RAISE(auto scan, TableScan::Make(snapshot, {}));
    ARROW_ASSIGN_OR_RAISE(auto rows, scan.ToTable());
    ARROW_RETURN_NOT_OK(EnforceCheckConstraints(*rows, added_constraints));
    txn.footprint().read_whole_table = true;
  }
  Protocol protocol = ProtocolForTable(snapshot->schema(), md.configuration, snapshot->protocol());
  if (protocol.min_reader_version != snapshot->protocol().min_reader_version ||
      protocol.min_writer_version != snapshot->protocol().min_writer_version ||
      protocol.writer_features != snapshot->protocol().writer_features ||
      protocol.reader_features != snapshot->protocol().reader_features) {
    txn.SetProtocol(protocol);
  }
  txn.SetMetadata(md);
  json props = json::object();
  for (const auto& [k, v] : set) props[k] = v;
  txn.SetOperation(unset.empty() ? "SET TBLPROPERTIES" : "UNSET TBLPROPERTIES", {{"properties", props.dump()}});
  ARROW_ASSIGN_OR_RAISE(auto commit, txn.Commit());
  return commit.version;
}

arrow::Status DeltaTable::Checkpoint() const {
  ARROW_ASSIGN_OR_RAISE(auto snapshot, LoadSnapshot());
  return WriteCheckpoint(*snapshot);
}

}  // namespace tarn::delta
