#include "exec/copy_into_command.h"

#include <filesystem>

#include <arrow/api.h>
#include <fmt/format.h>

#include "errors/error_class.h"
#include "exec/result_builder.h"
#include "exec/session_catalog.h"
#include "exec/table_commands.h"
#include "exec/table_sources.h"
#include "files/glob_pattern.h"
#include "files/read_files.h"
#include "sql/plan/data_type.h"
#include "sql/plan/identifier.h"
#include "sql/plan/logical_plan.h"
#include "storage/delta/delta_table.h"

namespace tarn::exec {

namespace {

constexpr char kLoadedFilePrefix[] = "tarn.copyInto:";
constexpr char kRescuedColumn[] = "_rescued_data";

bool OptionTrue(const sql::PropertyList& options, const std::string& key) {
  for (const auto& [k, v] : options) {
    if (sql::NameEquals(k, key)) return sql::AsciiLower(v) == "true";
  }
  return false;
}

// The files of the FROM location that FILES / PATTERN select, relative names compared.
arrow::Result<std::vector<files::InputFile>> SelectFiles(const std::string& location,
                                                         const sql::CopyIntoSpec& spec,
                                                         const files::ReadOptions& read) {
  ARROW_ASSIGN_OR_RAISE(auto listed, files::ListInputFiles(location, read));
  if (spec.files.empty() && spec.pattern.empty()) return listed;
  std::optional<files::GlobPattern> pattern;
  if (!spec.pattern.empty()) {
    ARROW_ASSIGN_OR_RAISE(auto made, files::GlobPattern::Make(spec.pattern));
    pattern = std::move(made);
  }
  std::vector<files::InputFile> selected;
  for (const auto& f : listed) {
    const std::string relative = std::filesystem::path(f.path).lexically_relative(location).generic_string();
    bool keep = false;
    for (const auto& name : spec.files) keep = keep || name == relative || name == f.path;
    if (pattern && pattern->Matches(relative)) keep = true;
    if (keep) selected.push_back(f);
  }
  for (const auto& name : spec.files) {
    bool found = false;
    for (const auto& f : selected) {
      found = found || name == f.path ||
              name == std::filesystem::path(f.path).lexically_relative(location).generic_string();
    }
    if (!found) {
      return UserError("PATH_NOT_FOUND", "Path does not exist: {}.",
                       (std::filesystem::path(location) / name).string());
    }
  }
  return selected;
}

}  // namespace

arrow::Result<std::shared_ptr<arrow::Table>> CopyInto(CommandContext& ctx, const sql::Statement& statement,
                                                      const TableTarget& target) {
  const auto& spec = *statement.copy_into;
  ARROW_ASSIGN_OR_RAISE(auto table, delta::DeltaTable::Open(target.location));
  if (!table.Exists()) return DeltaTableNotFound(target);
  ARROW_ASSIGN_OR_RAISE(auto snapshot, table.LoadSnapshot());
  ARROW_ASSIGN_OR_RAISE(auto location, ctx.catalog.ResolvePath(spec.path));

  // Spark's reader defaults (no header, strings) unless FORMAT_OPTIONS say otherwise; the
  // values are cast to the table's column types below.
  files::ReadOptions read;
  ARROW_ASSIGN_OR_RAISE(read.format, files::ParseFileFormat(spec.file_format));
  for (const auto& [k, v] : spec.format_options) read.options[k] = v;
  if (!read.options.count("inferSchema") && !read.options.count("inferColumnTypes")) {
    read.options["inferColumnTypes"] = "false";
  }
  const bool force = OptionTrue(spec.copy_options, "force");
  const bool merge_schema = OptionTrue(spec.copy_options, "mergeSchema");
  for (const auto& [k, v] : spec.copy_options) {
    if (!sql::NameEquals(k, "force") && !sql::NameEquals(k, "mergeSchema")) {
      return UserError("UNSUPPORTED_FEATURE", "COPY_OPTIONS '{}' is not supported (force, mergeSchema are).", k);
    }
  }

  ARROW_ASSIGN_OR_RAISE(auto candidates, SelectFiles(location, spec, read));
  std::vector<files::InputFile> to_load;
  std::vector<std::pair<std::string, int64_t>> loaded_marks;
  for (const auto& f : candidates) {
    const std::string app_id = kLoadedFilePrefix + f.path;
    if (!force && snapshot->app_transactions().count(app_id)) continue;
    to_load.push_back(f);
    // The version only has to grow when a forced run loads the file again.
    int64_t version = 0;
    if (auto it = snapshot->app_transactions().find(app_id); it != snapshot->app_transactions().end()) {
      version = it->second.version + 1;
    }
    loaded_marks.emplace_back(app_id, version);
  }
  auto counts = [](int64_t rows) {
    ResultBuilder builder({arrow::field("num_affected_rows", arrow::int64()),
                           arrow::field("num_inserted_rows", arrow::int64()),
                           arrow::field("num_skipped_corrupt_files", arrow::int64())});
    builder.AddRow({rows, rows, int64_t{0}});
    return builder.Finish();
  };
  if (to_load.empty()) return counts(0);

  // Columns the table has are parsed straight into its types (by header name for CSV, by key for
  // JSON); a value that does not parse fails the load, naming file and line, unless the user
  // chose another mode. A SELECT over the files sees the files' own columns instead.
  if (!spec.select && read.format != files::FileFormat::kParquet && read.format != files::FileFormat::kText &&
      read.format != files::FileFormat::kBinaryFile) {
    for (const auto& field : snapshot->arrow_schema()->fields()) read.schema_hints.push_back(field);
    if (!read.options.count("mode")) read.options["mode"] = "FAILFAST";
  }
  ARROW_ASSIGN_OR_RAISE(auto raw, files::ReadFiles(to_load, read));
  if (const int rescued = raw->schema()->GetFieldIndex(kRescuedColumn);
      rescued >= 0 && snapshot->arrow_schema()->GetFieldIndex(kRescuedColumn) < 0) {
    if (raw->column(rescued)->null_count() != raw->num_rows()) {
      return UserError("MALFORMED_RECORD_IN_PARSING",
                       "Some records of {} could not be parsed into the table's columns (they are in `{}`). Add a "
                       "`{}` STRING column to the table to keep them, or use FORMAT_OPTIONS ('mode' = 'FAILFAST') "
                       "to find them.",
                       spec.path, kRescuedColumn, kRescuedColumn);
    }
    ARROW_ASSIGN_OR_RAISE(raw, raw->RemoveColumn(rescued));
  }

  // Source columns go to the table columns of the same name, cast with Spark's store
  // assignment; columns the table lacks are kept for schema evolution (or refused by the write).
  auto source = std::make_shared<InMemoryTableSource>("copy_source", raw);
  sql::PlanPtr rows_plan = sql::MakeAlias(sql::MakeSourceRelation("copy_source", source), "copy_source");
  if (spec.select) rows_plan = sql::MakeProject(rows_plan, spec.select->exprs);
  ARROW_ASSIGN_OR_RAISE(auto analyzed, ctx.analyze(rows_plan));
  const auto& schema = *snapshot->arrow_schema();
  std::vector<sql::ExprPtr> exprs;
  for (const auto& a : analyzed->output) {
    const int index = sql::FieldIndexIgnoringCase(schema, a.name);
    auto column = sql::ColumnRef({a.name});
    if (index >= 0) {
      exprs.push_back(sql::AliasOf(sql::CastTo(column, schema.field(index)->type()), schema.field(index)->name()));
    } else {
      exprs.push_back(sql::AliasOf(column, a.name));
    }
  }
  ARROW_ASSIGN_OR_RAISE(auto rows, ctx.run_query(sql::MakeProject(sql::MakeAlias(rows_plan, "copy_rows"), exprs)));

  delta::WriteOptions options;
  options.mode = delta::WriteMode::kAppend;
  options.merge_schema = merge_schema;
  options.app_transactions = std::move(loaded_marks);
  ARROW_ASSIGN_OR_RAISE(auto written, table.Write(rows, options));
  (void)written;
  return counts(rows->num_rows());
}

}  // namespace tarn::exec
