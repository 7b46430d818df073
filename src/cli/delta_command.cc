#include "cli/delta_command.h"

#include <fstream>
#include <iostream>
#include <memory>

#include <arrow/api.h>
#include <nlohmann/json.hpp>

#include "cli/progress_reporter.h"
#include "cli/table_input.h"
#include "cli/table_output.h"
#include "errors/error_class.h"
#include "storage/delta/delta_table.h"
#include "storage/delta/table_scan.h"
#include "storage/delta/value_parser.h"

namespace tarn::cli {

using nlohmann::json;
using delta::DeltaTable;

namespace {

std::vector<std::string> SplitList(const std::string& s) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= s.size() && !s.empty()) {
    size_t end = s.find(',', start);
    if (end == std::string::npos) end = s.size();
    std::string item = s.substr(start, end - start);
    while (!item.empty() && item.front() == ' ') item.erase(item.begin());
    while (!item.empty() && item.back() == ' ') item.pop_back();
    if (!item.empty()) out.push_back(item);
    start = end + 1;
  }
  return out;
}

arrow::Result<delta::StringMap> ParseProperties(const std::vector<std::string>& items) {
  delta::StringMap out;
  for (const auto& item : items) {
    auto eq = item.find('=');
    if (eq == std::string::npos || eq == 0) {
      return UserError("INVALID_PARAMETER_VALUE", "property '{}' is not key=value", item);
    }
    out[item.substr(0, eq)] = item.substr(eq + 1);
  }
  return out;
}

std::string FormatMillis(int64_t ms) {
  return delta::FormatTimestampMicros(ms * 1000, ' ', /*millis_only=*/true);
}

struct WriteArgs {
  std::string path, from, mode = "append", partition_by, replace_where, txn_app_id;
  int64_t txn_version = -1;
  bool merge_schema = false, overwrite_schema = false;
  std::vector<std::string> properties;
  int64_t target_file_size = 128LL << 20;
};

struct ReadArgs {
  std::string path, timestamp, columns, filter, format = "table", output;
  int64_t version = -1, limit = -1;
  bool metrics = false, row_address = false;
};

struct PathArgs {
  std::string path, format = "table", zorder_by, where;
  double retain_hours = -1;
  bool dry_run = false, force = false;
  int64_t target_file_size = 128LL << 20, max_rows_per_file = 0, limit = -1;
  std::vector<std::string> properties, unset;
};

arrow::Status RunWrite(const WriteArgs& a) {
  ProgressReporter progress;
  progress.Stage("reading " + a.from);
  ARROW_ASSIGN_OR_RAISE(auto table, DeltaTable::Open(a.path));
  std::shared_ptr<arrow::Schema> target;
  if (table.Exists() && !a.overwrite_schema) {
    ARROW_ASSIGN_OR_RAISE(auto current, table.LoadSnapshot());
    target = current->arrow_schema();
  }
  ARROW_ASSIGN_OR_RAISE(auto data, LoadTableFile(a.from, target));
  delta::WriteOptions opts;
  if (a.mode == "append") opts.mode = delta::WriteMode::kAppend;
  else if (a.mode == "overwrite") opts.mode = delta::WriteMode::kOverwrite;
  else if (a.mode == "error" || a.mode == "errorifexists") opts.mode = delta::WriteMode::kErrorIfExists;
  else if (a.mode == "ignore") opts.mode = delta::WriteMode::kIgnore;
  else return UserError("INVALID_PARAMETER_VALUE", "unknown --mode '{}' (append, overwrite, error, ignore)", a.mode);
  opts.partition_by = SplitList(a.partition_by);
  opts.merge_schema = a.merge_schema;
  opts.overwrite_schema = a.overwrite_schema;
  opts.target_file_bytes = a.target_file_size;
  if (!a.replace_where.empty()) {
    if (opts.mode != delta::WriteMode::kOverwrite) {
      return UserError("INVALID_PARAMETER_VALUE", "--replace-where needs --mode overwrite");
    }
    ARROW_ASSIGN_OR_RAISE(opts.replace_where, delta::ParsePredicate(a.replace_where));
  }
  if (!a.txn_app_id.empty()) {
    if (a.txn_version < 0) return UserError("INVALID_PARAMETER_VALUE", "--txn-app-id needs --txn-version");
    opts.txn_app_id = a.txn_app_id;
    opts.txn_version = a.txn_version;
  }
  ARROW_ASSIGN_OR_RAISE(opts.properties, ParseProperties(a.properties));
  progress.Stage(fmt::format("writing {} rows to {}", data->num_rows(), a.path));
  ARROW_ASSIGN_OR_RAISE(auto result, table.Write(data, opts));
  progress.Done();
  if (result.skipped) {
    std::cout << "Nothing written to " << table.root()
              << (opts.txn_app_id ? " (this txn app id and version were already committed)\n"
                                  : " (the table exists and --mode ignore was given)\n");
  } else {
    std::cout << fmt::format("Wrote {} rows in {} files to {} as version {}", result.rows_written,
                             result.files_added, table.root(), result.version);
    if (result.files_removed) std::cout << fmt::format(" (removed {} files)", result.files_removed);
    std::cout << "\n";
  }
  return arrow::Status::OK();
}

