// The change data feed as Spark's table_changes returns it: per version, the rows of its cdc
// files when it has some, else the rows of the files it added (inserts) and removed (deletes),
// with rows whose deletion-vector bit changed counted alone.
#include <algorithm>
#include <climits>
#include <iterator>
#include <map>
#include <set>

#include <arrow/api.h>
#include <arrow/compute/api.h>

#include "errors/error_class.h"
#include "storage/delta/delta_table.h"
#include "storage/delta/delta_table_internal.h"
#include "storage/delta/row_changes.h"
#include "storage/delta/table_scan.h"
#include "storage/delta/table_scan_internal.h"

namespace tarn::delta {

namespace {

constexpr char kChangeType[] = "_change_type";
constexpr char kCommitVersion[] = "_commit_version";
constexpr char kCommitTimestamp[] = "_commit_timestamp";

struct CommitEntry {
  int64_t version = 0;
  int64_t timestamp_ms = 0;
  LogFile file;
};

// The commits still in the log, ascending, with timestamps made strictly increasing the way
// time travel sees them.
arrow::Result<std::vector<CommitEntry>> ListCommits(const TableStorage& storage, bool in_commit_timestamps) {
  ARROW_ASSIGN_OR_RAISE(auto listing, storage.List(LogDir(storage)));
  std::vector<CommitEntry> commits;
  for (const auto& f : listing) {
    auto lf = ClassifyLogFile(f);
    if (lf.kind == LogFileKind::kCommit) commits.push_back({lf.version, 0, lf});
  }
  std::sort(commits.begin(), commits.end(), [](const auto& a, const auto& b) { return a.version < b.version; });
  int64_t prev = INT64_MIN;
  for (auto& c : commits) {
    ARROW_ASSIGN_OR_RAISE(int64_t ts, CommitTimestamp(storage, c.file, in_commit_timestamps));
    if (prev != INT64_MIN) ts = std::max(ts, prev + 1);
    c.timestamp_ms = prev = ts;
  }
  return commits;
}

arrow::Result<std::shared_ptr<arrow::Table>> WithColumn(const std::shared_ptr<arrow::Table>& rows,
                                                        const std::string& name,
                                                        const std::shared_ptr<arrow::Scalar>& value) {
  ARROW_ASSIGN_OR_RAISE(auto arr, arrow::MakeArrayFromScalar(*value, rows->num_rows()));
  return rows->AddColumn(rows->num_columns(), arrow::field(name, value->type),
                         std::make_shared<arrow::ChunkedArray>(arr));
}

AddFile AsAddFile(const RemoveFile& rm) {
  AddFile f;
  f.path = rm.path;
  f.partition_values = rm.partition_values.value_or(PartitionValues{});
  f.size = rm.size.value_or(0);
  f.deletion_vector = rm.deletion_vector;
  return f;
}

// Rows of `file` at the physical positions in `positions` (sorted), no DV applied.
arrow::Result<std::shared_ptr<arrow::Table>> RowsAt(const Snapshot& schema_snapshot, const AddFile& file,
                                                    const std::vector<uint64_t>& positions) {
  FileReadOptions read;
  read.with_row_index = true;
  read.apply_deletion_vector = false;
  ARROW_ASSIGN_OR_RAISE(auto rows, ReadDataFile(schema_snapshot, file, read));
  const int index_col = rows->num_columns() - 1;
  arrow::BooleanBuilder keep;
  ARROW_RETURN_NOT_OK(keep.Reserve(rows->num_rows()));
  for (const auto& chunk : rows->column(index_col)->chunks()) {
    const auto& idx = static_cast<const arrow::Int64Array&>(*chunk);
    for (int64_t i = 0; i < idx.length(); ++i) {
      keep.UnsafeAppend(std::binary_search(positions.begin(), positions.end(), static_cast<uint64_t>(idx.Value(i))));
    }
  }
  ARROW_ASSIGN_OR_RAISE(auto mask, keep.Finish());
  ARROW_ASSIGN_OR_RAISE(auto picked, arrow::compute::Filter(rows, mask));
  return picked.table()->RemoveColumn(index_col);
}

std::vector<uint64_t> Difference(const std::vector<uint64_t>& a, const std::vector<uint64_t>& b) {
  std::vector<uint64_t> out;
  std::set_difference(a.begin(), a.end(), b.begin(), b.end(), std::back_inserter(out));
  return out;
}

// The change rows of one commit, in the logical schema of `schema_snapshot` plus _change_type.
arrow::Result<std::vector<std::shared_ptr<arrow::Table>>> ChangesOfCommit(const Snapshot& schema_snapshot, const std::vector<Action>& actions,
                                                  bool cdf_enabled, int64_t version, int64_t start, int64_t end) {
  const auto& storage = *schema_snapshot.storage();
  std::vector<std::shared_ptr<arrow::Table>> out;
  std::vector<const AddCdcFile*> cdc;
  std::map<std::string, const AddFile*> adds;
  std::map<std::string, const RemoveFile*> removes;
  for (const auto& a : actions) {
    if (const auto* c = std::get_if<AddCdcFile>(&a)) cdc.push_back(c);
    if (const auto* f = std::get_if<AddFile>(&a); f && f->data_change) adds[f->path] = f;
    if (const auto* r = std::get_if<RemoveFile>(&a); r && r->data_change) removes[r->path] = r;
  }
  if (!cdc.empty()) {
    FileReadOptions read;
    read.apply_deletion_vector = false;
    read.extra_columns = {arrow::field(kChangeType, arrow::utf8())};
    for (const auto* c : cdc) {
      AddFile f;
      f.path = c->path;
      f.partition_values = c->partition_values;
      ARROW_ASSIGN_OR_RAISE(auto rows, ReadDataFile(schema_snapshot, f, read));
      out.push_back(rows);
    }
    return out;
  }
  if (adds.empty() && removes.empty()) return out;
  if (!cdf_enabled) {
    return UserError("DELTA_MISSING_CHANGE_DATA",
                     "Error getting change data for range [{} , {}] as change data was not recorded for "
                     "version [{}]. If you've enabled change data feed on this table, use `DESCRIBE "
                     "HISTORY` to see when it was first enabled. Otherwise, to start recording change "
                     "data, use `ALTER TABLE table_name SET TBLPROPERTIES "
                     "(delta.enableChangeDataFeed=true)`.",
                     start, end, version);
  }
  auto tagged = [&](std::shared_ptr<arrow::Table> rows, const char* kind) {
    return WithColumn(rows, kChangeType, std::make_shared<arrow::StringScalar>(kind));
  };
  FileReadOptions whole;
  for (const auto& [path, add] : adds) {
    auto rm = removes.find(path);
    if (rm != removes.end()) {
      // The same file with another deletion vector: only rows whose bit changed are changes.
      std::vector<uint64_t> before, after;
      if (rm->second->deletion_vector) {
        ARROW_ASSIGN_OR_RAISE(before, LoadDeletionVector(storage, *rm->second->deletion_vector));
      }
      if (add->deletion_vector) {
        ARROW_ASSIGN_OR_RAISE(after, LoadDeletionVector(storage, *add->deletion_vector));
      }
      auto deleted = Difference(after, before);
      auto restored = Difference(before, after);
      if (!deleted.empty()) {
        ARROW_ASSIGN_OR_RAISE(auto rows, RowsAt(schema_snapshot, *add, deleted));
        ARROW_ASSIGN_OR_RAISE(rows, tagged(rows, "delete"));
        out.push_back(rows);
      }
      if (!restored.empty()) {
        ARROW_ASSIGN_OR_RAISE(auto rows, RowsAt(schema_snapshot, *add, restored));
        ARROW_ASSIGN_OR_RAISE(rows, tagged(rows, "insert"));
        out.push_back(rows);
      }
      continue;
    }
    ARROW_ASSIGN_OR_RAISE(auto rows, ReadDataFile(schema_snapshot, *add, whole));
    ARROW_ASSIGN_OR_RAISE(rows, tagged(rows, "insert"));
    out.push_back(rows);
  }
  for (const auto& [path, rm] : removes) {
    if (adds.count(path)) continue;
    ARROW_ASSIGN_OR_RAISE(auto rows, ReadDataFile(schema_snapshot, AsAddFile(*rm), whole));
    ARROW_ASSIGN_OR_RAISE(rows, tagged(rows, "delete"));
    out.push_back(rows);
  }
  return out;
}

}  // namespace

arrow::Result<std::shared_ptr<arrow::Table>> DeltaTable::ReadChanges(int64_t start_version,
                                                                     std::optional<int64_t> end_version) const {
  ARROW_ASSIGN_OR_RAISE(auto latest, LoadSnapshot());
  if (start_version < 0) {
    return UserError("DELTA_INVALID_CDC_RANGE", "CDC range from start {} to end {} was invalid. The start version cannot be negative.",
                     start_version, end_version.value_or(latest->version()));
  }
  if (start_version > latest->version()) {
    return UserError("DELTA_INVALID_CDC_RANGE",
                     "Provided Start version({}) for reading change data is invalid. Start version "
                     "cannot be greater than the latest version of the table({}).",
                     start_version, latest->version());
  }
  int64_t end = std::min(end_version.value_or(latest->version()), latest->version());
  if (end < start_version) {
    return UserError("DELTA_INVALID_CDC_RANGE", "CDC range from start {} to end {} was invalid. End cannot be before start.",
                     start_version, end);
  }
  std::shared_ptr<const Snapshot> schema_snapshot = latest;
  if (end != latest->version()) {
    ARROW_ASSIGN_OR_RAISE(schema_snapshot, LoadSnapshot(end));
  }
  ARROW_ASSIGN_OR_RAISE(auto start_snapshot, LoadSnapshot(start_version));
  StringMap configuration = start_snapshot->metadata().configuration;

  const bool ict = latest->TableProperty("delta.enableInCommitTimestamps") == "true";
  ARROW_ASSIGN_OR_RAISE(auto commits, ListCommits(*storage_, ict));
  std::map<int64_t, const CommitEntry*> by_version;
  for (const auto& c : commits) by_version[c.version] = &c;

  std::vector<std::shared_ptr<arrow::Table>> parts;
  for (int64_t v = start_version; v <= end; ++v) {
    auto it = by_version.find(v);
    if (it == by_version.end()) {
      return UserError("DELTA_VERSION_NOT_FOUND",
                       "Cannot read change data of version {}: its commit is no longer in the log.", v);
    }
    ARROW_ASSIGN_OR_RAISE(auto buf, storage_->Read(it->second->file.file.path));
    ARROW_ASSIGN_OR_RAISE(auto actions, ParseCommitFile(buf->ToString(), it->second->file.file.path));
    if (v > start_version) {
      for (const auto& a : actions) {
        if (const auto* md = std::get_if<Metadata>(&a)) configuration = md->configuration;
      }
    }
    ARROW_ASSIGN_OR_RAISE(auto changes,
                          ChangesOfCommit(*schema_snapshot, actions,
                                          PropertyTrue(configuration, "delta.enableChangeDataFeed"), v,
                                          start_version, end));
    for (auto& rows : changes) {
      ARROW_ASSIGN_OR_RAISE(rows, WithColumn(rows, kCommitVersion, std::make_shared<arrow::Int64Scalar>(v)));
      ARROW_ASSIGN_OR_RAISE(
          rows, WithColumn(rows, kCommitTimestamp,
                           std::make_shared<arrow::TimestampScalar>(it->second->timestamp_ms * 1000,
                                                                    arrow::timestamp(arrow::TimeUnit::MICRO, "UTC"))));
      parts.push_back(rows->ReplaceSchemaMetadata(nullptr));
    }
  }
  auto fields = schema_snapshot->arrow_schema()->fields();
  fields.push_back(arrow::field(kChangeType, arrow::utf8()));
  fields.push_back(arrow::field(kCommitVersion, arrow::int64()));
  fields.push_back(arrow::field(kCommitTimestamp, arrow::timestamp(arrow::TimeUnit::MICRO, "UTC")));
  auto schema = arrow::schema(fields);
  if (parts.empty()) return arrow::Table::MakeEmpty(schema);
  for (auto& p : parts) {
    // Same columns everywhere; nullability may differ between cdc files and data files.
    p = arrow::Table::Make(schema, p->columns(), p->num_rows());
  }
  return arrow::ConcatenateTables(parts);
}

arrow::Result<std::shared_ptr<arrow::Table>> DeltaTable::ReadChangesByTimestamp(int64_t start_ms,
                                                                                std::optional<int64_t> end_ms) const {
  ARROW_ASSIGN_OR_RAISE(auto latest, LoadSnapshot());
  const bool ict = latest->TableProperty("delta.enableInCommitTimestamps") == "true";
  ARROW_ASSIGN_OR_RAISE(auto commits, ListCommits(*storage_, ict));
  std::optional<int64_t> start, end;
  for (const auto& c : commits) {
    if (!start && c.timestamp_ms >= start_ms) start = c.version;  // first commit at or after start
    if (!end_ms || c.timestamp_ms <= *end_ms) end = c.version;     // last commit at or before end
  }
  if (!start) {
    return UserError("DELTA_TIMESTAMP_GREATER_THAN_COMMIT",
                     "The provided timestamp ({} ms) is after the latest version available to this "
                     "table ({} ms).",
                     start_ms, commits.empty() ? 0 : commits.back().timestamp_ms);
  }
  if (!end) {
    return UserError("DELTA_TIMESTAMP_EARLIER_THAN_COMMIT_RETENTION",
                     "The provided timestamp ({} ms) is before the earliest version available to this "
                     "table ({} ms).",
                     *end_ms, commits.empty() ? 0 : commits.front().timestamp_ms);
  }
  if (*end < *start) {
    return UserError("DELTA_INVALID_CDC_RANGE", "CDC range from start {} to end {} was invalid. End cannot be before start.",
                     *start, *end);
  }
  return ReadChanges(*start, *end);
}

}  // namespace tarn::delta
