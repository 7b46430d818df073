// ALTER TABLE changes to a Delta table's schema, each one commit of new metadata: columns added,
// renamed or dropped (the last two need column mapping, so no data file is rewritten), a
// column's comment, type (widening only, with delta.enableTypeWidening) or nullability.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace tarn::delta {

struct AddedColumn {
  nlohmann::json field;  // a Delta struct field: name, type, nullable, metadata (comment)
  std::string position;  // "" (last), "FIRST" or "AFTER <column>"
};

struct SchemaChange {
  enum class Kind { kAddColumns, kRenameColumn, kDropColumns, kSetComment, kChangeType, kSetNullable };
  Kind kind = Kind::kAddColumns;
  std::vector<AddedColumn> added;       // kAddColumns
  std::string column;                   // the top-level column the other kinds change
  std::string new_name;                 // kRenameColumn
  std::vector<std::string> dropped;     // kDropColumns
  bool if_exists = false;               // kDropColumns: DROP COLUMN IF EXISTS
  std::optional<std::string> comment;   // kSetComment (nullopt removes it)
  nlohmann::json new_type;              // kChangeType: a Delta type
  bool nullable = true;                 // kSetNullable
};

}  // namespace tarn::delta
