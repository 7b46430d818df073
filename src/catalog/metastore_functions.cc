// Metastore: SQL functions (CREATE FUNCTION ... RETURN <expression>).
#include "catalog/identifier_rules_internal.h"
#include "catalog/metastore.h"
#include "catalog/metastore_rows_internal.h"
#include "catalog/show_pattern.h"
#include "catalog/sqlite_connection_internal.h"

namespace tarn::catalog {

arrow::Result<FunctionInfo> Metastore::CreateFunction(FunctionInfo info, bool if_not_exists,
                                                      bool or_replace) {
  ARROW_ASSIGN_OR_RAISE(info.name, NormalizeObjectName(info.name));
  if (info.body.empty()) return arrow::Status::Invalid("a SQL function needs a body");
  if (info.return_type.empty()) return arrow::Status::Invalid("a SQL function needs a return type");
  info.owner = NewOwner(info.owner);
  info.created_at = info.updated_at = NowMillis();
  std::lock_guard lock(mutex_);
  SqliteConnection& db = *connection_;
  ARROW_ASSIGN_OR_RAISE(auto transaction, SqliteWriteTransaction::Begin(db));
  ARROW_RETURN_NOT_OK(RequireSchema(db, info.name.schema_name()));
  ARROW_ASSIGN_OR_RAISE(auto existing, LoadFunction(db, info.name));
  if (existing) {
    if (!or_replace) {
      if (if_not_exists) return std::move(*existing);
      return RoutineAlreadyExists(info.name);
    }
    info.created_at = existing->created_at;
    ARROW_RETURN_NOT_OK(
        DeleteRows(db, "functions", {info.name.catalog, info.name.schema, info.name.name}).status());
  }
  auto inserted = InsertFunction(db, info);
  if (inserted.IsAlreadyExists()) return RoutineAlreadyExists(info.name);
  ARROW_RETURN_NOT_OK(inserted);
  ARROW_RETURN_NOT_OK(transaction.Commit());
  return info;
}

arrow::Result<FunctionInfo> Metastore::GetFunction(const ObjectName& requested) const {
  ARROW_ASSIGN_OR_RAISE(auto name, NormalizeObjectName(requested));
  std::lock_guard lock(mutex_);
  ARROW_ASSIGN_OR_RAISE(auto info, LoadFunction(*connection_, name));
  if (!info) return RoutineNotFound(name);
  return std::move(*info);
}

arrow::Result<std::vector<FunctionInfo>> Metastore::ListFunctions(
    const SchemaName& requested, const std::string& pattern) const {
  ARROW_ASSIGN_OR_RAISE(auto schema, NormalizeSchemaName(requested));
  ShowPattern matcher(pattern);
  std::lock_guard lock(mutex_);
  ARROW_RETURN_NOT_OK(RequireSchema(*connection_, schema));
  ARROW_ASSIGN_OR_RAISE(auto all, LoadFunctions(*connection_, schema.catalog, schema.schema));
  std::vector<FunctionInfo> out;
  for (auto& info : all) {
    if (matcher.Matches(info.name.name)) out.push_back(std::move(info));
  }
  return out;
}

arrow::Status Metastore::DropFunction(const ObjectName& requested, bool if_exists) {
  ARROW_ASSIGN_OR_RAISE(auto name, NormalizeObjectName(requested));
  std::lock_guard lock(mutex_);
  SqliteConnection& db = *connection_;
  ARROW_ASSIGN_OR_RAISE(auto transaction, SqliteWriteTransaction::Begin(db));
  ARROW_ASSIGN_OR_RAISE(int64_t deleted,
                        DeleteRows(db, "functions", {name.catalog, name.schema, name.name}));
  if (deleted == 0) return if_exists ? arrow::Status::OK() : RoutineNotFound(name);
  return transaction.Commit();
}

}  // namespace tarn::catalog
