#include "catalog/metastore_rows_internal.h"

#include <chrono>
#include <random>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "errors/error_class.h"

namespace tarn::catalog {
namespace {

constexpr const char* kCatalogColumns = "name, comment, properties, owner, created_at, updated_at";
constexpr const char* kSchemaColumns =
    "catalog, name, comment, properties, location, owner, created_at, updated_at";
constexpr const char* kTableColumns =
    "catalog, schema, name, table_id, type, format, location, comment, properties, view_text, "
    "view_columns, owner, created_at, updated_at";
constexpr const char* kVolumeColumns =
    "catalog, schema, name, volume_id, type, location, comment, owner, created_at, updated_at";
constexpr const char* kFunctionColumns =
    "catalog, schema, name, parameters, return_type, returns_table, body, comment, deterministic, "
    "owner, created_at, updated_at";

arrow::Result<CatalogInfo> ReadCatalog(const SqliteStatement& row) {
  CatalogInfo info;
  info.name = row.Text(0);
  info.comment = row.OptionalText(1);
  ARROW_ASSIGN_OR_RAISE(info.properties, DecodeStringMap(row.Text(2)));
  info.owner = row.Text(3);
  info.created_at = row.Int64(4);
  info.updated_at = row.Int64(5);
  return info;
}

arrow::Result<SchemaInfo> ReadSchema(const SqliteStatement& row) {
  SchemaInfo info;
  info.catalog = row.Text(0);
  info.name = row.Text(1);
  info.comment = row.OptionalText(2);
  ARROW_ASSIGN_OR_RAISE(info.properties, DecodeStringMap(row.Text(3)));
  info.location = row.OptionalText(4);
  info.owner = row.Text(5);
  info.created_at = row.Int64(6);
  info.updated_at = row.Int64(7);
  return info;
}

arrow::Result<TableInfo> ReadTable(const SqliteStatement& row) {
  TableInfo info;
  info.name = {row.Text(0), row.Text(1), row.Text(2)};
  info.table_id = row.Text(3);
  ARROW_ASSIGN_OR_RAISE(info.type, ParseTableType(row.Text(4)));
  info.data_source_format = row.Text(5);
  info.storage_location = row.Text(6);
  info.comment = row.OptionalText(7);
  ARROW_ASSIGN_OR_RAISE(info.properties, DecodeStringMap(row.Text(8)));
  info.view_text = row.Text(9);
  auto columns = nlohmann::json::parse(row.Text(10), nullptr, /*allow_exceptions=*/false);
  if (!columns.is_array()) return arrow::Status::Invalid("metastore: corrupt view_columns");
  for (const auto& column : columns) {
    if (!column.is_string()) return arrow::Status::Invalid("metastore: corrupt view_columns");
    info.view_columns.push_back(column.get<std::string>());
  }
  info.owner = row.Text(11);
  info.created_at = row.Int64(12);
  info.updated_at = row.Int64(13);
  return info;
}

arrow::Result<VolumeInfo> ReadVolume(const SqliteStatement& row) {
  VolumeInfo info;
  info.name = {row.Text(0), row.Text(1), row.Text(2)};
  info.volume_id = row.Text(3);
  ARROW_ASSIGN_OR_RAISE(info.type, ParseVolumeType(row.Text(4)));
  info.storage_location = row.Text(5);
  info.comment = row.OptionalText(6);
  info.owner = row.Text(7);
  info.created_at = row.Int64(8);
  info.updated_at = row.Int64(9);
  return info;
}

std::optional<std::string> OptionalString(const nlohmann::json& object, const char* key) {
  auto it = object.find(key);
  if (it == object.end() || !it->is_string()) return std::nullopt;
  return it->get<std::string>();
}

arrow::Result<FunctionInfo> ReadFunction(const SqliteStatement& row) {
  FunctionInfo info;
  info.name = {row.Text(0), row.Text(1), row.Text(2)};
  auto parameters = nlohmann::json::parse(row.Text(3), nullptr, /*allow_exceptions=*/false);
  if (!parameters.is_array()) return arrow::Status::Invalid("metastore: corrupt parameters");
  for (const auto& p : parameters) {
    if (!p.is_object()) return arrow::Status::Invalid("metastore: corrupt parameters");
    info.parameters.push_back({OptionalString(p, "name").value_or(""),
                               OptionalString(p, "type").value_or(""),
                               OptionalString(p, "default"), OptionalString(p, "comment")});
  }
  info.return_type = row.Text(4);
  info.returns_table = row.Int64(5) != 0;
  info.body = row.Text(6);
  info.comment = row.OptionalText(7);
  info.deterministic = row.Int64(8) != 0;
  info.owner = row.Text(9);
  info.created_at = row.Int64(10);
  info.updated_at = row.Int64(11);
  return info;
}

// SELECT <columns> FROM <table> WHERE <the first key.size() key columns> = key ORDER BY name.
template <typename Info, typename Reader>
arrow::Result<std::vector<Info>> Select(SqliteConnection& db, const char* table,
                                        const char* columns,
                                        const std::vector<const char*>& key_columns,
                                        const std::vector<std::string>& key, Reader read) {
  std::string sql = fmt::format("SELECT {} FROM {}", columns, table);
  for (size_t i = 0; i < key.size(); ++i) {
    sql += fmt::format(" {} {} = ?{}", i == 0 ? "WHERE" : "AND", key_columns[i], i + 1);
  }
  sql += " ORDER BY name";
  ARROW_ASSIGN_OR_RAISE(auto statement, db.Prepare(sql));
  for (size_t i = 0; i < key.size(); ++i) {
    ARROW_RETURN_NOT_OK(statement.Bind(static_cast<int>(i + 1), key[i]));
  }
  std::vector<Info> out;
  while (true) {
    ARROW_ASSIGN_OR_RAISE(bool row, statement.Step());
    if (!row) break;
    ARROW_ASSIGN_OR_RAISE(auto info, read(statement));
    out.push_back(std::move(info));
  }
  return out;
}

template <typename Info>
std::optional<Info> First(std::vector<Info> rows) {
  if (rows.empty()) return std::nullopt;
  return std::move(rows.front());
}

const std::vector<const char*> kObjectKey = {"catalog", "schema", "name"};

std::vector<std::string> ScopeKey(const std::string& catalog, const std::string& schema) {
  if (schema.empty()) return {catalog};
  return {catalog, schema};
}

}  // namespace

int64_t NowMillis() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string NewUuid() {
  // A fresh engine per call: no shared mutable state, and random_device keeps processes apart.
  std::random_device device;
  std::mt19937_64 engine((static_cast<uint64_t>(device()) << 32) ^ device());
  uint64_t high = engine(), low = engine();
  high = (high & 0xFFFFFFFFFFFF0FFFULL) | 0x0000000000004000ULL;  // version 4
  low = (low & 0x3FFFFFFFFFFFFFFFULL) | 0x8000000000000000ULL;    // RFC 4122 variant
  return fmt::format("{:08x}-{:04x}-{:04x}-{:04x}-{:012x}", high >> 32, (high >> 16) & 0xFFFF,
                     high & 0xFFFF, low >> 48, low & 0xFFFFFFFFFFFFULL);
}

arrow::Result<std::optional<CatalogInfo>> LoadCatalog(SqliteConnection& db, const std::string& name) {
  ARROW_ASSIGN_OR_RAISE(auto rows, Select<CatalogInfo>(db, "catalogs", kCatalogColumns, {"name"},
                                                       {name}, ReadCatalog));
  return First(std::move(rows));
}

arrow::Result<std::vector<CatalogInfo>> LoadCatalogs(SqliteConnection& db) {
  return Select<CatalogInfo>(db, "catalogs", kCatalogColumns, {}, {}, ReadCatalog);
}

arrow::Result<std::optional<SchemaInfo>> LoadSchema(SqliteConnection& db, const SchemaName& name) {
  ARROW_ASSIGN_OR_RAISE(auto rows, Select<SchemaInfo>(db, "schemas", kSchemaColumns,
                                                      {"catalog", "name"},
                                                      {name.catalog, name.schema}, ReadSchema));
  return First(std::move(rows));
}

arrow::Result<std::vector<SchemaInfo>> LoadSchemas(SqliteConnection& db, const std::string& catalog) {
  return Select<SchemaInfo>(db, "schemas", kSchemaColumns, {"catalog"}, {catalog}, ReadSchema);
}

arrow::Result<std::optional<TableInfo>> LoadTable(SqliteConnection& db, const ObjectName& name) {
  ARROW_ASSIGN_OR_RAISE(auto rows, Select<TableInfo>(db, "tables", kTableColumns, kObjectKey,
                                                     {name.catalog, name.schema, name.name},
                                                     ReadTable));
  return First(std::move(rows));
}

arrow::Result<std::vector<TableInfo>> LoadTables(SqliteConnection& db, const std::string& catalog,
                                                 const std::string& schema) {
  return Select<TableInfo>(db, "tables", kTableColumns, kObjectKey, ScopeKey(catalog, schema),
                           ReadTable);
}

arrow::Result<std::optional<VolumeInfo>> LoadVolume(SqliteConnection& db, const ObjectName& name) {
  ARROW_ASSIGN_OR_RAISE(auto rows, Select<VolumeInfo>(db, "volumes", kVolumeColumns, kObjectKey,
                                                      {name.catalog, name.schema, name.name},
                                                      ReadVolume));
  return First(std::move(rows));
}

arrow::Result<std::vector<VolumeInfo>> LoadVolumes(SqliteConnection& db, const std::string& catalog,
                                                   const std::string& schema) {
  return Select<VolumeInfo>(db, "volumes", kVolumeColumns, kObjectKey, ScopeKey(catalog, schema),
                            ReadVolume);
}

arrow::Result<std::optional<FunctionInfo>> LoadFunction(SqliteConnection& db,
                                                        const ObjectName& name) {
  ARROW_ASSIGN_OR_RAISE(auto rows,
                        Select<FunctionInfo>(db, "functions", kFunctionColumns, kObjectKey,
                                             {name.catalog, name.schema, name.name}, ReadFunction));
  return First(std::move(rows));
}

arrow::Result<std::vector<FunctionInfo>> LoadFunctions(SqliteConnection& db,
                                                       const std::string& catalog,
                                                       const std::string& schema) {
  return Select<FunctionInfo>(db, "functions", kFunctionColumns, kObjectKey,
                              ScopeKey(catalog, schema), ReadFunction);
}

arrow::Status InsertCatalog(SqliteConnection& db, const CatalogInfo& info) {
  ARROW_ASSIGN_OR_RAISE(auto s, db.Prepare(fmt::format(
                                    "INSERT INTO catalogs ({}) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                                    kCatalogColumns)));
  ARROW_RETURN_NOT_OK(s.Bind(1, info.name));
  ARROW_RETURN_NOT_OK(s.Bind(2, info.comment));
  ARROW_RETURN_NOT_OK(s.Bind(3, EncodeStringMap(info.properties)));
  ARROW_RETURN_NOT_OK(s.Bind(4, info.owner));
  ARROW_RETURN_NOT_OK(s.Bind(5, info.created_at));
  ARROW_RETURN_NOT_OK(s.Bind(6, info.updated_at));
  return s.Run();
}

arrow::Status InsertSchema(SqliteConnection& db, const SchemaInfo& info) {
  ARROW_ASSIGN_OR_RAISE(auto s, db.Prepare(fmt::format(
                                    "INSERT INTO schemas ({}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                                    kSchemaColumns)));
  ARROW_RETURN_NOT_OK(s.Bind(1, info.catalog));
  ARROW_RETURN_NOT_OK(s.Bind(2, info.name));
  ARROW_RETURN_NOT_OK(s.Bind(3, info.comment));
  ARROW_RETURN_NOT_OK(s.Bind(4, EncodeStringMap(info.properties)));
  ARROW_RETURN_NOT_OK(s.Bind(5, info.location));
  ARROW_RETURN_NOT_OK(s.Bind(6, info.owner));
  ARROW_RETURN_NOT_OK(s.Bind(7, info.created_at));
  ARROW_RETURN_NOT_OK(s.Bind(8, info.updated_at));
  return s.Run();
}

arrow::Status InsertTable(SqliteConnection& db, const TableInfo& info) {
  ARROW_ASSIGN_OR_RAISE(
      auto s, db.Prepare(fmt::format("INSERT INTO tables ({}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, "
                                     "?8, ?9, ?10, ?11, ?12, ?13, ?14)",
                                     kTableColumns)));
  nlohmann::json columns = info.view_columns;
  ARROW_RETURN_NOT_OK(s.Bind(1, info.name.catalog));
  ARROW_RETURN_NOT_OK(s.Bind(2, info.name.schema));
  ARROW_RETURN_NOT_OK(s.Bind(3, info.name.name));
  ARROW_RETURN_NOT_OK(s.Bind(4, info.table_id));
  ARROW_RETURN_NOT_OK(s.Bind(5, std::string(ToString(info.type))));
  ARROW_RETURN_NOT_OK(s.Bind(6, info.data_source_format));
  ARROW_RETURN_NOT_OK(s.Bind(7, info.storage_location));
  ARROW_RETURN_NOT_OK(s.Bind(8, info.comment));
  ARROW_RETURN_NOT_OK(s.Bind(9, EncodeStringMap(info.properties)));
  ARROW_RETURN_NOT_OK(s.Bind(10, info.view_text));
  ARROW_RETURN_NOT_OK(s.Bind(11, columns.dump()));
  ARROW_RETURN_NOT_OK(s.Bind(12, info.owner));
  ARROW_RETURN_NOT_OK(s.Bind(13, info.created_at));
  ARROW_RETURN_NOT_OK(s.Bind(14, info.updated_at));
  return s.Run();
}

arrow::Status InsertVolume(SqliteConnection& db, const VolumeInfo& info) {
  ARROW_ASSIGN_OR_RAISE(
      auto s, db.Prepare(fmt::format(
                  "INSERT INTO volumes ({}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                  kVolumeColumns)));
  ARROW_RETURN_NOT_OK(s.Bind(1, info.name.catalog));
  ARROW_RETURN_NOT_OK(s.Bind(2, info.name.schema));
  ARROW_RETURN_NOT_OK(s.Bind(3, info.name.name));
  ARROW_RETURN_NOT_OK(s.Bind(4, info.volume_id));
  ARROW_RETURN_NOT_OK(s.Bind(5, std::string(ToString(info.type))));
  ARROW_RETURN_NOT_OK(s.Bind(6, info.storage_location));
  ARROW_RETURN_NOT_OK(s.Bind(7, info.comment));
  ARROW_RETURN_NOT_OK(s.Bind(8, info.owner));
  ARROW_RETURN_NOT_OK(s.Bind(9, info.created_at));
  ARROW_RETURN_NOT_OK(s.Bind(10, info.updated_at));
  return s.Run();
}

arrow::Status InsertFunction(SqliteConnection& db, const FunctionInfo& info) {
  ARROW_ASSIGN_OR_RAISE(
      auto s, db.Prepare(fmt::format("INSERT INTO functions ({}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, "
                                     "?7, ?8, ?9, ?10, ?11, ?12)",
                                     kFunctionColumns)));
  nlohmann::json parameters = nlohmann::json::array();
  for (const auto& p : info.parameters) {
    nlohmann::json entry = {{"name", p.name}, {"type", p.type_text}};
    if (p.default_expression) entry["default"] = *p.default_expression;
    if (p.comment) entry["comment"] = *p.comment;
    parameters.push_back(std::move(entry));
  }
  ARROW_RETURN_NOT_OK(s.Bind(1, info.name.catalog));
  ARROW_RETURN_NOT_OK(s.Bind(2, info.name.schema));
  ARROW_RETURN_NOT_OK(s.Bind(3, info.name.name));
  ARROW_RETURN_NOT_OK(s.Bind(4, parameters.dump()));
  ARROW_RETURN_NOT_OK(s.Bind(5, info.return_type));
  ARROW_RETURN_NOT_OK(s.Bind(6, int64_t{info.returns_table ? 1 : 0}));
  ARROW_RETURN_NOT_OK(s.Bind(7, info.body));
  ARROW_RETURN_NOT_OK(s.Bind(8, info.comment));
  ARROW_RETURN_NOT_OK(s.Bind(9, int64_t{info.deterministic ? 1 : 0}));
  ARROW_RETURN_NOT_OK(s.Bind(10, info.owner));
  ARROW_RETURN_NOT_OK(s.Bind(11, info.created_at));
  ARROW_RETURN_NOT_OK(s.Bind(12, info.updated_at));
  return s.Run();
}

arrow::Result<int64_t> DeleteRows(SqliteConnection& db, const std::string& table,
                                  const std::vector<std::string>& key) {
  // `catalogs` and `schemas` name their own column `name`; the others key on catalog/schema/name.
  std::vector<const char*> columns = kObjectKey;
  if (table == "catalogs") columns = {"name"};
  if (table == "schemas") columns = {"catalog", "name"};
  std::string sql = "DELETE FROM " + table;
  for (size_t i = 0; i < key.size(); ++i) {
    sql += fmt::format(" {} {} = ?{}", i == 0 ? "WHERE" : "AND", columns[i], i + 1);
  }
  ARROW_ASSIGN_OR_RAISE(auto statement, db.Prepare(sql));
  for (size_t i = 0; i < key.size(); ++i) {
    ARROW_RETURN_NOT_OK(statement.Bind(static_cast<int>(i + 1), key[i]));
  }
  ARROW_RETURN_NOT_OK(statement.Run());
  return db.changes();
}

arrow::Status RequireSchema(SqliteConnection& db, const SchemaName& name) {
  ARROW_ASSIGN_OR_RAISE(auto schema, LoadSchema(db, name));
  if (schema) return arrow::Status::OK();
  ARROW_ASSIGN_OR_RAISE(auto catalog, LoadCatalog(db, name.catalog));
  if (!catalog) return CatalogNotFound(name.catalog);
  return SchemaNotFound(name);
}

std::string EncodeStringMap(const StringMap& map) {
  nlohmann::json object = nlohmann::json::object();
  for (const auto& [key, value] : map) object[key] = value;
  return object.dump();
}

arrow::Result<StringMap> DecodeStringMap(const std::string& json) {
  auto object = nlohmann::json::parse(json, nullptr, /*allow_exceptions=*/false);
  if (!object.is_object()) return arrow::Status::Invalid("metastore: corrupt properties: ", json);
  StringMap out;
  for (const auto& [key, value] : object.items()) {
    if (!value.is_string()) return arrow::Status::Invalid("metastore: corrupt properties: ", json);
    out[key] = value.get<std::string>();
  }
  return out;
}

arrow::Status CatalogNotFound(const std::string& name) {
  return UserError("CATALOG_NOT_FOUND", "The catalog {} not found.", QuoteIdentifier(name));
}

arrow::Status CatalogAlreadyExists(const std::string& name) {
  return UserError("CATALOG_ALREADY_EXISTS",
                   "Cannot create catalog {} because it already exists. Choose a different name, "
                   "drop the existing catalog, or add the IF NOT EXISTS clause to tolerate a "
                   "pre-existing catalog.",
                   QuoteIdentifier(name));
}

arrow::Status CatalogNotEmpty(const std::string& name) {
  return UserError("CATALOG_NOT_EMPTY",
                   "Cannot drop a catalog {} because it contains objects. Use DROP CATALOG ... "
                   "CASCADE to drop the catalog and all its objects.",
                   QuoteIdentifier(name));
}

arrow::Status SchemaNotFound(const SchemaName& name) {
  return UserError("SCHEMA_NOT_FOUND",
                   "The schema {} cannot be found. Verify the spelling and correctness of the "
                   "schema and catalog.",
                   QuoteName(name));
}

arrow::Status SchemaAlreadyExists(const SchemaName& name) {
  return UserError("SCHEMA_ALREADY_EXISTS",
                   "Cannot create schema {} because it already exists. Choose a different name, "
                   "drop the existing schema, or add the IF NOT EXISTS clause to tolerate "
                   "pre-existing schema.",
                   QuoteName(name));
}

arrow::Status SchemaNotEmpty(const SchemaName& name) {
  return UserError("SCHEMA_NOT_EMPTY",
                   "Cannot drop a schema {} because it contains objects. Use DROP SCHEMA ... "
                   "CASCADE to drop the schema and all its objects.",
                   QuoteName(name));
}

arrow::Status TableOrViewNotFound(const ObjectName& name) {
  return UserError("TABLE_OR_VIEW_NOT_FOUND",
                   "The table or view {} cannot be found. Verify the spelling and correctness of "
                   "the schema and catalog.",
                   QuoteName(name));
}

arrow::Status TableOrViewAlreadyExists(const ObjectName& name) {
  return UserError("TABLE_OR_VIEW_ALREADY_EXISTS",
                   "Cannot create table or view {} because it already exists. Choose a different "
                   "name, drop or replace the existing object, or add the IF NOT EXISTS clause "
                   "to tolerate pre-existing objects.",
                   QuoteName(name));
}

arrow::Status VolumeNotFound(const ObjectName& name) {
  return UserError("VOLUME_NOT_FOUND", "The volume {} cannot be found.", QuoteName(name));
}

arrow::Status VolumeAlreadyExists(const ObjectName& name) {
  return UserError("VOLUME_ALREADY_EXISTS",
                   "Cannot create volume {} because it already exists. Choose a different name, "
                   "drop the existing volume, or add the IF NOT EXISTS clause.",
                   QuoteName(name));
}

arrow::Status RoutineNotFound(const ObjectName& name) {
  return UserError("ROUTINE_NOT_FOUND",
                   "The routine {} cannot be found. Verify the spelling and correctness of the "
                   "schema and catalog.",
                   QuoteName(name));
}

arrow::Status RoutineAlreadyExists(const ObjectName& name) {
  return UserError("ROUTINE_ALREADY_EXISTS",
                   "Cannot create the function {} because a function of that name already "
                   "exists. Choose a different name, drop or replace the existing function, or "
                   "add the IF NOT EXISTS clause to tolerate a pre-existing function.",
                   QuoteName(name));
}

}  // namespace tarn::catalog
