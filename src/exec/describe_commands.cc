#include "exec/describe_commands.h"

#include <algorithm>
#include <cctype>
#include <set>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "catalog/metastore.h"
#include "errors/error_class.h"
#include "exec/result_builder.h"
#include "exec/session_catalog.h"
#include "exec/table_commands.h"
#include "sql/plan/data_type.h"
#include "sql/plan/identifier.h"
#include "storage/delta/delta_table.h"
#include "storage/delta/schema.h"

namespace tarn::exec {

namespace {

using Cell = ResultBuilder::Cell;

// A name as SQL text: bare when it is a plain identifier, else in backticks.
std::string SqlName(const std::string& name) {
  const bool plain = !name.empty() && !std::isdigit(static_cast<unsigned char>(name[0])) &&
                     std::all_of(name.begin(), name.end(),
                                 [](unsigned char c) { return std::isalnum(c) || c == '_'; });
  if (plain) return name;
  std::string quoted = "`";
  for (char c : name) quoted += c == '`' ? std::string("``") : std::string(1, c);
  return quoted + "`";
}

std::string SqlName(const std::vector<std::string>& parts) {
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : ".") + SqlName(p);
  return out;
}

// 'text' with quotes and backslashes escaped, as Spark's parser reads string literals.
std::string SqlString(const std::string& text) {
  std::string out = "'";
  for (char c : text) {
    if (c == '\'' || c == '\\') out += '\\';
    out += c;
  }
  return out + "'";
}

std::string Upper(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return s;
}

std::optional<std::string> FieldComment(const nlohmann::json& field) {
  if (field.contains("metadata") && field["metadata"].is_object() && field["metadata"].contains("comment") &&
      field["metadata"]["comment"].is_string()) {
    return field["metadata"]["comment"].get<std::string>();
  }
  return std::nullopt;
}

std::optional<std::string> FieldMetadataText(const nlohmann::json& field, const char* key) {
  if (field.contains("metadata") && field["metadata"].is_object() && field["metadata"].contains(key) &&
      field["metadata"][key].is_string()) {
    return field["metadata"][key].get<std::string>();
  }
  return std::nullopt;
}

// A Delta schema type as Spark's DDL writes it: BIGINT, DECIMAL(10,2), ARRAY<INT>,
// STRUCT<a: INT NOT NULL, b: STRING>.
std::string SqlTypeText(const nlohmann::json& type) {
  if (type.is_string()) {
    const std::string name = type.get<std::string>();
    if (name == "long") return "BIGINT";
    if (name == "integer") return "INT";
    if (name == "short") return "SMALLINT";
    if (name == "byte") return "TINYINT";
    return Upper(name);  // string, boolean, double, float, date, timestamp, timestamp_ntz, binary, decimal(p,s)
  }
  const std::string kind = type.value("type", "");
  if (kind == "array") return "ARRAY<" + SqlTypeText(type["elementType"]) + ">";
  if (kind == "map") return "MAP<" + SqlTypeText(type["keyType"]) + ", " + SqlTypeText(type["valueType"]) + ">";
  std::string out = "STRUCT<";
  bool first = true;
  for (const auto& f : type["fields"]) {
    out += (first ? "" : ", ") + SqlName(f.value("name", "")) + ": " + SqlTypeText(f["type"]);
    if (!f.value("nullable", true)) out += " NOT NULL";
    if (auto comment = FieldComment(f)) out += " COMMENT " + SqlString(*comment);
    first = false;
  }
  return out + ">";
}

// Table properties SHOW CREATE TABLE leaves out: kept by Delta itself, or shown as clauses.
bool InternalProperty(const std::string& key) {
  return key == "delta.columnMapping.maxColumnId" || key.rfind("delta.constraints.", 0) == 0 ||
         key == "delta.minReaderVersion" || key == "delta.minWriterVersion";
}

std::string ObjectDisplayName(const TableTarget& target) {
  return target.full_name.empty() ? target.display_name : SqlName(target.full_name);
}

}  // namespace

