// Commands on one Delta table: INSERT, TRUNCATE, DESCRIBE HISTORY / DETAIL, OPTIMIZE, VACUUM,
// RESTORE. Each change is one atomic Delta commit; results are Spark's result tables.
#pragma once

#include <memory>

#include <arrow/result.h>
#include <arrow/type_fwd.h>

#include "exec/command_context.h"
#include "sql/plan/statement.h"

namespace tarn::exec {

class TableCommands {
 public:
  explicit TableCommands(CommandContext& ctx) : ctx_(ctx) {}

  // num_affected_rows, num_inserted_rows (Spark's result of INSERT on Delta).
  arrow::Result<std::shared_ptr<arrow::Table>> Insert(const sql::Statement& statement, const TableTarget& target);
  arrow::Result<std::shared_ptr<arrow::Table>> Truncate(const TableTarget& target);
  // RESTORE TABLE t TO VERSION AS OF v | TIMESTAMP AS OF ts: Spark's result columns.
  arrow::Result<std::shared_ptr<arrow::Table>> Restore(const sql::Statement& statement, const TableTarget& target);
  // CREATE [OR REPLACE] TABLE [IF NOT EXISTS] delta.`path` (columns) | AS query.
  arrow::Result<std::shared_ptr<arrow::Table>> CreateTableAtPath(const sql::Statement& statement,
                                                                 const TableTarget& target);
  arrow::Result<std::shared_ptr<arrow::Table>> DescribeHistory(const sql::Statement& statement,
                                                               const TableTarget& target);
  arrow::Result<std::shared_ptr<arrow::Table>> DescribeDetail(const TableTarget& target);
  arrow::Result<std::shared_ptr<arrow::Table>> Optimize(const sql::Statement& statement, const TableTarget& target);
  arrow::Result<std::shared_ptr<arrow::Table>> Vacuum(const sql::Statement& statement, const TableTarget& target);

  // Rows of `query` shaped to `schema` by position (Spark's store assignment: each value cast to
  // the column's type with ANSI casts), as one table ready to write.
  arrow::Result<std::shared_ptr<arrow::Table>> ConformRows(const sql::PlanPtr& query,
                                                           const std::shared_ptr<arrow::Schema>& schema,
                                                           const std::string& table_name);

 private:
  CommandContext& ctx_;
};

// Spark's message for a missing Delta table at a path or name.
arrow::Status DeltaTableNotFound(const TableTarget& target);

}  // namespace tarn::exec
