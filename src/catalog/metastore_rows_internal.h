// Rows of metastore.db to and from the info records, and the user errors the metastore raises.
// Callers hold the Metastore's mutex (and a write transaction for writes).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <arrow/result.h>
#include <arrow/status.h>

#include "catalog/securable_info.h"
#include "catalog/sqlite_connection_internal.h"

namespace tarn::catalog {

int64_t NowMillis();
std::string NewUuid();  // random (version 4)

arrow::Result<std::optional<CatalogInfo>> LoadCatalog(SqliteConnection& db, const std::string& name);
arrow::Result<std::vector<CatalogInfo>> LoadCatalogs(SqliteConnection& db);
arrow::Result<std::optional<SchemaInfo>> LoadSchema(SqliteConnection& db, const SchemaName& name);
arrow::Result<std::vector<SchemaInfo>> LoadSchemas(SqliteConnection& db, const std::string& catalog);
// `schema` empty: every table of the catalog.
arrow::Result<std::optional<TableInfo>> LoadTable(SqliteConnection& db, const ObjectName& name);
arrow::Result<std::vector<TableInfo>> LoadTables(SqliteConnection& db, const std::string& catalog,
                                                 const std::string& schema);
arrow::Result<std::optional<VolumeInfo>> LoadVolume(SqliteConnection& db, const ObjectName& name);
arrow::Result<std::vector<VolumeInfo>> LoadVolumes(SqliteConnection& db, const std::string& catalog,
                                                   const std::string& schema);
arrow::Result<std::optional<FunctionInfo>> LoadFunction(SqliteConnection& db, const ObjectName& name);
arrow::Result<std::vector<FunctionInfo>> LoadFunctions(SqliteConnection& db,
                                                       const std::string& catalog,
                                                       const std::string& schema);

arrow::Status InsertCatalog(SqliteConnection& db, const CatalogInfo& info);
arrow::Status InsertSchema(SqliteConnection& db, const SchemaInfo& info);
arrow::Status InsertTable(SqliteConnection& db, const TableInfo& info);
arrow::Status InsertVolume(SqliteConnection& db, const VolumeInfo& info);
arrow::Status InsertFunction(SqliteConnection& db, const FunctionInfo& info);

// Deletes rows of `table` ("catalogs", "schemas", "tables", "volumes", "functions") whose key
// columns equal `key` (1, 2 or 3 parts: catalog, schema, name); returns the number deleted.
arrow::Result<int64_t> DeleteRows(SqliteConnection& db, const std::string& table,
                                  const std::vector<std::string>& key);

// OK when the schema exists, else CATALOG_NOT_FOUND or SCHEMA_NOT_FOUND.
arrow::Status RequireSchema(SqliteConnection& db, const SchemaName& name);

std::string EncodeStringMap(const StringMap& map);
arrow::Result<StringMap> DecodeStringMap(const std::string& json);

// The errors, with Spark's / Databricks' classes and the quoted full name.
arrow::Status CatalogNotFound(const std::string& name);
arrow::Status CatalogAlreadyExists(const std::string& name);
arrow::Status CatalogNotEmpty(const std::string& name);
arrow::Status SchemaNotFound(const SchemaName& name);
arrow::Status SchemaAlreadyExists(const SchemaName& name);
arrow::Status SchemaNotEmpty(const SchemaName& name);
arrow::Status TableOrViewNotFound(const ObjectName& name);
arrow::Status TableOrViewAlreadyExists(const ObjectName& name);
arrow::Status VolumeNotFound(const ObjectName& name);
arrow::Status VolumeAlreadyExists(const ObjectName& name);
arrow::Status RoutineNotFound(const ObjectName& name);
arrow::Status RoutineAlreadyExists(const ObjectName& name);

}  // namespace tarn::catalog