arrow::Result<std::shared_ptr<arrow::Table>> DescribeCommands::ShowColumns(const sql::Statement& statement) {
  sql::TableReference ref;
  ref.name = statement.target;
  ARROW_ASSIGN_OR_RAISE(auto resolved, ctx_.analyze(sql::MakeRelation(ref)));
  std::vector<std::vector<std::string>> rows;
  for (const auto& a : resolved->output) rows.push_back({a.name});
  return StringResult({"col_name"}, rows);
}

arrow::Result<std::shared_ptr<arrow::Table>> DescribeCommands::ShowCreateTable(const sql::Statement& statement) {
  auto& names = ctx_.catalog;
  std::optional<catalog::TableInfo> info;
  if (statement.table.path.empty()) {
    ARROW_ASSIGN_OR_RAISE(info, names.FindTable(statement.table.name));
    if (info && info->type == catalog::TableType::kView) {
      // CREATE VIEW name (columns) AS query, as Spark shows a view.
      std::string text = "CREATE VIEW " + SqlName({info->name.catalog, info->name.schema, info->name.name}) + " (\n";
      for (size_t i = 0; i < info->view_columns.size(); ++i) {
        text += "  " + SqlName(info->view_columns[i]) + (i + 1 < info->view_columns.size() ? ",\n" : ")\n");
      }
      if (info->comment) text += "COMMENT " + SqlString(*info->comment) + "\n";
      text += "AS " + info->view_text;
      return StringResult({"createtab_stmt"}, {{text}});
    }
  }
  ARROW_ASSIGN_OR_RAISE(auto target, names.ResolveTarget(statement.table));
  ARROW_ASSIGN_OR_RAISE(auto table, delta::DeltaTable::Open(target.location));
  if (!table.Exists()) return DeltaTableNotFound(target);
  ARROW_ASSIGN_OR_RAISE(auto snapshot, table.LoadSnapshot());
  const auto& metadata = snapshot->metadata();
  auto schema = nlohmann::json::parse(metadata.schema_string, nullptr, false);
  if (!schema.is_object()) return arrow::Status::Invalid("the table's schema is not valid JSON");

  std::vector<std::string> elements;
  for (const auto& field : schema["fields"]) {
    std::string column = SqlName(field.value("name", "")) + " " + SqlTypeText(field["type"]);
    if (!field.value("nullable", true)) column += " NOT NULL";
    if (auto generated = FieldMetadataText(field, "delta.generationExpression")) {
      column += " GENERATED ALWAYS AS (" + *generated + ")";
    }
    if (auto default_value = FieldMetadataText(field, "CURRENT_DEFAULT")) column += " DEFAULT " + *default_value;
    if (auto comment = FieldComment(field)) column += " COMMENT " + SqlString(*comment);
    elements.push_back(std::move(column));
  }
  std::vector<std::pair<std::string, std::string>> properties;
  for (const auto& [key, value] : metadata.configuration) {
    if (key.rfind("delta.constraints.", 0) == 0) {
      elements.push_back("CONSTRAINT " + SqlName(key.substr(18)) + " CHECK (" + value + ")");
    } else if (!InternalProperty(key)) {
      properties.emplace_back(key, value);
    }
  }
  std::string text = "CREATE TABLE " + ObjectDisplayName(target) + " (\n";
  for (size_t i = 0; i < elements.size(); ++i) text += "  " + elements[i] + (i + 1 < elements.size() ? ",\n" : ")\n");
  text += "USING delta\n";
  if (!metadata.partition_columns.empty()) {
    std::vector<std::string> partition;
    for (const auto& p : metadata.partition_columns) partition.push_back(SqlName(p));
    text += fmt::format("PARTITIONED BY ({})\n", fmt::join(partition, ", "));
  }
  std::optional<std::string> comment = metadata.description;
  if (info) comment = info->comment;
  if (comment) text += "COMMENT " + SqlString(*comment) + "\n";
  if (!info || info->type == catalog::TableType::kExternal) text += "LOCATION " + SqlString(target.location) + "\n";
  if (!properties.empty()) {
    text += "TBLPROPERTIES (\n";
    for (size_t i = 0; i < properties.size(); ++i) {
      text += "  " + SqlString(properties[i].first) + " = " + SqlString(properties[i].second) +
              (i + 1 < properties.size() ? ",\n" : ")\n");
    }
  }
  return StringResult({"createtab_stmt"}, {{text}});
}