arrow::Status RunRead(const ReadArgs& a) {
  ARROW_ASSIGN_OR_RAISE(auto table, DeltaTable::Open(a.path));
  std::shared_ptr<const delta::Snapshot> snapshot;
  if (a.version >= 0 && !a.timestamp.empty()) {
    return UserError("DELTA_ONEOF_IN_TIMETRAVEL", "Please either provide 'timestampAsOf' or 'versionAsOf' for time travel.");
  }
  if (!a.timestamp.empty()) {
    ARROW_ASSIGN_OR_RAISE(int64_t micros, delta::ParseTimestampMicros(a.timestamp));
    ARROW_ASSIGN_OR_RAISE(snapshot, table.LoadSnapshotAsOf(micros / 1000));
  } else {
    ARROW_ASSIGN_OR_RAISE(snapshot, table.LoadSnapshot(a.version >= 0 ? std::optional<int64_t>(a.version) : std::nullopt));
  }
  delta::ScanOptions opts;
  opts.columns = SplitList(a.columns);
  opts.with_row_address = a.row_address;
  if (!a.filter.empty()) {
    ARROW_ASSIGN_OR_RAISE(opts.filter, delta::ParsePredicate(a.filter));
  }
  const bool count_only = a.format == "count";
  ARROW_ASSIGN_OR_RAISE(auto format, ParseOutputFormat(count_only ? "table" : a.format));
  ProgressReporter progress;
  progress.Stage("scanning " + table.root());
  ARROW_ASSIGN_OR_RAISE(auto scan, delta::TableScan::Make(snapshot, opts));
  delta::ScanMetrics metrics;
  ARROW_ASSIGN_OR_RAISE(auto rows, scan.ToTable(&metrics));
  progress.Done();
  if (a.limit >= 0 && rows->num_rows() > a.limit) rows = rows->Slice(0, a.limit);
  if (count_only) {
    std::cout << rows->num_rows() << "\n";
  } else {
    const int64_t max_rows = format == OutputFormat::kTable ? 1000 : -1;
    if (!a.output.empty() && format != OutputFormat::kParquet) {
      std::ofstream file(a.output, std::ios::binary);
      if (!file) return arrow::Status::IOError("cannot open ", a.output, " for writing");
      ARROW_RETURN_NOT_OK(WriteTable(*rows, format, file, a.output, max_rows));
      if (!file.flush()) return arrow::Status::IOError("cannot write ", a.output);
    } else {
      ARROW_RETURN_NOT_OK(WriteTable(*rows, format, std::cout, a.output, max_rows));
    }
  }
  if (a.metrics) {
    std::cerr << json{{"version", snapshot->version()},
                      {"filesTotal", metrics.files_total},
                      {"filesScanned", metrics.files_scanned},
                      {"rows", rows->num_rows()}}
                     .dump()
              << "\n";
  }
  return arrow::Status::OK();
}

