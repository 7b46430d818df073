// The SQL schema of metastore.db and its migrations. `schema_version` holds one row with the
// version the file is at; Migrate brings an older file up to date inside one write transaction.
#pragma once

#include <arrow/status.h>

#include "catalog/sqlite_connection_internal.h"

namespace tarn::catalog {

inline constexpr int kMetastoreSchemaVersion = 1;

// Creates or upgrades the tables. Returns true in `*created` when this call created the file's
// schema (then the caller seeds the default catalog in the same transaction). An error when the
// file is newer than this build understands.
arrow::Status MigrateMetastore(SqliteConnection& connection, bool* created);

}  // namespace tarn::catalog