arrow::Result<std::shared_ptr<arrow::Table>> DescribeCommands::ShowPartitions(const sql::Statement& statement) {
  ARROW_ASSIGN_OR_RAISE(auto target, ctx_.catalog.ResolveTarget(statement.table));
  ARROW_ASSIGN_OR_RAISE(auto table, delta::DeltaTable::Open(target.location));
  if (!table.Exists()) return DeltaTableNotFound(target);
  ARROW_ASSIGN_OR_RAISE(auto snapshot, table.LoadSnapshot());
  const auto& columns = snapshot->metadata().partition_columns;
  if (columns.empty()) {
    return UserError("INVALID_PARTITION_OPERATION.PARTITION_SCHEMA_IS_EMPTY",
                     "The partition command is invalid. Table {} is not partitioned.", target.display_name);
  }
  std::set<std::vector<std::optional<std::string>>> partitions;
  for (const auto& file : snapshot->files()) {
    std::vector<std::optional<std::string>> values;
    for (const auto& c : columns) {
      auto it = file.partition_values.find(c);
      values.push_back(it == file.partition_values.end() ? std::nullopt : it->second);
    }
    partitions.insert(std::move(values));
  }
  std::vector<std::shared_ptr<arrow::Field>> fields;
  for (const auto& c : columns) fields.push_back(arrow::field(c, arrow::utf8()));
  ResultBuilder builder(fields);
  for (const auto& values : partitions) {
    std::vector<Cell> row;
    for (const auto& v : values) row.push_back(v ? Cell{*v} : Cell{});
    builder.AddRow(std::move(row));
  }
  return builder.Finish();
}

arrow::Result<std::shared_ptr<arrow::Table>> DescribeCommands::DescribeObject(const sql::Statement& statement) {
  auto& names = ctx_.catalog;
  ARROW_ASSIGN_OR_RAISE(auto store, names.metastore());
  auto properties_text = [](const catalog::StringMap& properties) {
    std::vector<std::string> pairs;
    for (const auto& [k, v] : properties) pairs.push_back("(" + k + "," + v + ")");
    return "(" + fmt::format("{}", fmt::join(pairs, ", ")) + ")";
  };
  std::vector<std::vector<std::string>> rows;
  switch (statement.object) {
    case sql::ObjectKind::kCatalog: {
      ARROW_ASSIGN_OR_RAISE(auto info, store->GetCatalog(sql::AsciiLower(statement.target.at(0))));
      rows = {{"Catalog Name", info.name},
              {"Comment", info.comment.value_or("")},
              {"Owner", info.owner},
              {"Catalog Type", "Regular"}};
      if (statement.extended) {
        rows.push_back({"Created Time", DescribeTimeText(info.created_at)});
        rows.push_back({"Properties", properties_text(info.properties)});
      }
      break;
    }
    case sql::ObjectKind::kSchema: {
      ARROW_ASSIGN_OR_RAISE(auto full, names.QualifySchema(statement.target));
      ARROW_ASSIGN_OR_RAISE(auto info, store->GetSchema({full[0], full[1]}));
      rows = {{"Catalog Name", info.catalog},
              {"Namespace Name", info.name},
              {"Comment", info.comment.value_or("")},
              {"Location", info.location.value_or("")},
              {"Owner", info.owner}};
      if (statement.extended) {
        rows.push_back({"Created Time", DescribeTimeText(info.created_at)});
        rows.push_back({"Properties", properties_text(info.properties)});
      }
      break;
    }
    case sql::ObjectKind::kVolume: {
      ARROW_ASSIGN_OR_RAISE(auto full, names.QualifyObject(statement.target));
      ARROW_ASSIGN_OR_RAISE(auto info, store->GetVolume({full[0], full[1], full[2]}));
      ResultBuilder builder({arrow::field("name", arrow::utf8(), false), arrow::field("catalog", arrow::utf8(), false),
                             arrow::field("database", arrow::utf8(), false),
                             arrow::field("owner", arrow::utf8(), false), arrow::field("storageLocation", arrow::utf8()),
                             arrow::field("volumeType", arrow::utf8(), false), arrow::field("comment", arrow::utf8())});
      // Databricks shows the storage location of external volumes only.
      const bool external = info.type == catalog::VolumeType::kExternal;
      builder.AddRow({info.name.name, info.name.catalog, info.name.schema, info.owner,
                      external ? Cell{info.storage_location} : Cell{}, std::string(catalog::ToString(info.type)),
                      info.comment ? Cell{*info.comment} : Cell{}});
      return builder.Finish();
    }
    default:
      return UserError("UNSUPPORTED_STATEMENT", "The statement is not supported yet: {}", statement.text);
  }
  return StringResult({"info_name", "info_value"}, rows);
}

