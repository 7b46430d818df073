#include "catalog/metastore_migrations_internal.h"

#include <fmt/format.h>

namespace tarn::catalog {
namespace {

// Version 1. Names are stored lower case; the primary keys make two concurrent CREATEs of one
// name end in one row, and the foreign keys keep every object inside an existing parent.
constexpr const char* kSchemaV1 = R"sql(
CREATE TABLE catalogs (
  name TEXT PRIMARY KEY,
  comment TEXT,
  properties TEXT NOT NULL DEFAULT '{}',
  owner TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE TABLE schemas (
  catalog TEXT NOT NULL REFERENCES catalogs(name),
  name TEXT NOT NULL,
  comment TEXT,
  properties TEXT NOT NULL DEFAULT '{}',
  location TEXT,
  owner TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (catalog, name)
);
CREATE TABLE tables (
  catalog TEXT NOT NULL,
  schema TEXT NOT NULL,
  name TEXT NOT NULL,
  table_id TEXT NOT NULL UNIQUE,
  type TEXT NOT NULL CHECK (type IN ('MANAGED', 'EXTERNAL', 'VIEW')),
  format TEXT NOT NULL,
  location TEXT NOT NULL,
  comment TEXT,
  properties TEXT NOT NULL DEFAULT '{}',
  view_text TEXT NOT NULL DEFAULT '',
  view_columns TEXT NOT NULL DEFAULT '[]',
  owner TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (catalog, schema, name),
  FOREIGN KEY (catalog, schema) REFERENCES schemas(catalog, name)
);
CREATE TABLE volumes (
  catalog TEXT NOT NULL,
  schema TEXT NOT NULL,
  name TEXT NOT NULL,
  volume_id TEXT NOT NULL UNIQUE,
  type TEXT NOT NULL CHECK (type IN ('MANAGED', 'EXTERNAL')),
  location TEXT NOT NULL,
  comment TEXT,
  owner TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (catalog, schema, name),
  FOREIGN KEY (catalog, schema) REFERENCES schemas(catalog, name)
);
CREATE TABLE functions (
  catalog TEXT NOT NULL,
  schema TEXT NOT NULL,
  name TEXT NOT NULL,
  parameters TEXT NOT NULL DEFAULT '[]',
  return_type TEXT NOT NULL,
  returns_table INTEGER NOT NULL DEFAULT 0,
  body TEXT NOT NULL,
  comment TEXT,
  deterministic INTEGER NOT NULL DEFAULT 1,
  owner TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (catalog, schema, name),
  FOREIGN KEY (catalog, schema) REFERENCES schemas(catalog, name)
);
)sql";

}  // namespace

arrow::Status MigrateMetastore(SqliteConnection& connection, bool* created) {
  *created = false;
  ARROW_RETURN_NOT_OK(
      connection.Execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)"));
  ARROW_ASSIGN_OR_RAISE(auto query, connection.Prepare("SELECT max(version) FROM schema_version"));
  ARROW_ASSIGN_OR_RAISE(bool row, query.Step());
  int64_t version = row ? query.Int64(0) : 0;  // max() of no rows is NULL, read as 0
  if (version > kMetastoreSchemaVersion) {
    return arrow::Status::NotImplemented(fmt::format(
        "metastore: the workspace's metastore.db is at schema version {}, newer than this tarn "
        "understands ({}); upgrade tarn",
        version, kMetastoreSchemaVersion));
  }
  if (version == 0) {
    ARROW_RETURN_NOT_OK(connection.Execute(kSchemaV1));
    *created = true;
  }
  // Later versions add `if (version < N) { ALTER ... }` steps here, each moving one version up.
  if (version != kMetastoreSchemaVersion) {
    ARROW_RETURN_NOT_OK(connection.Execute("DELETE FROM schema_version"));
    ARROW_RETURN_NOT_OK(connection.Execute(
        fmt::format("INSERT INTO schema_version (version) VALUES ({})", kMetastoreSchemaVersion)));
  }
  return arrow::Status::OK();
}

}  // namespace tarn::catalog
