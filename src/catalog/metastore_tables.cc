// Metastore: tables and views.
#include <algorithm>
#include <cctype>

#include <fmt/format.h>

#include "catalog/identifier_rules_internal.h"
#include "catalog/managed_storage_internal.h"
#include "catalog/metastore.h"
#include "catalog/metastore_rows_internal.h"
#include "catalog/show_pattern.h"
#include "catalog/sqlite_connection_internal.h"
#include "errors/error_class.h"

namespace tarn::catalog {
namespace {

arrow::Status WrongCommand(const char* operation, const TableInfo& found) {
  bool is_view = found.type == TableType::kView;
  return UserError("WRONG_COMMAND_FOR_OBJECT_TYPE",
                   "The operation {} requires a {}. But {} is a {}. Use {} instead.", operation,
                   is_view ? "TABLE" : "VIEW", QuoteName(found.name), ToString(found.type),
                   is_view ? "DROP VIEW" : "DROP TABLE");
}

arrow::Status ReplaceKindMismatch(const TableInfo& existing, bool new_is_view) {
  if (new_is_view) {
    return UserError("EXPECT_VIEW_NOT_TABLE.NO_ALTERNATIVE",
                     "The table {} does not support CREATE OR REPLACE VIEW.",
                     QuoteName(existing.name));
  }
  return UserError("EXPECT_TABLE_NOT_VIEW.NO_ALTERNATIVE",
                   "'CREATE OR REPLACE TABLE' expects a table but {} is a view.",
                   QuoteName(existing.name));
}

std::string Upper(std::string text) {
  for (char& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return text;
}

arrow::Status UpdateTableRow(SqliteConnection& db, const TableName& key, const std::string& sql,
                             const std::vector<std::string>& values) {
  ARROW_ASSIGN_OR_RAISE(auto statement, db.Prepare(sql));
  int index = 1;
  for (const auto& value : values) ARROW_RETURN_NOT_OK(statement.Bind(index++, value));
  ARROW_RETURN_NOT_OK(statement.Bind(index++, NowMillis()));
  ARROW_RETURN_NOT_OK(statement.Bind(index++, key.catalog));
  ARROW_RETURN_NOT_OK(statement.Bind(index++, key.schema));
  ARROW_RETURN_NOT_OK(statement.Bind(index++, key.name));
  return statement.Run();
}

}  // namespace

arrow::Result<ManagedTableAllocation> Metastore::AllocateManagedTable(
    const SchemaName& requested) const {
  ARROW_ASSIGN_OR_RAISE(auto schema, NormalizeSchemaName(requested));
  std::lock_guard lock(mutex_);
  ARROW_RETURN_NOT_OK(RequireSchema(*connection_, schema));
  ARROW_ASSIGN_OR_RAISE(auto root, ManagedRoot(schema));
  ManagedTableAllocation allocation;
  allocation.table_id = NewUuid();
  allocation.storage_location = ManagedTablePath(root, allocation.table_id);
  return allocation;
}

arrow::Result<TableInfo> Metastore::CreateTable(TableInfo info, bool if_not_exists,
                                                bool or_replace) {
  ARROW_ASSIGN_OR_RAISE(info.name, NormalizeObjectName(info.name));
  const bool is_view = info.type == TableType::kView;
  if (is_view) {
    if (info.view_text.empty()) return arrow::Status::Invalid("a view needs its query text");
    info.data_source_format.clear();
    info.storage_location.clear();
  } else {
    info.view_text.clear();
    info.view_columns.clear();
    info.data_source_format = Upper(info.data_source_format.empty() ? "DELTA" : info.data_source_format);
  }
  if (info.type == TableType::kExternal) {
    ARROW_ASSIGN_OR_RAISE(info.storage_location, AbsoluteLocation(info.storage_location));
  }
  info.owner = NewOwner(info.owner);
  info.created_at = info.updated_at = NowMillis();
  const std::string requested_table_id = info.table_id;

  std::vector<std::string> replaced_folders;
  {
    std::lock_guard lock(mutex_);
    SqliteConnection& db = *connection_;
    ARROW_ASSIGN_OR_RAISE(auto transaction, SqliteWriteTransaction::Begin(db));
    ARROW_RETURN_NOT_OK(RequireSchema(db, info.name.schema_name()));
    ARROW_ASSIGN_OR_RAISE(auto root, ManagedRoot(info.name.schema_name()));
    ARROW_ASSIGN_OR_RAISE(auto existing, LoadTable(db, info.name));
    if (existing && !or_replace) {
      if (if_not_exists) return std::move(*existing);
      return TableOrViewAlreadyExists(info.name);
    }
    if (existing) {
      if ((existing->type == TableType::kView) != is_view) {
        return ReplaceKindMismatch(*existing, is_view);
      }
      // The replaced object keeps its identity; a managed table keeps its data folder.
      info.table_id = existing->table_id;
      info.created_at = existing->created_at;
      bool was_managed = existing->type == TableType::kManaged;
      if (info.type == TableType::kManaged && info.storage_location.empty() && was_managed) {
        info.storage_location = existing->storage_location;
      }
      if (was_managed && info.storage_location != existing->storage_location) {
        replaced_folders.push_back(existing->storage_location);
      }
      ARROW_RETURN_NOT_OK(DeleteRows(db, "tables",
                                     {info.name.catalog, info.name.schema, info.name.name})
                              .status());
    }
    if (info.type == TableType::kManaged) {
      if (info.storage_location.empty()) {
        if (info.table_id.empty()) info.table_id = NewUuid();
        info.storage_location = ManagedTablePath(root, info.table_id);
      } else if (!existing || info.storage_location != existing->storage_location) {
        // Only a folder from AllocateManagedTable: DROP will delete it, so it must be ours.
        bool allocated = !requested_table_id.empty() &&
                         info.storage_location == ManagedTablePath(root, requested_table_id);
        if (!allocated) {
          return arrow::Status::Invalid(
              "the location of managed table ", QuoteName(info.name),
              " must come from AllocateManagedTable (with its table_id), got '",
              info.storage_location, "'");
        }
      }
    }
    if (info.table_id.empty()) info.table_id = NewUuid();
    auto inserted = InsertTable(db, info);
    if (inserted.IsAlreadyExists()) return TableOrViewAlreadyExists(info.name);
    ARROW_RETURN_NOT_OK(inserted);
    ARROW_RETURN_NOT_OK(transaction.Commit());
  }
  RemoveDroppedFolders(replaced_folders);
  return info;
}

arrow::Result<TableInfo> Metastore::GetTable(const TableName& requested) const {
  ARROW_ASSIGN_OR_RAISE(auto name, NormalizeObjectName(requested));
  std::lock_guard lock(mutex_);
  ARROW_ASSIGN_OR_RAISE(auto info, LoadTable(*connection_, name));
  if (!info) return TableOrViewNotFound(name);
  return std::move(*info);
}

arrow::Result<bool> Metastore::TableExists(const TableName& requested) const {
  ARROW_ASSIGN_OR_RAISE(auto name, NormalizeObjectName(requested));
  std::lock_guard lock(mutex_);
  ARROW_ASSIGN_OR_RAISE(auto info, LoadTable(*connection_, name));
  return info.has_value();
}

arrow::Result<std::vector<TableInfo>> Metastore::ListTables(const SchemaName& requested,
                                                            const std::string& pattern) const {
  ARROW_ASSIGN_OR_RAISE(auto schema, NormalizeSchemaName(requested));
  ShowPattern matcher(pattern);
  std::lock_guard lock(mutex_);
  ARROW_RETURN_NOT_OK(RequireSchema(*connection_, schema));
  ARROW_ASSIGN_OR_RAISE(auto all, LoadTables(*connection_, schema.catalog, schema.schema));
  std::vector<TableInfo> out;
  for (auto& info : all) {
    if (matcher.Matches(info.name.name)) out.push_back(std::move(info));
  }
  return out;
}

namespace {

// Shared by DropTable and DropView: deletes the row and returns the folder to remove, if any.
arrow::Result<std::optional<std::string>> DropRelation(SqliteConnection& db, const TableName& name,
                                                       bool want_view, bool if_exists,
                                                       const std::string& expected_table_id) {
  ARROW_ASSIGN_OR_RAISE(auto transaction, SqliteWriteTransaction::Begin(db));
  ARROW_ASSIGN_OR_RAISE(auto existing, LoadTable(db, name));
  if (existing && !expected_table_id.empty() && existing->table_id != expected_table_id) {
    existing.reset();  // someone else's table of the same name: not the one asked for
  }
  if (!existing) {
    if (if_exists) return std::nullopt;
    return TableOrViewNotFound(name);
  }
  if ((existing->type == TableType::kView) != want_view) {
    return WrongCommand(want_view ? "DROP VIEW" : "DROP TABLE", *existing);
  }
  ARROW_RETURN_NOT_OK(DeleteRows(db, "tables", {name.catalog, name.schema, name.name}).status());
  ARROW_RETURN_NOT_OK(transaction.Commit());
  if (existing->type == TableType::kManaged) return existing->storage_location;
  return std::nullopt;
}

}  // namespace

arrow::Status Metastore::DropTable(const TableName& requested, bool if_exists,
                                   const std::string& expected_table_id) {
  ARROW_ASSIGN_OR_RAISE(auto name, NormalizeObjectName(requested));
  std::optional<std::string> folder;
  {
    std::lock_guard lock(mutex_);
    ARROW_ASSIGN_OR_RAISE(folder, DropRelation(*connection_, name, /*want_view=*/false,
                                               if_exists, expected_table_id));
  }
  if (folder) RemoveDroppedFolders({*folder});
  return arrow::Status::OK();
}

arrow::Status Metastore::DropView(const TableName& requested, bool if_exists) {
  ARROW_ASSIGN_OR_RAISE(auto name, NormalizeObjectName(requested));
  std::lock_guard lock(mutex_);
  return DropRelation(*connection_, name, /*want_view=*/true, if_exists, "").status();
}

arrow::Status Metastore::RenameTable(const TableName& from_requested,
                                     const TableName& to_requested) {
  ARROW_ASSIGN_OR_RAISE(auto from, NormalizeObjectName(from_requested));
  ARROW_ASSIGN_OR_RAISE(auto to, NormalizeObjectName(to_requested));
  if (from.catalog != to.catalog) {
    return UserError("CANNOT_RENAME_ACROSS_CATALOG",
                     "Renaming a table or view across catalogs is not allowed: {} to {}.",
                     QuoteName(from), QuoteName(to));
  }
  std::lock_guard lock(mutex_);
  SqliteConnection& db = *connection_;
  ARROW_ASSIGN_OR_RAISE(auto transaction, SqliteWriteTransaction::Begin(db));
  ARROW_ASSIGN_OR_RAISE(auto existing, LoadTable(db, from));
  if (!existing) return TableOrViewNotFound(from);
  ARROW_RETURN_NOT_OK(RequireSchema(db, to.schema_name()));
  ARROW_ASSIGN_OR_RAISE(auto target, LoadTable(db, to));
  if (target) return TableOrViewAlreadyExists(to);
  // Only the name changes: the storage location (named by table_id) stays where it is.
  auto updated = UpdateTableRow(
      db, from,
      "UPDATE tables SET schema = ?1, name = ?2, updated_at = ?3 "
      "WHERE catalog = ?4 AND schema = ?5 AND name = ?6",
      {to.schema, to.name});
  if (updated.IsAlreadyExists()) return TableOrViewAlreadyExists(to);
  ARROW_RETURN_NOT_OK(updated);
  return transaction.Commit();
}

arrow::Status Metastore::SetTableLocation(const TableName& requested, const std::string& location) {
  ARROW_ASSIGN_OR_RAISE(auto name, NormalizeObjectName(requested));
  ARROW_ASSIGN_OR_RAISE(auto absolute, AbsoluteLocation(location));
  std::lock_guard lock(mutex_);
  SqliteConnection& db = *connection_;
  ARROW_ASSIGN_OR_RAISE(auto transaction, SqliteWriteTransaction::Begin(db));
  ARROW_ASSIGN_OR_RAISE(auto existing, LoadTable(db, name));
  if (!existing) return TableOrViewNotFound(name);
  if (existing->type == TableType::kView) {
    return UserError("EXPECT_TABLE_NOT_VIEW.NO_ALTERNATIVE",
                     "'ALTER TABLE ... SET LOCATION' expects a table but {} is a view.",
                     QuoteName(name));
  }
  if (existing->type == TableType::kManaged) {
    return UserError("UNSUPPORTED_FEATURE.TABLE_OPERATION",
                     "Table {} does not support ALTER TABLE ... SET LOCATION: it is a managed "
                     "table, whose location the metastore owns.",
                     QuoteName(name));
  }
  ARROW_RETURN_NOT_OK(UpdateTableRow(db, name,
                                     "UPDATE tables SET location = ?1, updated_at = ?2 "
                                     "WHERE catalog = ?3 AND schema = ?4 AND name = ?5",
                                     {absolute}));
  return transaction.Commit();
}

}  // namespace tarn::catalog
