// The securables of the metastore and their info records, as Unity Catalog names them.
// Names are case-insensitive: the metastore stores and compares them in lower case.
// Every field has an initializer, so callers may brace-initialise only the leading ones
// (e.g. SchemaInfo{"main", "bronze"}) under -Wextra.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <arrow/result.h>

namespace tarn::catalog {

using StringMap = std::map<std::string, std::string>;

enum class SecurableKind { kCatalog, kSchema, kTable, kVolume, kFunction };
// kTable covers views too: tables and views share one namespace, as in Spark.
enum class TableType { kManaged, kExternal, kView };
enum class VolumeType { kManaged, kExternal };

std::string_view ToString(SecurableKind kind);    // "CATALOG", "SCHEMA", ...
std::string_view ToString(TableType type);        // "MANAGED", "EXTERNAL", "VIEW"
std::string_view ToString(VolumeType type);       // "MANAGED", "EXTERNAL"
arrow::Result<TableType> ParseTableType(std::string_view text);
arrow::Result<VolumeType> ParseVolumeType(std::string_view text);

struct SchemaName {
  std::string catalog{};
  std::string schema{};
};

// The three-part name of a table, view, volume or function.
struct ObjectName {
  std::string catalog{};
  std::string schema{};
  std::string name{};
  SchemaName schema_name() const { return {catalog, schema}; }
};
using TableName = ObjectName;

// Spark's quoting of a multi-part name: `main`.`default`.`t` (backticks inside doubled).
std::string QuoteIdentifier(std::string_view part);
std::string QuoteName(const std::vector<std::string>& parts);
std::string QuoteName(const SchemaName& name);
std::string QuoteName(const ObjectName& name);

// Times are milliseconds since the Unix epoch, as in Unity Catalog's REST API.
struct CatalogInfo {
  std::string name{};
  std::optional<std::string> comment{};
  StringMap properties{};
  std::string owner{};  // empty on create: the current user
  int64_t created_at = 0;
  int64_t updated_at = 0;
};

struct SchemaInfo {
  std::string catalog{};
  std::string name{};
  std::optional<std::string> comment{};
  StringMap properties{};
  // MANAGED LOCATION: where the managed tables and volumes of this schema go (else the workspace's).
  std::optional<std::string> location{};
  std::string owner{};
  int64_t created_at = 0;
  int64_t updated_at = 0;
};

struct TableInfo {
  ObjectName name{};
  std::string table_id{};  // a UUID; filled by the metastore unless given (see AllocateManagedTable)
  TableType type = TableType::kManaged;
  std::string data_source_format = "DELTA";  // DELTA, PARQUET, CSV, JSON, ...; empty for views
  std::string storage_location{};              // absolute path or URI; empty for views
  std::optional<std::string> comment{};
  StringMap properties{};
  std::string view_text{};                  // VIEW only: the query text
  std::vector<std::string> view_columns{};  // VIEW only: the column names as declared or derived
  std::string owner{};
  int64_t created_at = 0;
  int64_t updated_at = 0;
};

struct VolumeInfo {
  ObjectName name{};
  std::string volume_id{};  // a UUID, filled by the metastore
  VolumeType type = VolumeType::kManaged;
  std::string storage_location{};  // EXTERNAL: given; MANAGED: allocated by the metastore
  std::optional<std::string> comment{};
  std::string owner{};
  int64_t created_at = 0;
  int64_t updated_at = 0;
};

struct FunctionParameter {
  std::string name{};
  std::string type_text{};  // Spark type text, e.g. "DECIMAL(10,2)"
  std::optional<std::string> default_expression{};
  std::optional<std::string> comment{};
};

struct FunctionInfo {
  ObjectName name{};
  std::vector<FunctionParameter> parameters{};
  std::string return_type{};     // Spark type text; for a table function the TABLE(...) column list
  bool returns_table = false;  // RETURNS TABLE (...)
  std::string body{};            // the SQL expression or query after RETURN
  std::optional<std::string> comment{};
  bool deterministic = true;
  std::string owner{};
  int64_t created_at = 0;
  int64_t updated_at = 0;
};

// A managed location handed out before the table exists (see Metastore::AllocateManagedTable).
struct ManagedTableAllocation {
  std::string table_id{};
  std::string storage_location{};
};

}  // namespace tarn::catalog