arrow::Result<std::shared_ptr<arrow::Table>> DescribeCommands::DescribeTable(const sql::Statement& statement,
                                                                             const TableTarget& target) {
  ARROW_ASSIGN_OR_RAISE(auto table, delta::DeltaTable::Open(target.location));
  if (!table.Exists()) return DeltaTableNotFound(target);
  ARROW_ASSIGN_OR_RAISE(auto snapshot, table.LoadSnapshot());
  const auto& metadata = snapshot->metadata();
  auto schema = nlohmann::json::parse(metadata.schema_string, nullptr, false);
  if (!schema.is_object()) return arrow::Status::Invalid("the table's schema is not valid JSON");
  ResultBuilder builder({arrow::field("col_name", arrow::utf8(), false), arrow::field("data_type", arrow::utf8(), false),
                         arrow::field("comment", arrow::utf8())});
  auto add_column = [&](const nlohmann::json& field) -> arrow::Status {
    ARROW_ASSIGN_OR_RAISE(auto type, delta::DeltaTypeToArrow(field["type"], delta::FieldNames::kLogical));
    auto comment = FieldComment(field);
    builder.AddRow({field.value("name", ""), sql::SparkTypeName(*type), comment ? Cell{*comment} : Cell{}});
    return arrow::Status::OK();
  };
  for (const auto& field : schema["fields"]) ARROW_RETURN_NOT_OK(add_column(field));
  if (!metadata.partition_columns.empty()) {
    builder.AddRow({std::string("# Partition Information"), std::string(""), std::string("")});
    builder.AddRow({std::string("# col_name"), std::string("data_type"), std::string("comment")});
    for (const auto& p : metadata.partition_columns) {
      if (const auto* field = delta::FindField(schema, p)) ARROW_RETURN_NOT_OK(add_column(*field));
    }
  }
  if (!statement.extended) return builder.Finish();

  auto info_row = [&](const std::string& name, const std::string& value) {
    builder.AddRow({name, value, std::string("")});
  };
  builder.AddRow({std::string(""), std::string(""), std::string("")});
  info_row("# Detailed Table Information", "");
  std::optional<catalog::TableInfo> info;
  if (!target.full_name.empty()) {
    ARROW_ASSIGN_OR_RAISE(info, ctx_.catalog.FindTable(target.full_name));
  }
  if (info) {
    info_row("Catalog", info->name.catalog);
    info_row("Namespace", info->name.schema);
    info_row("Database", info->name.schema);
    info_row("Table", info->name.name);
    info_row("Created Time", DescribeTimeText(info->created_at));
    info_row("Type", std::string(catalog::ToString(info->type)));
  } else {
    info_row("Name", target.display_name);
    info_row("Type", "EXTERNAL");
  }
  if (info && info->comment) {
    info_row("Comment", *info->comment);
  } else if (!info && metadata.description) {
    info_row("Comment", *metadata.description);
  }
  info_row("Location", target.location);
  info_row("Provider", "delta");
  if (info) {
    info_row("Owner", info->owner);
    if (info->type == catalog::TableType::kManaged) info_row("Is_managed_location", "true");
  }
  std::vector<std::string> properties;
  for (const auto& [k, v] : metadata.configuration) properties.push_back(k + "=" + v);
  info_row("Table Properties", "[" + fmt::format("{}", fmt::join(properties, ",")) + "]");
  return builder.Finish();
}

}  // namespace tarn::exec
