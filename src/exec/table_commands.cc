#include "exec/table_commands.h"

#include <set>

#include <arrow/api.h>
#include <arrow/util/key_value_metadata.h>
#include <fmt/format.h>

#include "errors/error_class.h"
#include "exec/result_builder.h"
#include "sql/plan/data_type.h"
#include "sql/plan/identifier.h"
#include "storage/delta/delta_table.h"
#include "storage/delta/predicate.h"
#include "storage/delta/value_parser.h"

namespace tarn::exec {

namespace {

using Cell = ResultBuilder::Cell;

std::string QuotedNames(const std::vector<std::string>& names) {
  std::string s;
  for (const auto& n : names) s += (s.empty() ? "`" : ", `") + n + "`";
  return s;
}

// The commitInfo value as text (strings unquoted, as Spark shows operationParameters).
std::string JsonText(const nlohmann::json& v) {
  if (v.is_string()) return v.get<std::string>();
  return v.dump();
}

ResultBuilder::StringMap JsonObjectAsMap(const nlohmann::json& object) {
  ResultBuilder::StringMap map;
  if (!object.is_object()) return map;
  for (const auto& [k, v] : object.items()) map[k] = JsonText(v);
  return map;
}

arrow::Result<delta::DeltaTable> OpenExisting(const TableTarget& target) {
  ARROW_ASSIGN_OR_RAISE(auto table, delta::DeltaTable::Open(target.location));
  if (!table.Exists()) return DeltaTableNotFound(target);
  return table;
}

std::shared_ptr<arrow::Table> AffectedRows(int64_t affected, const std::vector<std::pair<std::string, int64_t>>& more) {
  std::vector<std::shared_ptr<arrow::Field>> fields = {arrow::field("num_affected_rows", arrow::int64())};
  std::vector<Cell> row = {affected};
  for (const auto& [name, value] : more) {
    fields.push_back(arrow::field(name, arrow::int64()));
    row.push_back(value);
  }
  ResultBuilder builder(std::move(fields));
  builder.AddRow(std::move(row));
  return builder.Finish().ValueOrDie();
}

}  // namespace

arrow::Status DeltaTableNotFound(const TableTarget& target) {
  if (target.full_name.empty()) {
    return UserError("DELTA_MISSING_DELTA_TABLE", "{} is not a Delta table.", target.display_name);
  }
  return UserError("TABLE_OR_VIEW_NOT_FOUND",
                   "The table or view {} cannot be found. Verify the spelling and correctness of the schema and "
                   "catalog.",
                   target.display_name);
}

arrow::Result<std::shared_ptr<arrow::Table>> TableCommands::ConformRows(const sql::PlanPtr& query,
                                                                        const std::shared_ptr<arrow::Schema>& schema,
                                                                        const std::string& table_name) {
  ARROW_ASSIGN_OR_RAISE(auto analyzed, ctx_.analyze(query));
  const size_t n = analyzed->output.size();
  if (n != static_cast<size_t>(schema->num_fields())) {
    std::vector<std::string> data_columns;
    for (const auto& a : analyzed->output) data_columns.push_back(a.name);
    return UserError(n > static_cast<size_t>(schema->num_fields()) ? "INSERT_COLUMN_ARITY_MISMATCH.TOO_MANY_DATA_COLUMNS"
                                                                   : "INSERT_COLUMN_ARITY_MISMATCH.NOT_ENOUGH_DATA_COLUMNS",
                     "Cannot write to {}, the reason is {} data columns: Table columns: {}. Data columns: {}.",
                     table_name, n > static_cast<size_t>(schema->num_fields()) ? "too many" : "not enough",
                     QuotedNames(schema->field_names()), QuotedNames(data_columns));
  }
  std::vector<std::string> aliases;
  for (size_t i = 0; i < n; ++i) aliases.push_back(fmt::format("__tarn_c{}", i));
  auto source = sql::MakeAlias(query, "__tarn_insert", aliases);
  std::vector<sql::ExprPtr> exprs;
  for (size_t i = 0; i < n; ++i) {
    const auto& field = schema->field(static_cast<int>(i));
    exprs.push_back(sql::AliasOf(sql::CastTo(sql::ColumnRef({aliases[i]}), field->type()), field->name()));
  }
  ARROW_ASSIGN_OR_RAISE(auto rows, ctx_.run_query(sql::MakeProject(source, std::move(exprs))));
  // The table's names and nullability (the query's may differ).
  return arrow::Table::Make(schema, rows->columns(), rows->num_rows());
}

arrow::Result<std::shared_ptr<arrow::Table>> TableCommands::Insert(const sql::Statement& statement,
                                                                   const TableTarget& target) {
  const auto& spec = *statement.insert;
  ARROW_ASSIGN_OR_RAISE(auto table, OpenExisting(target));
  ARROW_ASSIGN_OR_RAISE(auto snapshot, table.LoadSnapshot());
  const auto schema = snapshot->arrow_schema();
  auto find_column = [&](const std::string& name) { return sql::FieldIndexIgnoringCase(*schema, name); };
  // Static partition values: PARTITION (p = 'v').
  std::map<int, sql::ExprPtr> static_values;
  std::vector<std::string> static_predicates;
  for (const auto& [name, value] : spec.partition) {
    const int index = find_column(name);
    if (index < 0) {
      return UserError("PARTITIONS_NOT_FOUND", "The partition(s) `{}` cannot be found in table {}.", name,
                       target.display_name);
    }
    if (value) static_values[index] = value;
  }
  // Which table columns the query provides, in the query's order.
  std::vector<int> provided;
  ARROW_ASSIGN_OR_RAISE(auto analyzed, ctx_.analyze(spec.query));
  const size_t n = analyzed->output.size();
  if (!spec.columns.empty() || spec.by_name) {
    std::vector<std::string> names = spec.columns;
    if (names.empty()) {
      for (const auto& a : analyzed->output) names.push_back(a.name);
    }
    for (const auto& name : names) {
      const int index = find_column(name);
      if (index < 0) {
        return UserError(spec.by_name ? "INCOMPATIBLE_DATA_FOR_TABLE.EXTRA_COLUMNS" : "UNRESOLVED_COLUMN.WITH_SUGGESTION",
                         "Cannot write to {}: the column `{}` is not in the table. Table columns: {}.",
                         target.display_name, name, QuotedNames(schema->field_names()));
      }
      provided.push_back(index);
    }
  } else {
    for (int i = 0; i < schema->num_fields(); ++i) {
      if (!static_values.count(i)) provided.push_back(i);
    }
  }
  if (n != provided.size()) {
    std::vector<std::string> table_columns, data_columns;
    for (int i : provided) table_columns.push_back(schema->field(i)->name());
    for (const auto& a : analyzed->output) data_columns.push_back(a.name);
    const bool too_many = n > provided.size();
    return UserError(too_many ? "INSERT_COLUMN_ARITY_MISMATCH.TOO_MANY_DATA_COLUMNS"
                              : "INSERT_COLUMN_ARITY_MISMATCH.NOT_ENOUGH_DATA_COLUMNS",
                     "Cannot write to {}, the reason is {} data columns: Table columns: {}. Data columns: {}.",
                     target.display_name, too_many ? "too many" : "not enough", QuotedNames(table_columns),
                     QuotedNames(data_columns));
  }
  std::vector<std::string> aliases;
  for (size_t i = 0; i < n; ++i) aliases.push_back(fmt::format("__tarn_c{}", i));
  auto source = sql::MakeAlias(spec.query, "__tarn_insert", aliases);
  std::vector<sql::ExprPtr> exprs;
  for (int i = 0; i < schema->num_fields(); ++i) {
    const auto& field = schema->field(i);
    sql::ExprPtr value;
    auto it = std::find(provided.begin(), provided.end(), i);
    if (static_values.count(i)) {
      value = static_values[i];
    } else if (it != provided.end()) {
      value = sql::ColumnRef({aliases[static_cast<size_t>(it - provided.begin())]});
    } else {
      value = sql::NullLiteral();
    }
    exprs.push_back(sql::AliasOf(sql::CastTo(value, field->type()), field->name()));
  }
  ARROW_ASSIGN_OR_RAISE(auto rows, ctx_.run_query(sql::MakeProject(source, std::move(exprs))));
  rows = arrow::Table::Make(schema, rows->columns(), rows->num_rows());

  delta::WriteOptions options;
  options.mode = spec.overwrite ? delta::WriteMode::kOverwrite : delta::WriteMode::kAppend;
  std::string replace_where = spec.replace_where_text;
  if (spec.overwrite && !static_values.empty()) {
    // INSERT OVERWRITE .. PARTITION (p = v): replace that partition only. The values are
    // taken from the written rows, which all carry them.
    for (const auto& [index, value] : static_values) {
      const auto& column = rows->column(index);
      if (column->length() == 0) continue;
      ARROW_ASSIGN_OR_RAISE(auto scalar, column->GetScalar(0));
      const std::string name = schema->field(index)->name();
      std::string literal = scalar->is_valid ? scalar->ToString() : "";
      std::string condition = scalar->is_valid ? fmt::format("`{}` = '{}'", name, literal)
                                               : fmt::format("`{}` IS NULL", name);
      replace_where += (replace_where.empty() ? "" : " AND ") + condition;
    }
  }
  if (!replace_where.empty()) {
    ARROW_ASSIGN_OR_RAISE(options.replace_where, delta::ParsePredicate(replace_where));
    options.mode = delta::WriteMode::kOverwrite;
  }
  ARROW_ASSIGN_OR_RAISE(auto written, table.Write(rows, options));
  (void)written;
  return AffectedRows(rows->num_rows(), {{"num_inserted_rows", rows->num_rows()}});
}

arrow::Result<std::shared_ptr<arrow::Table>> TableCommands::Truncate(const TableTarget& target) {
  ARROW_ASSIGN_OR_RAISE(auto table, OpenExisting(target));
  ARROW_RETURN_NOT_OK(table.Delete(nullptr).status());
  return nullptr;
}

arrow::Result<std::shared_ptr<arrow::Table>> TableCommands::Restore(const sql::Statement& statement,
                                                                    const TableTarget& target) {
  const auto& spec = *statement.maintenance;
  ARROW_ASSIGN_OR_RAISE(auto table, OpenExisting(target));
  delta::RestoreResult restored;
  if (spec.version) {
    ARROW_ASSIGN_OR_RAISE(restored, table.Restore(*spec.version));
  } else if (spec.timestamp) {
    ARROW_ASSIGN_OR_RAISE(int64_t micros, delta::ParseTimestampMicros(*spec.timestamp));
    ARROW_ASSIGN_OR_RAISE(restored, table.RestoreToTimestamp(micros / 1000));
  } else {
    return UserError("PARSE_SYNTAX_ERROR", "RESTORE needs VERSION AS OF or TIMESTAMP AS OF.");
  }
  std::vector<std::shared_ptr<arrow::Field>> fields;
  std::vector<Cell> row;
  for (const auto& [name, value] : std::vector<std::pair<std::string, int64_t>>{
           {"table_size_after_restore", restored.table_size_after_restore},
           {"num_of_files_after_restore", restored.num_of_files_after_restore},
           {"num_removed_files", restored.num_removed_files},
           {"num_restored_files", restored.num_restored_files},
           {"removed_files_size", restored.removed_files_size},
           {"restored_files_size", restored.restored_files_size}}) {
    fields.push_back(arrow::field(name, arrow::int64()));
    row.push_back(value);
  }
  ResultBuilder builder(std::move(fields));
  builder.AddRow(std::move(row));
  return builder.Finish();
}

arrow::Result<std::shared_ptr<arrow::Table>> TableCommands::CreateTableAtPath(const sql::Statement& statement,
                                                                              const TableTarget& target) {
  const auto& def = *statement.table_def;
  if (!def.format.empty() && def.format != "delta") {
    return UserError("UNSUPPORTED_DATASOURCE_FOR_DIRECT_QUERY", "Tables at a path are Delta tables; USING {} is "
                     "not supported.", def.format);
  }
  if (def.cluster_by_auto) {
    return UserError("UNSUPPORTED_FEATURE", "CLUSTER BY AUTO (automatic liquid clustering) is not supported; name "
                     "the clustering columns: CLUSTER BY (a, b).");
  }
  for (const auto& c : def.columns) {
    if (c.generated_as || c.identity || c.default_value) {
      return UserError("UNSUPPORTED_FEATURE",
                       "Generated, identity and default column values are not supported yet (column `{}`).", c.name);
    }
  }
  std::shared_ptr<arrow::Table> data;
  if (def.as_query) {
    if (def.columns_given) {
      return UserError("OPERATION_NOT_ALLOWED",
                       "Schema may not be specified in a Create Table As Select (CTAS) statement.");
    }
    ARROW_ASSIGN_OR_RAISE(data, ctx_.run_query(def.as_query));
  } else {
    if (def.columns.empty()) {
      return UserError("DELTA_SCHEMA_NOT_PROVIDED", "Table schema is not provided for {}.", target.display_name);
    }
    arrow::FieldVector fields;
    for (const auto& c : def.columns) {
      // A column comment travels as Arrow field metadata into the Delta schema's field metadata.
      auto metadata = c.comment ? arrow::key_value_metadata({"comment"}, {*c.comment}) : nullptr;
      fields.push_back(arrow::field(c.name, c.type, !c.not_null, std::move(metadata)));
    }
    ARROW_ASSIGN_OR_RAISE(data, arrow::Table::MakeEmpty(arrow::schema(fields)));
  }
  delta::WriteOptions options;
  options.mode = def.or_replace || def.replace ? delta::WriteMode::kOverwrite
                 : def.if_not_exists           ? delta::WriteMode::kIgnore
                                               : delta::WriteMode::kErrorIfExists;
  options.overwrite_schema = def.or_replace || def.replace;
  options.partition_by = def.partition_by;
  options.cluster_by = def.cluster_by;
  for (const auto& [k, v] : def.properties) options.properties[k] = v;
  for (const auto& [name, check] : def.check_constraints) {
    options.properties["delta.constraints." + sql::AsciiLower(name)] = check;
  }
  options.description = def.comment;
  options.managed = target.managed;
  // Delta's names for the statement in the table's history.
  options.operation = std::string(def.replace ? "REPLACE TABLE" : def.or_replace ? "CREATE OR REPLACE TABLE" : "CREATE TABLE") +
                      (def.as_query ? " AS SELECT" : "");
  ARROW_ASSIGN_OR_RAISE(auto table, delta::DeltaTable::Open(target.location));
  if (def.replace && !table.Exists()) return DeltaTableNotFound(target);
  if (options.mode == delta::WriteMode::kErrorIfExists && table.Exists()) {
    return UserError("DELTA_PATH_EXISTS", "Cannot write to already existent path {} without setting OVERWRITE = "
                     "'true'.", target.location);
  }
  ARROW_RETURN_NOT_OK(table.Write(data, options).status());
  return nullptr;
}

arrow::Result<std::shared_ptr<arrow::Table>> TableCommands::DescribeHistory(const sql::Statement& statement,
                                                                            const TableTarget& target) {
  ARROW_ASSIGN_OR_RAISE(auto table, OpenExisting(target));
  std::optional<int64_t> limit;
  if (statement.limit >= 0) limit = statement.limit;
  ARROW_ASSIGN_OR_RAISE(auto history, table.History(limit));
  auto string_map = arrow::map(arrow::utf8(), arrow::utf8());
  ResultBuilder builder({arrow::field("version", arrow::int64()),
                         arrow::field("timestamp", arrow::timestamp(arrow::TimeUnit::MICRO, "UTC")),
                         arrow::field("userId", arrow::utf8()), arrow::field("userName", arrow::utf8()),
                         arrow::field("operation", arrow::utf8()), arrow::field("operationParameters", string_map),
                         arrow::field("readVersion", arrow::int64()), arrow::field("isolationLevel", arrow::utf8()),
                         arrow::field("isBlindAppend", arrow::boolean()),
                         arrow::field("operationMetrics", string_map), arrow::field("userMetadata", arrow::utf8()),
                         arrow::field("engineInfo", arrow::utf8())});
  for (const auto& h : history) {
    auto text = [&](const char* key) -> Cell {
      if (!h.contains(key) || h[key].is_null()) return std::monostate{};
      return JsonText(h[key]);
    };
    Cell read_version = std::monostate{};
    if (h.contains("readVersion") && h["readVersion"].is_number_integer()) read_version = h["readVersion"].get<int64_t>();
    Cell blind = std::monostate{};
    if (h.contains("isBlindAppend") && h["isBlindAppend"].is_boolean()) blind = h["isBlindAppend"].get<bool>();
    const int64_t millis = h.contains("inCommitTimestamp") ? h["inCommitTimestamp"].get<int64_t>()
                                                           : h.value("timestamp", int64_t{0});
    builder.AddRow({h["version"].get<int64_t>(), ResultBuilder::Timestamp{millis * 1000}, text("userId"),
                    text("userName"), text("operation"),
                    JsonObjectAsMap(h.value("operationParameters", nlohmann::json::object())), read_version,
                    text("isolationLevel"), blind,
                    JsonObjectAsMap(h.value("operationMetrics", nlohmann::json::object())), text("userMetadata"),
                    text("engineInfo")});
  }
  return builder.Finish();
}

arrow::Result<std::shared_ptr<arrow::Table>> TableCommands::DescribeDetail(const TableTarget& target) {
  ARROW_ASSIGN_OR_RAISE(auto table, OpenExisting(target));
  ARROW_ASSIGN_OR_RAISE(auto snap, table.LoadSnapshot());
  int64_t bytes = 0;
  for (const auto& f : snap->files()) bytes += f.size;
  std::vector<std::string> features;
  const auto& protocol = snap->protocol();
  std::set<std::string> feature_set;
  if (protocol.reader_features) feature_set.insert(protocol.reader_features->begin(), protocol.reader_features->end());
  if (protocol.writer_features) feature_set.insert(protocol.writer_features->begin(), protocol.writer_features->end());
  features.assign(feature_set.begin(), feature_set.end());
  const std::vector<std::string> clustering = delta::ClusteringColumns(*snap);
  auto strings = arrow::list(arrow::utf8());
  ResultBuilder builder({arrow::field("format", arrow::utf8()), arrow::field("id", arrow::utf8()),
                         arrow::field("name", arrow::utf8()), arrow::field("description", arrow::utf8()),
                         arrow::field("location", arrow::utf8()),
                         arrow::field("createdAt", arrow::timestamp(arrow::TimeUnit::MICRO, "UTC")),
                         arrow::field("lastModified", arrow::timestamp(arrow::TimeUnit::MICRO, "UTC")),
                         arrow::field("partitionColumns", strings), arrow::field("clusteringColumns", strings),
                         arrow::field("numFiles", arrow::int64()), arrow::field("sizeInBytes", arrow::int64()),
                         arrow::field("properties", arrow::map(arrow::utf8(), arrow::utf8())),
                         arrow::field("minReaderVersion", arrow::int64()),
                         arrow::field("minWriterVersion", arrow::int64()), arrow::field("tableFeatures", strings)});
  std::string name;
  for (const auto& p : target.full_name) name += (name.empty() ? "" : ".") + p;
  ResultBuilder::StringMap properties(snap->metadata().configuration.begin(), snap->metadata().configuration.end());
  builder.AddRow({std::string("delta"), snap->metadata().id, name.empty() ? Cell{} : Cell{name},
                  snap->metadata().description ? Cell{*snap->metadata().description} : Cell{},
                  std::string(table.root()),
                  ResultBuilder::Timestamp{snap->metadata().created_time.value_or(0) * 1000},
                  ResultBuilder::Timestamp{snap->timestamp() * 1000}, snap->metadata().partition_columns, clustering,
                  static_cast<int64_t>(snap->files().size()), bytes, properties,
                  static_cast<int64_t>(protocol.min_reader_version), static_cast<int64_t>(protocol.min_writer_version),
                  features});
  return builder.Finish();
}

arrow::Result<std::shared_ptr<arrow::Table>> TableCommands::Optimize(const sql::Statement& statement,
                                                                     const TableTarget& target) {
  ARROW_ASSIGN_OR_RAISE(auto table, OpenExisting(target));
  const auto& spec = *statement.maintenance;
  delta::OptimizeOptions options;
  options.zorder_by = spec.zorder_by;
  if (spec.where) {
    ARROW_ASSIGN_OR_RAISE(options.where, delta::ParsePredicate(spec.where_text));
  }
  ARROW_ASSIGN_OR_RAISE(auto result, table.Optimize(options));
  ResultBuilder builder({arrow::field("path", arrow::utf8()), arrow::field("numFilesAdded", arrow::int64()),
                         arrow::field("numFilesRemoved", arrow::int64()),
                         arrow::field("partitionsOptimized", arrow::int64())});
  builder.AddRow({std::string(table.root()), result.files_added, result.files_removed, result.partitions_optimized});
  return builder.Finish();
}

arrow::Result<std::shared_ptr<arrow::Table>> TableCommands::Vacuum(const sql::Statement& statement,
                                                                   const TableTarget& target) {
  ARROW_ASSIGN_OR_RAISE(auto table, OpenExisting(target));
  const auto& spec = *statement.maintenance;
  delta::VacuumOptions options;
  options.retain_hours = spec.retain_hours;
  options.dry_run = spec.dry_run;
  // Spark refuses a retention below the table's unless the check is turned off.
  auto check = ctx_.options.find("spark.databricks.delta.retentionDurationCheck.enabled");
  options.force = check != ctx_.options.end() && sql::AsciiLower(check->second) == "false";
  ARROW_ASSIGN_OR_RAISE(auto result, table.Vacuum(options));
  ResultBuilder builder({arrow::field("path", arrow::utf8())});
  if (spec.dry_run) {
    for (const auto& f : result.files) builder.AddRow({f});
  } else {
    builder.AddRow({std::string(table.root())});
  }
  return builder.Finish();
}

}  // namespace tarn::exec