arrow::Status RunHistory(const PathArgs& a) {
  ARROW_ASSIGN_OR_RAISE(auto table, DeltaTable::Open(a.path));
  ARROW_ASSIGN_OR_RAISE(auto history, table.History(a.limit >= 0 ? std::optional<int64_t>(a.limit) : std::nullopt));
  if (a.format == "json") {
    for (const auto& h : history) std::cout << h.dump() << "\n";
    return arrow::Status::OK();
  }
  std::vector<std::vector<std::string>> rows;
  for (const auto& h : history) {
    auto text = [&](const char* key) {
      if (!h.contains(key)) return std::string();
      const auto& v = h[key];
      if (v.is_string()) return v.get<std::string>();
      if (v.is_object() && v.empty()) return std::string();
      return v.dump();
    };
    std::string params;
    if (h.contains("operationParameters") && h["operationParameters"].is_object()) {
      for (auto& [k, v] : h["operationParameters"].items()) {
        params += (params.empty() ? "" : ", ") + k + "=" + (v.is_string() ? v.get<std::string>() : v.dump());
      }
    }
    std::string metrics;
    if (h.contains("operationMetrics") && h["operationMetrics"].is_object()) {
      for (auto& [k, v] : h["operationMetrics"].items()) {
        metrics += (metrics.empty() ? "" : ", ") + k + "=" + (v.is_string() ? v.get<std::string>() : v.dump());
      }
    }
    rows.push_back({std::to_string(h["version"].get<int64_t>()),
                    FormatMillis(h.value("timestamp", int64_t{0})), text("operation"), params, metrics});
  }
  PrintGrid({"version", "timestamp", "operation", "operationParameters", "operationMetrics"}, rows, std::cout);
  return arrow::Status::OK();
}

arrow::Status RunDescribe(const PathArgs& a) {
  ARROW_ASSIGN_OR_RAISE(auto table, DeltaTable::Open(a.path));
  ARROW_ASSIGN_OR_RAISE(auto snap, table.LoadSnapshot());
  int64_t bytes = 0;
  for (const auto& f : snap->files()) bytes += f.size;
  json protocol = delta::ActionToJson(snap->protocol())["protocol"];
  json detail = {{"format", "delta"},
                 {"id", snap->metadata().id},
                 {"location", table.root()},
                 {"version", snap->version()},
                 {"numFiles", snap->files().size()},
                 {"sizeInBytes", bytes},
                 {"numRecords", snap->NumRecordsOrMinusOne()},
                 {"partitionColumns", snap->metadata().partition_columns},
                 {"schema", snap->schema()},
                 {"properties", snap->metadata().configuration},
                 {"protocol", protocol},
                 {"createdAt", snap->metadata().created_time.value_or(0)},
                 {"lastModified", snap->timestamp()}};
  if (snap->metadata().description) detail["description"] = *snap->metadata().description;
  if (a.format == "json") {
    std::cout << detail.dump() << "\n";
    return arrow::Status::OK();
  }
  std::vector<std::vector<std::string>> rows;
  for (const auto& f : snap->arrow_schema()->fields()) {
    bool part = std::find(snap->metadata().partition_columns.begin(), snap->metadata().partition_columns.end(),
                          f->name()) != snap->metadata().partition_columns.end();
    const json* df = delta::FindField(snap->schema(), f->name());
    std::string type = df ? ((*df)["type"].is_string() ? (*df)["type"].get<std::string>() : (*df)["type"].dump()) : "";
    rows.push_back({f->name(), type, f->nullable() ? "true" : "false", part ? "yes" : ""});
  }
  PrintGrid({"column", "type", "nullable", "partition"}, rows, std::cout);
  std::vector<std::vector<std::string>> info = {
      {"location", table.root()},
      {"version", std::to_string(snap->version())},
      {"lastModified", FormatMillis(snap->timestamp())},
      {"numFiles", std::to_string(snap->files().size())},
      {"sizeInBytes", std::to_string(bytes)},
      {"numRecords", std::to_string(snap->NumRecordsOrMinusOne())},
      {"protocol", protocol.dump()},
      {"properties", json(snap->metadata().configuration).dump()}};
  PrintGrid({"detail", "value"}, info, std::cout);
  return arrow::Status::OK();
}

arrow::Status RunOptimize(const PathArgs& a) {
  ARROW_ASSIGN_OR_RAISE(auto table, DeltaTable::Open(a.path));
  delta::OptimizeOptions opts;
  opts.zorder_by = SplitList(a.zorder_by);
  opts.target_file_bytes = a.target_file_size;
  opts.max_rows_per_file = a.max_rows_per_file;
  if (!a.where.empty()) {
    ARROW_ASSIGN_OR_RAISE(opts.where, delta::ParsePredicate(a.where));
  }
  ProgressReporter progress;
  progress.Stage(opts.zorder_by.empty() ? "compacting files" : "Z-ordering files");
  ARROW_ASSIGN_OR_RAISE(auto result, table.Optimize(opts));
  progress.Done();
  if (result.version < 0) {
    std::cout << "Nothing to optimize in " << table.root() << "\n";
  } else {
    std::cout << fmt::format("Optimized {}: removed {} files, added {} files in {} partition(s) (version {})\n",
                             table.root(), result.files_removed, result.files_added, result.partitions_optimized,
                             result.version);
  }
  return arrow::Status::OK();
}

