// What a table or catalog object looks like: SHOW COLUMNS / CREATE TABLE / PARTITIONS, DESCRIBE
// CATALOG / SCHEMA / VOLUME, and DESCRIBE [EXTENDED] of a Delta table (column comments from the
// Delta schema, Spark's "# Partition Information" and "# Detailed Table Information" sections).
#pragma once

#include <memory>

#include <arrow/result.h>
#include <arrow/type_fwd.h>

#include "exec/command_context.h"
#include "sql/plan/statement.h"

namespace tarn::exec {

class DescribeCommands {
 public:
  explicit DescribeCommands(CommandContext& ctx) : ctx_(ctx) {}

  // SHOW COLUMNS {IN | FROM} t [{IN | FROM} schema]: `col_name`, one row a column (tables, views
  // and temporary views alike).
  arrow::Result<std::shared_ptr<arrow::Table>> ShowColumns(const sql::Statement& statement);
  // SHOW CREATE TABLE t: `createtab_stmt`, a CREATE TABLE (or CREATE VIEW) statement that
  // recreates the table's definition: columns with NOT NULL, COMMENT and CHECK constraints,
  // USING delta, PARTITIONED BY, COMMENT, LOCATION of an external table, TBLPROPERTIES.
  arrow::Result<std::shared_ptr<arrow::Table>> ShowCreateTable(const sql::Statement& statement);
  // SHOW PARTITIONS t: one column a partition column, one row a partition with data.
  // INVALID_PARTITION_OPERATION.PARTITION_SCHEMA_IS_EMPTY for an unpartitioned table.
  arrow::Result<std::shared_ptr<arrow::Table>> ShowPartitions(const sql::Statement& statement);
  // DESCRIBE CATALOG / SCHEMA [EXTENDED] (info_name, info_value rows) and DESCRIBE VOLUME (one
  // row: name, catalog, database, owner, storageLocation, volumeType, comment, as Databricks).
  arrow::Result<std::shared_ptr<arrow::Table>> DescribeObject(const sql::Statement& statement);
  // DESCRIBE [TABLE] [EXTENDED] of a Delta table (in the catalog or by path).
  arrow::Result<std::shared_ptr<arrow::Table>> DescribeTable(const sql::Statement& statement,
                                                             const TableTarget& target);

 private:
  CommandContext& ctx_;
};

}  // namespace tarn::exec
