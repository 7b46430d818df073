// The metastore of a tarn workspace: a Unity-Catalog-like three-level namespace
// (catalog.schema.object) of tables, views, volumes and SQL functions, kept in
// <home>/metastore.db (SQLite) beside <home>/managed/, the managed storage.
//
// Thread safety: a Metastore is safe to share between threads; its one SQLite connection is
// used under a mutex. Several processes may open the same workspace at once: every
// read-modify-write runs in a BEGIN IMMEDIATE transaction (waiting up to 10 s for another
// writer), and primary keys make concurrent CREATEs of one name end in one success and one
// ..._ALREADY_EXISTS error.
//
// Names are case-insensitive: every name given is lower-cased before use and is stored lower case.
// Errors carry Spark's / Databricks' error classes and quote the full name, e.g.
// "[TABLE_OR_VIEW_NOT_FOUND] The table or view `main`.`default`.`t` cannot be found."
//
// Managed storage: a managed table lives at <managed root>/tables/<table_id> and a managed volume
// at <managed root>/volumes/<volume_id>, where the managed root is the schema's MANAGED LOCATION
// or else <home>/managed. The folders are named by id, so renames never move data. DROP of a
// managed object deletes its row, commits, then removes its folder (a crash in between leaves an
// orphan folder, never a row without data). DROP of an external object never touches its files.
#pragma once

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <arrow/result.h>
#include <arrow/status.h>

#include "catalog/securable_info.h"

namespace tarn::catalog {

class SqliteConnection;

class Metastore {
 public:
  // The catalog and schema every new workspace starts with (Databricks' defaults).
  static constexpr const char* kDefaultCatalog = "main";
  static constexpr const char* kDefaultSchema = "default";

  // Opens the workspace at `home`, creating on first use the folder, metastore.db (migrated to
  // the current schema version), managed/, and the catalog `main` with schema `default`.
  static arrow::Result<std::shared_ptr<Metastore>> Open(const std::string& home);
  ~Metastore();
  Metastore(const Metastore&) = delete;
  Metastore& operator=(const Metastore&) = delete;

  const std::string& home() const { return home_; }

  // ---- catalogs. A new catalog gets an empty schema `default`, as in Databricks.
  arrow::Status CreateCatalog(const CatalogInfo& info, bool if_not_exists);
  arrow::Result<CatalogInfo> GetCatalog(const std::string& name) const;
  arrow::Result<std::vector<CatalogInfo>> ListCatalogs(const std::string& pattern = "") const;
  // RESTRICT (cascade = false) fails with CATALOG_NOT_EMPTY unless the catalog holds nothing but
  // an empty `default` schema. Dropping `main` is allowed when asked for explicitly; it is not
  // re-created on the next Open.
  arrow::Status DropCatalog(const std::string& name, bool if_exists, bool cascade);

  // ---- schemas
  arrow::Status CreateSchema(const SchemaInfo& info, bool if_not_exists);
  arrow::Result<SchemaInfo> GetSchema(const SchemaName& name) const;
  arrow::Result<std::vector<SchemaInfo>> ListSchemas(const std::string& catalog,
                                                     const std::string& pattern = "") const;
  // RESTRICT fails with SCHEMA_NOT_EMPTY when the schema holds any table, view, volume or function.
  arrow::Status DropSchema(const SchemaName& name, bool if_exists, bool cascade);