arrow::Status RunVacuum(const PathArgs& a) {
  ARROW_ASSIGN_OR_RAISE(auto table, DeltaTable::Open(a.path));
  delta::VacuumOptions opts;
  if (a.retain_hours >= 0) opts.retain_hours = a.retain_hours;
  opts.dry_run = a.dry_run;
  opts.force = a.force;
  ARROW_ASSIGN_OR_RAISE(auto result, table.Vacuum(opts));
  if (a.dry_run) {
    std::cout << fmt::format("Found {} files ({} bytes) that VACUUM would delete:\n", result.files.size(), result.bytes);
  } else {
    std::cout << fmt::format("Deleted {} files ({} bytes) from {}\n", result.files.size(), result.bytes, table.root());
  }
  if (a.dry_run) {
    const size_t shown = std::min<size_t>(result.files.size(), 20);
    for (size_t i = 0; i < shown; ++i) std::cout << "  " << result.files[i] << "\n";
    if (shown < result.files.size()) std::cout << "  ... and " << result.files.size() - shown << " more\n";
  }
  return arrow::Status::OK();
}

arrow::Status RunDelete(const PathArgs& a) {
  ARROW_ASSIGN_OR_RAISE(auto table, DeltaTable::Open(a.path));
  delta::PredicatePtr where;
  if (!a.where.empty()) {
    ARROW_ASSIGN_OR_RAISE(where, delta::ParsePredicate(a.where));
  }
  ARROW_ASSIGN_OR_RAISE(auto result, table.Delete(where));
  if (result.skipped) {
    std::cout << "No rows matched; nothing deleted\n";
  } else {
    std::cout << fmt::format("Deleted rows: removed {} files, added {} files (version {})\n", result.files_removed,
                             result.files_added, result.version);
  }
  return arrow::Status::OK();
}

struct ChangesArgs {
  std::string path, from_timestamp, to_timestamp, format = "table", output;
  int64_t from = -1, to = -1;
};

arrow::Status RunChanges(const ChangesArgs& a) {
  ARROW_ASSIGN_OR_RAISE(auto table, DeltaTable::Open(a.path));
  std::shared_ptr<arrow::Table> rows;
  if (!a.from_timestamp.empty()) {
    if (a.from >= 0) return UserError("INVALID_PARAMETER_VALUE", "give either --from or --from-timestamp");
    ARROW_ASSIGN_OR_RAISE(int64_t start, delta::ParseTimestampMicros(a.from_timestamp));
    std::optional<int64_t> end;
    if (!a.to_timestamp.empty()) {
      ARROW_ASSIGN_OR_RAISE(int64_t micros, delta::ParseTimestampMicros(a.to_timestamp));
      end = micros / 1000;
    }
    ARROW_ASSIGN_OR_RAISE(rows, table.ReadChangesByTimestamp(start / 1000, end));
  } else {
    if (a.from < 0) return UserError("INVALID_PARAMETER_VALUE", "--from VERSION or --from-timestamp TIME is required");
    ARROW_ASSIGN_OR_RAISE(rows, table.ReadChanges(a.from, a.to >= 0 ? std::optional<int64_t>(a.to) : std::nullopt));
  }
  const bool count_only = a.format == "count";
  ARROW_ASSIGN_OR_RAISE(auto format, ParseOutputFormat(count_only ? "table" : a.format));
  if (count_only) {
    std::cout << rows->num_rows() << "\n";
    return arrow::Status::OK();
  }
  const int64_t max_rows = format == OutputFormat::kTable ? 1000 : -1;
  if (!a.output.empty() && format != OutputFormat::kParquet) {
    std::ofstream file(a.output, std::ios::binary);
    if (!file) return arrow::Status::IOError("cannot open ", a.output, " for writing");
    ARROW_RETURN_NOT_OK(WriteTable(*rows, format, file, a.output, max_rows));
    if (!file.flush()) return arrow::Status::IOError("cannot write ", a.output);
    return arrow::Status::OK();
  }
  return WriteTable(*rows, format, std::cout, a.output, max_rows);
}

