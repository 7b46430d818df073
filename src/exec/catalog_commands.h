// Statements on catalog objects: USE, CREATE / DROP / ALTER / COMMENT ON / SHOW / DESCRIBE of
// catalogs, schemas, tables, views, volumes and functions, over the workspace's metastore.
#pragma once

#include <memory>

#include <arrow/result.h>
#include <arrow/type_fwd.h>

#include "exec/command_context.h"
#include "sql/plan/statement.h"

namespace tarn::exec {

class CatalogCommands {
 public:
  explicit CatalogCommands(CommandContext& ctx) : ctx_(ctx) {}

  arrow::Result<std::shared_ptr<arrow::Table>> Execute(const sql::Statement& statement);

 private:
  // ALTER TABLE t ADD CONSTRAINT n CHECK (expr) / DROP CONSTRAINT [IF EXISTS] n.
  arrow::Result<std::shared_ptr<arrow::Table>> AlterConstraint(const sql::Statement& statement, SessionCatalog& names);
  // ALTER TABLE t ADD COLUMNS / RENAME COLUMN / DROP COLUMNS / ALTER COLUMN (comment, type
  // widening, NOT NULL).
  arrow::Result<std::shared_ptr<arrow::Table>> AlterColumns(const sql::Statement& statement, SessionCatalog& names);

  CommandContext& ctx_;
};

}  // namespace tarn::exec
