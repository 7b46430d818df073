// Metastore: opening a workspace, catalogs, schemas, and the ALTERs shared by all securables.
// Tables, volumes and functions are in metastore_tables.cc, metastore_volumes.cc and
// metastore_functions.cc.
#include "catalog/metastore.h"

#include <cstdlib>
#include <filesystem>

#include <fmt/format.h>

#include "catalog/identifier_rules_internal.h"
#include "catalog/managed_storage_internal.h"
#include "catalog/metastore_migrations_internal.h"
#include "catalog/metastore_rows_internal.h"
#include "catalog/show_pattern.h"
#include "catalog/sqlite_connection_internal.h"
#include "errors/error_class.h"

namespace tarn::catalog {
namespace {

namespace fs = std::filesystem;

constexpr int kBusyTimeoutMs = 10000;

// The row of a securable: its table, key columns and key values.
struct RowKey {
  const char* table = nullptr;
  std::vector<const char*> columns;
  std::vector<std::string> values;
};

arrow::Result<RowKey> KeyOf(SecurableKind kind, const std::vector<std::string>& name) {
  size_t parts = kind == SecurableKind::kCatalog ? 1 : kind == SecurableKind::kSchema ? 2 : 3;
  if (name.size() != parts) {
    return arrow::Status::Invalid(fmt::format("a {} name has {} parts, got {}", ToString(kind),
                                              parts, QuoteName(name)));
  }
  RowKey key;
  for (const auto& part : name) {
    key.values.push_back(NormalizeName(part));
    ARROW_RETURN_NOT_OK(CheckName(key.values.back()));
  }
  switch (kind) {
    case SecurableKind::kCatalog: key.table = "catalogs"; key.columns = {"name"}; break;
    case SecurableKind::kSchema: key.table = "schemas"; key.columns = {"catalog", "name"}; break;
    case SecurableKind::kTable: key.table = "tables"; break;
    case SecurableKind::kVolume: key.table = "volumes"; break;
    case SecurableKind::kFunction: key.table = "functions"; break;
  }
  if (parts == 3) key.columns = {"catalog", "schema", "name"};
  return key;
}

arrow::Status NotFound(SecurableKind kind, const std::vector<std::string>& v) {
  switch (kind) {
    case SecurableKind::kCatalog: return CatalogNotFound(v[0]);
    case SecurableKind::kSchema: return SchemaNotFound({v[0], v[1]});
    case SecurableKind::kTable: return TableOrViewNotFound({v[0], v[1], v[2]});
    case SecurableKind::kVolume: return VolumeNotFound({v[0], v[1], v[2]});
    case SecurableKind::kFunction: return RoutineNotFound({v[0], v[1], v[2]});
  }
  return arrow::Status::Invalid("unknown securable kind");
}

std::string WhereKey(const RowKey& key, int first_parameter) {
  std::string sql;
  for (size_t i = 0; i < key.columns.size(); ++i) {
    sql += fmt::format(" {} {} = ?{}", i == 0 ? "WHERE" : "AND", key.columns[i],
                       first_parameter + static_cast<int>(i));
  }
  return sql;
}

// UPDATE <row> SET <column> = <value>, updated_at = now; NotFound when no row matched.
template <typename Value>
arrow::Status UpdateColumn(SqliteConnection& db, SecurableKind kind, const RowKey& key,
                           const char* column, const Value& value) {
  ARROW_ASSIGN_OR_RAISE(auto statement,
                        db.Prepare(fmt::format("UPDATE {} SET {} = ?1, updated_at = ?2{}",
                                               key.table, column, WhereKey(key, 3))));
  ARROW_RETURN_NOT_OK(statement.Bind(1, value));
  ARROW_RETURN_NOT_OK(statement.Bind(2, NowMillis()));
  for (size_t i = 0; i < key.values.size(); ++i) {
    ARROW_RETURN_NOT_OK(statement.Bind(3 + static_cast<int>(i), key.values[i]));
  }
  ARROW_RETURN_NOT_OK(statement.Run());
  if (db.changes() == 0) return NotFound(kind, key.values);
  return arrow::Status::OK();
}

// The managed folders of the tables and volumes in a catalog (schema empty) or a schema.
arrow::Result<std::vector<std::string>> ManagedFoldersIn(SqliteConnection& db,
                                                         const std::string& catalog,
                                                         const std::string& schema) {
  std::vector<std::string> folders;
  ARROW_ASSIGN_OR_RAISE(auto tables, LoadTables(db, catalog, schema));
  for (const auto& table : tables) {
    if (table.type == TableType::kManaged) folders.push_back(table.storage_location);
  }
  ARROW_ASSIGN_OR_RAISE(auto volumes, LoadVolumes(db, catalog, schema));
  for (const auto& volume : volumes) {
    if (volume.type == VolumeType::kManaged) folders.push_back(volume.storage_location);
  }
  return folders;
}

arrow::Result<bool> SchemaIsEmpty(SqliteConnection& db, const SchemaName& name) {
  for (const char* table : {"tables", "volumes", "functions"}) {
    ARROW_ASSIGN_OR_RAISE(auto statement,
                          db.Prepare(fmt::format("SELECT 1 FROM {} WHERE catalog = ?1 AND "
                                                 "schema = ?2 LIMIT 1",
                                                 table)));
    ARROW_RETURN_NOT_OK(statement.Bind(1, name.catalog));
    ARROW_RETURN_NOT_OK(statement.Bind(2, name.schema));
    ARROW_ASSIGN_OR_RAISE(bool row, statement.Step());
    if (row) return false;
  }
  return true;
}

}  // namespace

Metastore::Metastore(std::string home, std::unique_ptr<SqliteConnection> connection)
    : home_(std::move(home)), connection_(std::move(connection)) {
  const char* user = std::getenv("USER");
  current_user_ = (user != nullptr && *user != '\0') ? user : "tarn";
}

Metastore::~Metastore() = default;

arrow::Result<std::shared_ptr<Metastore>> Metastore::Open(const std::string& home) {
  ARROW_ASSIGN_OR_RAISE(std::string absolute_home, AbsoluteLocation(home));
  std::error_code ec;
  fs::create_directories(fs::path(absolute_home) / "managed", ec);
  if (ec) {
    return arrow::Status::IOError("cannot create the workspace folder '", absolute_home,
                                  "': ", ec.message());
  }
  ARROW_ASSIGN_OR_RAISE(auto connection,
                        SqliteConnection::Open((fs::path(absolute_home) / "metastore.db").string(),
                                               kBusyTimeoutMs));
  std::shared_ptr<Metastore> metastore(new Metastore(absolute_home, std::move(connection)));
  SqliteConnection& db = *metastore->connection_;
  ARROW_ASSIGN_OR_RAISE(auto transaction, SqliteWriteTransaction::Begin(db));
  bool created = false;
  ARROW_RETURN_NOT_OK(MigrateMetastore(db, &created));
  if (created) {
    // Only a brand-new workspace gets `main`.`default`: an explicit DROP CATALOG main sticks.
    int64_t now = NowMillis();
    CatalogInfo main_catalog{kDefaultCatalog, "Main catalog (auto-created)", {},
                             metastore->current_user_, now, now};
    ARROW_RETURN_NOT_OK(InsertCatalog(db, main_catalog));
    SchemaInfo default_schema{kDefaultCatalog, kDefaultSchema, "Default schema (auto-created)",
                              {}, std::nullopt, metastore->current_user_, now, now};
    ARROW_RETURN_NOT_OK(InsertSchema(db, default_schema));
  }
  ARROW_RETURN_NOT_OK(transaction.Commit());
  return metastore;
}

std::string Metastore::NewOwner(const std::string& requested) const {
  return requested.empty() ? current_user_ : requested;
}

arrow::Result<std::string> Metastore::ManagedRoot(const SchemaName& schema) const {
  ARROW_ASSIGN_OR_RAISE(auto info, LoadSchema(*connection_, schema));
  if (!info) return SchemaNotFound(schema);
  if (info->location) return *info->location;
  return (fs::path(home_) / "managed").string();
}

// ---- catalogs

arrow::Status Metastore::CreateCatalog(const CatalogInfo& requested, bool if_not_exists) {
  CatalogInfo info = requested;
  info.name = NormalizeName(info.name);
  ARROW_RETURN_NOT_OK(CheckName(info.name));
  info.owner = NewOwner(info.owner);
  info.created_at = info.updated_at = NowMillis();
  std::lock_guard lock(mutex_);
  ARROW_ASSIGN_OR_RAISE(auto transaction, SqliteWriteTransaction::Begin(*connection_));
  ARROW_ASSIGN_OR_RAISE(auto existing, LoadCatalog(*connection_, info.name));
  if (existing) return if_not_exists ? arrow::Status::OK() : CatalogAlreadyExists(info.name);
  auto inserted = InsertCatalog(*connection_, info);
  if (inserted.IsAlreadyExists()) return CatalogAlreadyExists(info.name);
  ARROW_RETURN_NOT_OK(inserted);
  SchemaInfo default_schema{info.name, kDefaultSchema, "Default schema (auto-created)", {},
                            std::nullopt, info.owner, info.created_at, info.created_at};
  ARROW_RETURN_NOT_OK(InsertSchema(*connection_, default_schema));
  return transaction.Commit();
}

arrow::Result<CatalogInfo> Metastore::GetCatalog(const std::string& name) const {
  std::string key = NormalizeName(name);
  std::lock_guard lock(mutex_);
  ARROW_ASSIGN_OR_RAISE(auto info, LoadCatalog(*connection_, key));
  if (!info) return CatalogNotFound(key);
  return std::move(*info);
}

arrow::Result<std::vector<CatalogInfo>> Metastore::ListCatalogs(const std::string& pattern) const {
  ShowPattern matcher(pattern);
  std::vector<CatalogInfo> out;
  std::lock_guard lock(mutex_);
  ARROW_ASSIGN_OR_RAISE(auto all, LoadCatalogs(*connection_));
  for (auto& info : all) {
    if (matcher.Matches(info.name)) out.push_back(std::move(info));
  }
  return out;
}

arrow::Status Metastore::DropCatalog(const std::string& name, bool if_exists, bool cascade) {
  std::string key = NormalizeName(name);
  std::vector<std::string> folders;
  {
    std::lock_guard lock(mutex_);
    SqliteConnection& db = *connection_;
    ARROW_ASSIGN_OR_RAISE(auto transaction, SqliteWriteTransaction::Begin(db));
    ARROW_ASSIGN_OR_RAISE(auto existing, LoadCatalog(db, key));
    if (!existing) return if_exists ? arrow::Status::OK() : CatalogNotFound(key);
    if (!cascade) {
      ARROW_ASSIGN_OR_RAISE(auto schemas, LoadSchemas(db, key));
      for (const auto& schema : schemas) {
        ARROW_ASSIGN_OR_RAISE(bool empty, SchemaIsEmpty(db, {key, schema.name}));
        // The auto-created `default` schema alone does not make a catalog non-empty.
        if (schema.name != kDefaultSchema || !empty) return CatalogNotEmpty(key);
      }
    }
    ARROW_ASSIGN_OR_RAISE(folders, ManagedFoldersIn(db, key, ""));
    for (const char* table : {"tables", "volumes", "functions", "schemas", "catalogs"}) {
      ARROW_RETURN_NOT_OK(DeleteRows(db, table, {key}).status());
    }
    ARROW_RETURN_NOT_OK(transaction.Commit());
  }
  RemoveDroppedFolders(folders);
  return arrow::Status::OK();
}

// ---- schemas

arrow::Status Metastore::CreateSchema(const SchemaInfo& requested, bool if_not_exists) {
  SchemaInfo info = requested;
  ARROW_ASSIGN_OR_RAISE(auto name, NormalizeSchemaName({info.catalog, info.name}));
  info.catalog = name.catalog;
  info.name = name.schema;
  if (info.location) {
    ARROW_ASSIGN_OR_RAISE(info.location, AbsoluteLocation(*info.location));
  }
  info.owner = NewOwner(info.owner);
  info.created_at = info.updated_at = NowMillis();
  std::lock_guard lock(mutex_);
  ARROW_ASSIGN_OR_RAISE(auto transaction, SqliteWriteTransaction::Begin(*connection_));
  ARROW_ASSIGN_OR_RAISE(auto catalog, LoadCatalog(*connection_, name.catalog));
  if (!catalog) return CatalogNotFound(name.catalog);
  ARROW_ASSIGN_OR_RAISE(auto existing, LoadSchema(*connection_, name));
  if (existing) return if_not_exists ? arrow::Status::OK() : SchemaAlreadyExists(name);
  auto inserted = InsertSchema(*connection_, info);
  if (inserted.IsAlreadyExists()) return SchemaAlreadyExists(name);
  ARROW_RETURN_NOT_OK(inserted);
  return transaction.Commit();
}

arrow::Result<SchemaInfo> Metastore::GetSchema(const SchemaName& requested) const {
  ARROW_ASSIGN_OR_RAISE(auto name, NormalizeSchemaName(requested));
  std::lock_guard lock(mutex_);
  ARROW_ASSIGN_OR_RAISE(auto info, LoadSchema(*connection_, name));
  if (info) return std::move(*info);
  ARROW_ASSIGN_OR_RAISE(auto catalog, LoadCatalog(*connection_, name.catalog));
  if (!catalog) return CatalogNotFound(name.catalog);
  return SchemaNotFound(name);
}

arrow::Result<std::vector<SchemaInfo>> Metastore::ListSchemas(const std::string& catalog,
                                                              const std::string& pattern) const {
  std::string key = NormalizeName(catalog);
  ShowPattern matcher(pattern);
  std::lock_guard lock(mutex_);
  ARROW_ASSIGN_OR_RAISE(auto existing, LoadCatalog(*connection_, key));
  if (!existing) return CatalogNotFound(key);
  ARROW_ASSIGN_OR_RAISE(auto all, LoadSchemas(*connection_, key));
  std::vector<SchemaInfo> out;
  for (auto& info : all) {
    if (matcher.Matches(info.name)) out.push_back(std::move(info));
  }
  return out;
}

arrow::Status Metastore::DropSchema(const SchemaName& requested, bool if_exists, bool cascade) {
  ARROW_ASSIGN_OR_RAISE(auto name, NormalizeSchemaName(requested));
  std::vector<std::string> folders;
  {
    std::lock_guard lock(mutex_);
    SqliteConnection& db = *connection_;
    ARROW_ASSIGN_OR_RAISE(auto transaction, SqliteWriteTransaction::Begin(db));
    ARROW_ASSIGN_OR_RAISE(auto existing, LoadSchema(db, name));
    if (!existing) return if_exists ? arrow::Status::OK() : SchemaNotFound(name);
    if (!cascade) {
      ARROW_ASSIGN_OR_RAISE(bool empty, SchemaIsEmpty(db, name));
      if (!empty) return SchemaNotEmpty(name);
    }
    ARROW_ASSIGN_OR_RAISE(folders, ManagedFoldersIn(db, name.catalog, name.schema));
    for (const char* table : {"tables", "volumes", "functions", "schemas"}) {
      ARROW_RETURN_NOT_OK(DeleteRows(db, table, {name.catalog, name.schema}).status());
    }
    ARROW_RETURN_NOT_OK(transaction.Commit());
  }
  RemoveDroppedFolders(folders);
  return arrow::Status::OK();
}

// ---- ALTER / COMMENT ON

arrow::Status Metastore::SetComment(SecurableKind kind, const std::vector<std::string>& name,
                                    std::optional<std::string> comment) {
  ARROW_ASSIGN_OR_RAISE(auto key, KeyOf(kind, name));
  std::lock_guard lock(mutex_);
  ARROW_ASSIGN_OR_RAISE(auto transaction, SqliteWriteTransaction::Begin(*connection_));
  ARROW_RETURN_NOT_OK(UpdateColumn(*connection_, kind, key, "comment", comment));
  return transaction.Commit();
}

arrow::Status Metastore::SetOwner(SecurableKind kind, const std::vector<std::string>& name,
                                  const std::string& owner) {
  if (owner.empty()) return arrow::Status::Invalid("the new owner must not be empty");
  ARROW_ASSIGN_OR_RAISE(auto key, KeyOf(kind, name));
  std::lock_guard lock(mutex_);
  ARROW_ASSIGN_OR_RAISE(auto transaction, SqliteWriteTransaction::Begin(*connection_));
  ARROW_RETURN_NOT_OK(UpdateColumn(*connection_, kind, key, "owner", owner));
  return transaction.Commit();
}

arrow::Status Metastore::SetProperties(SecurableKind kind, const std::vector<std::string>& name,
                                       const StringMap& set,
                                       const std::vector<std::string>& unset) {
  if (kind == SecurableKind::kVolume || kind == SecurableKind::kFunction) {
    // No SQL statement sets them (Unity Catalog has none either): a caller bug, not a user error.
    return arrow::Status::Invalid(fmt::format("a {} has no properties ({})", ToString(kind),
                                              QuoteName(name)));
  }
  ARROW_ASSIGN_OR_RAISE(auto key, KeyOf(kind, name));
  std::lock_guard lock(mutex_);
  SqliteConnection& db = *connection_;
  ARROW_ASSIGN_OR_RAISE(auto transaction, SqliteWriteTransaction::Begin(db));
  ARROW_ASSIGN_OR_RAISE(auto select, db.Prepare(fmt::format("SELECT properties FROM {}{}",
                                                            key.table, WhereKey(key, 1))));
  for (size_t i = 0; i < key.values.size(); ++i) {
    ARROW_RETURN_NOT_OK(select.Bind(1 + static_cast<int>(i), key.values[i]));
  }
  ARROW_ASSIGN_OR_RAISE(bool found, select.Step());
  if (!found) return NotFound(kind, key.values);
  ARROW_ASSIGN_OR_RAISE(auto properties, DecodeStringMap(select.Text(0)));
  for (const auto& removed : unset) properties.erase(removed);
  for (const auto& [property, value] : set) properties[property] = value;
  ARROW_RETURN_NOT_OK(UpdateColumn(db, kind, key, "properties", EncodeStringMap(properties)));
  return transaction.Commit();
}

arrow::Status Metastore::CheckConsistency() const {
  std::lock_guard lock(mutex_);
  SqliteConnection& db = *connection_;
  ARROW_ASSIGN_OR_RAISE(auto integrity, db.Prepare("PRAGMA integrity_check"));
  ARROW_ASSIGN_OR_RAISE(bool row, integrity.Step());
  if (!row || integrity.Text(0) != "ok") {
    return arrow::Status::IOError("metastore: integrity check failed: ", row ? integrity.Text(0) : "");
  }
  ARROW_ASSIGN_OR_RAISE(auto foreign_keys, db.Prepare("PRAGMA foreign_key_check"));
  ARROW_ASSIGN_OR_RAISE(row, foreign_keys.Step());
  if (row) {
    return arrow::Status::IOError("metastore: a row of ", foreign_keys.Text(0),
                                  " has no parent (foreign key check)");
  }
  ARROW_ASSIGN_OR_RAISE(auto catalogs, LoadCatalogs(db));
  for (const auto& catalog : catalogs) {
    ARROW_ASSIGN_OR_RAISE(auto volumes, LoadVolumes(db, catalog.name, ""));
    for (const auto& volume : volumes) {
      if (volume.type == VolumeType::kManaged && !fs::is_directory(volume.storage_location)) {
        return arrow::Status::IOError("metastore: the managed volume ", QuoteName(volume.name),
                                      " has no folder at ", volume.storage_location);
      }
    }
    // Reading every table row also proves its stored JSON and enums decode.
    ARROW_RETURN_NOT_OK(LoadTables(db, catalog.name, "").status());
    ARROW_RETURN_NOT_OK(LoadFunctions(db, catalog.name, "").status());
  }
  return arrow::Status::OK();
}

}  // namespace tarn::catalog