struct RestoreArgs {
  std::string path, timestamp, format = "table";
  int64_t version = -1;
};

arrow::Status RunRestore(const RestoreArgs& a) {
  ARROW_ASSIGN_OR_RAISE(auto table, DeltaTable::Open(a.path));
  if ((a.version >= 0) == !a.timestamp.empty()) {
    return UserError("DELTA_ONEOF_IN_TIMETRAVEL", "Please either provide 'timestampAsOf' or 'versionAsOf' for time travel.");
  }
  delta::RestoreResult result;
  if (a.version >= 0) {
    ARROW_ASSIGN_OR_RAISE(result, table.Restore(a.version));
  } else {
    ARROW_ASSIGN_OR_RAISE(int64_t micros, delta::ParseTimestampMicros(a.timestamp));
    ARROW_ASSIGN_OR_RAISE(result, table.RestoreToTimestamp(micros / 1000));
  }
  json out = {{"version", result.version},
              {"table_size_after_restore", result.table_size_after_restore},
              {"num_of_files_after_restore", result.num_of_files_after_restore},
              {"num_removed_files", result.num_removed_files},
              {"num_restored_files", result.num_restored_files},
              {"removed_files_size", result.removed_files_size},
              {"restored_files_size", result.restored_files_size}};
  if (a.format == "json") {
    std::cout << out.dump() << "\n";
  } else {
    std::vector<std::vector<std::string>> rows;
    for (const auto& [k, v] : out.items()) rows.push_back({k, v.dump()});
    PrintGrid({"metric", "value"}, rows, std::cout);
  }
  return arrow::Status::OK();
}

arrow::Status RunSetProperties(const PathArgs& a) {
  ARROW_ASSIGN_OR_RAISE(auto table, DeltaTable::Open(a.path));
  ARROW_ASSIGN_OR_RAISE(auto props, ParseProperties(a.properties));
  ARROW_ASSIGN_OR_RAISE(auto version, table.SetProperties(props, a.unset));
  std::cout << "Updated table properties (version " << version << ")\n";
  return arrow::Status::OK();
}

}  // namespace

