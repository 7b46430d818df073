// DeltaTable::ChangeSchema: ALTER TABLE column changes as one metadata commit.
#include <algorithm>

#include <arrow/api.h>

#include "errors/error_class.h"
#include "storage/delta/delta_table.h"
#include "storage/delta/delta_table_internal.h"
#include "storage/delta/schema.h"
#include "storage/delta/table_scan.h"
#include "storage/delta/transaction.h"

namespace tarn::delta {

namespace {

using json = nlohmann::json;

// Index of a top-level field by logical name (case-insensitive), or -1.
int FieldIndex(const json& schema, const std::string& name) {
  const auto& fields = schema["fields"];
  for (size_t i = 0; i < fields.size(); ++i) {
    if (LowerCaseName(fields[i]["name"].get<std::string>()) == LowerCaseName(name)) return static_cast<int>(i);
  }
  return -1;
}

arrow::Status ColumnNotFound(const std::string& name, const json& schema) {
  std::string names;
  for (const auto& f : schema["fields"]) names += (names.empty() ? "" : ", ") + f["name"].get<std::string>();
  return UserError("DELTA_COLUMN_NOT_FOUND_IN_SCHEMA", "Unable to find the column `{}` of the table: [{}].", name,
                   names);
}

const char kColumnMappingAdvice[] =
    "Please enable Column Mapping on your Delta table with mapping mode 'name'. You can use one of the following "
    "commands.\n\nALTER TABLE <table_name> SET TBLPROPERTIES ('delta.columnMapping.mode' = 'name')";

// Delta's type widening: integers to wider integers, float to double, integers to double,
// date to timestamp_ntz, decimals to wider decimals.
bool IsWidening(const json& from, const json& to) {
  if (!from.is_string() || !to.is_string()) return false;
  const auto f = from.get<std::string>(), t = to.get<std::string>();
  static const std::vector<std::string> kIntegers = {"byte", "short", "integer", "long"};
  auto rank = [&](const std::string& n) {
    auto it = std::find(kIntegers.begin(), kIntegers.end(), n);
    return it == kIntegers.end() ? -1 : static_cast<int>(it - kIntegers.begin());
  };
  if (rank(f) >= 0 && rank(t) > rank(f)) return true;
  if (f == "float" && t == "double") return true;
  if ((f == "byte" || f == "short" || f == "integer") && t == "double") return true;
  if (f == "date" && t == "timestamp_ntz") return true;
  auto decimal = [](const std::string& s, int* p, int* sc) {
    return std::sscanf(s.c_str(), "decimal(%d,%d)", p, sc) == 2;
  };
  int fp = 0, fs = 0, tp = 0, ts = 0;
  if (decimal(f, &fp, &fs) && decimal(t, &tp, &ts)) return ts >= fs && tp - ts >= fp - fs && (tp > fp || ts > fs);
  return false;
}

std::string SqlTypeName(const json& type) {
  if (!type.is_string()) return type.dump();
  std::string t = type.get<std::string>();
  if (t == "integer") return "INT";
  if (t == "long") return "BIGINT";
  if (t == "short") return "SMALLINT";
  if (t == "byte") return "TINYINT";
  std::transform(t.begin(), t.end(), t.begin(), [](unsigned char c) { return std::toupper(c); });
  return t;
}

}  // namespace

arrow::Result<int64_t> DeltaTable::ChangeSchema(const SchemaChange& change) const {
  using Kind = SchemaChange::Kind;
  ARROW_ASSIGN_OR_RAISE(auto snapshot, LoadSnapshot());
  ARROW_RETURN_NOT_OK(CheckWriteSupported(snapshot->protocol()));
  Metadata metadata = snapshot->metadata();
  json schema = snapshot->schema();
  auto& fields = schema["fields"];
  const bool mapped = snapshot->column_mapping() != ColumnMappingMode::kNone;
  Transaction txn(storage_, snapshot);
  std::string operation;
  json parameters = json::object();

  auto column_index = [&](const std::string& name) -> arrow::Result<int> {
    const int i = FieldIndex(schema, name);
    if (i < 0) return ColumnNotFound(name, schema);
    return i;
  };
  auto is_partition_column = [&](const std::string& name) {
    for (const auto& p : metadata.partition_columns) {
      if (LowerCaseName(p) == LowerCaseName(name)) return true;
    }
    return false;
  };

  switch (change.kind) {
    case Kind::kAddColumns: {
      operation = "ADD COLUMNS";
      json described = json::array();
      for (const auto& added : change.added) {
        const std::string name = added.field["name"].get<std::string>();
        if (FieldIndex(schema, name) >= 0) {
          return UserError("FIELD_ALREADY_EXISTS", "Cannot add column, because `{}` already exists in the table.",
                           name);
        }
        if (!added.field.value("nullable", true)) {
          return UserError("UNSUPPORTED_FEATURE", "Adding the NOT NULL column `{}` to an existing Delta table is not "
                           "supported: existing rows would have no value for it.", name);
        }
        size_t at = fields.size();
        json position = json::object();
        if (added.position == "FIRST") {
          at = 0;
          position = {{"position", "FIRST"}};
        } else if (added.position.rfind("AFTER ", 0) == 0) {
          ARROW_ASSIGN_OR_RAISE(int after, column_index(added.position.substr(6)));
          at = static_cast<size_t>(after) + 1;
          position = {{"position", added.position}};
        }
        fields.insert(fields.begin() + static_cast<std::ptrdiff_t>(at), added.field);
        described.push_back({{"column", added.field}, {"position", position}});
      }
      parameters["columns"] = described.dump();
      break;
    }
    case Kind::kRenameColumn: {
      operation = "RENAME COLUMN";
      if (!mapped) return UserError("DELTA_UNSUPPORTED_RENAME_COLUMN", "{}", kColumnMappingAdvice);
      ARROW_ASSIGN_OR_RAISE(int i, column_index(change.column));
      const int clash = FieldIndex(schema, change.new_name);
      if (clash >= 0 && clash != i) {
        return UserError("FIELD_ALREADY_EXISTS", "Cannot rename column, because `{}` already exists in the table.",
                         change.new_name);
      }
      const std::string old_name = fields[i]["name"].get<std::string>();
      for (auto& p : metadata.partition_columns) {
        if (LowerCaseName(p) == LowerCaseName(old_name)) p = change.new_name;
      }
      fields[i]["name"] = change.new_name;
      parameters = {{"oldColumnPath", old_name}, {"newColumnPath", change.new_name}};
      break;
    }
    case Kind::kDropColumns: {
      operation = "DROP COLUMNS";
      if (!mapped) return UserError("DELTA_UNSUPPORTED_DROP_COLUMN", "{}", kColumnMappingAdvice);
      json dropped = json::array();
      for (const auto& name : change.dropped) {
        const int i = FieldIndex(schema, name);
        if (i < 0) {
          if (change.if_exists) continue;
          return ColumnNotFound(name, schema);
        }
        if (is_partition_column(name)) {
          return UserError("DELTA_UNSUPPORTED_DROP_PARTITION_COLUMN", "Dropping partition columns ({}) is not allowed.",
                           name);
        }
        dropped.push_back(fields[i]["name"]);
        fields.erase(fields.begin() + i);
      }
      if (dropped.empty()) return -1;
      if (fields.empty()) {
        return UserError("DELTA_DROP_COLUMN_ON_SINGLE_FIELD_SCHEMA",
                         "Cannot drop column from a schema with a single column.");
      }
      parameters["columns"] = dropped.dump();
      break;
    }
    case Kind::kSetComment: {
      operation = "CHANGE COLUMN";
      ARROW_ASSIGN_OR_RAISE(int i, column_index(change.column));
      auto& meta = fields[i]["metadata"];
      if (!meta.is_object()) meta = json::object();
      if (change.comment) {
        meta["comment"] = *change.comment;
      } else {
        meta.erase("comment");
      }
      parameters = {{"column", fields[i].dump()}};
      break;
    }
    case Kind::kChangeType: {
      operation = "CHANGE COLUMN";
      ARROW_ASSIGN_OR_RAISE(int i, column_index(change.column));
      const json from = fields[i]["type"];
      if (from == change.new_type) return -1;
      if (!IsWidening(from, change.new_type) || !PropertyTrue(metadata.configuration, "delta.enableTypeWidening")) {
        return UserError("DELTA_UNSUPPORTED_ALTER_TABLE_CHANGE_COL_OP",
                         "ALTER TABLE ALTER COLUMN is not supported for changing column {} from {} to {}{}",
                         fields[i]["name"].get<std::string>(), SqlTypeName(from), SqlTypeName(change.new_type),
                         IsWidening(from, change.new_type)
                             ? " unless type widening is enabled (delta.enableTypeWidening = true)."
                             : ".");
      }
      if (is_partition_column(change.column)) {
        return UserError("DELTA_UNSUPPORTED_ALTER_TABLE_CHANGE_COL_OP",
                         "Changing the type of the partition column {} is not supported.", change.column);
      }
      auto& meta = fields[i]["metadata"];
      if (!meta.is_object()) meta = json::object();
      if (!meta.contains("delta.typeChanges")) meta["delta.typeChanges"] = json::array();
      meta["delta.typeChanges"].push_back({{"fromType", from}, {"toType", change.new_type}});
      fields[i]["type"] = change.new_type;
      parameters = {{"column", fields[i].dump()}};
      break;
    }
    case Kind::kSetNullable: {
      operation = "CHANGE COLUMN";
      ARROW_ASSIGN_OR_RAISE(int i, column_index(change.column));
      if (fields[i].value("nullable", true) == change.nullable) return -1;
      if (!change.nullable) {
        // The rows already there must satisfy the new constraint.
        ScanOptions options;
        options.columns = {fields[i]["name"].get<std::string>()};
        ARROW_ASSIGN_OR_RAISE(auto scan, TableScan::Make(snapshot, options));
        ARROW_ASSIGN_OR_RAISE(auto rows, scan.ToTable());
        if (rows->column(0)->null_count() > 0) {
          return UserError("DELTA_NOT_NULL_CONSTRAINT_VIOLATED", "NOT NULL constraint violated for column: {}.",
                           fields[i]["name"].get<std::string>());
        }
        txn.footprint().read_whole_table = true;
      }
      fields[i]["nullable"] = change.nullable;
      parameters = {{"column", fields[i].dump()}};
      break;
    }
  }

  if (mapped) {
    int64_t max_id = 0;
    if (auto it = metadata.configuration.find("delta.columnMapping.maxColumnId"); it != metadata.configuration.end()) {
      max_id = std::stoll(it->second);
    }
    schema = AssignColumnMapping(schema, &max_id);
    metadata.configuration["delta.columnMapping.maxColumnId"] = std::to_string(max_id);
  }
  // The new schema must still convert (e.g. a type the reader knows).
  ARROW_RETURN_NOT_OK(DeltaSchemaToArrow(schema, FieldNames::kLogical).status());
  metadata.schema_string = schema.dump();
  Protocol protocol = ProtocolForTable(schema, metadata.configuration, snapshot->protocol());
  if (protocol.min_reader_version != snapshot->protocol().min_reader_version ||
      protocol.min_writer_version != snapshot->protocol().min_writer_version ||
      protocol.reader_features != snapshot->protocol().reader_features ||
      protocol.writer_features != snapshot->protocol().writer_features) {
    txn.SetProtocol(protocol);
  }
  txn.SetMetadata(metadata);
  txn.SetOperation(operation, parameters);
  ARROW_ASSIGN_OR_RAISE(auto commit, txn.Commit());
  return commit.version;
}

}  // namespace tarn::delta