  // ---- tables and views (one namespace)
  // Picks the id and location of a managed table in `schema` without registering anything. The
  // crash-safe CREATE TABLE flow: allocate → write the Delta log there → CreateTable with that
  // table_id and storage_location. A crash before CreateTable leaves only an orphan folder.
  arrow::Result<ManagedTableAllocation> AllocateManagedTable(const SchemaName& schema) const;
  // Registers a table or view and returns it as stored (ids, location, owner, times filled in).
  // MANAGED without a location gets a fresh allocation; a given MANAGED location must be one
  // from AllocateManagedTable. EXTERNAL needs a location (relative paths are made absolute).
  // if_not_exists: an existing object is returned unchanged (compare table_id to tell).
  // or_replace: an existing object of the same kind (table vs view) is replaced, keeping its
  // table_id and created_at; a managed table keeps its location unless a new one is given (then
  // the old folder is removed after the commit).
  arrow::Result<TableInfo> CreateTable(TableInfo info, bool if_not_exists, bool or_replace);
  arrow::Result<TableInfo> GetTable(const TableName& name) const;
  arrow::Result<bool> TableExists(const TableName& name) const;
  // Tables and views of a schema, ordered by name.
  arrow::Result<std::vector<TableInfo>> ListTables(const SchemaName& schema,
                                                   const std::string& pattern = "") const;
  // Drops a table (not a view: WRONG_COMMAND_FOR_OBJECT_TYPE). With expected_table_id set, only
  // the table with that id is dropped; another one of that name counts as not found — the way
  // to undo one's own CreateTable without racing a concurrent re-create.
  arrow::Status DropTable(const TableName& name, bool if_exists,
                          const std::string& expected_table_id = "");
  arrow::Status DropView(const TableName& name, bool if_exists);
  // Renames a table or view, within its schema or into another schema of the same catalog.
  arrow::Status RenameTable(const TableName& from, const TableName& to);
  // ALTER TABLE ... SET LOCATION, for EXTERNAL tables only.
  arrow::Status SetTableLocation(const TableName& name, const std::string& location);

  // ---- volumes
  // MANAGED: the folder is created under the managed root before the row is committed.
  // EXTERNAL: the location folder is created when missing; DROP never removes it.
  arrow::Result<VolumeInfo> CreateVolume(VolumeInfo info, bool if_not_exists);
  arrow::Result<VolumeInfo> GetVolume(const ObjectName& name) const;
  arrow::Result<std::vector<VolumeInfo>> ListVolumes(const SchemaName& schema,
                                                     const std::string& pattern = "") const;
  arrow::Status DropVolume(const ObjectName& name, bool if_exists);
  arrow::Status RenameVolume(const ObjectName& from, const ObjectName& to);
  // "/Volumes/<catalog>/<schema>/<volume>/a/b.csv" → "<volume storage location>/a/b.csv".
  arrow::Result<std::string> ResolveVolumePath(const std::string& volume_path) const;

  // ---- SQL functions
  arrow::Result<FunctionInfo> CreateFunction(FunctionInfo info, bool if_not_exists,
                                             bool or_replace);
  arrow::Result<FunctionInfo> GetFunction(const ObjectName& name) const;
  arrow::Result<std::vector<FunctionInfo>> ListFunctions(const SchemaName& schema,
                                                         const std::string& pattern = "") const;
  arrow::Status DropFunction(const ObjectName& name, bool if_exists);

  // ---- ALTER / COMMENT ON for any securable. `name` has 1 (catalog), 2 (schema) or 3 parts.
  arrow::Status SetComment(SecurableKind kind, const std::vector<std::string>& name,
                           std::optional<std::string> comment);
  // Catalogs, schemas and tables/views. Unsetting a key that is not set is a no-op (Spark 4).
  arrow::Status SetProperties(SecurableKind kind, const std::vector<std::string>& name,
                              const StringMap& set, const std::vector<std::string>& unset);
  arrow::Status SetOwner(SecurableKind kind, const std::vector<std::string>& name,
                         const std::string& owner);

  // Runs SQLite's integrity and foreign-key checks and verifies that every managed volume's
  // folder exists; an error describing the first problem found.
  arrow::Status CheckConsistency() const;

 private:
  Metastore(std::string home, std::unique_ptr<SqliteConnection> connection);
  arrow::Result<std::string> ManagedRoot(const SchemaName& schema) const;  // under mutex_
  std::string NewOwner(const std::string& requested) const;

  std::string home_;
  std::string current_user_;
  mutable std::mutex mutex_;
  std::unique_ptr<SqliteConnection> connection_;  // guarded by mutex_
};

}  // namespace tarn::catalog