void RegisterDeltaCommands(CLI::App& app, std::function<arrow::Status()>* run) {
  auto* delta = app.add_subcommand("delta", "Delta Lake tables by path: write, read, history, maintain");
  delta->require_subcommand(1);

  auto w = std::make_shared<WriteArgs>();
  auto* write = delta->add_subcommand("write", "Write a CSV, JSON or Parquet file into a Delta table");
  write->add_option("path", w->path, "Table location")->required();
  write->add_option("--from", w->from, "Input file (.csv, .json, .parquet)")->required();
  write->add_option("--mode", w->mode, "append | overwrite | error | ignore")->capture_default_str();
  write->add_option("--partition-by", w->partition_by, "Partition columns, comma separated (new tables)");
  write->add_flag("--merge-schema", w->merge_schema, "Add new columns of the input to the table schema");
  write->add_flag("--overwrite-schema", w->overwrite_schema, "With --mode overwrite: replace the schema");
  write->add_option("--replace-where", w->replace_where, "With --mode overwrite: replace only matching rows");
  write->add_option("--txn-app-id", w->txn_app_id, "Idempotent write: application id");
  write->add_option("--txn-version", w->txn_version, "Idempotent write: version for the application id");
  write->add_option("--property", w->properties, "Table property key=value (on create)");
  write->add_option("--target-file-size", w->target_file_size, "Target data file size in bytes");
  write->callback([run, w] { *run = [w] { return RunWrite(*w); }; });

  auto r = std::make_shared<ReadArgs>();
  auto* read = delta->add_subcommand("read", "Read a Delta table (optionally as of a version or time)");
  read->add_option("path", r->path, "Table location")->required();
  read->add_option("--version", r->version, "Version to read (time travel)");
  read->add_option("--timestamp", r->timestamp, "Read as of this time, e.g. '2024-05-01 12:00:00'");
  read->add_option("--columns", r->columns, "Columns to return, comma separated");
  read->add_option("--filter", r->filter, "Row filter, e.g. \"Category = 'Tires' AND ListPrice > 20\"");
  read->add_option("--format", r->format, "table | csv | json | parquet | count")->capture_default_str();
  read->add_option("--output", r->output, "Write the rows to this file (required for parquet)");
  read->add_option("--limit", r->limit, "At most this many rows");
  read->add_flag("--row-address", r->row_address,
                 "Add __tarn_file_index and __tarn_row_index (each row's file and physical position)");
  read->add_flag("--metrics", r->metrics, "Print scan metrics (files scanned/skipped) as JSON on stderr");
  read->callback([run, r] { *run = [r] { return RunRead(*r); }; });

  auto add_path_command = [&](const char* name, const char* help, auto fn) {
    auto args = std::make_shared<PathArgs>();
    auto* cmd = delta->add_subcommand(name, help);
    cmd->add_option("path", args->path, "Table location")->required();
    cmd->callback([run, args, fn] { *run = [args, fn] { return fn(*args); }; });
    return std::make_pair(cmd, args);
  };
  {
    auto [cmd, args] = add_path_command("history", "Show the commits of a table, newest first", RunHistory);
    cmd->add_option("--format", args->format, "table | json")->capture_default_str();
    cmd->add_option("--limit", args->limit, "Only the newest N commits");
  }
  {
    auto [cmd, args] = add_path_command("describe", "Show schema, partitioning, size and properties", RunDescribe);
    cmd->add_option("--format", args->format, "table | json")->capture_default_str();
  }
  {
    auto [cmd, args] = add_path_command("optimize", "Compact small files; --zorder-by clusters by columns", RunOptimize);
    cmd->add_option("--zorder-by", args->zorder_by, "Columns for Z-ordering, comma separated");
    cmd->add_option("--where", args->where, "Partition predicate limiting what is optimized");
    cmd->add_option("--target-file-size", args->target_file_size, "Target file size in bytes");
    cmd->add_option("--max-rows-per-file", args->max_rows_per_file, "Upper bound on rows per output file");
  }
  {
    auto [cmd, args] = add_path_command("vacuum", "Delete files no longer needed by the table", RunVacuum);
    cmd->add_option("--retain-hours", args->retain_hours, "Keep files removed within this many hours (default 168)");
    cmd->add_flag("--dry-run", args->dry_run, "Only list the files that would be deleted");
    cmd->add_flag("--force", args->force, "Allow a retention shorter than the table's");
  }
  {
    auto [cmd, args] = add_path_command("delete", "Delete the rows matching --where", RunDelete);
    cmd->add_option("--where", args->where, "Rows to delete (all rows when omitted)");
  }
  auto c = std::make_shared<ChangesArgs>();
  auto* changes = delta->add_subcommand("changes", "Read the change data feed (like Spark's table_changes)");
  changes->add_option("path", c->path, "Table location")->required();
  changes->add_option("--from", c->from, "First version");
  changes->add_option("--to", c->to, "Last version (default: latest)");
  changes->add_option("--from-timestamp", c->from_timestamp, "Changes committed at or after this time");
  changes->add_option("--to-timestamp", c->to_timestamp, "Changes committed at or before this time");
  changes->add_option("--format", c->format, "table | csv | json | parquet | count")->capture_default_str();
  changes->add_option("--output", c->output, "Write the rows to this file (required for parquet)");
  changes->callback([run, c] { *run = [c] { return RunChanges(*c); }; });

  auto rs = std::make_shared<RestoreArgs>();
  auto* restore = delta->add_subcommand("restore", "Restore the table to an older version or time (one commit)");
  restore->add_option("path", rs->path, "Table location")->required();
  restore->add_option("--version", rs->version, "Version to restore");
  restore->add_option("--timestamp", rs->timestamp, "Restore as of this time, e.g. '2024-05-01 12:00:00'");
  restore->add_option("--format", rs->format, "table | json")->capture_default_str();
  restore->callback([run, rs] { *run = [rs] { return RunRestore(*rs); }; });

  {
    auto [cmd, args] = add_path_command("set-properties", "Set or unset table properties", RunSetProperties);
    cmd->add_option("--property", args->properties, "key=value to set");
    cmd->add_option("--unset", args->unset, "key to remove");
  }
  add_path_command("checkpoint", "Write a checkpoint of the latest version", [](const PathArgs& a) -> arrow::Status {
    ARROW_ASSIGN_OR_RAISE(auto table, DeltaTable::Open(a.path));
    ARROW_RETURN_NOT_OK(table.Checkpoint());
    std::cout << "Checkpoint written for " << table.root() << "\n";
    return arrow::Status::OK();
  });
}

}  // namespace tarn::cli
